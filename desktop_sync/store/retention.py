"""History kept `keep_days`: resolved errors, log lines, journal rows and jobs older than that
are deleted in batches, each its own short transaction, so that a window and the jobs sharing
the store are never held up for long.

Log lines and journal rows have no index on their time: their ids grow with it, so a batch of
the oldest is found at the start of the table (`WHERE at < :cutoff LIMIT :n` stops early) and
only the last, short batch reads on to the end.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import ColumnElement, Table, delete, func, select
from sqlalchemy.dialects import postgresql, sqlite

from desktop_sync.db import affected
from desktop_sync.domain import CancelToken, JobStatus, QueueStatus
from desktop_sync.store.database import Store
from desktop_sync.store.models import (
    CLEANUP_ENTRY,
    Job,
    JournalEntry,
    LogEntry,
    QueueEntry,
    SyncError,
    table_of,
)

BATCH = 5000
TABLES = ("sync_error", "sync_log", "journal", "sync_job")  # the order they are cleaned in


def old_rows(cutoff: datetime) -> dict[str, tuple[Table, ColumnElement[bool]]]:
    """Each history table with the condition of its rows older than `cutoff`."""
    return {
        "sync_error": (
            table_of(SyncError),
            SyncError.resolved_at.is_not(None) & (SyncError.resolved_at < cutoff),
        ),
        "sync_log": (table_of(LogEntry), LogEntry.at < cutoff),
        "journal": (table_of(JournalEntry), JournalEntry.at < cutoff),
        "sync_job": (
            table_of(Job),
            (Job.started < cutoff) & (Job.status != JobStatus.RUNNING.value),
        ),
    }


@dataclass
class Cleaned:
    """Rows deleted (or, for a dry run, that would be) per table, and the longest single
    transaction in seconds."""

    cutoff: datetime
    rows: dict[str, int] = field(default_factory=lambda: dict.fromkeys(TABLES, 0))
    longest: float = 0.0
    transactions: int = 0
    cancelled: bool = False

    @property
    def total(self) -> int:
        return sum(self.rows.values())


def count_old(store: Store, cutoff: datetime) -> Cleaned:
    result = Cleaned(cutoff)
    with store.session() as session:
        for name, (table, old) in old_rows(cutoff).items():
            result.rows[name] = (
                session.scalar(select(func.count()).select_from(table).where(old)) or 0
            )
    return result


def delete_old(
    store: Store,
    cutoff: datetime,
    batch: int = BATCH,
    progress: Callable[[str, int], None] | None = None,
    cancel: CancelToken | None = None,
) -> Cleaned:
    """Delete every row older than `cutoff`, `batch` rows per transaction."""
    result = Cleaned(cutoff)
    for name, (table, old) in old_rows(cutoff).items():
        key = table.c.id
        while not (cancel and cancel.cancelled):
            began = time.perf_counter()
            with store.session() as session:
                ids = select(key).where(old).limit(batch).scalar_subquery()
                gone = affected(session.execute(delete(table).where(key.in_(ids))))
            result.longest = max(result.longest, time.perf_counter() - began)
            result.transactions += 1
            result.rows[name] += gone
            if progress is not None:
                progress(name, result.rows[name])
            if gone < batch:
                break
    result.cancelled = bool(cancel and cancel.cancelled)
    return result


def ensure_cleanup_entry(store: Store, now: datetime, interval_minutes: int = 24 * 60) -> bool:
    """The job queue's cleanup entry (kind `cleanup`), created due now if missing; True when
    created."""
    dialect = postgresql if store.is_postgresql else sqlite
    statement = (
        dialect.insert(QueueEntry)
        .values(
            mapping=CLEANUP_ENTRY,
            kind="cleanup",
            interval_minutes=interval_minutes,
            max_backoff_minutes=interval_minutes,
            idle_runs=0,
            next_run=now,
            status=QueueStatus.READY.value,
            last_result="",
            version=1,
        )
        .on_conflict_do_nothing(index_elements=["mapping"])
        .returning(QueueEntry.id)
    )
    with store.session() as session:
        return session.scalar(statement) is not None
