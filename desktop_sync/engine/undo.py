"""Undoing a person's resolution (or a rule's): its journal rows' before-values written back
as a new, journaled change.

An update is undone by writing the before-values with the same optimistic update as every
write (`apply_plans`), an insert by deleting the record it made, a delete by inserting the
record again from its before-values and coupling it, an archive by setting the column back.
A record changed since the resolution (its values are no longer the journal's after-values) is
not overwritten: nothing is written and the record gets a `changed_in_both` error that says
why, which the person resolves as usual. Afterwards the coupling is put back as it was before
the resolution, and the error the resolution closed reopens only when both records are back
as they were then; otherwise the next job compares the pair again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from desktop_sync.apps.connection import Record
from desktop_sync.apps.values import same
from desktop_sync.domain import Outcome, Side
from desktop_sync.engine.batch import apply_plans, guarded
from desktop_sync.engine.context import Context, read_items
from desktop_sync.engine.items import Item, Plan
from desktop_sync.engine.journal import (
    ARCHIVE,
    DELETE,
    INSERT,
    UPDATE,
    values_for_write,
)
from desktop_sync.engine.plan import Planner
from desktop_sync.engine.undo_settle import file_conflict, put_pair_back
from desktop_sync.store.records import CouplingRow, coupling_by_key


@dataclass(frozen=True)
class Written:
    """One journal row to undo, as plain data."""

    id: int
    at: datetime
    mapping: str
    erp_key: str | None
    crm_key: str | None
    side: Side
    kind: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    user: str
    action: str
    rule: str | None
    error_id: int | None
    pair: dict[str, Any] | None


@dataclass
class UndoOutcome:
    """What an undo did: written, or refused into a conflict (`conflict` says why)."""

    written: bool = False
    conflict: str = ""
    failure: str = ""
    reopened_error: int | None = None
    new_error: bool = False
    notes: list[str] = field(default_factory=list)


def undo_written(
    ctx: Context, planner: Planner, entries: list[Written], comment: str | None
) -> UndoOutcome:
    """Write `entries`' before-values back (see the module's docstring)."""
    first = entries[0]
    what = f"Undo of journal entry {first.id} ({first.action} by {first.user})"
    note = {
        "action": "undo",
        "undo_of": {e.side.value: e.id for e in entries},
        "comment": comment,
        "error_id": first.error_id,
    }
    coupling = _coupling_now(ctx, first)
    records = _records_now(ctx, coupling, first)
    changed = _changed_since(ctx, entries, records)
    outcome = UndoOutcome()
    if changed:
        outcome.conflict = f"{what} was not written: {changed}"
        file_conflict(ctx, coupling, first, outcome.conflict, entries)
        return outcome
    item = Item(coupling, dict(records), first.side, forced=True)
    base = (first.pair or {}).get("coupling") or {}
    kinds = {e.kind for e in entries}
    if kinds <= {UPDATE, ARCHIVE}:
        updates = {
            e.side: values_for_write(
                ctx.tables[e.side], {c: (e.before or {}).get(c) for c in e.after or {}}
            )
            for e in entries
        }
        plan = Plan(item, Outcome.MODIFIED, updates=updates, base=base.get("base"))
    elif kinds == {INSERT}:
        plan = Plan(item, Outcome.DELETED, delete=first.side)
    else:
        plan = Plan(item, Outcome.RESTORED)
    plan.message, plan.journal = what, note
    if plan.outcome is Outcome.RESTORED:
        _reinsert(ctx, planner, plan, first)
    else:
        apply_plans(ctx, [plan])
    problem = plan.failure or plan.problem
    if problem is not None or plan.not_landed:
        outcome.failure = (
            str(problem.message) if problem else "the record changed while it was undone"
        )
        outcome.conflict = f"{what} was not written: {outcome.failure}"
        file_conflict(ctx, _coupling_now(ctx, first), first, outcome.conflict, entries)
        return outcome
    outcome.written = True
    back = put_pair_back(ctx, planner, entries, plan)
    outcome.notes.append(back.message)
    outcome.reopened_error, outcome.new_error = back.reopened_error, back.new_error
    return outcome


def _coupling_now(ctx: Context, entry: Written) -> CouplingRow | None:
    with ctx.store.session() as session:
        for side in Side:
            key = entry.erp_key if side is Side.ERP else entry.crm_key
            found = coupling_by_key(session, entry.mapping, side, key) if key else None
            if found is not None:
                return found
    return None


def _records_now(
    ctx: Context, coupling: CouplingRow | None, entry: Written
) -> dict[Side, Record | None]:
    """Both records as they are now, archived ones included (an archive may be undone)."""
    records: dict[Side, Record | None] = {}
    for side in Side:
        key = coupling.key(side) if coupling else None
        key = key or (entry.erp_key if side is Side.ERP else entry.crm_key)
        table, conn = ctx.tables[side], ctx.conns[side]
        with conn.begin():
            rows = table.read_by_keys(conn, [key]) if key else {}
        records[side] = table.to_record(rows[key]) if key in rows else None
    if coupling is not None:  # the live view, as a job reads it
        (item,) = read_items(ctx, [coupling])
        for side in Side:
            if records[side] is not None and item.records[side] is not None:
                records[side] = item.records[side]
    return records


def _changed_since(ctx: Context, entries: list[Written], records: dict[Side, Record | None]) -> str:
    """Why the records are no longer as the resolution left them; empty when they are."""
    reasons = []
    for e in entries:
        record = records[e.side]
        name = ctx.config.side_name(e.side)
        if e.kind == DELETE:
            if record is not None:
                reasons.append(f"the {name} record {record.key} exists again")
            continue
        if record is None:
            if e.kind != INSERT:
                reasons.append(f"the {name} record was deleted since")
            continue
        columns = [
            c
            for c, v in (e.after or {}).items()
            if c in record.values and not same(v, record.values[c])
        ]
        if columns:
            reasons.append(f"the {name} record changed since ({', '.join(columns)})")
    return "; ".join(reasons)


def _reinsert(ctx: Context, planner: Planner, plan: Plan, entry: Written) -> None:
    """Insert a deleted record again from its before-values (the key too, unless the database
    assigns keys), at once; the store side is settled by `put_pair_back`."""
    side = entry.side
    table, conn = ctx.tables[side], ctx.conns[side]
    values = values_for_write(table, entry.before or {})
    if table.identity_key:
        values.pop(table.key.name, None)
    for column, value in planner.written(side, insert=True).items():
        values.setdefault(column, value)
    stamp = table.stamps.write_value(ctx.now(side)) if table.stamps.present else None
    if stamp is not None and not table.stamps.db_fills and table.stamp_column:
        values[table.stamp_column] = stamp
    plan.inserts = {side: table.fit(values)}

    def insert_one(part: list[Plan]) -> None:
        (key,) = table.insert_rows(conn, [part[0].inserts[side]])
        part[0].new_keys[side] = key
        part[0].written.add(side)

    guarded(ctx, side, [plan], insert_one, lambda p: p.inserts[side])
