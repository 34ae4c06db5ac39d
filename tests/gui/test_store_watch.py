"""Several people on one store: an open window notices what others did (another desktop resolving
errors, a worker finishing a job) and refreshes without losing the person's selection; and a
person acting on an error someone else resolved meanwhile is told by whom and when.

Each scenario runs on an SQLite store and on a PostgreSQL one (skipped when no server answers).
The "other person" is a second Service on the same store, with its own user name.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select, update

from desktop_sync.gui.common.store_watch import (
    ELSEWHERE,
    POSTGRESQL_MS,
    SQLITE_MS,
    StoreWatch,
    poll_interval_ms,
)
from desktop_sync.gui.common.tasks import TaskRunner
from desktop_sync.gui.main_window import MainWindow
from desktop_sync.services import Service
from desktop_sync.services.changes import fingerprint
from desktop_sync.store.models import Job, QueueEntry, SyncError
from tests.gui.test_main_window import answer_next_message_box
from tests.gui.test_main_window import select as select_rows
from tests.gui.windows import idle
from tests.helpers import World


def make_troubles(world: World) -> World:
    """C1 changed in both, C2 deleted in the CRM, C3 failed (too long a city), C4 fine."""
    world.erp_insert("C1", "Fjord AS", city="Bergen", email="a@fjord.no")
    world.erp_insert("C2", "Nord AS", city="Bodø")
    world.erp_insert("C4", "Vest AS", city="Molde")
    world.sync()
    world.erp_update("C1", name="Fjord ERP", city="Oslo")
    world.crm_update(world.crm_key_of("C1"), name="Fjord CRM", email="b@fjord.no")
    world.crm_delete(world.crm_key_of("C2"))
    world.erp_update("C2", city="Tromsø")
    world.erp_insert("C3", "Lang AS", city="x" * 31)
    world.sync()
    return world


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def shared(request, tmp_path: Path) -> Iterator[World]:
    """The troubled world with its store on SQLite or on a fresh PostgreSQL database."""
    store_url = request.getfixturevalue("postgres_db") if request.param == "postgresql" else None
    world = World(tmp_path, store_url=store_url)
    make_troubles(world)
    yield world
    world.close()


@pytest.fixture
def kari(shared: World) -> Iterator[Service]:
    """Another person at another desktop, on the same store."""
    other = Service.open(shared.config_path, user="kari")
    yield other
    other.close()


@pytest.fixture
def window_world(shared: World) -> World:
    return shared


@pytest.fixture
def window_ready() -> Callable[[MainWindow], bool]:
    return lambda w: w.errors.model.rowCount() == 3 and w.store_watch.last is not None


def error_id(world: World, erp_key: str) -> int:
    return world.error_of(erp_key).id


def selected_keys(window: MainWindow) -> list[str | None]:
    return sorted(e.erp_key for e in window.errors.selected_errors())


# -- noticing --------------------------------------------------------------------------------------


def test_the_window_notices_another_desktop_resolving_an_error_and_keeps_the_selection(
    qtbot, window: MainWindow, shared: World, kari: Service
) -> None:
    select_rows(qtbot, window, "C3")
    kept = window.errors.selected_ids()
    kari.retry([error_id(shared, "C1")])
    with qtbot.waitSignal(
        window.store_changed, timeout=10000, check_params_cb=lambda what: what == ELSEWHERE
    ):
        window.store_watch.poll()  # what its timer calls
    qtbot.waitUntil(lambda: window.errors.model.rowCount() == 2, timeout=10000)
    assert "errors" in window.store_watch.parts and "log" in window.store_watch.parts
    assert window.errors.selected_ids() == kept and selected_keys(window) == ["C3"], (
        "the selection stays"
    )
    assert "C1" not in {window.errors.model.index(r, 1).data() for r in range(2)}


def test_when_the_selected_error_is_resolved_elsewhere_no_other_error_takes_its_place(
    qtbot, window: MainWindow, shared: World, kari: Service
) -> None:
    select_rows(qtbot, window, "C1")
    kari.remove_coupling([error_id(shared, "C1")])
    window.store_watch.poll()
    qtbot.waitUntil(lambda: window.errors.model.rowCount() == 2, timeout=10000)
    assert window.errors.selected_ids() == [], (
        "an error the person did not choose is not selected for them"
    )
    assert not window.error_actions.remove_coupling.isEnabled()


def test_the_watch_timer_fires_by_itself_when_a_worker_finishes_a_job(
    qtbot, window: MainWindow, shared: World, kari: Service
) -> None:
    select_rows(qtbot, window, "C2")
    jobs_before = window.jobs.model.rowCount()
    kari.queue.ensure_entries()
    shared.erp_insert("C5", "Sør AS", city="Kristiansand")
    shared.erp_update("C3", city="Lillehammer")  # the failed record can be written now
    kari.retry([error_id(shared, "C3")])
    run = kari.queue.run_due_once()  # a worker elsewhere runs the queue entry
    assert run is not None and run.job is not None and run.job.counters.inserted == 2, (
        "C3 at last, and C5"
    )
    window.store_watch.timer.setInterval(50)
    qtbot.waitUntil(lambda: window.jobs.model.rowCount() == jobs_before + 1, timeout=10000)
    qtbot.waitUntil(
        lambda: window.errors.model.rowCount() == 2 and window.queue.model.rowCount() == 1,
        timeout=10000,
    )
    assert selected_keys(window) == ["C2"], "the selection stays"
    assert window.jobs.model.rows[0].origin == "queue" and window.jobs.model.rows[0].user == "kari"
    assert "2 inserted" in window.queue.model.rows[0].last_result


def test_no_change_no_refresh(qtbot, window: MainWindow) -> None:
    seen: list[str] = []
    window.store_changed.connect(seen.append)
    for _ in range(3):
        window.store_watch.poll()
        qtbot.waitUntil(lambda: not window.store_watch._pending and idle(window))
    assert seen == []


def test_the_watch_polls_postgresql_every_2_s_and_sqlite_every_5_s(qtbot, shared: World) -> None:
    expected = POSTGRESQL_MS if shared.service.store.is_postgresql else SQLITE_MS
    assert poll_interval_ms(shared.service) == expected
    loader = TaskRunner("test-loader")
    try:
        watch = StoreWatch(shared.service, loader)
        assert watch.timer.interval() == expected and watch.timer.isActive()
        qtbot.waitUntil(lambda: watch.last is not None)
        watch.stop()
        assert not watch.timer.isActive()
    finally:
        loader.stop()


def test_an_unreachable_store_is_said_once_and_the_watch_goes_on(
    qtbot, window: MainWindow, monkeypatch
) -> None:
    problems: list[str] = []
    window.store_watch.unreachable.connect(problems.append)
    monkeypatch.setattr(
        "desktop_sync.gui.common.store_watch.fingerprint",
        lambda service: (_ for _ in ()).throw(OSError("db host is down")),
    )
    for _ in range(2):
        window.store_watch.poll()
        qtbot.waitUntil(lambda: not window.store_watch._pending)
    assert problems == ["db host is down"]
    assert "db host is down" in window.statusBar().currentMessage()
    monkeypatch.undo()
    with qtbot.waitSignal(window.store_watch.reachable, timeout=5000):
        window.store_watch.poll()


# -- the fingerprint -------------------------------------------------------------------------------


def test_each_kind_of_change_moves_its_part_of_the_fingerprint(
    shared: World, kari: Service
) -> None:
    start = fingerprint(shared.service)
    assert fingerprint(kari) == start, "the same store, the same fingerprint"

    kari.retry([error_id(shared, "C3")])  # a person's action: an error resolved, a log line
    after_retry = fingerprint(shared.service)
    assert set(after_retry.changed_parts(start)) == {"log", "errors"}

    kari.queue.ensure_entries()
    after_entries = fingerprint(shared.service)
    assert after_entries.changed_parts(after_retry) == ["queue"]
    entry = kari.queue.entries()[0]
    kari.queue.set_on_hold(entry.id)
    assert "queue" in fingerprint(shared.service).changed_parts(after_entries)

    before_claim = fingerprint(shared.service)
    with kari.store.session() as session:  # a runner's claim writes no log line, only the entry
        session.execute(update(QueueEntry).values(claimed_by="x", version=QueueEntry.version + 1))
    assert fingerprint(shared.service).changed_parts(before_claim) == ["queue"]

    before_sync = fingerprint(shared.service)
    shared.erp_insert("C9", "Ny AS")
    kari.synchronize(["CUSTOMER"])
    assert {"jobs", "couplings", "log"} <= set(
        fingerprint(shared.service).changed_parts(before_sync)
    )

    before_running = fingerprint(shared.service)
    with kari.store.session() as session:  # a job that another runner just started
        session.add(Job(mapping="CUSTOMER", status="running"))
    running = fingerprint(shared.service)
    assert running.jobs[1] == 1 and running.changed_parts(before_running) == ["jobs"]

    with kari.store.session() as session:
        resolved = session.scalar(
            select(SyncError.resolved_at).where(SyncError.resolved_at.is_not(None))
        )
    assert resolved is not None and running.errors[1] is not None


# -- two people, one error -------------------------------------------------------------------------


def test_acting_on_an_error_someone_else_resolved_meanwhile_says_who_and_when(
    qtbot, window: MainWindow, shared: World, kari: Service
) -> None:
    # the person acts before the window notices: the refusal is the point here
    window.store_watch.stop()
    select_rows(qtbot, window, "C1")  # the person looks at C1 …
    c1 = error_id(shared, "C1")
    kari.retry([c1])  # … while Kari resolves it at her desk
    answer_next_message_box(
        qtbot, QMessageBox.StandardButton.Ok
    )  # "Remove the coupling of 1 record?"
    window.error_actions.remove_coupling.trigger()
    qtbot.waitUntil(lambda: window.last_action is not None and idle(window), timeout=10000)
    result = window.last_action
    assert result is not None and result.done == 0
    (refused,) = result.refused
    assert "was already resolved by kari at " in refused
    boxes = [
        b
        for b in window.findChildren(QMessageBox)
        if b.isVisible() and "already resolved" in b.informativeText()
    ]
    assert boxes and "already resolved by kari at" in boxes[-1].informativeText(), (
        "the window shows who and when"
    )
    assert boxes[-1].windowTitle() == "Not everything was done"
    with shared.service.store.session() as session:
        row = session.execute(
            select(SyncError.resolved_by, SyncError.resolution).where(SyncError.id == c1)
        ).one()
    assert tuple(row) == ("kari", "retry"), "Kari's resolution stands"
    assert any(c["erp_key"] == "C1" for c in shared.couplings()), "the coupling was not removed"
    for box in boxes:
        box.close()
