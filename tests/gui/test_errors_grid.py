"""The errors grid in daily use: its search finds records by their values in the apps, a search
keeps what the person selected, and actions that make no sense on a record that was never coupled
say so instead of pretending."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop_sync.gui.main_window import MainWindow
from tests.gui.test_main_window import select
from tests.gui.windows import idle
from tests.helpers import World


@pytest.fixture
def scene(world: World) -> World:
    """C1 changed in both apps (the CRM gave it a new e-mail), C3 failed to be inserted (its city
    is too long for the CRM): never coupled."""
    world.erp_insert("C1", "Fjord AS", city="Bergen", email="a@fjord.no")
    world.erp_insert("C4", "Vest AS", city="Molde")
    world.sync()
    world.erp_update("C1", name="Fjord ERP")
    world.crm_update(world.crm_key_of("C1"), name="Fjord CRM", email="kontor@fjordbygg.no")
    world.erp_insert("C3", "Lang AS", city="x" * 31)
    world.sync()
    assert sorted(e.kind for e in world.open_errors()) == ["changed_in_both", "failed"]
    return world


@pytest.fixture
def window_world(scene: World) -> World:
    return scene


@pytest.fixture
def window_ready() -> Callable[[MainWindow], bool]:
    return lambda w: w.errors.model.rowCount() == 2 and not w.loader.busy


def shown_keys(window: MainWindow) -> list[str]:
    model = window.errors.model
    return [model.index(r, 1).data() for r in range(model.rowCount())]


def test_search_finds_records_by_their_values_in_the_apps(
    qtbot, window: MainWindow, scene: World
) -> None:
    """ "fjordbygg" is only in the CRM's e-mail of C1: not in any message or key of the store."""
    assert not any("fjordbygg" in e.message for e in scene.open_errors())
    qtbot.keyClicks(window.errors.search, "FJORDBYGG")
    qtbot.waitUntil(lambda: shown_keys(window) == ["C1"] and idle(window), timeout=5000)
    window.errors.search.clear()
    qtbot.waitUntil(lambda: len(shown_keys(window)) == 2 and idle(window))
    qtbot.keyClicks(window.errors.search, "Lang")  # the ERP's name of C3
    qtbot.waitUntil(lambda: shown_keys(window) == ["C3"] and idle(window), timeout=5000)


def test_clearing_the_search_keeps_the_selection(qtbot, window: MainWindow) -> None:
    select(qtbot, window, "C3")
    qtbot.keyClicks(window.errors.search, "nothing matches this")
    qtbot.waitUntil(lambda: window.errors.model.rowCount() == 0 and idle(window), timeout=5000)
    window.errors.search.clear()
    qtbot.waitUntil(lambda: window.errors.model.rowCount() == 2 and idle(window), timeout=5000)
    assert [e.erp_key for e in window.errors.selected_errors()] == ["C3"]


def test_a_record_never_coupled_offers_no_coupling_to_remove_or_move(
    qtbot, window: MainWindow, scene: World
) -> None:
    a = window.error_actions
    select(qtbot, window, "C3")
    for action in (a.remove_coupling, a.set_up_coupling):
        assert not action.isEnabled(), action.text()
        assert "Never coupled" in action.toolTip()
    assert a.retry.isEnabled() and not a.synchronize.isEnabled(), "nothing to choose between"
    assert "Nothing to choose between" in a.synchronize.toolTip()
    window.errors.table.setFocus()
    qtbot.keyClick(window.errors.table, Qt.Key.Key_Delete)
    QApplication.processEvents()
    assert QApplication.activeModalWidget() is None, "Delete asks nothing: there is nothing to do"
    assert "C3" in {e.erp_key for e in scene.open_errors()}, "the error stays until it is fixed"
    select(qtbot, window, "C1")
    assert a.remove_coupling.isEnabled() and a.set_up_coupling.isEnabled()


def test_find_deleted_says_what_it_found_and_the_last_result_stays(
    qtbot, window: MainWindow, scene: World
) -> None:
    scene.crm_delete(scene.crm_key_of("C4"))
    window.error_actions.find_deleted.trigger()
    qtbot.waitUntil(lambda: idle(window) and window.errors.model.rowCount() == 3, timeout=10000)
    assert window.statusBar().currentMessage() == "1 deleted record(s) found"
    last = window.last_result
    window.statusBar().clearMessage()  # the passing message goes; the last result stays
    assert last.button.isVisible() and last.button.text() == "1 deleted record(s) found"
    (job,) = window.last_results
    assert f"Click to show job {job.id}" in last.button.toolTip()
    qtbot.mouseClick(last.button, Qt.MouseButton.LeftButton)
    assert window.tabs.currentWidget() is window.jobs
    qtbot.waitUntil(lambda: window.jobs.selection.selectedRows() != [])
    row = window.jobs.selection.selectedRows()[0].row()
    assert window.jobs.model.rows[row].id == job.id


def test_a_synchronization_summary_is_kept_whole(qtbot, window: MainWindow, scene: World) -> None:
    scene.erp_insert("C7", "Ny AS", city="Oslo")
    window.sync_now.trigger()
    qtbot.waitUntil(lambda: idle(window), timeout=10000)
    last = window.last_result
    assert last.text == "CUSTOMER: 1 inserted"
    assert last.text in last.button.toolTip()
    assert last.button.isVisible()


def test_the_status_bar_never_keeps_reading_both_versions(qtbot, window: MainWindow) -> None:
    select(qtbot, window, "C1")
    window.error_actions.synchronize.trigger()
    flow = window.error_actions.synchronizer
    qtbot.waitUntil(lambda: flow.dialog is not None and flow.dialog.isVisible())
    assert "Reading both versions" not in window.statusBar().currentMessage()
    flow.dialog.reject()
    assert window.statusBar().currentMessage() == "Synchronize cancelled: nothing was written."
