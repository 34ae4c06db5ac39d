"""Finding what changed on one side: rows stamped since the watermark minus the look-back, and
rows without a stamp, a batch at a time; each row as a record, its coupling, the other side's
record, and the plan for it (see `plan`). A part of `run.JobRun`.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from desktop_sync.apps import Record
from desktop_sync.apps.stamps import moment_text, row_token
from desktop_sync.apps.values import canonical
from desktop_sync.domain import (
    ErrorKind,
    Outcome,
    Side,
)
from desktop_sync.engine import rule_words
from desktop_sync.engine.batch import apply_plans
from desktop_sync.engine.context import (
    file_keyless_rows,
)
from desktop_sync.engine.items import Item, Plan, Problem
from desktop_sync.store.records import (
    couplings_by_keys,
)

if TYPE_CHECKING:
    from desktop_sync.config import TableMapping
    from desktop_sync.domain import CancelToken
    from desktop_sync.engine.context import Context, WatermarkState
    from desktop_sync.engine.plan import Planner
    from desktop_sync.engine.translate import Lookups

log = logging.getLogger(__name__)


class SourcePasses:
    """The passes over each source side's changed rows; mixed into `JobRun`, whose state
    (context, planner, lookups, watermarks, cancel) they use."""

    if TYPE_CHECKING:  # what `JobRun` provides
        ctx: Context | None
        planner: Planner | None
        lookups: Lookups
        mapping: TableMapping
        cancel: CancelToken
        batch_size: int
        watermarks: dict[Side, WatermarkState]
        reached: dict[Side, str]

        def report(
            self, done: int, total: int | None, message: str, renew: bool = False
        ) -> None: ...
        def decide(self, item: Item) -> Plan | None: ...
        def _own_stamps(self, source: Side) -> list[str]: ...

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

    def _source_batch(self, source: Side, rows: list) -> None:
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
            read: Record | None = record
            if ctx.tables[source].is_archived(record):
                if coupling is None or coupling.skipped:
                    continue  # an archived record is not copied; a skipped one has its error
                read = None  # archived: deleted, as far as the other app is concerned
            item = Item(coupling, {source: read, source.other: None}, source)
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

    def _load_lookups(self, items: list[Item]) -> None:
        """Read the couplings the batch's lookup fields translate through, a query per field."""
        for f in self.mapping.value_fields:
            if f.lookup is None:
                continue
            for side in Side:
                keys = [
                    str(r.values[f.paired(side)])
                    for i in items
                    if (r := i.records.get(side)) is not None
                    and r.values[f.paired(side)] is not None
                ]
                self.lookups.load(f.lookup, side, keys)

    def _records(self, side: Side, rows: list) -> list[tuple[Record, Problem | None]]:
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
                words = self.planner.explainer.unreadable(side, record.key, exc)  # type: ignore[union-attr]
                problem = Problem(ErrorKind.FAILED, words)
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
                rule_words.doubled_key(
                    table.app.name, table.table.name, key, count, table.key.name
                ),
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
            if key is None or key not in rows:
                continue
            try:
                item.records[other] = table.to_record(rows[key])
            except ValueError as exc:
                assert self.planner is not None
                words = self.planner.explainer.unreadable(other, key, exc)
                item.problem = Problem(ErrorKind.FAILED, words)
            item.problem = item.problem or doubled.get(key)

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
                first.paired(other),
                [r.values[first.paired(source)] for p in new if (r := p.item.records[source])],
            )
        candidates: dict[object, list[Record]] = {}
        for row in rows:
            record = table.to_record(row)
            candidates.setdefault(canonical(record.values[first.paired(other)]), []).append(record)
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
        new_ones = {id(p) for p in new}  # by identity: comparing plans field by field is slow
        for plan in plans:
            found = plan.item.records[source]
            match = None
            if id(plan) in new_ones and found is not None:
                for candidate in candidates.get(canonical(found.values[first.paired(source)]), []):
                    if candidate.key not in taken and planner.matches(source, found, candidate):
                        match = candidate
                        break
            if match is None:
                result.append(plan)
            else:
                taken.add(match.key)
                result.append(planner.couple_plan(plan.item, match))
        return result
