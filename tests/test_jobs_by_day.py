"""The jobs list narrowed to the day a job started (the dashboard's days: UTC, end excluded)."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import update

from desktop_sync.store.models import Job, utcnow
from tests.helpers import World


def test_jobs_started_within_a_day(world: World) -> None:
    for i in range(3):
        world.erp_insert(f"C{i}", f"Firm {i}")
        world.sync()
    ids = [j.id for j in reversed(world.service.jobs())]
    today = utcnow().date()
    midnight = datetime(today.year, today.month, today.day)
    with world.service.store.session() as session:  # the first job just before midnight
        session.execute(
            update(Job).where(Job.id == ids[0]).values(started=midnight - timedelta(seconds=1))
        )
        session.execute(update(Job).where(Job.id == ids[1]).values(started=midnight))
    day = world.service.jobs(since=midnight, until=midnight + timedelta(days=1))
    assert [j.id for j in day] == [ids[2], ids[1]], "newest first, from midnight on"
    before = world.service.jobs(since=midnight - timedelta(days=1), until=midnight)
    assert [j.id for j in before] == [ids[0]]
    assert world.service.jobs(mapping="OTHER", since=midnight) == []
