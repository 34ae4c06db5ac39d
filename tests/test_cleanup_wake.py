"""A runner of the job queue wakes for the cleanup entry too, not only for mappings' entries:
`next_wake` and `claim_due` look at the same entries."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import update

from desktop_sync.store.models import QueueEntry, utcnow
from tests.helpers import World


def test_the_cleanup_alone_wakes_the_runner(world: World) -> None:
    queue = world.service.queue
    assert queue.next_wake() is None, "no entries: nothing to wake for"
    assert world.service.ensure_cleanup_entry() is True
    due = utcnow() + timedelta(minutes=5)
    with world.service.store.session() as session:
        session.execute(update(QueueEntry).values(next_run=due))
    assert queue.next_wake() == due
    assert queue.claim_due(due_before=due + timedelta(seconds=1)) is not None
