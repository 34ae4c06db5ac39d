"""What the synchronization rules say about a record, as words the window translates (see
`desktop_sync.words`): the errors of records changed in both apps or deleted in one, and the
log lines of what a job did. Names, keys, labels and values stay as they are.
"""

from __future__ import annotations

from typing import Any

from desktop_sync.domain import Side
from desktop_sync.words import QT_TRANSLATE_NOOP, Message, say

SKIPPED = say(QT_TRANSLATE_NOOP("Messages", "has an unresolved synchronization error"))
DELETED_IN_BOTH = say(QT_TRANSLATE_NOOP("Messages", "deleted in both apps; coupling removed"))
ONLY_COUPLED = say(
    QT_TRANSLATE_NOOP("Messages", "not coupled, and the mapping synchronizes only coupled records")
)


INSERTED_AFTER_INTERRUPT = say(
    QT_TRANSLATE_NOOP("Messages", "inserted by a job that was interrupted; completed now")
)


def deleted_after_interrupt(app: str) -> Message:
    return say(
        QT_TRANSLATE_NOOP(
            "Messages", "deleted in {app} by a job that was interrupted; completed now"
        ),
        app=app,
    )


def compared(compared: int, differed: int) -> Message:
    """What `sync --full` did: "40 coupled pairs compared by value, 2 differed"."""
    return say(
        QT_TRANSLATE_NOOP(
            "Messages", "{compared} coupled pair compared by value, {differed} differed"
        )
        if compared == 1
        else QT_TRANSLATE_NOOP(
            "Messages", "{compared} coupled pairs compared by value, {differed} differed"
        ),
        compared=compared,
        differed=differed,
    )


def back_filled(names: str, compared_: int, differed: int) -> Message:
    return say(
        QT_TRANSLATE_NOOP("Messages", "back-filled {names}: {done}"),
        names=names,
        done=compared(compared_, differed),
    )


def retried_by_themselves(count: int) -> Message:
    return say(
        QT_TRANSLATE_NOOP(
            "Messages",
            "{count} record(s) that had failed on a passing fault (a lost connection, a deadlock) "
            "retried by themselves",
        ),
        count=count,
    )


def doubled_key(app: str, table: str, key: str, count: int, column: str) -> Message:
    return say(
        QT_TRANSLATE_NOOP(
            "Messages",
            "{app} record {key} (table {table}) is on {count} rows: {column} must name one "
            "record. Give the others their own key in {app}, then Retry.",
        ),
        app=app,
        key=key,
        table=repr(table),
        count=count,
        column=repr(column),
    )


def not_synchronized(why: Message) -> Message:
    return say(QT_TRANSLATE_NOOP("Messages", "not synchronized: {why}"), why=why)


def direction_is(direction: str) -> Message:
    return say(
        QT_TRANSLATE_NOOP("Messages", "the mapping's direction is {direction}"), direction=direction
    )


def filter_excludes(app: str, column: str, wanted: Any, value: Any) -> Message:
    return say(
        QT_TRANSLATE_NOOP(
            "Messages", "{app} filter {column} = {wanted} excludes it ({column} is {value})"
        ),
        app=app,
        column=column,
        wanted=repr(wanted),
        value=repr(value),
    )


def deleted_before_synchronized(app: str) -> Message:
    return say(
        QT_TRANSLATE_NOOP("Messages", "deleted in {app} before it was synchronized"), app=app
    )


def deleted_there_too(deleted: str, remaining: str) -> Message:
    return say(
        QT_TRANSLATE_NOOP("Messages", "deleted in {deleted}, so deleted in {remaining} too"),
        deleted=deleted,
        remaining=remaining,
    )


def deleted_coupling_removed(deleted: str) -> Message:
    return say(
        QT_TRANSLATE_NOOP(
            "Messages", "deleted in {deleted}; coupling removed by the mapping's policy"
        ),
        deleted=deleted,
    )


def coupled_to_equal(app: str, key: str) -> Message:
    return say(
        QT_TRANSLATE_NOOP("Messages", "coupled to the equal {app} record {key}"), app=app, key=key
    )


def not_landed(app: str) -> Message:
    return say(
        QT_TRANSLATE_NOOP(
            "Messages",
            "not written: the {app} record changed while the job ran; it will be compared "
            "again next time",
        ),
        app=app,
    )


def deleted(
    names: dict[Side, str], keys: dict[Side, str | None], side: Side, changed: bool
) -> Message:
    """The message of a `deleted_*` error: `side`'s record is gone, the other's is there."""
    values = {
        "deleted": names[side],
        "deleted_key": keys[side] or "—",
        "remaining": names[side.other],
        "remaining_key": keys[side.other] or "—",
    }
    if changed:
        return say(
            QT_TRANSLATE_NOOP(
                "Messages",
                "The {deleted} record {deleted_key} was deleted; the coupled {remaining} "
                "record {remaining_key} still exists and was changed in {remaining} since the "
                "last synchronization.",
            ),
            **values,
        )
    return say(
        QT_TRANSLATE_NOOP(
            "Messages",
            "The {deleted} record {deleted_key} was deleted; the coupled {remaining} record "
            "{remaining_key} still exists.",
        ),
        **values,
    )


def changed_in_both(erp: str, crm: str, labels: list[str]) -> Message:
    return say(
        QT_TRANSLATE_NOOP(
            "Messages", "Changed in both {erp} and {crm} since the last synchronization ({fields})."
        ),
        erp=erp,
        crm=crm,
        fields=", ".join(labels),
    )


def failed_to_plan(app: str, record: str, kind: str, reason: str) -> Message:
    return say(
        QT_TRANSLATE_NOOP(
            "Messages", "{app} record {record} cannot be synchronized: {kind}: {reason}"
        ),
        app=app,
        record=record,
        kind=kind,
        reason=reason,
    )


def conflict_detail(
    names: dict[Side, str], records: dict[Side, Any], base: dict[str, Any], fields: list[Any]
) -> str:
    """The technical detail of a `changed_in_both` error: each field's values on both sides and
    at the last synchronization (the database's values, untranslated)."""
    erp, crm = records[Side.ERP], records[Side.CRM]
    return "\n".join(
        f"{f.label_on(Side.ERP)}: {names[Side.ERP]} {erp.values[f.erp]!r}, "
        f"{names[Side.CRM]} {crm.values[f.crm]!r}, last synchronized {base.get(f.name)!r}"
        for f in fields
    )
