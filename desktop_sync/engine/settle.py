"""Step 3 of applying a batch (see `batch`): couplings, errors, log lines and counters in one
store transaction, from the plans and what the apps now hold.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import DateTime, Integer, insert, literal, select, update
from sqlalchemy.orm import Session

from desktop_sync.domain import Direction, ErrorKind, Outcome, Side
from desktop_sync.engine import rule_words
from desktop_sync.engine.context import Context
from desktop_sync.engine.items import Plan, Problem
from desktop_sync.engine.journal import journal_rows
from desktop_sync.store.journal import add_journal, count_repeated_failures
from desktop_sync.store.models import (
    Coupling,
    Job,
    Lease,
    LogEntry,
    utcnow,
)
from desktop_sync.store.records import (
    add_errors,
    add_log,
    coupling_by_key,
    delete_couplings,
    insert_couplings,
    insert_couplings_returning_ids,
    resolve_errors_of,
    update_couplings,
)
from desktop_sync.words import Message, filed

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
class Ref:
    """How step 3 finds a plan's coupling: its id, or the source key of one announced in step 1."""

    id: int | None = None
    source: Side | None = None
    key: str | None = None


def stamp_token(ctx: Context, side: Side, stamp: Any) -> str | None:
    """The token the engine's stamp leaves on `side`; None when the database puts its own."""
    if stamp is None or ctx.tables[side].stamps.db_fills or ctx.restamps[side]:
        return None
    return ctx.tables[side].stamps.token(stamp, {})


def settle_plans(
    ctx: Context,
    plans: list[Plan],
    stamps: dict[Side, Any],
    token: str,
    refs: list[Ref],
) -> None:
    at = utcnow()
    written_seen = _written_tokens(ctx, plans, stamps)
    out = _Settle()
    for plan, ref in zip(plans, refs, strict=True):
        _settle_one(ctx, plan, ref, written_seen, at, out)
    journal = journal_rows(ctx, plans, at, token)
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
        count_repeated_failures(session, out.errors)
        add_errors(session, out.errors)
        add_log(session, out.log)
        add_journal(session, journal)
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
        found_keys = [
            p.key(side)
            for p in plans
            if p.failure is None and not p.not_landed and (side in p.inserts or p.updates.get(side))
        ]
        keys = [k for k in found_keys if k is not None]
        if not keys:
            continue
        table = ctx.tables[side]
        ours = stamp_token(ctx, side, stamps.get(side))
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
    ref: Ref,
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
        settled: dict[str, Any] = {}
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
        message = rule_words.not_landed(ctx.config.side_name(changed_side))
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
    ref: Ref,
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


def _change(out: _Settle, ref: Ref, values: dict[str, Any]) -> None:
    if ref.id is not None:
        out.couplings_changed.append({"id": ref.id} | values)
    elif ref.source is not None:
        out.by_source[ref.source].append({f"{ref.source}_key": ref.key} | values)


def _settle_problem(
    ctx: Context, plan: Plan, problem: Problem, ref: Ref, at: datetime, out: _Settle
) -> None:
    """Mark the coupling skipped and record the error; a new record gets a half coupling."""
    exists = {side: plan.item.records.get(side) is not None for side in Side}
    error = {
        "mapping": ctx.mapping.name,
        "coupling_id": ref.id,
        "erp_key": plan.item.key(Side.ERP),
        "crm_key": plan.item.key(Side.CRM),
        "kind": problem.kind.value,
        **filed(problem.message),
        "detail": problem.detail,
        "failed_at": at,
        "job_id": ctx.job_id,
        "erp_exists": exists[Side.ERP],
        "crm_exists": exists[Side.CRM],
        "conflict_fields": ",".join(problem.fields) or None,
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
    ctx: Context, plan: Plan, outcome: Outcome, message: str | Message, at: datetime, out: _Settle
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
            **filed(message),
            "user": ctx.user,
        }
    )
