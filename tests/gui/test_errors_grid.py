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
    assert a.retry.isEnabled() and a.synchronize.isEnabled()
    window.errors.table.setFocus()
    qtbot.keyClick(window.errors.table, Qt.Key.Key_Delete)
    QApplication.processEvents()
    assert QApplication.activeModalWidget() is None, "Delete asks nothing: there is nothing to do"
    assert "C3" in {e.erp_key for e in scene.open_errors()}, "the error stays until it is fixed"
    select(qtbot, window, "C1")
    assert a.remove_coupling.isEnabled() and a.set_up_coupling.isEnabled()
