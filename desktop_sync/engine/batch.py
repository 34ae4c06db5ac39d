"""Applying a batch of plans to both apps and the store, so that a kill at any moment is safe.

Three steps, each committed before the next:

1. *Announce* (store): every insert and delete about to be made is written as a pending
   coupling (`pending`, `pending_token`), with the key it will carry where the engine makes it.
2. *Write* (apps): `executemany` inserts, optimistic updates and deletes, one transaction per
   kind and side; when a batch is rejected it is retried row by row to find the record at fault.
3. *Settle* (store): couplings, errors, log lines, counters and the watermark, in one transaction.

A sync killed after step 1 finds the pending couplings next time and finishes or forgets them
(see `recovery`); killed after step 2, it finds rows whose values already agree, which the
three-way comparison counts as converged, so nothing is written twice and nothing is lost.
"""

from __future__ import annotations

import traceback
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import StatementError
from sqlalchemy.orm import Session

from desktop_sync.apps.connection import SideTable, db_message
from desktop_sync.apps.values import normalize_modified
from desktop_sync.config import Config, TableMapping
from desktop_sync.domain import Counters, ErrorKind, Outcome, Side
from desktop_sync.engine.plan import Plan, Problem
from desktop_sync.store import Store
from desktop_sync.store.models import Coupling, Job, Watermark, utcnow
from desktop_sync.store.records import (
    add_errors,
    add_log,
    delete_couplings,
    insert_couplings,
    resolve_errors_of,
    update_couplings,
)

COUNTER_OF = {
    Outcome.INSERTED: "inserted",
    Outcome.RESTORED: "inserted",
    Outcome.MODIFIED: "modified",
    Outcome.RESOLVED: "modified",
    Outcome.UNCHANGED: "unchanged",
    Outcome.DELETED: "deleted",
    Outcome.SKIPPED: "skipped",
    Outcome.FAILED: "failed",
    Outcome.COUPLED: "coupled",
    Outcome.UNCOUPLED: "uncoupled",
}


class Clock:
    """Strictly increasing naive-UTC times, so each batch's stamp is its own."""

    def __init__(self) -> None:
        self._last = datetime.min

    def now(self) -> datetime:
        now = utcnow()
        if now <= self._last:
            now = self._last + timedelta(microseconds=1)
        self._last = now
        return now


@dataclass
class Context:
    """Everything one job (or one person's action) needs to apply plans."""

    config: Config
    mapping: TableMapping
    store: Store
    tables: dict[Side, SideTable]
    conns: dict[Side, Connection]
    user: str
    job_id: int | None = None
    clock: Clock = field(default_factory=Clock)
    counters: Counters = field(default_factory=Counters)
    resolution: str = "resolved"  # how errors this context closes are marked
    manual: bool = False  # a person's action: a failure is reported to them, not filed as a new error
    skipped_couplings: set[int] = field(default_factory=set)  # counted once per job, not per pass


@dataclass
class _Settle:
    """What step 3 writes, gathered before its transaction opens."""

    couplings_new: list[dict[str, Any]] = field(default_factory=list)
    couplings_changed: list[dict[str, Any]] = field(default_factory=list)
    couplings_gone: list[int] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)
    resolved: list[int] = field(default_factory=list)
    log: list[dict[str, Any]] = field(default_factory=list)


def apply_plans(ctx: Context, plans: list[Plan], watermark: tuple[Side, str] | None = None) -> None:
    """Carry out `plans`: announce, write, settle (see the module's docstring)."""
    now = ctx.clock.now()
    stamps = {side: ctx.tables[side].write_stamp(now) for side in Side}
    token = uuid.uuid4().hex[:20]
    coupling_ids = _announce(ctx, plans, stamps, token)
    for side in Side:
        _write(ctx, side, plans, stamps[side])
    _settle(ctx, plans, stamps, token, coupling_ids, watermark)


# -- step 1 ------------------------------------------------------------------------------


def _announce(ctx: Context, plans: list[Plan], stamps: dict[Side, Any], token: str) -> dict[int, int]:
    """Write pending couplings for inserts and deletes; returns plan index -> coupling id."""
    new_rows: list[dict[str, Any]] = []
    new_index: list[int] = []
    changed: list[dict[str, Any]] = []
    ids: dict[int, int] = {}
    for index, plan in enumerate(plans):
        coupling = plan.item.coupling
        if plan.inserts:
            (destination, values), = plan.inserts.items()
            table = ctx.tables[destination]
            key = values.get(table.key.name)
            row = {
                f"{destination}_key": table.key_text(key) if key is not None else None,
                f"{destination}_seen": normalize_modified(stamps[destination]),
                f"{destination.other}_seen": plan.item.records[destination.other].modified,  # type: ignore[union-attr]
                "base": plan.base,
                "pending": f"insert:{destination}",
                "pending_token": token,
                "skipped": False,
                "retry": False,
            }
            if coupling is None:
                row |= {"mapping": ctx.mapping.name, f"{destination.other}_key": plan.item.key(destination.other)}
                new_rows.append(row)
                new_index.append(index)
            else:
                changed.append(row | {"id": coupling.id})
                ids[index] = coupling.id
        elif plan.delete is not None and coupling is not None:
            changed.append({"id": coupling.id, "pending": f"delete:{plan.delete}", "pending_token": token})
            ids[index] = coupling.id
    if not (new_rows or changed):
        return ids
    with ctx.store.session() as session:
        update_couplings(session, changed)
        ids.update(zip(new_index, insert_couplings(session, new_rows), strict=True))
    return ids


# -- step 2 ------------------------------------------------------------------------------


def _write(ctx: Context, side: Side, plans: list[Plan], stamp: Any) -> None:
    table, conn = ctx.tables[side], ctx.conns[side]
    stamped = {} if table.db_fills_modified else {table.modified.name: stamp}
    inserts = [p for p in plans if side in p.inserts]
    if inserts:
        for p in inserts:
            p.inserts[side].update(stamped)

        def insert_all(group: list[Plan]) -> None:
            keys = table.insert_rows(conn, [p.inserts[side] for p in group])
            for p, key in zip(group, keys, strict=True):
                p.new_keys[side] = key

        _guarded(conn, inserts, insert_all)
    groups: dict[tuple[str, ...], list[Plan]] = {}
    for p in plans:
        if p.updates.get(side) and p.failure is None:
            p.updates[side].update(stamped)
            groups.setdefault(tuple(sorted(p.updates[side])), []).append(p)
    for group in groups.values():

        def update_all(part: list[Plan]) -> None:
            rows = [(p.key(side), p.item.records[side].raw_modified, p.updates[side]) for p in part]  # type: ignore[union-attr]
            landed = table.update_rows(conn, rows)  # type: ignore[arg-type]
            for p in part:
                p.not_landed = p.not_landed or p.key(side) not in landed

        _guarded(conn, group, update_all)
    deletes = [p for p in plans if p.delete is side and p.failure is None]
    if deletes:
        _guarded(conn, deletes, lambda part: table.delete_rows(conn, [p.key(side) for p in part]))  # type: ignore[misc]


def _guarded(conn: Connection, plans: list[Plan], write: Callable[[list[Plan]], None]) -> None:
    """Write all plans in one transaction; if the database rejects it, write them one by one
    and mark each rejected plan failed with the database's own message."""
    try:
        with conn.begin():
            write(plans)
        return
    except StatementError:
        pass
    for plan in plans:
        plan.new_keys.clear()
        try:
            with conn.begin():
                write([plan])
        except StatementError as exc:
            plan.failure = Problem(ErrorKind.FAILED, db_message(exc), _detail(exc))
            plan.not_landed = True


def _detail(exc: BaseException) -> str:
    return "".join(traceback.format_exception_only(exc)).strip()


# -- step 3 ------------------------------------------------------------------------------


def _settle(
    ctx: Context,
    plans: list[Plan],
    stamps: dict[Side, Any],
    token: str,
    coupling_ids: dict[int, int],
    watermark: tuple[Side, str] | None,
) -> None:
    at = utcnow()
    written_seen = _written_stamps(ctx, plans, stamps)
    out = _Settle()
    for index, plan in enumerate(plans):
        coupling_id = coupling_ids.get(index) or (plan.item.coupling.id if plan.item.coupling else None)
        _settle_one(ctx, plan, coupling_id, written_seen, at, out)
    with ctx.store.session() as session:
        update_couplings(session, out.couplings_changed)
        if any(p.inserts for p in plans):
            session.execute(
                update(Coupling)
                .where(Coupling.mapping == ctx.mapping.name, Coupling.pending_token == token, Coupling.pending.like("insert:%"))
                .values(pending=None, pending_token=None)
            )
        created = insert_couplings(session, [row for row, _ in out.couplings_new])
        for (_, error), new_id in zip(out.couplings_new, created, strict=True):
            if error is not None:
                error["coupling_id"] = new_id
        resolve_errors_of(session, out.resolved, ctx.resolution, ctx.user, at)
        delete_couplings(session, out.couplings_gone)
        add_errors(session, out.errors)
        add_log(session, out.log)
        if watermark is not None:
            _save_watermark(session, ctx.mapping.name, *watermark)
        if ctx.job_id is not None:
            session.execute(
                update(Job).where(Job.id == ctx.job_id).values(heartbeat=at, **ctx.counters.as_dict())
            )


def _written_stamps(ctx: Context, plans: list[Plan], stamps: dict[Side, Any]) -> dict[Side, dict[str, str | None]]:
    """The last-modified values the engine's own writes left, by side and key."""
    seen: dict[Side, dict[str, str | None]] = {}
    for side in Side:
        keys = [p.key(side) for p in plans if p.failure is None and (side in p.inserts or p.updates.get(side))]
        keys = [k for k in keys if k is not None]
        if not keys:
            continue
        table = ctx.tables[side]
        if table.db_fills_modified:
            with ctx.conns[side].begin():
                found = table.stamps_of(ctx.conns[side], keys)
            seen[side] = {k: normalize_modified(v) for k, v in found.items()}
        else:
            stamp = normalize_modified(stamps[side])
            seen[side] = dict.fromkeys(keys, stamp)
    return seen


def _settle_one(
    ctx: Context,
    plan: Plan,
    coupling_id: int | None,
    written: dict[Side, dict[str, str | None]],
    at: datetime,
    out: _Settle,
) -> None:
    problem = plan.problem or plan.failure
    outcome = Outcome.FAILED if plan.failure or (problem and problem.kind is ErrorKind.FAILED) else plan.outcome
    if outcome is not Outcome.SKIPPED or coupling_id not in ctx.skipped_couplings:
        setattr(ctx.counters, COUNTER_OF[outcome], getattr(ctx.counters, COUNTER_OF[outcome]) + 1)
    if outcome is Outcome.SKIPPED and coupling_id is not None:
        ctx.skipped_couplings.add(coupling_id)
    if problem is not None:
        _settle_problem(ctx, plan, problem, coupling_id, at, out)
        _log(ctx, plan, outcome, problem.message, at, out)
        return
    if plan.outcome is Outcome.SKIPPED:
        return
    if plan.delete is not None or plan.uncouple:
        if coupling_id is not None:
            out.couplings_gone.append(coupling_id)
            out.resolved.append(coupling_id)
        _log(ctx, plan, outcome, plan.message, at, out)
        return
    seen = {
        f"{side}_seen": written.get(side, {}).get(plan.key(side) or "", None)
        if (side in plan.inserts or plan.updates.get(side))
        else plan.item.records[side].modified  # type: ignore[union-attr]
        for side in Side
        if plan.item.records.get(side) is not None or side in plan.inserts
    }
    state = {"synced_at": at, "retry": plan.not_landed, "skipped": False}
    if not plan.not_landed:
        state |= seen | {"base": plan.base}
    if plan.couple_to is not None:
        row = {"mapping": ctx.mapping.name, "erp_key": plan.key(Side.ERP), "crm_key": plan.key(Side.CRM)}
        row |= state | ({} if not plan.not_landed else {"base": None} | seen)
        out.couplings_new.append((row, None))  # type: ignore[arg-type]
    elif plan.inserts:
        (destination, _), = plan.inserts.items()
        if ctx.tables[destination].identity_key:
            out.couplings_changed.append({"id": coupling_id, f"{destination}_key": plan.new_keys[destination]})
    elif coupling_id is not None:
        out.couplings_changed.append({"id": coupling_id} | state)
    if plan.resolves_errors and coupling_id is not None:
        out.resolved.append(coupling_id)
    message = plan.message
    if plan.not_landed:
        changed_side = next(s for s in Side if plan.updates.get(s))
        message = (
            f"not written: the {ctx.config.side_name(changed_side)} record changed while the job ran; "
            "it will be compared again next time"
        )
    if outcome is not Outcome.UNCHANGED or plan.item.forced:
        _log(ctx, plan, outcome, message, at, out)


def _settle_problem(
    ctx: Context, plan: Plan, problem: Problem, coupling_id: int | None, at: datetime, out: _Settle
) -> None:
    """Mark the coupling skipped and record the error; a new record gets a half coupling."""
    exists = {side: plan.item.records.get(side) is not None for side in Side}
    error = {
        "mapping": ctx.mapping.name,
        "coupling_id": coupling_id,
        "erp_key": plan.item.key(Side.ERP),
        "crm_key": plan.item.key(Side.CRM),
        "kind": problem.kind.value,
        "message": problem.message,
        "detail": problem.detail,
        "failed_at": at,
        "job_id": ctx.job_id,
        "erp_exists": exists[Side.ERP],
        "crm_exists": exists[Side.CRM],
    }
    state = {"skipped": True, "retry": False, "pending": None, "pending_token": None}
    for side in plan.inserts:  # the insert did not happen: the coupling has no key there
        state[f"{side}_key"] = None
    if coupling_id is None:
        row = {"mapping": ctx.mapping.name, "erp_key": error["erp_key"], "crm_key": error["crm_key"]} | state
        for side in Side:
            record = plan.item.records.get(side)
            row[f"{side}_seen"] = record.modified if record else None
        out.couplings_new.append((row, error))  # type: ignore[arg-type]
    else:
        out.couplings_changed.append({"id": coupling_id} | state)
    if not ctx.manual:
        out.errors.append(error)


def _log(ctx: Context, plan: Plan, outcome: Outcome, message: str, at: datetime, out: _Settle) -> None:
    out.log.append(
        {
            "mapping": ctx.mapping.name,
            "erp_key": plan.key(Side.ERP),
            "crm_key": plan.key(Side.CRM),
            "at": at,
            "job_id": ctx.job_id,
            "direction": plan.direction,
            "outcome": outcome.value,
            "message": message,
            "user": ctx.user,
        }
    )


def _save_watermark(session: Session, mapping: str, side: Side, value: str) -> None:
    dialect = session.get_bind().dialect.name
    values = {"mapping": mapping, "side": side.value, "modified": value}
    if dialect in ("sqlite", "postgresql"):
        module = sqlite if dialect == "sqlite" else postgresql
        statement = module.insert(Watermark).values(values)
        session.execute(statement.on_conflict_do_update(index_elements=["mapping", "side"], set_={"modified": value}))
        return
    if session.get(Watermark, (mapping, side.value)) is None:
        session.add(Watermark(**values))
    else:
        session.execute(update(Watermark).where(Watermark.mapping == mapping, Watermark.side == side.value).values(modified=value))


def load_watermark(session: Session, mapping: str, side: Side) -> str | None:
    row = session.get(Watermark, (mapping, side.value))
    return row.modified if row else None
