"""The state of one running job, and what it does besides reading changes: retried couplings,
one record on a person's request, errors of passing faults, related records synchronized first,
watermarks saved at the end.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from desktop_sync.config import TableMapping
from desktop_sync.domain import (
    CancelToken,
    Counters,
    ErrorKind,
    Outcome,
    Progress,
    Side,
)
from desktop_sync.engine import rule_words
from desktop_sync.engine.batch import apply_plans
from desktop_sync.engine.changes import SourcePasses
from desktop_sync.engine.compare_all import compare_all, new_fields, remember_fields
from desktop_sync.engine.context import (
    Context,
    JobError,
    ProgressCallback,
    Scope,
    WatermarkState,
    load_watermark,
    read_items,
    save_watermark,
)
from desktop_sync.engine.items import Item, Plan, Problem
from desktop_sync.engine.plan import Planner
from desktop_sync.engine.recovery import recover
from desktop_sync.engine.rules import load_rules, settle_by_rule
from desktop_sync.engine.translate import Lookups, NotCoupled, TranslationError
from desktop_sync.store import lease
from desktop_sync.store.lease import MappingBusy
from desktop_sync.store.models import Coupling, utcnow
from desktop_sync.store.records import (
    CouplingRow,
    coupling_by_key,
    couplings_page,
    retry_transient_errors,
)
from desktop_sync.words import Message

if TYPE_CHECKING:
    from desktop_sync.engine.jobs import Engine

log = logging.getLogger(__name__)


class JobRun(SourcePasses):
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
        self.message: str | Message = ""
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
        self.rules = load_rules(engine.store, self.mapping)
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
            done = compare_all(self, "comparing every coupled pair")
            self.message = rule_words.compared(done.compared, done.differed)
        elif added:
            names = ", ".join(repr(n) for n in added)
            done = compare_all(self, f"back-filling {names}")
            self.message = rule_words.back_filled(names, done.compared, done.differed)
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

    def decide(self, item: Item) -> Plan | None:
        """The planner's decision; a record whose values the rules cannot handle fails alone."""
        assert self.planner is not None
        if item.problem is not None:
            return Plan(item, Outcome.FAILED, problem=item.problem)
        try:
            plan = self.planner.decide(item)
            if plan is not None and plan.problem is not None and self.rules:
                return settle_by_rule(self.planner, self.rules, plan) or plan
            return plan
        except NotCoupled as exc:
            if self._synchronize_related(exc):
                return self.decide(item)
            return self._untranslatable(item, exc)
        except TranslationError as exc:
            return self._untranslatable(item, exc)
        except Exception as exc:  # noqa: BLE001 - one bad record must not stop the job
            log.debug("planning failed", exc_info=True)
            side = item.source
            message = rule_words.failed_to_plan(
                self.engine.config.side_name(side),
                item.key(side) or "—",
                exc.__class__.__name__,
                str(exc),
            )
            return Plan(item, Outcome.FAILED, problem=Problem(ErrorKind.FAILED, message))

    def _untranslatable(self, item: Item, exc: TranslationError) -> Plan:
        assert self.planner is not None
        key = item.key(exc.side) if exc.side is not None else None
        message = self.planner.explainer.untranslatable(exc, key)
        return Plan(item, Outcome.FAILED, problem=Problem(ErrorKind.FAILED, message, str(exc)))

    def _synchronize_related(self, missing: NotCoupled) -> bool:
        """A record whose related record is not coupled: synchronize that one first, when its
        mapping copies records that way; True when it is coupled now."""
        related = self.engine.config.mapping(missing.mapping)
        if related.name == self.mapping.name or not related.direction.allows(missing.related_side):
            return False
        attempt = (missing.mapping, missing.related_side, missing.key)
        if attempt in self.related_tried:
            return False
        self.related_tried.add(attempt)
        try:
            self.engine.run_job(related, Scope.record(missing.related_side, missing.key))
        except MappingBusy:
            return False
        self.lookups.forget(missing.mapping)
        try:
            self.lookups.other_key(missing.mapping, missing.related_side, missing.key)
        except NotCoupled:
            return False
        return True

    def _retry_transient_errors(self) -> None:
        """Records that failed on a fault that has passed by itself are retried in this job."""
        with self.engine.store.session() as session:
            retried = retry_transient_errors(
                session, self.mapping.name, self.engine.user, self.job_id, utcnow()
            )
        if retried:
            self.message = rule_words.retried_by_themselves(retried)
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
        said = [
            p.message or (p.problem.message if p.problem else "") or p.outcome.value for p in plans
        ]
        self.message = said[0] if len(said) == 1 else "; ".join(str(m) for m in said)
