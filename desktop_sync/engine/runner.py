"""Synchronization jobs: one mapping, whole table, retried couplings, one record, or the scan
for deleted records. Runs headless; the window and the command line both call `Engine`.

A table job reads each allowed source side's rows changed since the mapping's watermark, a batch
at a time in (last-modified, key) order, plans each record (see `plan`) and applies the batch
(see `batch`). Progress is reported after every batch, and a cancel request is honoured there,
so what was committed stays committed.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.exc import SQLAlchemyError

from desktop_sync.apps import AppError, Apps, Record
from desktop_sync.apps.connection import db_message
from desktop_sync.apps.faults import TransientFault, is_transient
from desktop_sync.apps.stamps import moment_text, row_token
from desktop_sync.apps.values import canonical
from desktop_sync.config import Config, TableMapping
from desktop_sync.domain import (
    CancelToken,
    Counters,
    ErrorKind,
    JobOrigin,
    JobResult,
    JobStatus,
    Outcome,
    Progress,
    Side,
)
from desktop_sync.engine.batch import (
    Context,
    WatermarkState,
    apply_plans,
    file_keyless_rows,
    load_watermark,
    read_items,
    save_watermark,
)
from desktop_sync.engine.compare_all import compare_all, new_fields, remember_fields
from desktop_sync.engine.plan import Item, Plan, Planner, Problem
from desktop_sync.engine.recovery import recover
from desktop_sync.engine.translate import Lookups, NotCoupled, TranslationError
from desktop_sync.store import Store, lease
from desktop_sync.store.lease import MappingBusy
from desktop_sync.store.models import Coupling, Job, utcnow
from desktop_sync.store.records import (
    CouplingRow,
    coupling_by_key,
    couplings_by_keys,
    couplings_page,
    retry_transient_errors,
)

log = logging.getLogger(__name__)
ProgressCallback = Callable[[Progress], None]


class JobError(Exception):
    """A job cannot do what was asked (a record that does not exist, say); the message says why."""


@dataclass(frozen=True)
class Scope:
    """What a job covers: the whole table, one record, or the scan for deleted records."""

    kind: str = "table"  # table | full (every pair compared by value) | record | find_deleted
    side: Side | None = None
    key: str | None = None

    @classmethod
    def record(cls, side: Side, key: str) -> Scope:
        return cls("record", side, key)

    def describe(self) -> str:
        return f"record {self.side} {self.key}" if self.kind == "record" else self.kind


TABLE = Scope()
FULL = Scope("full")
FIND_DELETED = Scope("find_deleted")


class Engine:
    """Runs synchronization jobs of one configuration."""

    def __init__(self, config: Config, store: Store, apps: Apps, user: str | None = None) -> None:
        self.config, self.store, self.apps = config, store, apps
        self.user = user or config.user
        self.runner = lease.runner_id()

    def run(
        self,
        mappings: Iterable[str] | None = None,
        scope: Scope = TABLE,
        origin: JobOrigin = JobOrigin.MANUAL,
        progress: ProgressCallback | None = None,
        cancel: CancelToken | None = None,
    ) -> list[JobResult]:
        """One job per mapping (all of them by default), each after the mappings its lookups
        translate keys through."""
        wanted = list(mappings) if mappings else None
        for name in wanted or ():
            self.config.mapping(name)  # an unknown name is a configuration error
        names = self.config.in_order(wanted)
        results = []
        for name in names:
            if cancel and cancel.cancelled:
                break
            results.append(self.run_job(self.config.mapping(name), scope, origin, progress, cancel))
        return results

    def run_job(
        self,
        mapping: TableMapping,
        scope: Scope = TABLE,
        origin: JobOrigin = JobOrigin.MANUAL,
        progress: ProgressCallback | None = None,
        cancel: CancelToken | None = None,
    ) -> JobResult:
        """Run one job; raises MappingBusy when another runner has the mapping.

        Every other failure ends the job with status `failed` and a readable message. A fault
        that passes by itself (see `apps.faults`) is one message, no record's error, and the
        result says `transient`: what this job announced stays pending for the next one.
        """
        lease.acquire(self.store, mapping.name, self.runner)
        job_id = self._start_job(mapping, scope, origin)
        run = _Run(
            self, mapping, scope, job_id, progress or (lambda p: None), cancel or CancelToken()
        )
        status, message = JobStatus.FINISHED, ""
        fault: TransientFault | None = None
        try:
            run.run()
            if run.cancel.cancelled:
                status, message = (
                    JobStatus.CANCELLED,
                    "cancelled by the user; what was done before is kept",
                )
        except (TransientFault, AppError, JobError, SQLAlchemyError) as exc:
            status = JobStatus.FAILED
            if is_transient(exc):
                fault = TransientFault.of(exc)
                message = fault.message
                log.info("job %s stopped: %s", job_id, fault.summary, exc_info=True)
            elif isinstance(exc, SQLAlchemyError):
                message = f"database error: {db_message(exc)}"
                log.exception("job %s failed", job_id)
            else:
                message = str(exc)
        except Exception as exc:  # a job must end with a status, whatever happened
            status, message = JobStatus.FAILED, f"internal error: {exc.__class__.__name__}: {exc}"
            log.exception("job %s failed", job_id)
        finally:
            run.close()
            self._finish_job(job_id, status, run, message)
            lease.release(self.store, mapping.name, self.runner)
        return JobResult(
            job_id,
            mapping.name,
            status,
            run.ctx_counters(),
            message or run.message,
            transient=fault is not None,
            waiting_for=fault.waiting_for if fault else "",
        )

    def _start_job(self, mapping: TableMapping, scope: Scope, origin: JobOrigin) -> int:
        with self.store.session() as session:
            job = Job(
                mapping=mapping.name,
                scope=scope.describe(),
                origin=origin.value,
                user=self.user,
                runner=self.runner,
                started=utcnow(),
                heartbeat=utcnow(),
                status=JobStatus.RUNNING.value,
            )
            session.add(job)
            session.flush()
            job_id = job.id
        lease.attach_job(self.store, mapping.name, self.runner, job_id)
        return job_id

    def _finish_job(self, job_id: int, status: JobStatus, run: _Run, message: str) -> None:
        with self.store.session() as session:
            session.execute(
                update(Job)
                .where(Job.id == job_id)
                .values(
                    status=status.value,
                    finished=utcnow(),
                    message=message or run.message,
                    **run.ctx_counters().as_dict(),
                )
            )


class _Run:
    """The state of one running job."""

    def __init__(
        self,
        engine: Engine,
        mapping: TableMapping,
        scope: Scope,
        job_id: int,
        progress: ProgressCallback,
        cancel: CancelToken,
    ) -> None:
        self.engine, self.mapping, self.scope, self.job_id = engine, mapping, scope, job_id
        self.progress, self.cancel = progress, cancel
        self.batch_size = engine.config.batch_size
        self.ctx: Context | None = None
        self.planner: Planner | None = None
        self.message = ""
        self.watermarks: dict[Side, WatermarkState] = {}
        self.reached: dict[Side, str] = {}  # where each complete pass started, by the db clock
        self.related_tried: set[tuple[str, Side, str]] = set()

    def ctx_counters(self) -> Counters:
        """The job's counters so far (none when it failed before it could start)."""
        return self.ctx.counters if self.ctx else Counters()

    def run(self) -> None:
        engine = self.engine
        tables = {side: engine.apps[side].side_table(self.mapping) for side in Side}
        conns = {side: engine.apps[side].connect() for side in Side}
        self.ctx = Context(
            engine.config,
            self.mapping,
            engine.store,
            tables,
            conns,
            engine.user,
            self.job_id,
            lease_holder=engine.runner,
        )
        self.lookups = Lookups(engine.store, engine.config)
        self.planner = Planner(engine.config, self.mapping, tables, self.lookups, self.ctx.now)
        with engine.store.session() as session:
            self.watermarks = {s: load_watermark(session, self.mapping.name, s) for s in Side}
        recover(self.ctx)
        if self.scope.kind == "record":
            self._record(self.scope.side, self.scope.key)  # type: ignore[arg-type]
            return
        if self.scope.kind == "find_deleted":
            from desktop_sync.engine.find_deleted import find_deleted

            find_deleted(self, self.ctx)
            return
        self._retry_transient_errors()
        self._retried()
        for source in Side:
            if self.mapping.direction.allows(source) and not self.cancel.cancelled:
                self._source_pass(source)
        self._save_watermarks()
        self._compare_all()

    def _compare_all(self) -> None:
        """`sync --full` compares every pair by value; so does a job after the mapping gained a
        field or turned one around (a back-fill), once."""
        store = self.engine.store
        added = new_fields(store, self.mapping)
        if self.scope.kind == "full":
            self.message = compare_all(self, "comparing every coupled pair").text()
        elif added:
            names = ", ".join(repr(n) for n in added)
            done = compare_all(self, f"back-filling {names}")
            self.message = f"back-filled {names}: {done.text()}"
        if not self.cancel.cancelled:
            remember_fields(store, self.mapping)

    def close(self) -> None:
        if self.ctx:
            for conn in self.ctx.conns.values():
                conn.close()

    def report(self, done: int, total: int | None, message: str, renew: bool = False) -> None:
        """Tell the caller how far the job has come; batches that settle renew the lease
        themselves, other long work asks for `renew`."""
        if renew:
            lease.renew(self.engine.store, self.mapping.name, self.engine.runner)
        self.progress(Progress(self.mapping.name, done, total, message))

    # -- passes ----------------------------------------------------------------------

    def _source_pass(self, source: Side) -> None:
        """Every row of `source` that may have changed since the last complete pass, a batch
        at a time: rows stamped since the watermark minus the look-back (so an edit committed
        up to the look-back after its stamp is still seen), and rows without a stamp."""
        ctx = self.ctx
        assert ctx is not None
        table, conn = ctx.tables[source], ctx.conns[source]
        started = ctx.now(source)
        bound = self._bound(source)
        exclude = [table.stamps.from_token(t) for t in self._own_stamps(source)]
        with conn.begin():
            total = table.count_changed(conn, bound, exclude)
        done = 0
        what = f"{ctx.config.side_name(source)} → {ctx.config.side_name(source.other)}"
        self.report(done, total, what)
        after_key = None
        while not self.cancel.cancelled:
            with conn.begin():
                rows = table.read_unstamped(conn, after_key, self.batch_size)
            if not rows:
                break
            after_key = rows[-1][0]
            self._source_batch(source, rows)
            done += len(rows)
            self.report(done, max(total, done), what)
        after = None
        while table.stamps.present and not self.cancel.cancelled:
            with conn.begin():
                rows = table.read_changed(conn, bound, after, self.batch_size, exclude)
            if not rows:
                break
            after = (rows[-1][1], rows[-1][0])
            self._source_batch(source, rows)
            done += len(rows)
            self.report(done, max(total, done), what)
        if not self.cancel.cancelled:
            self.reached[source] = moment_text(started)

    def _bound(self, source: Side) -> Any:
        """Where this pass starts reading: the watermark minus the look-back (None: all)."""
        reached = self.watermarks[source].reached
        if reached is None:
            return None
        moment = datetime.fromisoformat(reached).replace(tzinfo=UTC) - self.mapping.lookback
        return self.ctx.tables[source].stamps.bound(moment)  # type: ignore[union-attr]

    def _own_stamps(self, source: Side) -> list[str]:
        """Tokens of the engine's own stamps on `source` that a pass need not read back."""
        assert self.ctx is not None
        return [*self.watermarks[source].own, *self.ctx.written_stamps[source]]

    def _save_watermarks(self) -> None:
        """Move each side's watermark to where its complete pass started, and keep the engine's
        own stamps that are still inside the look-back after it."""
        ctx = self.ctx
        assert ctx is not None
        with ctx.store.session() as session:
            for side in Side:
                stamps = ctx.tables[side].stamps
                reached = self.reached.get(side) or self.watermarks[side].reached
                if reached is None or not stamps.present:
                    continue
                oldest = datetime.fromisoformat(reached).replace(tzinfo=UTC)
                oldest -= self.mapping.lookback + timedelta(minutes=1)
                own = [t for t in self._own_stamps(side) if stamps.token_moment(t) >= oldest]
                state = WatermarkState(reached, tuple(dict.fromkeys(own)))
                save_watermark(session, self.mapping.name, side, state)

    def _source_batch(self, source: Side, rows: list) -> None:  # type: ignore[type-arg]
        ctx, planner = self.ctx, self.planner
        assert ctx is not None and planner is not None
        records = self._records(source, rows)
        doubled = self._doubled_keys(source, [r.key for r, _ in records])
        with ctx.store.session() as session:
            couplings = couplings_by_keys(
                session, self.mapping.name, source, [r.key for r, _ in records]
            )
        items, plans = [], []
        for record, problem in records:
            coupling = couplings.get(record.key)
            if coupling is not None and coupling.pending:
                continue
            if coupling is not None and record.modified == coupling.seen(source):
                continue  # our own write, already synchronized, or already counted as skipped
            key = record.key
            if ctx.tables[source].is_archived(record):
                if coupling is None or coupling.skipped:
                    continue  # an archived record is not copied; a skipped one has its error
                record = None  # archived: deleted, as far as the other app is concerned
            item = Item(coupling, {source: record, source.other: None}, source)
            problem = problem or doubled.get(key)
            if problem is not None:
                plans.append(Plan(item, Outcome.FAILED, problem=problem))
            else:
                items.append(item)
        self._read_counterparts(source, items)
        self._load_lookups(items)
        plans += [p for p in (self.decide(i) for i in items) if p is not None]
        plans = self._match_existing(source, plans)
        apply_plans(ctx, plans)

    def decide(self, item: Item) -> Plan | None:
        """The planner's decision; a record whose values the rules cannot handle fails alone."""
        assert self.planner is not None
        if item.problem is not None:
            return Plan(item, Outcome.FAILED, problem=item.problem)
        try:
            return self.planner.decide(item)
        except NotCoupled as exc:
            if self._synchronize_related(exc):
                return self.decide(item)
            return Plan(item, Outcome.FAILED, problem=Problem(ErrorKind.FAILED, str(exc)))
        except TranslationError as exc:
            return Plan(item, Outcome.FAILED, problem=Problem(ErrorKind.FAILED, str(exc)))
        except Exception as exc:  # noqa: BLE001 - one bad record must not stop the job
            log.debug("planning failed", exc_info=True)
            side = item.source
            what = f"{self.engine.config.side_name(side)} record {item.key(side)}"
            message = f"{what} cannot be synchronized: {exc.__class__.__name__}: {exc}"
            return Plan(item, Outcome.FAILED, problem=Problem(ErrorKind.FAILED, message))

    def _load_lookups(self, items: list[Item]) -> None:
        """Read the couplings the batch's lookup fields translate through, a query per field."""
        for f in self.mapping.value_fields:
            if f.lookup is None:
                continue
            for side in Side:
                keys = [
                    str(r.values[f.column(side)])
                    for i in items
                    if (r := i.records.get(side)) is not None
                    and r.values[f.column(side)] is not None
                ]
                self.lookups.load(f.lookup, side, keys)

    def _synchronize_related(self, missing: NotCoupled) -> bool:
        """A record whose related record is not coupled: synchronize that one first, when its
        mapping copies records that way; True when it is coupled now."""
        related = self.engine.config.mapping(missing.mapping)
        if related.name == self.mapping.name or not related.direction.allows(missing.side):
            return False
        attempt = (missing.mapping, missing.side, missing.key)
        if attempt in self.related_tried:
            return False
        self.related_tried.add(attempt)
        try:
            self.engine.run_job(related, Scope.record(missing.side, missing.key))
        except MappingBusy:
            return False
        self.lookups.forget(missing.mapping)
        try:
            self.lookups.other_key(missing.mapping, missing.side, missing.key)
        except NotCoupled:
            return False
        return True

    def _records(self, side: Side, rows: list) -> list[tuple[Record, Problem | None]]:  # type: ignore[type-arg]
        """Rows as records, each with the problem that makes it fail alone (None when fine):
        a last-modified value that is not a timestamp, text that is not text. Rows without a
        key cannot even be coupled: they are filed as errors of their own."""
        ctx = self.ctx
        assert ctx is not None
        table = ctx.tables[side]
        records: list[tuple[Record, Problem | None]] = []
        keyless = []
        seen: set[str] = set()
        for row in rows:
            try:
                record, problem = table.to_record(row), None
            except ValueError as exc:
                if row[0] is None:
                    keyless.append(str(exc))
                    continue
                record = Record(table.key_text(row[0]), row_token(row), row[1], dict(row._mapping))
                problem = Problem(ErrorKind.FAILED, f"{table.name_of(record.key)}: {exc}")
            if record.key not in seen:  # a key read twice is caught by `_doubled_keys`
                seen.add(record.key)
                records.append((record, problem))
        file_keyless_rows(ctx, side, keyless)
        return records

    def _doubled_keys(self, side: Side, keys: list[str]) -> dict[str, Problem]:
        """Keys that more than one row of `side` carries: such records fail until fixed."""
        ctx = self.ctx
        assert ctx is not None
        table, conn = ctx.tables[side], ctx.conns[side]
        if table.key_is_unique or not keys:
            return {}
        with conn.begin():
            doubled = table.doubled_keys(conn, keys)
        return {
            key: Problem(
                ErrorKind.FAILED,
                f"{table.name_of(key)} is on {count} rows: {table.key.name!r} must name "
                f"one record. Give the others their own key in {table.app.name}, then Retry.",
            )
            for key, count in doubled.items()
        }

    def _read_counterparts(self, source: Side, items: list[Item]) -> None:
        """Fill in the other side's rows of coupled items, one query per batch."""
        other = source.other
        keys = [
            i.coupling.key(other)
            for i in items
            if i.coupling and i.coupling.key(other) and not i.coupling.skipped
        ]
        if not keys:
            return
        ctx = self.ctx
        assert ctx is not None
        conn = ctx.conns[other]
        with conn.begin():
            rows = ctx.tables[other].read_by_keys(conn, keys, live=True)  # type: ignore[arg-type]
        table = ctx.tables[other]
        doubled = self._doubled_keys(other, list(rows))
        for item in items:
            key = item.coupling.key(other) if item.coupling else None
            if key not in rows:
                continue
            try:
                item.records[other] = table.to_record(rows[key])
            except ValueError as exc:
                item.problem = Problem(ErrorKind.FAILED, f"{table.name_of(key)}: {exc}")
            item.problem = item.problem or doubled.get(key)  # type: ignore[arg-type]

    def _match_existing(self, source: Side, plans: list[Plan]) -> list[Plan]:
        """Rule 1 with `match_on`: couple new records
        to equal existing ones instead of inserting."""
        ctx, planner = self.ctx, self.planner
        assert ctx is not None and planner is not None
        fields_ = self.mapping.match_fields()
        new = [
            p
            for p in plans
            if p.outcome is Outcome.INSERTED and p.item.coupling is None and p.problem is None
        ]
        if not fields_ or not new:
            return plans
        other = source.other
        first = fields_[0]
        table, conn = ctx.tables[other], ctx.conns[other]
        with conn.begin():
            rows = table.read_by_values(
                conn,
                first.column(other),
                [p.item.records[source].values[first.column(source)] for p in new],
            )  # type: ignore[union-attr, arg-type]
        candidates: dict[object, list[Record]] = {}
        for row in rows:
            record = table.to_record(row)
            candidates.setdefault(canonical(record.values[first.column(other)]), []).append(record)
        with ctx.store.session() as session:
            taken = set(
                couplings_by_keys(
                    session,
                    self.mapping.name,
                    other,
                    [r.key for rs in candidates.values() for r in rs],
                )
            )
        result = []
        for plan in plans:
            record = plan.item.records[source]
            match = None
            if plan in new:
                for candidate in candidates.get(canonical(record.values[first.column(source)]), []):  # type: ignore[union-attr]
                    if candidate.key not in taken and planner.matches(source, record, candidate):  # type: ignore[arg-type]
                        match = candidate
                        break
            if match is None:
                result.append(plan)
            else:
                taken.add(match.key)
                result.append(planner.couple_plan(plan.item, match))
        return result

    # -- retried couplings and single records ------------------------------------------

    def _retry_transient_errors(self) -> None:
        """Records that failed on a fault that has passed by itself are retried in this job."""
        with self.engine.store.session() as session:
            retried = retry_transient_errors(
                session, self.mapping.name, self.engine.user, self.job_id, utcnow()
            )
        if retried:
            self.message = (
                f"{retried} record(s) that had failed on a passing fault (a lost connection, "
                "a deadlock) retried by themselves"
            )
            log.info("job %s: %s", self.job_id, self.message)

    def _retried(self) -> None:
        """Couplings a person asked to retry (or recovery re-queued), whatever their stamps."""
        ctx = self.ctx
        assert ctx is not None
        after = 0
        while not self.cancel.cancelled:
            with ctx.store.session() as session:
                page = couplings_page(
                    session,
                    self.mapping.name,
                    after,
                    self.batch_size,
                    Coupling.retry == True,  # noqa: E712 (matches the partial index)
                    Coupling.skipped.is_(False),
                    Coupling.pending.is_(None),
                )
            if not page:
                return
            after = page[-1].id
            self.apply_coupled(page, forced=True)

    def apply_coupled(self, couplings: list[CouplingRow], forced: bool) -> list[Plan]:
        """Plan couplings whose records are read now on both sides; apply and return the plans."""
        ctx, planner = self.ctx, self.planner
        assert ctx is not None and planner is not None
        plans = [
            p for p in (self.decide(i) for i in read_items(ctx, couplings, forced)) if p is not None
        ]
        apply_plans(ctx, plans)
        return plans

    def _record(self, side: Side, key: str) -> None:
        """One record, on a person's request: synchronized whatever its stamps say."""
        ctx, planner = self.ctx, self.planner
        assert ctx is not None and planner is not None
        with ctx.store.session() as session:
            coupling = coupling_by_key(session, self.mapping.name, side, key)
        if coupling is not None:
            plans = self.apply_coupled([coupling], forced=True)
        else:
            conn, table = ctx.conns[side], ctx.tables[side]
            try:
                native = table.key_native(key)
            except ValueError:
                native = None
            with conn.begin():
                rows = table.read_by_keys(conn, [key]) if native is not None else {}
            if key not in rows:
                raise JobError(f"{table.display} has no record with key {key!r}")
            try:
                record = table.to_record(rows[key])
            except ValueError as exc:
                raise JobError(f"{table.name_of(key)}: {exc}") from None
            item = Item(None, {side: record, side.other: None}, side, forced=True)
            plan = self.decide(item)
            plans = self._match_existing(side, [plan]) if plan else []
            apply_plans(ctx, plans)
        self.message = "; ".join(
            p.message or (p.problem.message if p.problem else "") or p.outcome.value for p in plans
        )


def count_couplings(store: Store, mapping: str) -> int:
    with store.session() as session:
        return session.scalar(select(func.count()).where(Coupling.mapping == mapping)) or 0
