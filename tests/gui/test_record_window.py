"""The record window, opened from each place that opens it, driven through its actions; the apps
and the store are checked afterwards."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt

from desktop_sync.domain import Side
from desktop_sync.gui.common import style
from desktop_sync.gui.errors.model import ErrorIdRole
from desktop_sync.gui.jobs.model import JobIdRole
from desktop_sync.gui.main_window import MainWindow
from desktop_sync.gui.record.fields import FieldsModel
from desktop_sync.gui.record.log import LogJobRole, LogModel
from desktop_sync.gui.record.window import RecordWindow
from tests.gui.test_accessibility import unnamed_focusable
from tests.helpers import World


@pytest.fixture
def scene(world: World) -> World:
    """C1 changed in both apps (skipped), C2 coupled and fine, C5 new in the ERP (not yet
    synchronized), and a CRM account "crm-9" nobody coupled yet."""
    world.erp_insert("C1", "Fjord AS", city="Bergen", email="a@fjord.no")
    world.erp_insert("C2", "Nord AS", city="Bodø")
    world.sync()
    world.erp_update("C1", name="Fjord ERP")
    world.crm_update(world.crm_key_of("C1"), name="Fjord CRM")
    world.sync()
    world.erp_insert("C5", "Havn AS", city="Molde", email="post@havn.no")
    world.crm_insert("Havnelageret", accountid="crm-9", city="Ålesund")
    return world


@pytest.fixture
def window_world(scene: World) -> World:
    return scene


@pytest.fixture
def window_ready() -> Callable[[MainWindow], bool]:
    return lambda w: w.errors.model.rowCount() == 1


@pytest.fixture
def main(window: MainWindow) -> MainWindow:
    """The main window the record windows are opened from."""
    return window


def idle(main: MainWindow) -> bool:
    return not main.actions_runner.busy and not main.jobs_runner.busy


def settle(qtbot, main: MainWindow, window: RecordWindow) -> None:
    """Wait for the actions and jobs threads, then for the window to have read itself again."""
    qtbot.waitUntil(lambda: idle(main), timeout=10000)
    qtbot.waitUntil(lambda: not window.loading and not main.loader.busy, timeout=10000)


def opened(qtbot, main: MainWindow) -> RecordWindow:
    windows = [w for w in main.findChildren(RecordWindow) if w.isVisible()]
    assert len(windows) == 1, windows
    qtbot.waitUntil(lambda: windows[0].view is not None)
    return windows[0]


def log_lines(window: RecordWindow) -> list[tuple[str, str, str, str]]:
    """(job, outcome, message, user) of every line the log tab shows, newest first."""
    model = window.log_model
    columns = (LogModel.COL_JOB, LogModel.COL_OUTCOME, LogModel.COL_MESSAGE, LogModel.COL_USER)
    return [tuple(model.index(r, c).data() for c in columns) for r in range(model.rowCount())]  # type: ignore[misc]


def fields(window: RecordWindow) -> dict[str, tuple[str, str]]:
    m = window.fields_model
    return {
        m.index(r, 0).data(): (
            m.index(r, FieldsModel.COL_VALUE).data(),
            m.index(r, FieldsModel.COL_OTHER).data(),
        )
        for r in range(m.rowCount())
    }


# -- opening ----------------------------------------------------------------------------------


def test_open_record_on_an_error_shows_both_records_the_state_and_why(
    qtbot, main: MainWindow, scene: World
) -> None:
    qtbot.waitUntil(lambda: not main.loader.busy)
    rect = main.errors.table.visualRect(main.errors.model.index(0, 1))
    qtbot.mouseClick(main.errors.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert [e.erp_key for e in main.errors.selected_errors()] == ["C1"]
    assert main.error_actions.open_record.isEnabled()
    main.error_actions.open_record.trigger()
    window = opened(qtbot, main)
    assert (window.side, window.key) == (Side.ERP, "C1")
    assert fields(window)["name"] == ("Fjord ERP", "Fjord CRM")
    assert fields(window)["city"] == ("Bergen", "Bergen")
    row = next(
        r
        for r in range(window.fields_model.rowCount())
        if window.fields_model.lines[r].name == "name"
    )
    assert (
        window.fields_model.index(row, FieldsModel.COL_VALUE).data(Qt.ItemDataRole.BackgroundRole)
        is not None
    )
    assert "Skipped — Changed in both" in window.state.text()
    assert window.state.toolTip() == scene.error_of("C1").message
    assert window.diagnosis.findings[0].title == "Skipped: changed in both apps"
    assert "Synchronize…" in window.diagnosis.plain_text()
    a = window.record_actions
    assert a.retry.isEnabled() and a.remove_coupling.isEnabled() and a.synchronize_now.isEnabled()

    # the same record: the open window comes forward on its log
    main.error_actions.sync_log.trigger()
    assert opened(qtbot, main) is window and window.tabs.currentWidget() is window.log


def test_a_jobs_error_list_opens_the_record_of_the_error(
    qtbot, main: MainWindow, scene: World
) -> None:
    job_id = scene.error_of("C1").job_id
    main.tabs.setCurrentWidget(main.jobs)
    jobs = main.jobs
    qtbot.waitUntil(lambda: jobs.model.rowCount() == 2)
    row = next(r for r in range(2) if jobs.model.index(r, 0).data(JobIdRole) == job_id)
    jobs.table.selectRow(row)
    qtbot.waitUntil(lambda: jobs.errors_model.rowCount() == 1)
    assert jobs.errors_model.index(0, 0).data(ErrorIdRole) == scene.error_of("C1").id
    rect = jobs.errors.visualRect(jobs.errors_model.index(0, 1))
    qtbot.mouseClick(jobs.errors.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(jobs.errors.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    window = opened(qtbot, main)
    assert (window.mapping_name, window.side, window.key) == ("CUSTOMER", Side.ERP, "C1")


# -- actions -----------------------------------------------------------------------------------


def test_synchronize_now_synchronizes_this_record_only_and_logs_it(
    qtbot, main: MainWindow, scene: World
) -> None:
    scene.erp_insert("C6", "Other AS")
    window = main.open_record("CUSTOMER", Side.ERP, "C5")
    qtbot.waitUntil(lambda: window.view is not None)
    assert "Not coupled" in window.state.text()
    assert any(f.title == "Not synchronized yet" for f in window.diagnosis.findings)
    assert not window.record_actions.remove_coupling.isEnabled()
    assert "not coupled" in window.record_actions.remove_coupling.toolTip()

    window.record_actions.synchronize_now.trigger()
    settle(qtbot, main, window)
    crm_key = scene.crm_key_of("C5")
    assert scene.crm_rows()[crm_key]["name"] == "Havn AS"
    assert "C6" not in {c["erp_key"] for c in scene.couplings()}, (
        "only this record was synchronized"
    )
    assert f"Coupled to CRM record {crm_key}" in window.state.text()
    assert fields(window)["name"] == ("Havn AS", "Havn AS")
    job = scene.service.jobs(limit=1)[0]
    assert job.scope == "record erp C5"
    assert log_lines(window)[0] == (str(job.id), "Inserted", "", "tester")
    assert window.statusBar().currentMessage().startswith(f"Job {job.id}")


def test_remove_coupling_asks_first_then_uncouples_and_logs_who(
    qtbot, main: MainWindow, scene: World, monkeypatch
) -> None:
    window = main.open_record("CUSTOMER", Side.ERP, "C2")
    qtbot.waitUntil(lambda: window.view is not None)
    crm_key = scene.crm_key_of("C2")
    asked: list[str] = []
    monkeypatch.setattr(
        window, "confirm", lambda title, text, destructive=True: asked.append(text) or False
    )
    window.record_actions.remove_coupling.trigger()
    assert len(asked) == 1 and crm_key in asked[0]
    assert scene.crm_key_of("C2") == crm_key, "Cancel leaves the coupling"

    monkeypatch.setattr(window, "confirm", lambda title, text, destructive=True: True)
    window.record_actions.remove_coupling.trigger()
    settle(qtbot, main, window)
    assert "C2" not in {c["erp_key"] for c in scene.couplings()}
    assert "C2" in scene.erp_rows() and crm_key in scene.crm_rows(), "both records stay"
    assert "Not coupled" in window.state.text()
    assert log_lines(window)[0] == ("by hand", "Uncoupled", "uncoupled by hand", "tester")
    assert window.statusBar().currentMessage().startswith("ERP C2 is no longer coupled")


def test_couple_picks_a_record_of_the_other_app_in_the_dialog(
    qtbot, main: MainWindow, scene: World
) -> None:
    window = main.open_record("CUSTOMER", Side.ERP, "C5")
    qtbot.waitUntil(lambda: window.view is not None)
    window.record_actions.couple.trigger()
    dialog = window.couple_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.keyClicks(dialog.search, "Havne")
    qtbot.waitUntil(lambda: dialog.results.rowCount() == 1, timeout=3000)
    dialog.results.selectRow(0)
    dialog.from_other.setChecked(True)  # copy the ERP values into the CRM record now
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    settle(qtbot, main, window)
    assert scene.crm_key_of("C5") == "crm-9"
    assert (
        scene.crm_rows()["crm-9"]["name"] == "Havn AS"
        and scene.crm_rows()["crm-9"]["city"] == "Molde"
    )
    assert "Coupled to CRM record crm-9" in window.state.text()
    assert [line[1:] for line in log_lines(window)[:2]] == [
        ("Modified", "synchronized from ERP when coupled", "tester"),
        ("Coupled", "coupled by hand", "tester"),
    ]


def test_couple_on_a_coupled_record_points_the_coupling_elsewhere(
    qtbot, main: MainWindow, scene: World
) -> None:
    window = main.open_record("CUSTOMER", Side.ERP, "C1")
    qtbot.waitUntil(lambda: window.view is not None)
    window.record_actions.couple.trigger()
    dialog = window.couple_dialog
    qtbot.keyClicks(dialog.search, "crm-9")
    qtbot.waitUntil(lambda: dialog.results.rowCount() == 1, timeout=3000)
    dialog.results.selectRow(0)
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    settle(qtbot, main, window)
    assert scene.crm_key_of("C1") == "crm-9"
    assert scene.open_errors() == [], "the coupling's error is resolved with it"
    assert log_lines(window)[0][1:] == (
        "Coupled",
        "Set Up Coupling: coupled to CRM record crm-9",
        "tester",
    )


def test_retry_includes_a_skipped_record_again(qtbot, main: MainWindow, scene: World) -> None:
    window = main.open_record("CUSTOMER", Side.ERP, "C1")
    qtbot.waitUntil(lambda: window.view is not None)
    window.record_actions.retry.trigger()
    settle(qtbot, main, window)
    (coupling,) = [c for c in scene.couplings() if c["erp_key"] == "C1"]
    assert not coupling["skipped"] and coupling["retry"]
    assert not window.record_actions.retry.isEnabled()
    assert log_lines(window)[0][1:] == (
        "Retried",
        "Retry: included in the next synchronization",
        "tester",
    )
    assert any(f.title == "Included in the next synchronization" for f in window.diagnosis.findings)


# -- the log tab and refreshing --------------------------------------------------------------------


def test_a_log_line_shows_its_job_in_the_main_window(qtbot, main: MainWindow, scene: World) -> None:
    window = main.open_record("CUSTOMER", Side.ERP, "C1", tab="log")
    qtbot.waitUntil(lambda: window.view is not None)
    assert window.tabs.currentWidget() is window.log
    assert [line[1] for line in log_lines(window)] == ["Skipped", "Inserted"]
    assert window.log_model.index(0, 0).data(LogJobRole) == scene.error_of("C1").job_id
    assert window.record_actions.open_job.isEnabled(), "the newest line is the current one"
    first_job = window.log_model.index(1, 0).data(LogJobRole)
    rect = window.log.visualRect(window.log_model.index(1, LogModel.COL_JOB))
    qtbot.mouseClick(window.log.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(window.log.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert main.tabs.currentWidget() is main.jobs
    qtbot.waitUntil(
        lambda: [i.data(JobIdRole) for i in main.jobs.selection.selectedRows()] == [first_job]
    )


def test_the_window_reads_itself_again_when_the_store_changes(
    qtbot, main: MainWindow, scene: World
) -> None:
    window = main.open_record("CUSTOMER", Side.ERP, "C2")
    qtbot.waitUntil(lambda: window.view is not None)
    scene.erp_update("C2", city="Tromsø")
    main.synchronize()
    qtbot.waitUntil(lambda: fields(window)["city"] == ("Tromsø", "Tromsø"), timeout=10000)
    assert log_lines(window)[0][1:] == ("Modified", "", "tester")


def test_without_a_main_window_it_runs_its_own_threads(qtbot, scene: World) -> None:
    window = RecordWindow(scene.service, "CUSTOMER", Side.ERP, "C5")
    window.show()
    qtbot.waitUntil(lambda: window.view is not None)
    assert not window.record_actions.open_job.isEnabled()
    window.record_actions.synchronize_now.trigger()
    qtbot.waitUntil(
        lambda: window.view is not None and window.view.coupling is not None, timeout=10000
    )
    assert scene.crm_rows()[scene.crm_key_of("C5")]["name"] == "Havn AS"
    threads = [r._thread for r in window._own_runners]
    window.close()  # stops its threads; deletes the window
    assert not any(t.isRunning() for t in threads)


def test_a_missing_record_says_so(qtbot, main: MainWindow) -> None:
    window = main.open_record("CUSTOMER", Side.ERP, "NOPE")
    qtbot.waitUntil(lambda: window.view is not None)
    assert "Not in ERP (any more)" in window.state.text()
    a = window.record_actions
    assert (
        not a.synchronize_now.isEnabled() and not a.couple.isEnabled() and not a.retry.isEnabled()
    )
    assert window.diagnosis.findings[0].title == "No such record in ERP"


def test_every_focusable_widget_has_a_name_and_the_colours_follow_the_palette(
    qtbot, main: MainWindow
) -> None:
    window = main.open_record("CUSTOMER", Side.ERP, "C1", tab="why")
    qtbot.waitUntil(lambda: window.view is not None)
    assert unnamed_focusable(window) == []
    assert unnamed_focusable(main) == [], "the Records tab too"
    html = window.diagnosis.text.toHtml()
    assert style.error_text().name() in html, (
        "a finding that keeps the record out is in the readable red"
    )
