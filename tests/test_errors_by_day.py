"""The errors open at the end of a day, as the dashboard counts them (`Service.dashboard()`) and
as the errors grid lists them (`ErrorFilter.open_at`): the same rows, for every day, mapping and
kind, with errors filed, resolved and still open around the days' UTC midnights."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import select, update
from sqlalchemy.engine import URL

from desktop_sync.domain import ErrorKind
from desktop_sync.services import ErrorFilter
from desktop_sync.services.queries import day_end
from desktop_sync.store.models import SyncError, utcnow
from tests.helpers import World


def midnight(days_ago: int) -> datetime:
    today = utcnow().date() - timedelta(days=days_ago)
    return datetime(today.year, today.month, today.day)


def with_errors_over_days(world: World) -> None:
    """Five failed inserts of CUSTOMER, then moved in time (and two made changed_in_both)."""
    for i in range(10):
        world.erp_insert(f"C{i}", f"Firm {i}", city=("x" * 31) if i % 2 else "Bergen")
    world.sync()
    with world.service.store.session() as session:
        ids = list(session.scalars(select(SyncError.id).order_by(SyncError.id)))
    assert len(ids) == 5
    now = utcnow()
    moves = [
        # failed a moment before a midnight, still open
        dict(failed_at=midnight(9) - timedelta(microseconds=500)),
        # failed at a midnight, resolved at a midnight: open at the end of that day's eve
        dict(failed_at=midnight(5), resolved_at=midnight(2), resolution="retry"),
        # failed before the 30 days, resolved within them
        dict(
            kind=ErrorKind.CHANGED_IN_BOTH.value,
            failed_at=midnight(40),
            resolved_at=midnight(20) + timedelta(hours=12),
            resolution="retry",
        ),
        # failed and resolved today
        dict(failed_at=now - timedelta(seconds=2), resolved_at=now, resolution="retry"),
        dict(kind=ErrorKind.CHANGED_IN_BOTH.value, failed_at=midnight(3) + timedelta(hours=1)),
    ]
    with world.service.store.session() as session:
        for error_id, values in zip(ids, moves, strict=True):
            session.execute(update(SyncError).where(SyncError.id == error_id).values(**values))


def the_filter_lists_what_the_dashboard_counts(world: World) -> None:
    with_errors_over_days(world)
    service = world.service
    board = service.dashboard()
    counted = {(e.day, e.mapping, e.kind): e.open for e in board.errors}
    # days[-1] is today: days[-n] is n - 1 days ago
    assert counted.get((board.days[-12], "CUSTOMER", "failed"), 0) == 0
    assert counted[board.days[-11], "CUSTOMER", "failed"] == 1  # failed in its last moment
    assert counted[board.days[-4], "CUSTOMER", "failed"] == 2  # resolved at the next midnight
    assert counted[board.days[-3], "CUSTOMER", "failed"] == 1
    assert counted[board.days[0], "CUSTOMER", "changed_in_both"] == 1  # resolved since
    mappings = [m.name for m in service.config.mappings]
    checked = 0
    for day in board.days:
        for kind in ErrorKind:
            for mapping in mappings:
                where = ErrorFilter(mapping=mapping, kind=kind.value, open_at=day_end(day))
                expected = counted.get((day, mapping, kind.value), 0)
                assert service.count_errors(where) == expected, (day, mapping, kind)
                assert len(service.error_ids(where)) == expected
                checked += expected
            everywhere = ErrorFilter(kind=kind.value, open_at=day_end(day))
            total = sum(counted.get((day, m, kind.value), 0) for m in mappings)
            assert service.count_errors(everywhere) == total, (day, kind)
    assert checked > 20, "days with open errors were compared"
    today = ErrorFilter(open_at=day_end(board.days[-1]))
    assert service.count_errors(today) == service.count_errors(ErrorFilter()) == 2
    resolved_too = ErrorFilter(open_at=day_end(board.days[-1]), include_resolved=True)
    assert service.count_errors(resolved_too) == 5


def test_the_filter_lists_what_the_dashboard_counts(world: World) -> None:
    the_filter_lists_what_the_dashboard_counts(world)


@pytest.mark.postgres
def test_the_filter_lists_what_the_dashboard_counts_on_postgresql(
    tmp_path, postgres_db: URL
) -> None:
    world = World(tmp_path, store_url=postgres_db)
    try:
        the_filter_lists_what_the_dashboard_counts(world)
    finally:
        world.close()
