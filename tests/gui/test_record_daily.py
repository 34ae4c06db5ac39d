"""The record window and the couple dialog in daily use: Synchronize… from the record itself, the
ERP always on the left, a direction on every failed log line, Esc and Ctrl+W to close, no coupling
to remove where none was made, questions that name the record, and a couple dialog that offers
only what can be coupled. Keys go through Qt; the apps and the store are read afterwards."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop_sync.domain import Side
from desktop_sync.gui.errors.couple_dialog import CoupleDialog
from desktop_sync.gui.main_window import MainWindow
from desktop_sync.gui.record.fields import FieldsModel
from desktop_sync.gui.record.log import LogModel
from desktop_sync.gui.record.window import RecordWindow
from tests.gui.windows import idle
from tests.helpers import World

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def scene(world: World) -> World:
    """C1 changed in both apps, C2 coupled and fine, C3 never coupled (its city is too long for
    the CRM), and a CRM account "crm-9" nobody coupled yet."""
    world.erp_insert("C1", "Fjord AS", city="Bergen", email="a@fjord.no")
    world.erp_insert("C2", "Nord AS", city="Bodø")
    world.sync()
    world.erp_update("C1", name="Fjord ERP")
    world.crm_update(world.crm_key_of("C1"), name="Fjord CRM")
    world.erp_insert("C3", "Lang AS", city="x" * 31)
    world.sync()
    world.crm_insert("Havnelageret", accountid="crm-9", city="Ålesund")
    return world


@pytest.fixture
def window_world(scene: World) -> World:
    return scene


@pytest.fixture
def window_ready() -> Callable[[MainWindow], bool]:
    return lambda w: w.errors.model.rowCount() == 2 and not w.loader.busy


def record_window(qtbot, main: MainWindow, side: Side, key: str) -> RecordWindow:
    window = main.open_record("CUSTOMER", side, key)
    qtbot.waitUntil(lambda: window.view is not None and not window.loading)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window


def test_synchronize_from_the_record_window(qtbot, window: MainWindow, scene: World) -> None:
    record = record_window(qtbot, window, Side.ERP, "C1")
    assert "Synchronize…" in record.diagnosis.plain_text(), "the Why tab names the action"
    a = record.record_actions
    assert a.synchronize.isEnabled()
    qtbot.keyClick(record, Qt.Key.Key_S, CTRL_SHIFT)
    flow = a.synchronizer
    qtbot.waitUntil(lambda: flow.dialog is not None and flow.dialog.isVisible())
    dialog = flow.dialog
    assert dialog.chosen("name") is None, "the name changed in both apps: a choice is needed"
    dialog.use_crm.click()
    dialog.activateWindow()
    qtbot.keyClick(dialog.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: idle(window), timeout=10000)
    assert scene.erp_rows()["C1"]["name"] == "Fjord CRM"
    assert "C1" not in {e.erp_key for e in scene.open_errors()}
    qtbot.waitUntil(lambda: not record.record_actions.synchronize.isEnabled(), timeout=5000)
    assert "changed in both apps or that failed" in a.synchronize.toolTip()


def test_escape_and_ctrl_w_close_the_record_window(qtbot, window: MainWindow) -> None:
    record = record_window(qtbot, window, Side.ERP, "C2")
    qtbot.keyClick(record, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not record.isVisible())
    record = record_window(qtbot, window, Side.ERP, "C2")
    qtbot.keyClick(record, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not record.isVisible())


def test_the_erp_is_always_on_the_left(qtbot, window: MainWindow, scene: World) -> None:
    crm_key = scene.crm_key_of("C1")
    for side, key in ((Side.CRM, crm_key), (Side.ERP, "C1")):
        record = record_window(qtbot, window, side, key)
        m = record.fields_model
        heads = [m.headerData(c, Qt.Orientation.Horizontal) for c in range(4)]
        assert heads[FieldsModel.COL_VALUE].startswith("ERP · C1"), side
        assert heads[FieldsModel.COL_OTHER].startswith(f"CRM · {crm_key}"), side
        names = {m.index(r, 0).data(): r for r in range(m.rowCount())}
        row = names["name"]
        assert m.index(row, FieldsModel.COL_VALUE).data() == "Fjord ERP"
        assert m.index(row, FieldsModel.COL_OTHER).data() == "Fjord CRM"
        record.close()


def test_a_failed_log_line_says_which_way_it_went(qtbot, window: MainWindow) -> None:
    record = record_window(qtbot, window, Side.ERP, "C3")
    model = record.log_model
    failed = [r for r in range(model.rowCount()) if model.rows[r].outcome == "failed"]
    assert failed
    assert model.rows[failed[0]].direction is None, "the store keeps none for a failed insert"
    assert model.index(failed[0], LogModel.COL_DIRECTION).data() == "ERP → CRM"


def test_a_record_never_coupled_has_no_coupling_to_remove(
    qtbot, window: MainWindow, scene: World
) -> None:
    record = record_window(qtbot, window, Side.ERP, "C3")
    action = record.record_actions.remove_coupling
    assert not action.isEnabled() and "Never coupled" in action.toolTip()
    qtbot.keyClick(record, Qt.Key.Key_Delete)
    QApplication.processEvents()
    assert QApplication.activeModalWidget() is None
    assert "C3" in {e.erp_key for e in scene.open_errors()}, "the error stays until it is fixed"


def test_remove_coupling_names_the_records(qtbot, window: MainWindow, scene: World) -> None:
    record = record_window(qtbot, window, Side.CRM, scene.crm_key_of("C2"))
    seen: list[str] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append(box.text())
            box.button(QMessageBox.StandardButton.Cancel).click()
        else:
            QTimer.singleShot(10, answer)

    QTimer.singleShot(0, answer)
    qtbot.keyClick(record, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: bool(seen))
    assert seen[0].startswith(
        f"Remove the coupling of ERP customer C2 “Nord AS” and CRM account "
        f"{scene.crm_key_of('C2')} “Nord AS”?"
    )
    assert "Both records stay" in seen[0]
    assert any(c["erp_key"] == "C2" for c in scene.couplings()), "Cancel: nothing removed"


def test_the_couple_dialog_offers_only_records_not_coupled_yet(
    qtbot, window: MainWindow, scene: World
) -> None:
    dialog = CoupleDialog(scene.service, "CUSTOMER", Side.CRM, "Couple C3", window)
    qtbot.addWidget(dialog)
    heads = [dialog.results.horizontalHeaderItem(c).text() for c in range(5)]
    assert heads[:4] == ["accountid", "name", "city", "email"]
    keys = {dialog.results.item(r, 0).text() for r in range(dialog.results.rowCount())}
    assert keys == {"crm-9"}, "coupled accounts are left out"
    assert not dialog.ok.isEnabled() and dialog.reason.text() == "Select the record to couple to."
    dialog.show_all.setChecked(True)
    assert dialog.results.rowCount() == 3
    coupled = next(
        r for r in range(dialog.results.rowCount()) if dialog.results.item(r, 0).text() != "crm-9"
    )
    dialog.results.selectRow(coupled)
    assert not dialog.ok.isEnabled() and "coupled to C" in dialog.ok.toolTip()
    crm9 = next(
        r for r in range(dialog.results.rowCount()) if dialog.results.item(r, 0).text() == "crm-9"
    )
    dialog.results.selectRow(crm9)
    assert dialog.ok.isEnabled() and dialog.reason.text() == ""
