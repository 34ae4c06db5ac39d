"""The journal of writes: for every write a batch made to an app, the record's mapped values
before and after it, who made it and why — as rows for `store.journal.add_journal`, written in
the same store transaction that settles the batch (see `settle`).

Values are canonical JSON (`apps.values.canonical`) by the written app's column names, the
last-modified stamp left out (and an insert's key, which the row's key columns hold). An
update's before-values are the record as the engine read it (the optimistic write landed only
while it was still so); an insert has none and a delete none after. `values_for_write` turns
them back into what a column takes, for an undo.
"""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from sqlalchemy import types as sqltypes

from desktop_sync.apps.connection import Record, SideTable
from desktop_sync.apps.record import STAMP
from desktop_sync.apps.values import canonical
from desktop_sync.domain import Side
from desktop_sync.engine.context import Context
from desktop_sync.engine.items import Plan
from desktop_sync.store.journal import JOURNAL_COLUMNS

INSERT, UPDATE, DELETE, ARCHIVE = "insert", "update", "delete", "archive"


def journal_rows(
    ctx: Context, plans: list[Plan], at: datetime, batch: str
) -> list[tuple[Any, ...]]:
    """One row per app written by each plan (in `JOURNAL_COLUMNS` order)."""
    rows: list[tuple[Any, ...]] = []
    mapping = ctx.mapping.name
    default_action = ctx.resolution if ctx.manual else "sync"
    stamps = {side: {*ctx.mapping.modified_columns(side), STAMP} for side in Side}
    # What every row of a job's insert shares, so that one costs a dict and a tuple.
    plain = (ctx.user, ctx.job_id, default_action, None, None, None, None, None, None)
    left_out = {side: stamps[side] | {ctx.tables[side].key.name} for side in Side}
    for plan in plans:
        written = plan.written
        if not written:
            continue
        note = plan.journal
        if not note and len(written) == 1 and plan.inserts:
            ((side, values),) = plan.inserts.items()
            if side in written:
                erp, crm = plan.key(Side.ERP), plan.key(Side.CRM)
                inserted = _plain_values(values, left_out[side])
                rows.append((at, mapping, erp, crm, side.value, INSERT, None, inserted, *plain))
                continue
        keys = (at, mapping, plan.key(Side.ERP), plan.key(Side.CRM))
        pair = pair_before(plan) if ctx.manual or note.get("rule") else None
        for side in sorted(written):
            kind, before, after = _change(ctx.tables[side], plan, side, stamps[side])
            rows.append(
                (
                    *keys,
                    side.value,
                    kind,
                    before,
                    after,
                    ctx.user,
                    ctx.job_id,
                    note.get("action", default_action),
                    note.get("rule"),
                    note.get("comment"),
                    note.get("error_id"),
                    _by_side(note.get("undo_of"), side),
                    batch,
                    pair,
                )
            )
    assert not rows or len(rows[0]) == len(JOURNAL_COLUMNS)
    return rows


def _plain_values(values: dict[str, Any], left_out: set[str]) -> dict[str, Any]:
    """An insert's values without `left_out` (stamps, and the key the row's key columns hold).
    An initial synchronization inserts a whole table: text, whole numbers and NULL are their
    own canonical form, so only other values pay for a call; a reflected column name (a str
    subclass) becomes plain text, which JSON takes as a key."""
    after = {}
    for column, value in values.items():
        if column in left_out:
            continue
        if value is not None and type(value) is not str and type(value) is not int:
            value = canonical(value)
        after[column if type(column) is str else str(column)] = value
    return after


def _by_side(value: Any, side: Side) -> Any:
    return value.get(side.value) if isinstance(value, dict) else value


def _change(
    table: SideTable, plan: Plan, side: Side, stamps: set[str]
) -> tuple[str, dict[str, Any] | None, dict[str, Any] | None]:
    record = plan.item.records.get(side)
    if side in plan.inserts:
        return INSERT, None, _plain_values(plan.inserts[side], stamps | {table.key.name})
    if plan.delete is side:
        before = record_values(record, stamps) if record is not None else None
        if table.archive is not None:
            return ARCHIVE, before, {str(table.archive.column): canonical(table.archive.value)}
        return DELETE, before, None
    written = {c: v for c, v in plan.updates.get(side, {}).items() if c not in stamps}
    values = record.values if record is not None else {}
    before = {str(c): canonical(values.get(c)) for c in written}
    return UPDATE, before, {str(c): canonical(v) for c, v in written.items()}


def record_values(record: Record, stamps: set[str] | None = None) -> dict[str, Any]:
    """A record's key and mapped columns as canonical JSON, stamps left out."""
    left_out = (stamps or set()) | {STAMP}
    return {str(c): canonical(v) for c, v in record.values.items() if c not in left_out}


def pair_before(plan: Plan) -> dict[str, Any]:
    """The coupling and both records as they were before a person's action (or a rule's)."""
    coupling = plan.item.coupling
    state = None
    if coupling is not None:
        state = {
            "id": coupling.id,
            "erp_key": coupling.erp_key,
            "crm_key": coupling.crm_key,
            "erp_seen": coupling.erp_seen,
            "crm_seen": coupling.crm_seen,
            "base": coupling.base,
            "skipped": coupling.skipped,
        }
    values = {
        side.value: record_values(record) if record is not None else None
        for side, record in plan.item.records.items()
    }
    return {"coupling": state, "values": values}


def values_for_write(table: SideTable, values: dict[str, Any]) -> dict[str, Any]:
    """Canonical journal values back in the form each column of `table` takes."""
    return {c: _native(table, c, v) for c, v in values.items() if c in table.table.c}


def _native(table: SideTable, column: str, value: Any) -> Any:
    if value is None:
        return None
    kind = table.table.c[column].type
    try:
        if isinstance(kind, sqltypes.DateTime) and isinstance(value, str):
            return datetime.fromisoformat(value)
        if isinstance(kind, sqltypes.Date) and isinstance(value, str):
            return date.fromisoformat(value)
        if isinstance(kind, sqltypes.Time) and isinstance(value, str):
            return time.fromisoformat(value)
        if isinstance(kind, sqltypes.Boolean):
            return bool(value)
        if isinstance(kind, sqltypes.Numeric) and not isinstance(kind, sqltypes.Float):
            return Decimal(str(value))
        if isinstance(kind, sqltypes.Integer) and isinstance(value, str | float):
            return int(value)
    except ValueError:
        return value
    if column == table.key.name:
        return table.key_native(str(value))
    return value
