"""The History tab: resolved errors as the store keeps them, who resolved them and how, its
filters, and Enter opening the record window on its Changes tab."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt

from desktop_sync.domain import Side
from desktop_sync.gui.history.model import (
    COL_HOW,
    COL_KIND,
    COL_MAPPING,
    COL_RECORD,
    COL_WHO,
)
from desktop_sync.gui.main_window import MainWindow
from desktop_sync.gui.record.window import RecordWindow
from desktop_sync.services.history import HistoryFilter
from tests.helpers import World


@pytest.fixture
def resolved(world: World) -> World:
    """C1 changed in both apps, resolved by tester with the ERP's version; C2 changed in both
    and still open."""
    world.erp_insert("C1", "Fjord AS", city="Bergen")
    world.erp_insert("C2", "Nord AS", city="Bodø")
    world.sync()
    for no, city in (("C1", "Oslo"), ("C2", "Tromsø")):
        world.erp_update(no, city=city)
        world.crm_update(world.crm_key_of(no), city="Molde")
    world.sync()
    world.service.synchronize_errors([world.error_of("C1").id], Side.ERP)
    return world


@pytest.fixture
def window_world(resolved: World) -> World:
    return resolved


@pytest.fixture
def window_ready() -> Callable[[MainWindow], bool]:
    return lambda w: w.errors.model.rowCount() == 1 and not w.loader.busy


def show_history(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.tabs.setCurrentWidget(window.history)
    qtbot.waitUntil(lambda: not window.history.model.loading and not window.loader.busy)


def cells(window: MainWindow, row: int) -> dict[int, str]:
    model = window.history.model
    return {c: model.index(row, c).data() for c in range(model.columnCount())}


def test_history_lists_resolved_errors_with_who_and_how_and_enter_opens_the_record(
    qtbot, window: MainWindow, resolved: World
) -> None:
    show_history(qtbot, window)
    stored = resolved.service.history(HistoryFilter()).rows
    assert [r.id for r in window.history.model.rows] == [r.id for r in stored]
    assert len(stored) == 1 and stored[0].resolved_by == "tester"
    row = cells(window, 0)
    crm_key = resolved.crm_key_of("C1")
    assert row[COL_WHO] == "tester"
    assert row[COL_HOW] == "Synchronize"
    assert row[COL_MAPPING] == "CUSTOMER"
    assert row[COL_RECORD] == f"ERP C1 ↔ CRM {crm_key}"
    assert row[COL_KIND] == "Changed in both"
    assert window.history.count.text() == "1 resolved error(s)"

    table = window.history.table
    table.setFocus()
    table.setCurrentIndex(window.history.model.index(0, 0))
    qtbot.keyClick(table, Qt.Key.Key_Return)
    (record,) = [w for w in window.findChildren(RecordWindow) if w.isVisible()]
    assert (record.mapping_name, record.side, record.key) == ("CUSTOMER", Side.ERP, "C1")
    assert record.tabs.currentWidget() is record.changes
    qtbot.waitUntil(
        lambda: not record.changes.model.loading and record.changes.model.rowCount() > 0
    )
    assert record.changes.model.rows[0].action == "synchronize"


def test_history_filters_by_who_mapping_and_text_in_the_store(
    qtbot, window: MainWindow, resolved: World
) -> None:
    show_history(qtbot, window)
    view = window.history
    view.who.setText("alice")
    qtbot.waitUntil(lambda: view.model.where.resolved_by == "alice" and not view.model.loading)
    assert view.model.rowCount() == 0
    view.who.setText("tester")
    qtbot.waitUntil(lambda: view.model.where.resolved_by == "tester" and not view.model.loading)
    assert view.model.rowCount() == 1
    view.search.setText("Nord")  # not in C1's message or keys (a CRM key is hex: no "C2")
    qtbot.waitUntil(lambda: view.model.where.search == "Nord" and not view.model.loading)
    assert view.model.rowCount() == 0
    view.search.setText("C1")
    qtbot.waitUntil(lambda: view.model.where.search == "C1" and not view.model.loading)
    assert view.model.rowCount() == 1


def test_history_reads_itself_again_after_a_resolution_in_the_window(
    qtbot, window: MainWindow, resolved: World
) -> None:
    show_history(qtbot, window)
    assert window.history.model.rowCount() == 1
    error = resolved.error_of("C2")
    window.run_action("Retry", lambda: resolved.service.retry([error.id]))
    qtbot.waitUntil(lambda: window.history.model.rowCount() == 2, timeout=10000)
    newest = cells(window, 0)
    assert (newest[COL_WHO], newest[COL_HOW]) == ("tester", "Retry")
    assert window.history.model.rows[0].id == error.id


def test_history_fetches_older_pages_while_scrolling(
    qtbot, window: MainWindow, resolved: World, monkeypatch
) -> None:
    monkeypatch.setattr("desktop_sync.gui.history.model.HISTORY_PAGE", 1)
    error = resolved.error_of("C2")
    resolved.service.retry([error.id])
    show_history(qtbot, window)
    window.history.reload()
    qtbot.waitUntil(lambda: not window.history.model.loading and not window.loader.busy)
    model = window.history.model
    qtbot.waitUntil(lambda: model.rowCount() == 2 and not model.canFetchMore(), timeout=5000)
    assert [r.id for r in model.rows] == [r.id for r in resolved.service.history().rows]
