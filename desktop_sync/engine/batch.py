"""Applying a batch of plans to both apps and the store, so that a kill at any moment is safe.

Three steps, each committed before the next:

1. *Announce* (store): every insert and delete about to be made is written as a pending
   coupling (`pending`, `pending_token`), with the key it will carry where the engine makes it.
2. *Write* (apps): `executemany` inserts, optimistic updates and deletes, one transaction per
   kind and side; when a batch is rejected it is retried row by row to find the record at fault.
3. *Settle* (store): couplings, errors, log lines and counters, in one transaction.

A sync killed after step 1 finds the pending couplings next time and finishes or forgets them
(see `recovery`); killed after step 2, it finds rows whose values already agree, which the
three-way comparison counts as converged, so nothing is written twice and nothing is lost.
"""

from __future__ import annotations

import traceback
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, DateTime, Integer, insert, literal, select, update
from sqlalchemy.exc import StatementError
from sqlalchemy.orm import Session

from desktop_sync.apps.connection import Record, SideTable, db_message
from desktop_sync.apps.faults import TransientFault, is_transient
from desktop_sync.apps.stamps import DbClock, row_token
from desktop_sync.apps.values import canonical
from desktop_sync.config import Config, TableMapping
from desktop_sync.domain import Counters, Direction, ErrorKind, Outcome, Side
from desktop_sync.engine.plan import Item, Plan, Problem
from desktop_sync.store import Store
from desktop_sync.store.models import (
    Coupling,
    Job,
    Lease,
    LogEntry,
    SyncError,
    Watermark,
    utcnow,
)
from desktop_sync.store.records import (
    CouplingRow,
    add_errors,
    add_log,
    coupling_by_key,
    delete_couplings,
    insert_couplings,
    insert_couplings_returning_ids,
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
    counters: Counters = field(default_factory=Counters)
    resolution: str = "resolved"  # how errors this context closes are marked
    manual: bool = (
        False  # a person's action: a failure is reported to them, not filed as a new error
    )
    skipped_couplings: set[int] = field(default_factory=set)  # counted once per job, not per pass
    # Tokens of the stamps this job wrote, by side: rows still carrying one are its echo.
    written_stamps: dict[Side, list[str]] = field(
        default_factory=lambda: {Side.ERP: [], Side.CRM: []}
    )
    lease_holder: str | None = None  # renewed with every batch settled
    clocks: dict[Side, DbClock] = field(default_factory=dict)
    # Whether a side's database puts its own stamp on the engine's writes (a trigger, say);
    # None until the first write tells.
    restamps: dict[Side, bool | None] = field(default_factory=lambda: dict.fromkeys(Side))

    def now(self, side: Side) -> datetime:
        """The time by `side`'s database clock (read once per job, see `DbClock`)."""
        if side not in self.clocks:
            conn = self.conns[side]
            with conn.begin():
                self.clocks[side] = self.tables[side].stamps.read_clock(conn)
        return self.clocks[side].now()


@dataclass
class _Settle:
    """What step 3 writes, gathered before its transaction opens.

    Couplings announced in step 1 are addressed by their source key (`by_source`), so step 1
    needs no ids back from the database; the few that need an id for an error get it then.
    """

    couplings_new: list[dict[str, Any]] = field(default_factory=list)
    couplings_new_with_error: list[tuple[dict[str, Any], dict[str, Any]]] = field(
        default_factory=list
    )
    couplings_changed: list[dict[str, Any]] = field(default_factory=list)
    by_source: dict[Side, list[dict[str, Any]]] = field(
        default_factory=lambda: {Side.ERP: [], Side.CRM: []}
    )
    errors_by_source: list[tuple[Side, str, dict[str, Any]]] = field(default_factory=list)
    couplings_gone: list[int] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)
    resolved: list[int] = field(default_factory=list)
    log: list[dict[str, Any]] = field(default_factory=list)


@dataclass(frozen=True)
class _Ref:
    """How step 3 finds a plan's coupling: its id, or the source key of one announced in step 1."""

    id: int | None = None
    source: Side | None = None
    key: str | None = None


def read_items(ctx: Context, couplings: Sequence[CouplingRow], forced: bool = True) -> list[Item]:
    """Couplings with both sides' records as they are now (None where a record is gone),
    one key query per side. A row that cannot be taken as a record (text that is not text,
    say) is read as it is and gives its item the problem."""
    found: dict[Side, dict[str, Record]] = {}
    problems: dict[tuple[Side, str], Problem] = {}
    for side in Side:
        table, conn = ctx.tables[side], ctx.conns[side]
        with conn.begin():
            keys = [c.key(side) for c in couplings if c.key(side)]
            rows = table.read_by_keys(conn, keys, live=True)  # type: ignore[arg-type]
        found[side] = {}
        for key, row in rows.items():
            try:
                found[side][key] = table.to_record(row)
            except ValueError as exc:
                found[side][key] = Record(key, row_token(row), row[1], dict(row._mapping))
                problems[side, key] = Problem(ErrorKind.FAILED, f"{table.name_of(key)}: {exc}")
    items = []
    for c in couplings:
        records = {side: found[side].get(c.key(side) or "") for side in Side}
        source = Side.ERP if records[Side.ERP] is not None else Side.CRM
        item = Item(c, records, source, forced=forced)
        item.problem = next(
            (problems[s, c.key(s)] for s in Side if (s, c.key(s)) in problems), None
        )
        items.append(item)
    return items


def apply_plans(ctx: Context, plans: list[Plan]) -> None:
    """Carry out `plans`: announce, write, settle (see the module's docstring)."""
    written = {
        s for s in Side if any(s in p.inserts or p.updates.get(s) or p.delete is s for p in plans)
    }
    stamps = {
        side: ctx.tables[side].stamps.write_value(ctx.now(side))
        for side in written
        if ctx.tables[side].stamps.present
    }
    token = uuid.uuid4().hex[:20]
    refs = _announce(ctx, plans, stamps, token)
    for side in Side:
        _write(ctx, side, plans, stamps.get(side))
    _settle(ctx, plans, stamps, token, refs)


def file_keyless_rows(ctx: Context, side: Side, messages: list[str]) -> None:
    """File rows that have no key as errors of their own: they cannot be coupled, so they are
    read again on every run; an open error with the same message is not filed twice."""
    if not messages or ctx.manual:
        return
    wanted = list(dict.fromkeys(messages))
    with ctx.store.session() as session:
        open_ = set(
            session.scalars(
                select(SyncError.message).where(
                    SyncError.mapping == ctx.mapping.name,
                    SyncError.resolved_at.is_(None),
                    SyncError.erp_key.is_(None),
                    SyncError.crm_key.is_(None),
                    SyncError.message.in_(wanted),
                )
            )
        )
        new = [m for m in wanted if m not in open_]
        at = utcnow()
        add_errors(
            session,
            [
                {
                    "mapping": ctx.mapping.name,
                    "kind": ErrorKind.FAILED.value,
                    "message": message,
                    "detail": "A record needs a key to be coupled and synchronized.",
                    "failed_at": at,
                    "job_id": ctx.job_id,
                    "erp_exists": side is Side.ERP,
                    "crm_exists": side is Side.CRM,
                }
                for message in new
            ],
        )
    ctx.counters.failed += len(new)


# -- step 1 ------------------------------------------------------------------------------


def _announce(ctx: Context, plans: list[Plan], stamps: dict[Side, Any], token: str) -> list[_Ref]:
    """Write pending couplings for inserts, updates and deletes; returns how to find each plan's
    coupling."""
    new_rows: list[dict[str, Any]] = []
    changed: list[dict[str, Any]] = []
    refs: list[_Ref] = []
    seen_stamp = {side: _stamp_token(ctx, side, stamps.get(side)) for side in Side}
    synced_at = utcnow()
    for plan in plans:
        coupling = plan.item.coupling
        refs.append(_Ref(coupling.id) if coupling else _Ref())
        if plan.inserts:
            ((destination, values),) = plan.inserts.items()
            source = destination.other
            table = ctx.tables[destination]
            key = values.get(table.key.name)
            row = {
                f"{destination}_key": table.key_text(key) if key is not None else None,
                f"{destination}_seen": seen_stamp[destination]
                or _inserted_token(table, values, stamps.get(destination)),
                f"{source}_seen": plan.item.records[source].modified,  # type: ignore[union-attr]
                "base": plan.base,
                "pending": f"insert:{destination}",
                "pending_token": token,
                "skipped": False,
                "retry": False,
                "synced_at": synced_at,
            }
            if coupling is None:
                # New couplings carry their own token, so that step 3 can log them in SQL.
                row |= {
                    "mapping": ctx.mapping.name,
                    f"{source}_key": plan.item.key(source),
                    "pending_token": token + "n",
                }
                new_rows.append(row)
                refs[-1] = _Ref(source=source, key=plan.item.key(source))
            else:
                changed.append(row | {"id": coupling.id})
        elif plan.delete is not None and coupling is not None:
            changed.append(
                {"id": coupling.id, "pending": f"delete:{plan.delete}", "pending_token": token}
            )
        elif coupling is not None and any(plan.updates.values()):
            changed.append(_announced_update(plan, coupling.id, seen_stamp, token))
    if new_rows or changed:
        with ctx.store.session() as session:
            update_couplings(session, changed)
            insert_couplings(session, new_rows)
    return refs


def _stamp_token(ctx: Context, side: Side, stamp: Any) -> str | None:
    """The token the engine's stamp leaves on `side`; None when the database puts its own."""
    if stamp is None or ctx.tables[side].stamps.db_fills or ctx.restamps[side]:
        return None
    return ctx.tables[side].stamps.token(stamp, {})


def _inserted_token(table: SideTable, values: dict[str, Any], stamp: Any) -> str | None:
    """The token of an inserted row whose table keeps no stamp: its values'."""
    return None if stamp is not None else table.stamps.token(None, values)


def _announced_update(
    plan: Plan, coupling_id: int, seen_stamp: dict[Side, str | None], token: str
) -> dict[str, Any]:
    """The announcement of an update: what the pair will hold once it lands, so that a job
    killed before settling it can tell afterwards whether it landed (see `recovery`)."""
    written = [s for s in Side if plan.updates.get(s)]
    pending = f"update:{written[0]}" if len(written) == 1 else "update:both"
    state = {
        "base": plan.base,
        "values": {s.value: {c: canonical(v) for c, v in plan.updates[s].items()} for s in written},
        "stamps": {s.value: seen_stamp[s] for s in written},
        "read": {s.value: r.modified for s, r in plan.item.records.items() if r is not None},
    }
    return {"id": coupling_id, "pending": pending, "pending_token": token, "pending_state": state}


# -- step 2 ------------------------------------------------------------------------------


def _write(ctx: Context, side: Side, plans: list[Plan], stamp: Any) -> None:
    table, conn = ctx.tables[side], ctx.conns[side]
    fills = stamp is None or table.stamps.db_fills
    stamped = {} if fills else {table.stamp_column: stamp}
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
            rows = [(p.item.records[side], p.updates[side]) for p in part]
            landed = table.update_rows(conn, rows)  # type: ignore[arg-type]
            for p in part:
                p.not_landed = p.not_landed or p.key(side) not in landed

        _guarded(conn, group, update_all)
    deletes = [p for p in plans if p.delete is side and p.failure is None]
    if deletes:
        _guarded(
            conn,
            deletes,
            lambda part: table.delete_rows(conn, [p.key(side) for p in part], stamp),  # type: ignore[misc]
        )


# What a database (or its driver, binding a value: text it cannot encode) says to a write.
_REJECTED = (StatementError, UnicodeError, ValueError, TypeError)


def _guarded(conn: Connection, plans: list[Plan], write: Callable[[list[Plan]], None]) -> None:
    """Write all plans in one transaction; if the database rejects it, write them one by one
    and mark each rejected plan failed with the database's own message.

    A fault that passes by itself (a lost connection, a deadlock) is no record's fault: it
    raises TransientFault at once, leaving what step 1 announced for the next job to settle.
    """
    try:
        with conn.begin():
            write(plans)
        return
    except _REJECTED as exc:
        if is_transient(exc):
            raise TransientFault.of(exc) from exc
    for plan in plans:
        plan.new_keys.clear()
        try:
            with conn.begin():
                write([plan])
        except _REJECTED as exc:
            if is_transient(exc):
                raise TransientFault.of(exc) from exc
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
    refs: list[_Ref],
) -> None:
    at = utcnow()
    written_seen = _written_tokens(ctx, plans, stamps)
    out = _Settle()
    for plan, ref in zip(plans, refs, strict=True):
        _settle_one(ctx, plan, ref, written_seen, at, out)
    mapping = ctx.mapping.name
    with ctx.store.session() as session:
        update_couplings(session, out.couplings_changed)
        for side, rows in out.by_source.items():
            update_couplings(session, rows, by=f"{side}_key", mapping=mapping)
        if any(p.inserts for p in plans):
            _log_new_inserts(ctx, session, token + "n", at)
            session.execute(
                update(Coupling)
                .where(
                    Coupling.mapping == mapping,
                    Coupling.pending.in_(["insert:erp", "insert:crm"]),
                    Coupling.pending_token.in_([token, token + "n"]),
                )
                .values(pending=None, pending_token=None)
                .execution_options(
                    synchronize_session=False
                )  # no objects loaded; skip fetching ids
            )
        insert_couplings(session, out.couplings_new)
        created = insert_couplings_returning_ids(
            session, [row for row, _ in out.couplings_new_with_error]
        )
        for (_, error), new_id in zip(out.couplings_new_with_error, created, strict=True):
            error["coupling_id"] = new_id
        for side, key, error in out.errors_by_source:
            found = coupling_by_key(session, mapping, side, key)
            error["coupling_id"] = found.id if found else None
        resolve_errors_of(session, out.resolved, ctx.resolution, ctx.user, at)
        delete_couplings(session, out.couplings_gone)
        add_errors(session, out.errors)
        add_log(session, out.log)
        if ctx.job_id is not None:
            session.execute(
                update(Job)
                .where(Job.id == ctx.job_id)
                .values(heartbeat=at, **ctx.counters.as_dict())
            )
        if ctx.lease_holder is not None:
            session.execute(
                update(Lease)
                .where(Lease.mapping == mapping, Lease.holder == ctx.lease_holder)
                .values(heartbeat=at)
            )


def _log_new_inserts(ctx: Context, session: Session, token: str, at: datetime) -> None:
    """Log every new record this batch inserted, straight from its coupling, in SQL.

    An initial synchronization inserts a whole table; one INSERT … SELECT per side writes its
    log lines without building a Python row for each.
    """
    columns = [
        "mapping",
        "erp_key",
        "crm_key",
        "at",
        "job_id",
        "direction",
        "outcome",
        "message",
        "user",
    ]
    for destination in Side:
        rows = select(
            Coupling.mapping,
            Coupling.erp_key,
            Coupling.crm_key,
            literal(at, DateTime()),
            literal(ctx.job_id, Integer()),
            literal(Direction.towards(destination).value),
            literal(Outcome.INSERTED.value),
            literal(""),
            literal(ctx.user),
        ).where(
            Coupling.mapping == ctx.mapping.name,
            Coupling.pending == f"insert:{destination}",
            Coupling.pending_token == token,
        )
        session.execute(insert(LogEntry).from_select(columns, rows))


def _written_tokens(
    ctx: Context, plans: list[Plan], stamps: dict[Side, Any]
) -> dict[Side, dict[str, str | None]]:
    """The tokens the engine's own writes left, by side and key.

    Where the engine's stamp stays on the row, that is its token. Where the database puts its
    own (a trigger, an ON UPDATE default) or the table keeps no stamp, the rows are read back;
    the first batch of a job is read back anyway, to find a trigger no schema shows.
    """
    seen: dict[Side, dict[str, str | None]] = {}
    for side in Side:
        keys = [
            p.key(side)
            for p in plans
            if p.failure is None and not p.not_landed and (side in p.inserts or p.updates.get(side))
        ]
        keys = [k for k in keys if k is not None]
        if not keys:
            continue
        table = ctx.tables[side]
        ours = _stamp_token(ctx, side, stamps.get(side))
        if ours is not None and ctx.restamps[side] is False:
            seen[side] = dict.fromkeys(keys, ours)
            ctx.written_stamps[side].append(ours)
            continue
        with ctx.conns[side].begin():
            found = table.tokens_of(ctx.conns[side], keys)
        seen[side] = {k: found.get(k) for k in keys}
        if ours is not None:
            ctx.restamps[side] = any(t != ours for t in found.values())
            if not ctx.restamps[side]:
                ctx.written_stamps[side].append(ours)
    return seen


def _count(ctx: Context, outcome: Outcome, coupling_id: int | None) -> None:
    if outcome is Outcome.SKIPPED:
        if coupling_id in ctx.skipped_couplings:
            return  # seen in an earlier pass of this job
        if coupling_id is not None:
            ctx.skipped_couplings.add(coupling_id)
    name = COUNTER_OF[outcome]
    setattr(ctx.counters, name, getattr(ctx.counters, name) + 1)


def _settle_one(
    ctx: Context,
    plan: Plan,
    ref: _Ref,
    written: dict[Side, dict[str, str | None]],
    at: datetime,
    out: _Settle,
) -> None:
    problem = plan.problem or plan.failure
    outcome = (
        Outcome.FAILED
        if plan.failure or (problem and problem.kind is ErrorKind.FAILED)
        else plan.outcome
    )
    _count(ctx, outcome, ref.id)
    if problem is not None:
        _settle_problem(ctx, plan, problem, ref, at, out)
        _log(ctx, plan, outcome, problem.message, at, out)
        return
    if plan.outcome is Outcome.SKIPPED:
        return
    if plan.delete is not None or plan.uncouple:
        if ref.id is not None:
            out.couplings_gone.append(ref.id)
            out.resolved.append(ref.id)
        _log(ctx, plan, outcome, plan.message, at, out)
        return
    if plan.inserts:
        ((destination, _),) = plan.inserts.items()
        table, key = ctx.tables[destination], plan.key(destination)
        settled = {}
        if table.identity_key:
            settled[f"{destination}_key"] = plan.new_keys[destination]
        if not table.stamps.unique_per_batch or ctx.restamps[destination]:
            settled[f"{destination}_seen"] = written.get(destination, {}).get(key or "")
        if settled:
            _change(out, ref, settled)
    else:
        _settle_written(ctx, plan, ref, written, at, out)
    if plan.resolves_errors and ref.id is not None:
        out.resolved.append(ref.id)
    message = plan.message
    if plan.not_landed:
        changed_side = next(s for s in Side if plan.updates.get(s))
        message = (
            f"not written: the {ctx.config.side_name(changed_side)} record changed while the job "
            "ran; it will be compared again next time"
        )
    logged_in_sql = (
        bool(plan.inserts)
        and ref.source is not None
        and outcome is Outcome.INSERTED
        and not message
    )
    if not logged_in_sql and (outcome is not Outcome.UNCHANGED or plan.item.forced):
        _log(ctx, plan, outcome, message, at, out)


def _settle_written(
    ctx: Context,
    plan: Plan,
    ref: _Ref,
    written: dict[Side, dict[str, str | None]],
    at: datetime,
    out: _Settle,
) -> None:
    """A pair compared, and updated or found unchanged: move the coupling's stamps and base on.
    An update that did not land leaves them, and asks the next job to look again."""
    seen = {
        f"{side}_seen": written.get(side, {}).get(plan.key(side) or "")
        if plan.updates.get(side)
        else record.modified
        for side, record in plan.item.records.items()
        if record is not None
    }
    state = {"synced_at": at, "retry": plan.not_landed, "skipped": False} | _NOT_PENDING
    if not plan.not_landed:
        state |= seen | {"base": plan.base}
    if plan.couple_to is not None:
        row = {
            "mapping": ctx.mapping.name,
            "erp_key": plan.key(Side.ERP),
            "crm_key": plan.key(Side.CRM),
        }
        out.couplings_new.append(row | seen | {"base": None} | state)
    elif ref.id is not None:
        out.couplings_changed.append({"id": ref.id} | state)


_NOT_PENDING = {"pending": None, "pending_token": None, "pending_state": None}


def _change(out: _Settle, ref: _Ref, values: dict[str, Any]) -> None:
    if ref.id is not None:
        out.couplings_changed.append({"id": ref.id} | values)
    elif ref.source is not None:
        out.by_source[ref.source].append({f"{ref.source}_key": ref.key} | values)


def _settle_problem(
    ctx: Context, plan: Plan, problem: Problem, ref: _Ref, at: datetime, out: _Settle
) -> None:
    """Mark the coupling skipped and record the error; a new record gets a half coupling."""
    exists = {side: plan.item.records.get(side) is not None for side in Side}
    error = {
        "mapping": ctx.mapping.name,
        "coupling_id": ref.id,
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
    state: dict[str, Any] = {"skipped": True, "retry": False} | _NOT_PENDING
    for side in plan.inserts:  # the insert did not happen: the coupling has no key there
        state[f"{side}_key"] = None
    # The stamps as seen now, so a later job counts the record as skipped only when it changes
    # again; the base stays, so a Retry compares against the last synchronized values.
    for side, record in plan.item.records.items():
        if record is not None and record.modified is not None:
            state[f"{side}_seen"] = record.modified
    if ref.id is None and ref.source is None:
        row = {
            "mapping": ctx.mapping.name,
            "erp_key": error["erp_key"],
            "crm_key": error["crm_key"],
        } | state
        for side in Side:
            record = plan.item.records.get(side)
            row[f"{side}_seen"] = record.modified if record else None
        if not ctx.manual:
            out.couplings_new_with_error.append((row, error))
            out.errors.append(error)
        return
    _change(out, ref, state)
    if ctx.manual:
        return
    if ref.id is None:
        out.errors_by_source.append((ref.source, ref.key, error))  # type: ignore[arg-type]
    out.errors.append(error)


def _log(
    ctx: Context, plan: Plan, outcome: Outcome, message: str, at: datetime, out: _Settle
) -> None:
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


@dataclass(frozen=True)
class WatermarkState:
    """How far the incremental reads of one side have come.

    `reached` is the database's time (UTC text) when the last complete pass started: every row
    committed before it minus the look-back was read. `own` holds the tokens of the engine's own
    write stamps that are still inside the look-back, so the next job need not read them back.
    """

    reached: str | None = None
    own: tuple[str, ...] = ()


def save_watermark(session: Session, mapping: str, side: Side, state: WatermarkState) -> None:
    if state.reached is None:
        return
    values = {"modified": state.reached, "own_stamps": list(state.own)}
    statement = update(Watermark).where(Watermark.mapping == mapping, Watermark.side == side.value)
    if not session.execute(statement.values(values)).rowcount:
        session.add(Watermark(mapping=mapping, side=side.value, **values))


def load_watermark(session: Session, mapping: str, side: Side) -> WatermarkState:
    row = session.get(Watermark, (mapping, side.value))
    if row is None:
        return WatermarkState()
    return WatermarkState(row.modified, tuple(row.own_stamps or ()))
