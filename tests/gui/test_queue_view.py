"""The Job Queue tab and the window running the queue itself, driven through QActions and the
timer's slot; every test looks at the store's job_queue_entry and sync_job rows and at the apps
afterwards, not only at what the model says.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import timedelta

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialog
from sqlalchemy import insert, select

from desktop_sync.domain import QueueStatus
from desktop_sync.gui.main_window import MainWindow
from desktop_sync.gui.queue.interval_dialog import IntervalDialog
from desktop_sync.gui.queue.model import (
    COL_MAPPING,
    COL_RUNNER,
    COL_STATUS,
    QueueEntryIdRole,
)
from desktop_sync.gui.queue.runner import RUN_IN_WINDOW_KEY
from desktop_sync.store.models import Job, LogEntry, QueueEntry, utcnow
from tests.gui.windows import idle
from tests.helpers import World
from tests.test_queue import add_extra_mapping, extra_insert, set_entry


@pytest.fixture
def qworld(tmp_path) -> Iterator[World]:
    """CUSTOMER and EXTRA, two new ERP records each, and a queue entry per mapping (due now)."""
    world = World(tmp_path)
    add_extra_mapping(world)
    world.erp_insert("C1", "Fjord AS", city="Bergen")
    world.erp_insert("C2", "Nord AS", city="Bodø")
    extra_insert(world, "E1", "Extra One")
    extra_insert(world, "E2", "Extra Two")
    world.service.queue.ensure_entries()
    yield world
    world.close()


def run_in_window(on: bool) -> None:
    QSettings().setValue(RUN_IN_WINDOW_KEY, on)


@pytest.fixture(autouse=True)
def _forget_the_setting() -> Iterator[None]:
    """Every test starts with the default (on) and leaves no setting behind for the others."""
    QSettings().remove(RUN_IN_WINDOW_KEY)
    yield
    QSettings().remove(RUN_IN_WINDOW_KEY)


def open_window(qtbot, world: World) -> MainWindow:
    window = MainWindow(world.service)
    qtbot.addWidget(window)
    window.show()
    window.tabs.setCurrentWidget(window.queue)
    qtbot.waitUntil(lambda: window.queue.model.rowCount() == 2)
    return window


@pytest.fixture
def window_world(qworld: World) -> World:
    """The window's world, with the queue left to workers, so that only the actions change the
    entries."""
    run_in_window(False)
    return qworld


@pytest.fixture
def window_ready() -> Callable[[MainWindow], bool]:
    """On the Job Queue tab, with both entries read."""

    def ready(window: MainWindow) -> bool:
        window.tabs.setCurrentWidget(window.queue)
        return window.queue.model.rowCount() == 2

    return ready


def finish(qtbot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: idle(window), timeout=10000)


def close(qtbot, window: MainWindow) -> None:
    """Close once the last queue run has ended (closing during one would ask the person first)."""
    qtbot.waitUntil(lambda: idle(window) and not window.queue_runner.running, timeout=20000)
    window.close()


def rows(world: World) -> dict[str, QueueEntry]:
    """The job_queue_entry rows by mapping, as the store has them now."""
    with world.service.store.session() as session:
        return {e.mapping: e for e in session.scalars(select(QueueEntry))}


def queue_jobs(world: World) -> list[Job]:
    with world.service.store.session() as session:
        return list(session.scalars(select(Job).where(Job.origin == "queue").order_by(Job.id)))


def select_entries(qtbot, window: MainWindow, *mappings: str) -> None:
    """Click (and ctrl-click) the rows of these mappings, as a person would."""
    view, model = window.queue, window.queue.model
    view.table.clearSelection()
    for mapping in mappings:
        (row,) = [
            r for r in range(model.rowCount()) if model.index(r, COL_MAPPING).data() == mapping
        ]
        rect = view.table.visualRect(model.index(row, COL_MAPPING))
        qtbot.mouseClick(
            view.table.viewport(),
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.ControlModifier,
            rect.center(),
        )
    assert sorted(e.mapping for e in view.selected_entries()) == sorted(mappings)


def selected_mappings(window: MainWindow) -> list[str]:
    return sorted(e.mapping for e in window.queue.selected_entries())


def status_in_grid(window: MainWindow, mapping: str) -> str:
    model = window.queue.model
    (row,) = [r for r in range(model.rowCount()) if model.index(r, COL_MAPPING).data() == mapping]
    return model.index(row, COL_STATUS).data()


# -- the grid --------------------------------------------------------------------------------------


def test_the_job_queue_tab_lists_every_entry_with_its_actions(
    qtbot, window: MainWindow, qworld: World
) -> None:
    assert window.tabs.tabText(window.tabs.indexOf(window.queue)) == "Job Queue"
    model = window.queue.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == [
        "Mapping",
        "Status",
        "Interval",
        "Next run",
        "Last run",
        "Last result",
        "Run by",
    ]
    assert [model.index(r, COL_MAPPING).data() for r in range(2)] == ["CUSTOMER", "EXTRA"]
    assert {model.index(r, COL_STATUS).data() for r in range(2)} == {"Ready"}
    ids = {model.index(r, 0).data(QueueEntryIdRole) for r in range(2)}
    assert ids == {e.id for e in rows(qworld).values()}
    a = window.queue_actions
    toolbar = window.queue.toolbar.actions()
    menu = window.queue_actions.menu.actions()
    for action in (
        a.set_on_hold,
        a.set_ready,
        a.change_interval,
        a.run_now,
        a.refresh,
        a.run_in_window,
    ):
        assert action in toolbar and action in menu, action.text()
        assert not action.icon().isNull(), action.text()
    assert a.menu.menuAction() in window.menuBar().actions() and "&" in a.menu.title()
    assert "Ctrl+Shift+H" in a.set_on_hold.toolTip()
    assert window.queue.table.accessibleName() == "Job queue entries"
    assert "does not run the job queue" in window.queue.caption.text()


def test_actions_apply_only_when_they_apply_and_say_why_not(qtbot, window: MainWindow) -> None:
    a = window.queue_actions
    window.queue.table.clearSelection()
    assert not a.set_on_hold.isEnabled() and "Select one or more entries" in a.set_on_hold.toolTip()
    select_entries(qtbot, window, "CUSTOMER")
    assert a.set_on_hold.isEnabled() and a.run_now.isEnabled() and a.change_interval.isEnabled()
    assert not a.set_ready.isEnabled() and "on hold or in error" in a.set_ready.toolTip()
    select_entries(qtbot, window, "CUSTOMER", "EXTRA")
    assert not a.change_interval.isEnabled() and "exactly one" in a.change_interval.toolTip()
    assert a.set_on_hold.isEnabled()


def test_set_on_hold_then_set_ready_through_their_actions(
    qtbot, window: MainWindow, qworld: World
) -> None:
    a = window.queue_actions
    select_entries(qtbot, window, "CUSTOMER", "EXTRA")
    a.set_on_hold.trigger()
    finish(qtbot, window)
    assert {m: e.status for m, e in rows(qworld).items()} == {
        "CUSTOMER": "on_hold",
        "EXTRA": "on_hold",
    }
    assert window.statusBar().currentMessage() == "2 entry(s) set on hold"
    qtbot.waitUntil(lambda: status_in_grid(window, "EXTRA") == "On hold")
    assert selected_mappings(window) == ["CUSTOMER", "EXTRA"], "the selection stays"
    assert not a.set_on_hold.isEnabled() and "on hold already" in a.set_on_hold.toolTip()
    with qworld.service.store.session() as session:
        lines = session.execute(
            select(LogEntry.mapping, LogEntry.outcome, LogEntry.user).where(
                LogEntry.outcome.like("queue:%")
            )
        ).all()
    assert sorted(lines) == [
        ("CUSTOMER", "queue:on_hold", "tester"),
        ("EXTRA", "queue:on_hold", "tester"),
    ]

    select_entries(qtbot, window, "EXTRA")
    assert a.set_ready.isEnabled()
    a.set_ready.trigger()
    finish(qtbot, window)
    assert {m: e.status for m, e in rows(qworld).items()} == {
        "CUSTOMER": "on_hold",
        "EXTRA": "ready",
    }
    qtbot.waitUntil(lambda: status_in_grid(window, "EXTRA") == "Ready")
    assert selected_mappings(window) == ["EXTRA"]


def test_change_interval_shows_the_services_refusal_in_the_dialog_then_applies(
    qtbot, window: MainWindow, qworld: World, monkeypatch
) -> None:
    seen: list[tuple[int, int, str]] = []

    def drive(dialog: IntervalDialog) -> int:
        seen.append((dialog.minutes.value(), dialog.backoff.value(), dialog.problem.text()))
        if len(seen) == 1:
            dialog.minutes.setValue(300)  # longer than the back-off of 240: the service refuses
            return QDialog.DialogCode.Accepted
        assert dialog.problem.isVisibleTo(dialog)
        dialog.backoff.setValue(600)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(IntervalDialog, "exec", drive)
    select_entries(qtbot, window, "EXTRA")
    window.queue_actions.change_interval.trigger()
    qtbot.waitUntil(lambda: len(seen) == 2, timeout=10000)
    finish(qtbot, window)
    assert seen[0] == (30, 240, "")
    minutes, backoff, problem = seen[1]
    assert (minutes, backoff) == (300, 240), "the dialog opens again with what the person typed"
    assert (
        "The longest back-off (240 minutes) cannot be shorter than the interval (300 minutes)"
        in problem
    )
    extra, customer = rows(qworld)["EXTRA"], rows(qworld)["CUSTOMER"]
    assert (extra.interval_minutes, extra.max_backoff_minutes) == (300, 600)
    assert (customer.interval_minutes, customer.max_backoff_minutes) == (30, 240)
    assert abs((extra.next_run - utcnow()) - timedelta(minutes=300)) < timedelta(minutes=1), (
        "never run: from now"
    )
    qtbot.waitUntil(lambda: "5 h" in window.queue.model.index(1, 2).data())
    assert selected_mappings(window) == ["EXTRA"]
    assert "EXTRA runs every 5 h" in window.statusBar().currentMessage()


def test_run_now_makes_the_entry_due_and_a_worker_would_run_it(
    qtbot, window: MainWindow, qworld: World
) -> None:
    later = utcnow() + timedelta(hours=3)
    set_entry(qworld.service, "CUSTOMER", status="on_hold", next_run=later)
    window.queue_actions.refresh.trigger()
    qtbot.waitUntil(lambda: status_in_grid(window, "CUSTOMER") == "On hold")
    select_entries(qtbot, window, "CUSTOMER")
    assert window.queue_actions.run_now.isEnabled()
    window.queue_actions.run_now.trigger()
    finish(qtbot, window)
    customer = rows(qworld)["CUSTOMER"]
    assert customer.status == "ready" and customer.next_run <= utcnow()
    assert "when a worker or another window next looks" in window.statusBar().currentMessage()
    assert queue_jobs(qworld) == [], "this window leaves the queue to workers"
    qtbot.waitUntil(lambda: status_in_grid(window, "CUSTOMER") == "Ready")


def test_an_entry_another_runner_holds_shows_its_runner_and_cannot_run_now(
    qtbot, window: MainWindow, qworld: World
) -> None:
    set_entry(
        qworld.service,
        "EXTRA",
        status="in_process",
        claimed_by="other-host:4711:abcdef",
        claimed_at=utcnow(),
    )
    window.queue_actions.refresh.trigger()
    qtbot.waitUntil(lambda: status_in_grid(window, "EXTRA") == "In process")
    model = window.queue.model
    assert model.index(1, COL_RUNNER).data() == "other-host:4711:abcdef"
    select_entries(qtbot, window, "EXTRA")
    run_now = window.queue_actions.run_now
    assert not run_now.isEnabled() and "running now" in run_now.toolTip()


def test_the_context_menu_offers_the_same_actions(qtbot, window: MainWindow) -> None:
    select_entries(qtbot, window, "CUSTOMER")
    assert window.queue.table.contextMenuPolicy() == Qt.ContextMenuPolicy.CustomContextMenu
    menu = window.queue_actions.context_menu()
    a = window.queue_actions
    assert all(
        action in menu.actions()
        for action in (a.set_on_hold, a.set_ready, a.change_interval, a.run_now, a.refresh)
    )


# -- the window runs the queue ---------------------------------------------------------------------


def both_ran(world: World) -> bool:
    return all(e.last_job_id is not None and e.status == "ready" for e in rows(world).values())


def test_the_timers_slot_runs_due_entries_one_at_a_time_in_the_jobs_thread(
    qtbot, qworld: World
) -> None:
    window = open_window(qtbot, qworld)
    runner = window.queue_runner
    assert runner.enabled and window.queue_actions.run_in_window.isChecked()
    assert "This window runs due entries" in window.queue.caption.text()
    started = []
    window.jobs_runner.started.connect(lambda task: started.append(task.label))
    shown = []
    window.jobs_runner.progressed.connect(
        lambda task, p: shown.append(
            window.progress.isVisible() and window.cancel_button.isVisible()
        )
    )
    runner.check()  # what the timer calls
    qtbot.waitUntil(lambda: both_ran(qworld), timeout=20000)
    finish(qtbot, window)
    jobs = queue_jobs(qworld)
    assert sorted(j.mapping for j in jobs) == ["CUSTOMER", "EXTRA"]
    assert all(
        j.status == "finished" and j.user == "tester" and j.runner == runner.service.queue.runner
        for j in jobs
    )
    assert jobs[0].finished <= jobs[1].started, "one at a time"
    assert {m: e.last_job_id for m, e in rows(qworld).items()} == {j.mapping: j.id for j in jobs}
    assert set(qworld.erp_rows()) == {"C1", "C2"} and len(qworld.crm_rows()) == 2, (
        "the CUSTOMER job wrote the CRM"
    )
    with qworld.erp_engine.connect() as conn:
        assert {r.no for r in conn.execute(select(qworld.extra_erp))} == {"E1", "E2"}  # type: ignore[attr-defined]
    with qworld.crm_engine.connect() as conn:
        assert sorted(r.name for r in conn.execute(select(qworld.extra_crm))) == [
            "Extra One",
            "Extra Two",
        ]  # type: ignore[attr-defined]
    assert started == ["Job queue", "Job queue"], (
        "each run went to the jobs thread, as Synchronize Now does"
    )
    assert shown and all(shown), "progress and Cancel were in the status bar"
    qtbot.waitUntil(lambda: "2 inserted" in (window.queue.model.index(0, 5).data() or ""))
    assert runner.timer.isActive() and runner.timer.remainingTime() > 20000, (
        "next look at the next tick"
    )
    close(qtbot, window)


def test_a_short_interval_timer_runs_the_queue_by_itself(qtbot, qworld: World) -> None:
    window = open_window(qtbot, qworld)
    window.queue_runner.check_ms = 100
    window.queue_runner.schedule(100)
    qtbot.waitUntil(lambda: both_ran(qworld), timeout=20000)
    assert sorted(j.mapping for j in queue_jobs(qworld)) == ["CUSTOMER", "EXTRA"]
    close(qtbot, window)


def test_run_now_in_a_window_that_runs_the_queue_runs_the_entry_at_once(
    qtbot, qworld: World
) -> None:
    later = utcnow() + timedelta(hours=3)
    for mapping in ("CUSTOMER", "EXTRA"):
        set_entry(qworld.service, mapping, next_run=later)
    window = open_window(qtbot, qworld)
    select_entries(qtbot, window, "EXTRA")
    window.queue_actions.run_now.trigger()
    qtbot.waitUntil(lambda: bool(queue_jobs(qworld)) and idle(window), timeout=20000)
    assert [j.mapping for j in queue_jobs(qworld)] == ["EXTRA"]
    assert rows(qworld)["EXTRA"].next_run > utcnow() + timedelta(minutes=25)
    assert rows(qworld)["CUSTOMER"].last_job_id is None
    close(qtbot, window)


def test_switching_the_setting_off_stops_the_window_running_the_queue(qtbot, qworld: World) -> None:
    window = open_window(qtbot, qworld)
    action, runner = window.queue_actions.run_in_window, window.queue_runner
    assert action.isCheckable() and action.isChecked()
    action.trigger()  # off
    assert QSettings().value(RUN_IN_WINDOW_KEY, type=bool) is False
    assert not runner.enabled and not runner.timer.isActive()
    assert "does not run the job queue" in window.queue.caption.text()
    runner.check()
    assert not runner.running and not window.jobs_runner.busy and not window.loader.busy
    assert queue_jobs(qworld) == []
    action.trigger()  # on again: it looks at once
    assert QSettings().value(RUN_IN_WINDOW_KEY, type=bool) is True
    qtbot.waitUntil(lambda: both_ran(qworld), timeout=20000)
    close(qtbot, window)


@pytest.fixture
def big(tmp_path) -> Iterator[World]:
    """3000 new ERP customers in batches of 50: a synchronization long enough to act during it."""
    world = World(tmp_path, batch_size=50)
    with world.erp_engine.begin() as conn:
        conn.execute(
            insert(world.erp),
            [
                {"no": f"C{i:05d}", "name": f"Customer {i}", "last_modified": utcnow()}
                for i in range(3000)
            ],
        )
    world.service.queue.ensure_entries()
    yield world
    world.close()


def test_no_queue_job_starts_while_a_manual_sync_runs(qtbot, big: World) -> None:
    window = open_window_single(qtbot, big)
    runner = window.queue_runner
    runner.check_ms = 200
    window.sync_now.trigger()
    assert window.jobs_runner.busy
    runner.check()
    assert not runner.running, "the jobs thread is busy: nothing is started beside it"
    assert runner.timer.isActive(), "it tries again at the next tick"
    qtbot.waitUntil(lambda: bool(queue_jobs(big)), timeout=60000)
    finish(qtbot, window)
    with big.service.store.session() as session:
        (manual,) = session.scalars(select(Job).where(Job.origin == "manual")).all()
    (queued,) = queue_jobs(big)
    assert manual.status == "finished" and manual.finished <= queued.started, (
        "after the manual sync, never beside it"
    )
    assert queued.status == "finished" and queued.inserted == 0, (
        "the person's sync had done the work"
    )
    close(qtbot, window)


def test_cancel_stops_a_queue_run_and_the_queue_waits_a_tick_before_the_rest(
    qtbot, big: World
) -> None:
    window = open_window_single(qtbot, big)
    runner = window.queue_runner
    progress = []
    window.jobs_runner.progressed.connect(lambda task, p: progress.append(p))
    runner.check()
    qtbot.waitUntil(lambda: any(p.done >= 200 for p in progress), timeout=20000)
    assert runner.running and window.cancel_button.isVisible()
    with qtbot.waitSignal(runner.ran, timeout=20000) as ended:
        qtbot.mouseClick(window.cancel_button, Qt.MouseButton.LeftButton)
    run = ended.args[0]
    assert run is not None and run.job is not None and run.job.status.value == "cancelled"
    (job,) = queue_jobs(big)
    entry = rows(big)["CUSTOMER"]
    assert job.status == "cancelled" and 0 < job.inserted < 3000
    assert len(big.crm_rows()) == job.inserted, "what was committed is kept"
    assert entry.status == "ready" and entry.next_run <= utcnow() and entry.claimed_by is None, (
        "due again for the rest"
    )
    assert runner.timer.remainingTime() > 20000, "not at once: the person just cancelled it"
    assert "cancelled" in window.statusBar().currentMessage()
    close(qtbot, window)


def open_window_single(qtbot, world: World) -> MainWindow:
    window = MainWindow(world.service)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.queue.model.rowCount() == 1)
    return window


def test_a_new_mapping_gets_its_entry_when_the_window_first_looks(qtbot, world: World) -> None:
    assert world.service.queue.entries() == []
    run_in_window(False)
    window = MainWindow(world.service)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.queue.model.loaded)
    assert window.queue.empty.isVisibleTo(window.queue), (
        "an empty queue says how entries come about"
    )
    # on: looks at once, creating the entry, and runs it
    window.queue_actions.run_in_window.trigger()
    qtbot.waitUntil(lambda: window.queue.model.rowCount() == 1, timeout=10000)
    assert not window.queue.empty.isVisibleTo(window.queue)
    assert [e.mapping for e in world.service.queue.entries()] == ["CUSTOMER"]
    assert entry_status(world, "CUSTOMER") in {QueueStatus.READY, QueueStatus.IN_PROCESS}
    qtbot.waitUntil(lambda: idle(window) and not window.queue_runner.running, timeout=10000)
    close(qtbot, window)


def entry_status(world: World, mapping: str) -> QueueStatus:
    found = world.service.queue.entry_for(mapping)
    assert found is not None
    return found.status
