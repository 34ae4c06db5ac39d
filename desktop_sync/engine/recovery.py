"""Finishing what a killed job announced but may not have done.

`apply_plans` announces every insert and delete as a pending coupling before making it. At the
start of the next job for the mapping, each pending coupling is checked against the app:

- an insert that landed is kept (the key is known, or for a key the database assigns, the row is
  found by the values it was given, and the engine's stamp where that stays on the row);
- an insert that did not land loses its key on that side and is marked for retry, so this job
  inserts it (exactly once);
- an update that landed is settled as the killed job would have: the pair's base and stamps
  move on, so a person's edit after it is one side's change, not a conflict nobody made;
  an update that did not land, or cannot be told, leaves the coupling as it was, marked for
  retry, so it is compared again whatever the stamps say;
- an announced delete is carried out, and the coupling removed.

The same holds when a job stops because a connection was lost around a COMMIT: whether the
write landed is unknown until the app is read again, which is what this does.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from desktop_sync.apps.values import same
from desktop_sync.domain import Outcome, Side
from desktop_sync.engine import rule_words
from desktop_sync.engine.context import Context, read_items
from desktop_sync.engine.items import Item
from desktop_sync.engine.translate import Lookups, TranslationError, Translator
from desktop_sync.store.models import Coupling, utcnow
from desktop_sync.store.records import (
    CouplingRow,
    add_log,
    couplings_by_keys,
    couplings_page,
    delete_couplings,
    resolve_errors_of,
    update_couplings,
)
from desktop_sync.words import Message, filed

PAGE = 1000


def recover(ctx: Context) -> int:
    """Settle every pending coupling of the context's mapping; returns how many were settled."""
    settled = 0
    after = 0
    while True:
        with ctx.store.session() as session:
            page = couplings_page(
                session, ctx.mapping.name, after, PAGE, Coupling.pending.is_not(None)
            )
        if not page:
            return settled
        after = page[-1].id
        inserts = [c for c in page if c.pending and c.pending.startswith("insert:")]
        deletes = [c for c in page if c.pending and c.pending.startswith("delete:")]
        _finish_updates(ctx, [c for c in page if c.pending and c.pending.startswith("update:")])
        for side in Side:
            _finish_inserts(ctx, side, [c for c in inserts if c.pending == f"insert:{side}"])
            _finish_deletes(ctx, side, [c for c in deletes if c.pending == f"delete:{side}"])
        settled += len(page)


def _finish_inserts(ctx: Context, side: Side, couplings: list[CouplingRow]) -> None:
    if not couplings:
        return
    table, conn = ctx.tables[side], ctx.conns[side]
    known = [c for c in couplings if c.key(side) is not None]
    with conn.begin():
        existing = table.existing_keys(conn, [c.key(side) for c in known])  # type: ignore[misc]
        adopted = _adopt_assigned_keys(ctx, side, [c for c in couplings if c.key(side) is None])
    landed = {c.id: c.key(side) for c in known if c.key(side) in existing} | adopted
    changes: list[dict[str, Any]] = []
    log: list[dict[str, Any]] = []
    now = utcnow()
    for c in couplings:
        if c.id in landed:
            changes.append(
                {"id": c.id, f"{side}_key": landed[c.id], "pending": None, "pending_token": None}
            )
            keys = {"erp_key": c.erp_key, "crm_key": c.crm_key} | {f"{side}_key": landed[c.id]}
            log.append(
                _log_row(
                    ctx,
                    keys,
                    now,
                    Outcome.INSERTED,
                    rule_words.INSERTED_AFTER_INTERRUPT,
                )
            )
        else:
            changes.append(
                {
                    "id": c.id,
                    f"{side}_key": None,
                    "pending": None,
                    "pending_token": None,
                    "retry": True,
                }
            )
    with ctx.store.session() as session:
        update_couplings(session, changes)
        add_log(session, log)


def _adopt_assigned_keys(ctx: Context, side: Side, couplings: list[CouplingRow]) -> dict[int, str]:
    """Find rows the database keyed itself: the values the announced insert wrote (and the
    engine's stamp, where that stays on the row), not coupled to another record already."""
    table, conn = ctx.tables[side], ctx.conns[side]
    by_probe: dict[str, list[tuple[CouplingRow, Any]]] = {}
    for c in couplings:
        probe = _probe(ctx, side, c.base or {})
        if probe is not None:
            by_probe.setdefault(probe[0], []).append((c, probe[1]))
    adopted: dict[int, str] = {}
    taken: set[str] = set()
    for column, group in by_probe.items():
        rows = table.read_by_values(conn, column, [value for _, value in group])
        records = [table.to_record(r) for r in rows]
        with ctx.store.session() as session:
            coupled = couplings_by_keys(session, ctx.mapping.name, side, [r.key for r in records])
        by_stamp = table.stamps.unique_per_batch and not ctx.restamps[side]
        translator = Translator(ctx.config, ctx.mapping, Lookups(ctx.store, ctx.config))
        for c, _ in group:
            for record in records:
                if record.key in taken or record.key in coupled:
                    continue
                if by_stamp and c.seen(side) is not None and record.modified != c.seen(side):
                    continue
                try:
                    values = translator.field_values(side, record.values)
                except TranslationError:
                    continue
                if all(same(values.get(n), v) for n, v in (c.base or {}).items() if n in values):
                    adopted[c.id] = record.key
                    taken.add(record.key)
                    break
    return adopted


def _probe(ctx: Context, side: Side, base: dict[str, Any]) -> tuple[str, Any] | None:
    """A column of `side` and the value an inserted row holds there, to look the row up by:
    text where there is some (it compares exactly in every database)."""
    found = [
        (f.paired(side), base[f.name])
        for f in ctx.mapping.value_fields
        if f.name in base and (not f.translates or Translator.space(f) is side)
    ]
    found = [(column, value) for column, value in found if value is not None]
    texts = [pair for pair in found if isinstance(pair[1], str)]
    return (texts or found)[0] if found else None


def _finish_updates(ctx: Context, couplings: list[CouplingRow]) -> None:
    if not couplings:
        return
    changes = []
    for item in read_items(ctx, couplings):
        coupling = item.coupling
        assert coupling is not None
        state = coupling.pending_state or {}
        written = [Side(s) for s in state.get("values", {})]
        row: dict[str, Any] = {"id": coupling.id, "pending": None, "pending_token": None}
        row["pending_state"] = None
        if written and all(_landed(ctx, item, side, state) for side in written):
            row |= {"base": state.get("base"), "retry": False}
            for side in Side:
                ours = state.get("stamps", {}).get(side.value) if side in written else None
                record = item.records[side]
                current = record.modified if record is not None else None
                seen: str | None = ours or state.get("read", {}).get(side.value) or current
                row[f"{side}_seen"] = seen
        else:
            row["retry"] = True
        changes.append(row)
    with ctx.store.session() as session:
        update_couplings(session, changes)


def _landed(ctx: Context, item: Item, side: Side, state: dict[str, Any]) -> bool:
    """Whether an announced update of `side` is in the app: the row carries the engine's stamp,
    or holds every value the update wrote (a person may have changed other columns since)."""
    record = item.records[side]
    if record is None:
        return False
    stamp = state.get("stamps", {}).get(side.value)
    if stamp is not None and record.modified == stamp:
        return True
    written = state.get("values", {}).get(side.value, {})
    return all(same(record.values.get(column), value) for column, value in written.items())


def _finish_deletes(ctx: Context, side: Side, couplings: list[CouplingRow]) -> None:
    if not couplings:
        return
    table, conn = ctx.tables[side], ctx.conns[side]
    with conn.begin():
        table.delete_rows(conn, [c.key(side) for c in couplings if c.key(side) is not None])  # type: ignore[misc]
    now = utcnow()
    log = [
        _log_row(
            ctx,
            {"erp_key": c.erp_key, "crm_key": c.crm_key},
            now,
            Outcome.DELETED,
            rule_words.deleted_after_interrupt(ctx.config.side_name(side)),
        )
        for c in couplings
    ]
    ids = [c.id for c in couplings]
    with ctx.store.session() as session:
        resolve_errors_of(session, ids, "resolved", ctx.user, now)
        delete_couplings(session, ids)
        add_log(session, log)


def _log_row(
    ctx: Context, keys: dict[str, Any], at: datetime, outcome: Outcome, message: Message
) -> dict[str, Any]:
    return keys | {
        "mapping": ctx.mapping.name,
        "at": at,
        "job_id": ctx.job_id,
        "direction": None,
        "outcome": outcome.value,
        **filed(message),
        "user": ctx.user,
    }
