"""A year of history: resolved errors (`history`), what each failure's retries look like
(`retry_states`), the dashboard's aggregates, and the cleanup of what is older than keep_days.

The dashboard is counts over indexes (`ix_error_day` and `ix_error_resolved_day`: mapping, kind
and a time; `ix_job_started`; the couplings' indexes), never rows: the open errors per day are
worked out backwards from the errors open now, those filed each day and those resolved each day.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, and_, func, or_, select

from desktop_sync.domain import CancelToken, ErrorKind, Progress
from desktop_sync.services.clock import in_local
from desktop_sync.services.queries import ERROR_COLUMNS, ErrorRow
from desktop_sync.store.models import CLEANUP_ENTRY, Coupling, Job, QueueEntry, SyncError, utcnow
from desktop_sync.store.retention import Cleaned, count_old, delete_old

if TYPE_CHECKING:
    from desktop_sync.services.service import Service


@dataclass(frozen=True)
class RetryState:
    """How a failed error's retries stand: how many times it failed in a row, and whether it
    passes by itself (retried at `next_try`, None: at the mapping's next synchronization) or
    needs a person."""

    error_id: int
    fail_count: int
    transient: bool
    next_try: datetime | None = None

    @property
    def needs_person(self) -> bool:
        return not self.transient

    def text(self) -> str:
        times = f"failed {self.fail_count} times; " if self.fail_count > 1 else ""
        if self.needs_person:
            return times + "needs a person"
        when = f"{in_local(self.next_try):%H:%M}" if self.next_try else "the next synchronization"
        return times + f"retried by itself at {when}"


def retry_states(service: Service, ids: Sequence[int]) -> dict[int, RetryState]:
    errors = service.errors_by_ids(ids)
    with service.store.session() as session:
        next_runs = dict(
            session.execute(
                select(QueueEntry.mapping, QueueEntry.next_run).where(
                    QueueEntry.kind == "sync", QueueEntry.status != "on_hold"
                )
            ).all()
        )
    return {
        i: RetryState(
            i, e.fail_count, e.transient, next_runs.get(e.mapping) if e.transient else None
        )
        for i, e in errors.items()
    }


@dataclass(frozen=True)
class HistoryFilter:
    """Which resolved errors `history` lists. Empty fields do not filter."""

    mapping: str | None = None
    kind: str | None = None
    resolved_by: str | None = None
    resolution: str | None = None  # retry | synchronize | restore | delete | remove-coupling …
    since: datetime | None = None  # resolved at or after (naive UTC)
    until: datetime | None = None
    search: str = ""

    def criteria(self) -> list[ColumnElement[bool]]:
        where: list[ColumnElement[bool]] = [SyncError.resolved_at.is_not(None)]
        for column, value in (
            (SyncError.mapping, self.mapping),
            (SyncError.kind, self.kind),
            (SyncError.resolved_by, self.resolved_by),
            (SyncError.resolution, self.resolution),
        ):
            if value:
                where.append(column == value)
        if self.since is not None:
            where.append(SyncError.resolved_at >= self.since)
        if self.until is not None:
            where.append(SyncError.resolved_at < self.until)
        if self.search.strip():
            pattern = f"%{self.search.strip()}%"
            columns = (SyncError.message, SyncError.erp_key, SyncError.crm_key)
            where.append(or_(*(c.ilike(pattern) for c in columns)))
        return where


@dataclass(frozen=True)
class HistoryPage:
    """Resolved errors, most recently resolved first; `next_after` is the cursor of the next
    page ((resolved_at, id) of this page's last row), None at the end."""

    rows: tuple[ErrorRow, ...]
    next_after: tuple[datetime, int] | None


def history(
    service: Service,
    where: HistoryFilter,
    limit: int = 200,
    after: tuple[datetime, int] | None = None,
) -> HistoryPage:
    """One page of resolved errors with who resolved them, how and when."""
    query = select(*ERROR_COLUMNS).where(*where.criteria())
    if after is not None:
        at, last_id = after
        query = query.where(
            or_(
                SyncError.resolved_at < at,
                and_(SyncError.resolved_at == at, SyncError.id < last_id),
            )
        )
    query = query.order_by(SyncError.resolved_at.desc(), SyncError.id.desc()).limit(limit + 1)
    with service.store.session() as session:
        rows = [ErrorRow(*r) for r in session.execute(query)]
    more = len(rows) > limit
    rows = rows[:limit]
    cursor = (rows[-1].resolved_at, rows[-1].id) if more and rows else None
    return HistoryPage(tuple(rows), cursor)  # type: ignore[arg-type]


# -- the dashboard -------------------------------------------------------------------------


@dataclass(frozen=True)
class ErrorsOnDay:
    """Errors of one mapping and kind open at the end of `day` (UTC), and filed that day."""

    day: date
    mapping: str
    kind: str
    open: int
    filed: int


@dataclass(frozen=True)
class JobsOnDay:
    day: date
    jobs: int
    inserted: int
    modified: int
    failed: int
    skipped: int
    seconds_total: float
    seconds_longest: float


@dataclass(frozen=True)
class CouplingStates:
    """Records of one mapping by coupling state: coupled and synchronizing, skipped (an open
    error), pending (a write under way or interrupted), half (one side's record not made yet)."""

    mapping: str
    total: int
    skipped: int
    pending: int
    half: int

    @property
    def synchronizing(self) -> int:
        return self.total - self.skipped - self.pending - self.half


@dataclass(frozen=True)
class NextRun:
    mapping: str
    kind: str
    status: str
    next_run: datetime
    last_result: str


@dataclass(frozen=True)
class Dashboard:
    days: tuple[date, ...]
    errors: tuple[ErrorsOnDay, ...]
    jobs: tuple[JobsOnDay, ...]
    couplings: tuple[CouplingStates, ...]
    queue: tuple[NextRun, ...]
    open_now: dict[tuple[str, str], int]  # (mapping, kind) -> open errors now


def _day(column: Any, dialect: str) -> Any:
    """The UTC day of a timestamp column: its first ten characters on SQLite (text there)."""
    if dialect == "sqlite":
        return func.substr(column, 1, 10)
    return func.date(column)


def _seconds(finished: Any, started: Any, dialect: str) -> Any:
    if dialect == "sqlite":
        return (func.julianday(finished) - func.julianday(started)) * 86400.0
    return func.extract("epoch", finished - started)


def dashboard(service: Service, days: int = 30) -> Dashboard:
    today = utcnow().date()
    first = today - timedelta(days=days - 1)
    span = tuple(first + timedelta(days=i) for i in range(days))
    bounds = [datetime(d.year, d.month, d.day) for d in (*span, today + timedelta(days=1))]
    pairs = [(m.name, k.value) for m in service.config.mappings for k in ErrorKind]
    with service.store.session() as session:
        dialect = session.get_bind().dialect.name
        open_now = {
            pair: n
            for pair in pairs
            if (n := _count(session, pair, SyncError.resolved_at.is_(None)))
        }
        filed = _per_day(session, pairs, SyncError.failed_at, bounds)
        resolved = _per_day(session, pairs, SyncError.resolved_at, bounds)
        jobs = _jobs(session, bounds[0], dialect)
        couplings = _couplings(session, [m.name for m in service.config.mappings])
        queue = tuple(
            NextRun(r.mapping, r.kind, r.status, r.next_run, r.last_result)
            for r in session.execute(
                select(
                    QueueEntry.mapping,
                    QueueEntry.kind,
                    QueueEntry.status,
                    QueueEntry.next_run,
                    QueueEntry.last_result,
                ).order_by(QueueEntry.next_run)
            )
        )
    errors = []
    for mapping, kind in pairs:
        count = open_now.get((mapping, kind), 0)
        for i in reversed(range(len(span))):  # open at the end of a day: now, less what came after
            made = filed[mapping, kind][i]
            if count or made or any(filed[mapping, kind]) or any(resolved[mapping, kind]):
                errors.append(ErrorsOnDay(span[i], mapping, kind, count, made))
            count += resolved[mapping, kind][i] - made
    errors.sort(key=lambda e: (e.day, e.mapping, e.kind))
    return Dashboard(span, tuple(errors), jobs, couplings, queue, open_now)


def _count(session: Any, pair: tuple[str, str], *where: Any) -> int:
    """Errors of one mapping and kind: a range of `ix_error_day` or `ix_error_resolved_day`."""
    query = select(func.count()).where(SyncError.mapping == pair[0], SyncError.kind == pair[1])
    return session.scalar(query.where(*where)) or 0


def _per_day(
    session: Any, pairs: list[tuple[str, str]], column: Any, bounds: list[datetime]
) -> dict[tuple[str, str], list[int]]:
    """Per mapping and kind, how many errors' `column` falls on each day: one index range count
    each (a GROUP BY on the day would sort every row of the month instead)."""
    found: dict[tuple[str, str], list[int]] = {}
    for pair in pairs:
        if not _count(session, pair, column >= bounds[0]):
            found[pair] = [0] * (len(bounds) - 1)
            continue
        found[pair] = [
            _count(session, pair, column >= start, column < end)
            for start, end in zip(bounds, bounds[1:], strict=False)
        ]
    return found


def _jobs(session: Any, start: datetime, dialect: str) -> tuple[JobsOnDay, ...]:
    day = _day(Job.started, dialect)
    seconds = _seconds(Job.finished, Job.started, dialect)
    query = (
        select(
            day,
            func.count(),
            func.sum(Job.inserted),
            func.sum(Job.modified),
            func.sum(Job.failed),
            func.sum(Job.skipped),
            func.sum(seconds),
            func.max(seconds),
        )
        .where(Job.started >= start)
        .group_by(day)
        .order_by(day)
    )
    return tuple(
        JobsOnDay(
            _as_date(d), n, ins or 0, mod or 0, f or 0, sk or 0, float(tot or 0), float(mx or 0)
        )
        for d, n, ins, mod, f, sk, tot, mx in session.execute(query)
    )


def _couplings(session: Any, mappings: list[str]) -> tuple[CouplingStates, ...]:
    def counted(*where: Any) -> dict[str, int]:
        query = select(Coupling.mapping, func.count()).where(*where).group_by(Coupling.mapping)
        return dict(session.execute(query).all())

    total = counted()
    skipped = counted(Coupling.skipped == True)  # noqa: E712 (matches the partial index)
    pending = counted(Coupling.pending.is_not(None))
    half: dict[str, int] = {}
    for name in mappings:  # one index seek per side and mapping
        half[name] = sum(
            session.scalar(select(func.count()).where(Coupling.mapping == name, column.is_(None)))
            or 0
            for column in (Coupling.erp_key, Coupling.crm_key)
        )
    names = list(dict.fromkeys([*mappings, *total]))
    return tuple(
        CouplingStates(n, total.get(n, 0), skipped.get(n, 0), pending.get(n, 0), half.get(n, 0))
        for n in names
    )


def _as_date(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


# -- cleanup -------------------------------------------------------------------------------


def cleanup(
    service: Service,
    dry_run: bool = False,
    progress: Callable[[Progress], None] | None = None,
    cancel: CancelToken | None = None,
    keep_days: int | None = None,
) -> Cleaned:
    """Delete resolved errors, log lines, journal rows and finished jobs older than keep_days
    (`[settings] keep_days`), a batch per transaction; `dry_run` only counts them."""
    days = keep_days if keep_days is not None else service.config.keep_days
    cutoff = utcnow() - timedelta(days=days)
    if dry_run:
        return count_old(service.store, cutoff)
    report = progress or (lambda p: None)
    return delete_old(
        service.store,
        cutoff,
        progress=lambda table, done: report(Progress(table, done, None, "deleting old history")),
        cancel=cancel,
    )


def cleanup_entry_name() -> str:
    return CLEANUP_ENTRY
