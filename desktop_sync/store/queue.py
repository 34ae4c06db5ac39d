"""Job queue entries in the store: the protocol runners follow to share one queue safely.

Many runners (workers on several computers, windows) may look at one shared store at once, so
every step that changes who owns an entry is one conditional statement whose effect says who won:

- claim: on PostgreSQL `SELECT … FOR UPDATE SKIP LOCKED` picks a due entry no other claimer is
  looking at, and the same transaction marks it in process; elsewhere (SQLite) one conditional
  UPDATE per candidate (`status = 'ready' AND next_run <= now`) whose row count tells who won;
- renew: the owner moves `claimed_at` on while its job runs;
- recover (`queue_recovery`): an entry in process whose claim was not renewed in time (or whose
  runner is a process of this computer that no longer runs) belongs to a dead runner; it is made
  ready again and the job that runner left is marked interrupted, as `lease.acquire` does for a
  mapping lease;
- finish / release: only the owner of the claim writes the outcome.

Nothing here decides *what* a run means; `services.queue` does.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Case, ColumnElement, case, select, update
from sqlalchemy.dialects import postgresql, sqlite

from desktop_sync.db import affected
from desktop_sync.domain import JobOrigin, JobStatus, QueueStatus
from desktop_sync.store.database import Store
from desktop_sync.store.models import Job, QueueEntry
from desktop_sync.words import Message, filed

CLAIM_TIMEOUT = timedelta(minutes=5)
DEFAULT_INTERVAL_MINUTES = 30
DEFAULT_MAX_BACKOFF_MINUTES = 240
_MAX_DOUBLINGS = 20  # 2**20 intervals is far beyond any sensible cap; keeps the arithmetic small


def next_delay(interval_minutes: int, max_backoff_minutes: int, idle_runs: int) -> timedelta:
    """How long an entry waits after a run: the interval, doubled for every run in a row that
    found nothing to do, never longer than the back-off cap (nor shorter than the interval)."""
    doubled = interval_minutes * 2 ** min(max(idle_runs, 0), _MAX_DOUBLINGS)
    return timedelta(minutes=min(doubled, max(max_backoff_minutes, interval_minutes)))


def ensure_entries(
    store: Store,
    mappings: Sequence[str],
    now: datetime,
    interval_minutes: int = DEFAULT_INTERVAL_MINUTES,
) -> list[str]:
    """Create an entry, due now, for every mapping that has none; returns the names created.

    INSERT … ON CONFLICT DO NOTHING (both store databases have it) lets several runners that
    start at once each try without one of them failing on the unique mapping name.
    """
    if not mappings:
        return []
    rows = [
        {
            "mapping": name,
            "interval_minutes": interval_minutes,
            "max_backoff_minutes": max(DEFAULT_MAX_BACKOFF_MINUTES, interval_minutes),
            "idle_runs": 0,
            "next_run": now,
            "status": QueueStatus.READY.value,
            "last_result": "",
            "version": 1,
        }
        for name in dict.fromkeys(mappings)
    ]
    dialect = postgresql if store.is_postgresql else sqlite
    statement = (
        dialect.insert(QueueEntry)
        .values(rows)
        .on_conflict_do_nothing(index_elements=["mapping"])
        .returning(QueueEntry.mapping)
    )
    with store.session() as session:
        return list(session.scalars(statement))


def same_as(column: Any, value: object) -> ColumnElement[bool]:
    """`column = value`, or `column IS NULL` for None (where `= NULL` would never match)."""
    return column.is_(None) if value is None else column == value


def claim_due(
    store: Store,
    runner: str,
    mappings: Collection[str],
    now: datetime,
    due_before: datetime | None = None,
) -> int | None:
    """Claim one ready entry of `mappings` due by `due_before` (default `now`) for `runner`.

    Returns the entry's id, or None when nothing is due that nobody else is claiming. The
    entry due the longest comes first.
    """
    if not mappings:
        return None
    due = now if due_before is None else due_before
    candidates = (
        select(QueueEntry.id)
        .where(
            QueueEntry.status == QueueStatus.READY.value,
            QueueEntry.next_run <= due,
            QueueEntry.mapping.in_(list(mappings)),
        )
        .order_by(QueueEntry.next_run, QueueEntry.id)
    )
    mark = {
        "status": QueueStatus.IN_PROCESS.value,
        "claimed_by": runner,
        "claimed_at": now,
        "version": QueueEntry.version + 1,
    }
    if store.is_postgresql:
        with store.session() as session:
            entry_id = session.scalar(candidates.limit(1).with_for_update(skip_locked=True))
            if entry_id is not None:
                session.execute(update(QueueEntry).where(QueueEntry.id == entry_id).values(**mark))
            return entry_id
    while True:
        with store.session() as session:
            ids = list(session.scalars(candidates.limit(20)))
        if not ids:
            return None
        for entry_id in ids:
            with store.session() as session:
                won = affected(
                    session.execute(
                        update(QueueEntry)
                        .where(
                            QueueEntry.id == entry_id,
                            QueueEntry.status == QueueStatus.READY.value,
                            QueueEntry.next_run <= due,
                        )
                        .values(**mark)
                    )
                )
            if won:
                return entry_id
        # every candidate went to someone else in the meantime: look again


def renew(store: Store, entry_id: int, runner: str, now: datetime) -> bool:
    """Tell the others this runner is alive; False when the claim is no longer its own."""
    with store.session() as session:
        return bool(
            affected(
                session.execute(
                    update(QueueEntry)
                    .where(QueueEntry.id == entry_id, QueueEntry.claimed_by == runner)
                    .values(claimed_at=now)
                )
            )
        )


@dataclass(frozen=True)
class RunOutcome:
    """What a run of an entry leaves on it."""

    status: QueueStatus  # ready or error; an entry set on hold meanwhile stays on hold
    last_run: datetime
    last_result: str | Message  # words the window translates (see `desktop_sync.words`)
    last_job_id: int | None
    productive: bool | None  # True resets the back-off, False lengthens it, None leaves it
    due_now: bool = False  # run again at once (a cancelled job's rest)
    next_run: datetime | None = None  # run again then (after a passing fault), not by interval


def finish(store: Store, entry_id: int, runner: str, outcome: RunOutcome, now: datetime) -> bool:
    """Write a run's outcome and the next run; False when `runner` no longer owns the claim.

    The next run counts from now: the interval, with the back-off after idle runs; an entry
    in error keeps its plain interval as a hint for when it would have run.
    """
    with store.session() as session:
        entry = session.execute(
            select(
                QueueEntry.interval_minutes, QueueEntry.max_backoff_minutes, QueueEntry.idle_runs
            )
            .where(QueueEntry.id == entry_id, QueueEntry.claimed_by == runner)
            .with_for_update()
        ).first()
        if entry is None:
            return False
        idle = entry.idle_runs
        if outcome.productive is True:
            idle = 0
        elif outcome.productive is False:
            idle += 1
        if outcome.due_now:
            next_run = now
        elif outcome.next_run is not None:
            next_run = outcome.next_run
        elif outcome.status is QueueStatus.ERROR:
            next_run = now + timedelta(minutes=entry.interval_minutes)
        else:
            next_run = now + next_delay(entry.interval_minutes, entry.max_backoff_minutes, idle)
        return bool(
            affected(
                session.execute(
                    update(QueueEntry)
                    .where(QueueEntry.id == entry_id, QueueEntry.claimed_by == runner)
                    .values(
                        status=_unless_on_hold(outcome.status),
                        idle_runs=idle,
                        next_run=next_run,
                        last_run=outcome.last_run,
                        **filed(outcome.last_result, "last_result", "result_"),
                        last_job_id=outcome.last_job_id,
                        claimed_by=None,
                        claimed_at=None,
                        version=QueueEntry.version + 1,
                    )
                )
            )
        )


def retry_delay(store: Store, mapping: str, interval_minutes: int) -> timedelta:
    """How long an entry waits after a run stopped by a fault that passes by itself: 1, 2, 4 …
    minutes as the queue's jobs of its mapping fail in a row, never longer than its interval.

    The streak is counted from the jobs themselves, so the entry needs no column for it and its
    idle back-off (`idle_runs`) is left as it was.
    """
    with store.session() as session:
        statuses = list(
            session.scalars(
                select(Job.status)
                .where(Job.mapping == mapping, Job.origin == JobOrigin.QUEUE.value)
                .order_by(Job.id.desc())
                .limit(_MAX_DOUBLINGS)
            )
        )
    failed = JobStatus.FAILED.value
    streak = next((i for i, s in enumerate(statuses) if s != failed), len(statuses))
    return timedelta(minutes=min(2 ** max(streak - 1, 0), max(interval_minutes, 1)))


def release(store: Store, entry_id: int, runner: str, next_run: datetime) -> bool:
    """Give a claimed entry back without a run (its mapping was busy): ready at `next_run`."""
    with store.session() as session:
        return bool(
            affected(
                session.execute(
                    update(QueueEntry)
                    .where(QueueEntry.id == entry_id, QueueEntry.claimed_by == runner)
                    .values(
                        status=_unless_on_hold(QueueStatus.READY),
                        next_run=next_run,
                        claimed_by=None,
                        claimed_at=None,
                        version=QueueEntry.version + 1,
                    )
                )
            )
        )


def next_wake(
    store: Store, mappings: Collection[str], timeout: timedelta = CLAIM_TIMEOUT
) -> datetime | None:
    """When a runner of `mappings` next has something to do: the earliest due ready entry, or
    the moment the oldest claim in process expires (a dead runner's entry to take back)."""
    if not mappings:
        return None
    names = list(mappings)
    with store.session() as session:
        due = session.scalar(
            select(QueueEntry.next_run)
            .where(QueueEntry.status == QueueStatus.READY.value, QueueEntry.mapping.in_(names))
            .order_by(QueueEntry.next_run)
            .limit(1)
        )
        claimed = session.scalar(
            select(QueueEntry.claimed_at)
            .where(
                QueueEntry.status == QueueStatus.IN_PROCESS.value,
                QueueEntry.mapping.in_(names),
                QueueEntry.claimed_at.is_not(None),
            )
            .order_by(QueueEntry.claimed_at)
            .limit(1)
        )
    moments = [m for m in (due, claimed + timeout if claimed else None) if m is not None]
    return min(moments) if moments else None


def _unless_on_hold(status: QueueStatus) -> Case[str]:
    """A person may set an entry on hold while it runs; the run's end must not undo that."""
    return case(
        (QueueEntry.status == QueueStatus.ON_HOLD.value, QueueStatus.ON_HOLD.value),
        else_=status.value,
    )
