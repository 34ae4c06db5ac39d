"""What an undo leaves in the store once it has written the apps: the coupling as it was before
the resolution, the error the resolution closed reopened (or, for a rule's decision, a new one
filed) when both records are back as they were, and the record's log line. And when an undo is
refused: the `changed_in_both` error that says why, which a person resolves as usual.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import insert, update
from sqlalchemy.orm import Session

from desktop_sync.apps.connection import Record
from desktop_sync.apps.values import same
from desktop_sync.db import affected
from desktop_sync.domain import ErrorKind, Outcome, Side
from desktop_sync.engine.context import Context
from desktop_sync.engine.items import Plan
from desktop_sync.engine.journal import journal_rows, record_values
from desktop_sync.engine.plan import Planner
from desktop_sync.store.journal import add_journal
from desktop_sync.store.models import Coupling, LogEntry, SyncError, utcnow
from desktop_sync.store.records import CouplingRow, coupling_by_key, couplings_by_ids

if TYPE_CHECKING:
    from desktop_sync.engine.undo import Written


@dataclass
class PairBack:
    """What putting the pair back did, in the words of the undo's note."""

    message: str
    reopened_error: int | None = None
    new_error: bool = False


def put_pair_back(ctx: Context, planner: Planner, entries: list[Written], plan: Plan) -> PairBack:
    """The coupling as it was before the resolution, journal rows of a re-insert, and the
    resolved error reopened when both records are back as they were."""
    entry = entries[0]
    before = (entry.pair or {}).get("coupling") or {}
    keys: dict[Side, str | None] = {s: before.get(f"{s}_key") or plan.key(s) for s in Side}
    keys.update(plan.new_keys)
    records: dict[Side, Record | None] = dict.fromkeys(Side)
    records.update(_reread(ctx, keys))
    wanted = (entry.pair or {}).get("values") or {}
    stamps = {s: set(ctx.mapping.modified_columns(s)) for s in Side}
    same_state = all(_same_values(wanted.get(s.value), records[s], stamps[s]) for s in Side)
    at = utcnow()
    with ctx.store.session() as session:
        if plan.inserts:  # written by `_reinsert`, not by apply_plans: journal it here
            add_journal(session, journal_rows(ctx, [plan], at, uuid.uuid4().hex[:20]))
        error_id = entry.error_id if same_state else None
        reopen = error_id is not None or (same_state and entry.action == "rule")
        coupling_id = _restore_coupling(session, ctx, keys, records, before.get("base"), reopen)
        back = PairBack(f"{plan.message}: both records are as they were before it")
        if error_id is not None:
            if _reopen_error(session, error_id, coupling_id, keys):
                back.reopened_error = error_id
                back.message += f"; error {error_id} is open again"
        elif reopen:
            back.new_error = True
            message = (
                f"Changed in both {planner.name(Side.ERP)} and {planner.name(Side.CRM)}: the "
                f"decision of rule {entry.rule!r} was undone; decide it by hand."
            )
            row = _error_row(ctx, keys, records, coupling_id, at, _field_names(ctx, entries))
            session.execute(insert(SyncError).values(row | {"message": message}))
        if not same_state:
            back.message = (
                f"{plan.message}; the records are compared again at the next synchronization"
            )
        outcome = Outcome.RESTORED if plan.inserts else Outcome.RESOLVED
        session.execute(insert(LogEntry).values(_log_row(ctx, keys, at, outcome, back.message)))
    return back


def _restore_coupling(
    session: Session,
    ctx: Context,
    keys: dict[Side, str | None],
    records: dict[Side, Record | None],
    base: Any,
    reopen: bool,
) -> int | None:
    """The pair's coupling with the keys and base it had before the resolution: skipped while
    its error is open again, to be compared at the next job otherwise. Returns its id."""
    current = None
    for side in Side:
        key = keys[side]
        if key is not None:
            current = current or coupling_by_key(session, ctx.mapping.name, side, key)
    erp, crm = records[Side.ERP], records[Side.CRM]
    state = {
        "erp_key": keys[Side.ERP],
        "crm_key": keys[Side.CRM],
        "erp_seen": erp.modified if erp else None,
        "crm_seen": crm.modified if crm else None,
        "base": base,
        "skipped": reopen,
        "retry": not reopen,
        "pending": None,
        "pending_token": None,
        "pending_state": None,
    }
    if current is not None:
        session.execute(
            update(Coupling)
            .where(Coupling.id == current.id)
            .values(version=Coupling.version + 1, **state)
        )
        return current.id
    session.execute(insert(Coupling).values(mapping=ctx.mapping.name, created_at=utcnow(), **state))
    for side in Side:
        key = keys[side]
        if current is None and key is not None:
            current = coupling_by_key(session, ctx.mapping.name, side, key)
    return current.id if current else None


def _reopen_error(
    session: Session, error_id: int, coupling_id: int | None, keys: dict[Side, str | None]
) -> bool:
    """The error the resolution closed, open again on the pair's coupling and keys."""
    reopened = session.execute(
        update(SyncError)
        .where(SyncError.id == error_id)
        .values(
            resolved_at=None,
            resolved_by=None,
            resolution=None,
            claimed_by=None,
            claimed_at=None,
            coupling_id=coupling_id,
            erp_key=keys[Side.ERP],
            crm_key=keys[Side.CRM],
            version=SyncError.version + 1,
        )
    )
    return affected(reopened) > 0


def file_conflict(
    ctx: Context,
    coupling: CouplingRow | None,
    entry: Written,
    message: str,
    entries: list[Written],
) -> None:
    """The undo refused: the record gets a changed_in_both error a person resolves as usual."""
    at = utcnow()
    keys = {Side.ERP: entry.erp_key, Side.CRM: entry.crm_key}
    if coupling is not None:
        keys = {s: coupling.key(s) or keys[s] for s in Side}
    records = _reread(ctx, keys)
    with ctx.store.session() as session:
        coupling_id = None
        if coupling is not None and couplings_by_ids(session, [coupling.id]):
            coupling_id = coupling.id
            session.execute(
                update(Coupling)
                .where(Coupling.id == coupling.id)
                .values(skipped=True, retry=False, version=Coupling.version + 1)
            )
        row = _error_row(ctx, keys, records, coupling_id, at, _field_names(ctx, entries))
        detail = "Resolve it as any record changed in both apps."
        session.execute(insert(SyncError).values(row | {"message": message, "detail": detail}))
        session.execute(insert(LogEntry).values(_log_row(ctx, keys, at, Outcome.SKIPPED, message)))


def _reread(ctx: Context, keys: dict[Side, str | None]) -> dict[Side, Record | None]:
    found: dict[Side, Record | None] = {}
    for side, key in keys.items():
        table, conn = ctx.tables[side], ctx.conns[side]
        with conn.begin():
            rows = table.read_by_keys(conn, [key], live=True) if key else {}
        found[side] = table.to_record(rows[key]) if key in rows else None
    return found


def _same_values(wanted: dict[str, Any] | None, record: Record | None, stamps: set[str]) -> bool:
    if wanted is None or record is None:
        return wanted is None and record is None
    now = record_values(record, stamps)
    return all(same(v, now.get(c)) for c, v in wanted.items() if c not in stamps)


def _field_names(ctx: Context, entries: list[Written]) -> list[str]:
    """The mapping's field names of the columns the entries wrote."""
    by_column = {(s, f.paired(s)): f.name for f in ctx.mapping.value_fields for s in Side}
    return sorted(
        {
            by_column[e.side, c]
            for e in entries
            for c in (e.after or e.before or {})
            if (e.side, c) in by_column
        }
    )


def _error_row(
    ctx: Context,
    keys: dict[Side, str | None],
    records: dict[Side, Record | None],
    coupling_id: int | None,
    at: datetime,
    fields: list[str],
) -> dict[str, Any]:
    return {
        "mapping": ctx.mapping.name,
        "coupling_id": coupling_id,
        "erp_key": keys[Side.ERP],
        "crm_key": keys[Side.CRM],
        "kind": ErrorKind.CHANGED_IN_BOTH.value,
        "detail": "",
        "failed_at": at,
        "erp_exists": records.get(Side.ERP) is not None,
        "crm_exists": records.get(Side.CRM) is not None,
        "conflict_fields": ",".join(fields) or None,
    }


def _log_row(
    ctx: Context, keys: dict[Side, str | None], at: datetime, outcome: Outcome, message: str
) -> dict[str, Any]:
    return {
        "mapping": ctx.mapping.name,
        "erp_key": keys[Side.ERP],
        "crm_key": keys[Side.CRM],
        "at": at,
        "outcome": outcome.value,
        "message": message,
        "user": ctx.user,
    }
