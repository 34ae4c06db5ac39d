"""Noticing changes made elsewhere: a cheap fingerprint of the store.

Several windows and workers may share one store (PostgreSQL). An open window asks for this
fingerprint every few seconds, in a worker thread, and refreshes its views only when it changed
(see `gui.store_watch`). Every part is one aggregate the database answers from an index or the
primary key, so asking costs the same with a million errors as with ten, and all of them come
back in one round trip.

What each part catches:

- `log`: the id of the newest synchronization log line. Every person's action (on an error, a
  coupling or a job queue entry) and every job outcome writes one, and ids only grow, so this
  is not fooled by two computers whose clocks disagree.
- `errors`: the newest error and the latest resolution (a job that finds a problem gone
  resolves its error without a log line of its own).
- `jobs`: the newest job and how many are running (a job starting or finishing elsewhere).
- `queue`: how many entries and the sum of their versions; every change to an entry (a claim,
  a run's outcome, a person's action) adds one to its version.
- `couplings`: the newest coupling.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import func, select

from desktop_sync.domain import JobStatus
from desktop_sync.store.models import Coupling, Job, LogEntry, QueueEntry, SyncError

if TYPE_CHECKING:
    from desktop_sync.services.service import Service
    from desktop_sync.store import Store


@dataclass(frozen=True)
class StoreFingerprint:
    """What the store looked like, in a few numbers; unequal fingerprints mean a change."""

    log: int | None
    errors: tuple[int | None, datetime | None]
    jobs: tuple[int | None, int]
    queue: tuple[int, int]
    couplings: int | None

    def changed_parts(self, before: StoreFingerprint) -> list[str]:
        """The names of the parts that differ from `before` ("log", "errors", "jobs", …)."""
        return [f.name for f in fields(self) if getattr(self, f.name) != getattr(before, f.name)]


def store_fingerprint(store: Store) -> StoreFingerprint:
    """Read the fingerprint: one SELECT of indexed aggregates."""
    parts = (
        select(func.max(LogEntry.id)).scalar_subquery(),
        select(func.max(SyncError.id)).scalar_subquery(),
        select(func.max(SyncError.resolved_at)).scalar_subquery(),
        select(func.max(Job.id)).scalar_subquery(),
        select(func.count())
        .select_from(Job)
        .where(Job.status == JobStatus.RUNNING.value)
        .scalar_subquery(),
        select(func.count()).select_from(QueueEntry).scalar_subquery(),
        select(func.coalesce(func.sum(QueueEntry.version), 0)).scalar_subquery(),
        select(func.max(Coupling.id)).scalar_subquery(),
    )
    with store.session() as session:
        row = session.execute(select(*parts)).one()
    log, error_id, resolved, job_id, running, entries, versions, coupling = row
    return StoreFingerprint(
        log,
        (error_id, resolved),
        (job_id, int(running or 0)),
        (int(entries or 0), int(versions or 0)),
        coupling,
    )


def fingerprint(service: Service) -> StoreFingerprint:
    """The fingerprint of a service's store (what a window polls)."""
    return store_fingerprint(service.store)
