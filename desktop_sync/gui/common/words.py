"""The window's words for values the headless layers keep in English, and for values every part
of the window shows alike (a moment in local time, an error kind, an app value).

The engine and the store know nothing of Qt: a job's status, a log line's outcome and direction,
an action's summary and some progress messages are plain English values there. The window shows
them through these functions, which translate the values they know and pass any other through.
Each text keeps the translation context of the class that first showed it ("ErrorsModel",
"RecordsModel"), so moving a function here moved no translation.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from desktop_sync.domain import ErrorKind, Side
from desktop_sync.services import Service
from desktop_sync.services.messages import CONTEXT as MESSAGES
from desktop_sync.services.messages import Message, english, nested
from desktop_sync.services.record_fields import modified_moment

CONTEXT = "Words"

JOB_STATUS = {
    "running": QT_TRANSLATE_NOOP("Words", "running"),
    "finished": QT_TRANSLATE_NOOP("Words", "finished"),
    "cancelled": QT_TRANSLATE_NOOP("Words", "cancelled"),
    "interrupted": QT_TRANSLATE_NOOP("Words", "interrupted"),
    "failed": QT_TRANSLATE_NOOP("Words", "failed"),
}
OUTCOME = {
    "inserted": QT_TRANSLATE_NOOP("Words", "inserted"),
    "modified": QT_TRANSLATE_NOOP("Words", "modified"),
    "unchanged": QT_TRANSLATE_NOOP("Words", "unchanged"),
    "deleted": QT_TRANSLATE_NOOP("Words", "deleted"),
    "skipped": QT_TRANSLATE_NOOP("Words", "skipped"),
    "failed": QT_TRANSLATE_NOOP("Words", "failed"),
    "coupled": QT_TRANSLATE_NOOP("Words", "coupled"),
    "uncoupled": QT_TRANSLATE_NOOP("Words", "uncoupled"),
    "restored": QT_TRANSLATE_NOOP("Words", "restored"),
    "retried": QT_TRANSLATE_NOOP("Words", "retried"),
}
DIRECTION = {
    "bidirectional": QT_TRANSLATE_NOOP("Words", "both ways"),
    "to_crm": QT_TRANSLATE_NOOP("Words", "ERP → CRM"),
    "to_erp": QT_TRANSLATE_NOOP("Words", "CRM → ERP"),
}
ORIGIN = {
    "manual": QT_TRANSLATE_NOOP("Words", "by hand"),
    "queue": QT_TRANSLATE_NOOP("Words", "job queue"),
}
PROGRESS = {
    "looking for deleted records": QT_TRANSLATE_NOOP("Words", "looking for deleted records"),
}


def _word(table: Mapping[str, object], value: str | None) -> str:
    if value is None:
        return ""
    source = table.get(str(value))
    return QCoreApplication.translate(CONTEXT, str(source)) if source else str(value)


def job_status(value: str | None) -> str:
    return _word(JOB_STATUS, value)


def outcome(value: str | None) -> str:
    return _word(OUTCOME, value)


def direction(value: str | None) -> str:
    return _word(DIRECTION, value)


def origin(value: str | None) -> str:
    return _word(ORIGIN, value)


WAITING = re.compile(r"^waiting (\d+) s \(service limit\)$")  # services/waits.py
WAITING_WORDS = QT_TRANSLATE_NOOP("Words", "waiting {seconds} s (service limit)")


def progress_message(value: str | None) -> str:
    waiting = WAITING.match(value or "")
    if waiting:  # a web service's limit (429 with Retry-After)
        return QCoreApplication.translate(CONTEXT, str(WAITING_WORDS)).format(
            seconds=waiting.group(1)
        )
    return _word(PROGRESS, value)


class Words:
    """Plural texts: pyside6-lupdate marks them plural only as `self.tr` inside a class,
    whose name is the context."""

    @staticmethod
    def tr(source: str, disambiguation: str | None = None, n: int = -1) -> str:
        return QCoreApplication.translate("Words", source, disambiguation, n)

    def summary(self, action: str, n: int) -> str | None:
        texts = {
            "retry": lambda: self.tr(
                "%n record(s) will be retried at the next synchronization", "", n
            ),
            "remove-coupling": lambda: self.tr("%n coupling(s) removed", "", n),
            "synchronize": lambda: self.tr("%n record(s) synchronized", "", n),
            "restore": lambda: self.tr("%n record(s) restored", "", n),
            "delete": lambda: self.tr("%n record(s) deleted", "", n),
            "set-up-coupling": lambda: self.tr("%n record(s) coupled", "", n),
        }
        text = texts.get(action)
        return text() if text else None


def action_summary(action: str, done: int, fallback: str = "") -> str:
    """An ActionResult's summary in the window's language ("3 couplings removed")."""
    return Words().summary(action, done) or fallback


def said(message: str, template: str | None = None, params: dict[str, Any] | None = None) -> str:
    """A message the engine or the services made, in the window's language: its template
    translated and filled in with its values (a value that is itself words translated the same
    way; names, keys and app values as they are). Rows from before templates were kept, and a
    template whose translation does not fit its values, read as the English `message`."""
    if not template:
        return message
    try:
        values = {name: _said_value(value) for name, value in (params or {}).items()}
        return QCoreApplication.translate(MESSAGES, template).format(**values)
    except (KeyError, IndexError, ValueError, AttributeError):
        return message


def _said_value(value: Any) -> Any:
    found = nested(value)
    if found is None:
        return value
    template, params = found
    return said(english(template, params), template, params)


def words_of(message: Message | str) -> str:
    """A `Message` from the service layer (a finding, say) in the window's language."""
    if isinstance(message, Message):
        return said(str(message), message.template, message.params())
    return message


def local_time(moment: datetime | None) -> str:
    """A moment as the store keeps it (naive UTC) in the computer's local time."""
    if moment is None:
        return ""
    return moment.replace(tzinfo=UTC).astimezone().strftime("%Y-%m-%d %H:%M:%S")


def kind_label(kind: str, service: Service) -> str:
    """An error kind in words, with the configured side names."""
    translate = QCoreApplication.translate  # spelled out with its context for pyside6-lupdate
    labels = {
        ErrorKind.CHANGED_IN_BOTH: translate("ErrorsModel", "Changed in both"),
        ErrorKind.DELETED_IN_ERP: translate("ErrorsModel", "Deleted in {side}").format(
            side=service.side_name(Side.ERP)
        ),
        ErrorKind.DELETED_IN_CRM: translate("ErrorsModel", "Deleted in {side}").format(
            side=service.side_name(Side.CRM)
        ),
        ErrorKind.FAILED: translate("ErrorsModel", "Failed"),
    }
    return labels.get(ErrorKind(kind), kind) if kind in ErrorKind._value2member_map_ else kind


def cell(value: Any) -> str:
    """An app value as a person reads it, formatted alike whichever app it comes from: a number
    without the zeros one database pads it with (25000 and 25000.00 both read "25000"), a moment
    without a time zone's noise, yes or no for a flag."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return (
            QCoreApplication.translate("RecordsModel", "Yes")
            if value
            else QCoreApplication.translate("RecordsModel", "No")
        )
    if isinstance(value, int | float | Decimal):
        return number_text(value)
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone()
        return value.strftime("%Y-%m-%d %H:%M" if not value.second else "%Y-%m-%d %H:%M:%S")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def number_text(value: int | float | Decimal) -> str:
    """A number with no trailing zeros after the point: 25000, 12.5, -0.25."""
    try:
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    except InvalidOperation:
        return str(value)
    if not number.is_finite():
        return str(value)
    if number == number.to_integral_value():
        return str(number.quantize(Decimal(1)) + 0)  # + 0 turns -0 into 0
    return format(number.normalize(), "f")


def shown(value: Any) -> str:
    """A value in a grid where an empty one must be seen: a dash."""
    text = cell(value)
    return text if text != "" else "—"


def modified_text(raw: Any) -> str:
    """A last-modified value in local time when it is a timestamp, else as the app keeps it."""
    try:
        moment = modified_moment(raw)
    except ValueError:
        return cell(raw)
    return local_time(moment) if moment else ""
