"""A runner that died holding a queue entry: its claim expires, the entry is made ready again
and the job it was running is marked interrupted, so no entry stays claimed for good."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from desktop_sync.db import affected
from desktop_sync.domain import JobStatus, QueueStatus
from desktop_sync.store.database import Store
from desktop_sync.store.lease import _died_here
from desktop_sync.store.models import Job, QueueEntry
from desktop_sync.store.queue import CLAIM_TIMEOUT, same_as
from desktop_sync.words import QT_TRANSLATE_NOOP, filed, say


@dataclass(frozen=True)
class Recovered:
    """An entry taken back from a runner that stopped without finishing."""

    entry_id: int
    mapping: str
    claimer: str
    interrupted_jobs: tuple[int, ...]


def recover_dead_claims(
    store: Store, now: datetime, timeout: timedelta = CLAIM_TIMEOUT
) -> list[Recovered]:
    """Make entries of dead runners ready again and mark the jobs they left interrupted.

    The entry keeps its `next_run` (it was due when it was claimed), so it runs again at once.
    Each entry is taken back with an UPDATE that names the claim it saw, so when several
    runners recover at once exactly one of them does it.
    """
    recovered = []
    with store.session() as session:
        stale = session.execute(
            select(
                QueueEntry.id, QueueEntry.mapping, QueueEntry.claimed_by, QueueEntry.claimed_at
            ).where(QueueEntry.status == QueueStatus.IN_PROCESS.value)
        ).all()
    for row in stale:
        expired = row.claimed_at is None or row.claimed_at < now - timeout
        if not (expired or (row.claimed_by and _died_here(row.claimed_by))):
            continue
        with store.session() as session:
            taken = affected(
                session.execute(
                    update(QueueEntry)
                    .where(
                        QueueEntry.id == row.id,
                        QueueEntry.status == QueueStatus.IN_PROCESS.value,
                        same_as(QueueEntry.claimed_by, row.claimed_by),
                        same_as(QueueEntry.claimed_at, row.claimed_at),
                    )
                    .values(
                        status=QueueStatus.READY.value,
                        claimed_by=None,
                        claimed_at=None,
                        version=QueueEntry.version + 1,
                    )
                )
            )
            if not taken:
                continue
            jobs = (
                _interrupt_jobs(session, row.mapping, row.claimed_by, now) if row.claimed_by else []
            )
            if jobs:
                last = session.execute(select(Job.id, Job.started).where(Job.id == max(jobs))).one()
                session.execute(
                    update(QueueEntry)
                    .where(QueueEntry.id == row.id)
                    .values(
                        last_run=last.started,
                        last_job_id=last.id,
                        **filed(
                            say(
                                QT_TRANSLATE_NOOP(
                                    "Messages",
                                    "interrupted: {runner} stopped without finishing; the entry "
                                    "runs again",
                                ),
                                runner=row.claimed_by,
                            ),
                            "last_result",
                            "result_",
                        ),
                    )
                )
        recovered.append(Recovered(row.id, row.mapping, row.claimed_by or "", tuple(jobs)))
    return recovered


def _interrupt_jobs(session: Session, mapping: str, runner: str, now: datetime) -> list[int]:
    """The running jobs of `runner` on `mapping`, now
    interrupted (same words as a lease takeover)."""
    return list(
        session.scalars(
            update(Job)
            .where(
                Job.mapping == mapping, Job.runner == runner, Job.status == JobStatus.RUNNING.value
            )
            .values(
                status=JobStatus.INTERRUPTED.value,
                finished=now,
                **filed(
                    say(
                        QT_TRANSLATE_NOOP(
                            "Messages",
                            "interrupted: its runner stopped without finishing; the job queue "
                            "ran the entry again",
                        )
                    )
                ),
            )
            .returning(Job.id)
        )
    )
