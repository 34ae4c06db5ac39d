"""Leases: at most one runner synchronizes a mapping at a time, on any database.

A lease is claimed with a conditional UPDATE (free, expired, or already ours) or, the first time,
an INSERT that the primary key makes unique, so two runners cannot both win. A runner renews its
lease after every batch; one not renewed within `LEASE_TIMEOUT` belongs to a runner that died,
and the next runner takes it over and marks the job it left as interrupted.
"""

from __future__ import annotations

import os
import socket
import uuid
from datetime import datetime, timedelta

from sqlalchemy import or_, select, update
from sqlalchemy.exc import IntegrityError

from desktop_sync.db import affected
from desktop_sync.domain import JobStatus
from desktop_sync.store.database import Store
from desktop_sync.store.models import Job, Lease, utcnow
from desktop_sync.words import QT_TRANSLATE_NOOP, filed, say

LEASE_TIMEOUT = timedelta(minutes=5)


class MappingBusy(Exception):
    """Another runner is synchronizing this mapping now."""

    def __init__(self, mapping: str, holder: str, since: datetime | None) -> None:
        self.mapping, self.holder, self.since = mapping, holder, since
        when = f" (last seen {since:%Y-%m-%d %H:%M:%S} UTC)" if since else ""
        super().__init__(
            f"{mapping} is being synchronized by {holder}{when}; try again when it has finished"
        )


def runner_id() -> str:
    """Who this process is, for leases and job rows: host, process and a random part."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


def acquire(store: Store, mapping: str, holder: str, timeout: timedelta = LEASE_TIMEOUT) -> None:
    """Claim `mapping` for `holder`, taking over an expired lease; raises MappingBusy."""
    now = utcnow()
    with store.session() as session:
        claimed = session.execute(
            update(Lease)
            .where(
                Lease.mapping == mapping,
                or_(
                    Lease.holder.is_(None), Lease.heartbeat < now - timeout, Lease.holder == holder
                ),
            )
            .values(holder=holder, heartbeat=now)
            .returning(Lease.job_id)
        ).first()
        if claimed is not None:
            if claimed.job_id is not None:
                _mark_interrupted(session, claimed.job_id, now)
            return
        current = session.execute(
            select(Lease.holder, Lease.heartbeat, Lease.job_id).where(Lease.mapping == mapping)
        ).first()
        if current is not None and current.holder and _died_here(current.holder):
            taken = affected(
                session.execute(
                    update(Lease)
                    .where(Lease.mapping == mapping, Lease.holder == current.holder)
                    .values(holder=holder, heartbeat=now)
                )
            )
            if taken:
                if current.job_id is not None:
                    _mark_interrupted(session, current.job_id, now)
                return
        if current is not None:
            raise MappingBusy(mapping, current.holder or "?", current.heartbeat)
    try:
        with store.session() as session:
            session.add(Lease(mapping=mapping, holder=holder, heartbeat=now))
    except IntegrityError:
        raise MappingBusy(mapping, "another runner", None) from None


def attach_job(store: Store, mapping: str, holder: str, job_id: int) -> None:
    with store.session() as session:
        session.execute(
            update(Lease)
            .where(Lease.mapping == mapping, Lease.holder == holder)
            .values(job_id=job_id)
        )


def renew(store: Store, mapping: str, holder: str) -> None:
    with store.session() as session:
        session.execute(
            update(Lease)
            .where(Lease.mapping == mapping, Lease.holder == holder)
            .values(heartbeat=utcnow())
        )


def release(store: Store, mapping: str, holder: str) -> None:
    with store.session() as session:
        session.execute(
            update(Lease)
            .where(Lease.mapping == mapping, Lease.holder == holder)
            .values(holder=None, job_id=None, heartbeat=None)
        )


def _died_here(holder: str) -> bool:
    """Whether `holder` was a process on this machine that no longer runs.

    A runner killed on this computer need not block the mapping until its lease expires.
    """
    parts = holder.rsplit(":", 2)
    if len(parts) != 3 or parts[0] != socket.gethostname() or not parts[1].isdigit():
        return False
    pid = parts[1]
    if int(pid) == os.getpid():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def _mark_interrupted(session, job_id: int, now: datetime) -> None:  # type: ignore[no-untyped-def]
    session.execute(
        update(Job)
        .where(Job.id == job_id, Job.status == JobStatus.RUNNING.value)
        .values(
            status=JobStatus.INTERRUPTED.value,
            finished=now,
            **filed(
                say(
                    QT_TRANSLATE_NOOP(
                        "Messages",
                        "interrupted: its runner stopped without finishing; the next job took over",
                    )
                )
            ),
        )
    )
