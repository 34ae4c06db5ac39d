"""The Synchronize dialog keeps both apps' edits by default and works from the keyboard.

C1 was edited in both apps since the last synchronization: the ERP changed its name and city,
the CRM its name and e-mail. Only the name conflicts. Keys go through Qt (qtbot.keyClick); the
apps are read afterwards.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop_sync.domain import Side
from desktop_sync.gui.errors.synchronize_dialog import SynchronizeDialog, mnemonic_of
from desktop_sync.gui.main_window import MainWindow
from tests.gui.windows import idle
from tests.helpers import World


@pytest.fixture
def edited(world: World) -> World:
    world.erp_insert("C1", "Fjord AS", city="Bergen", email="a@fjord.no")
    world.sync()
    world.erp_update("C1", name="Fjord ERP", city="Oslo")
    world.crm_update(world.crm_key_of("C1"), name="Fjord CRM", email="post@fjord.no")
    world.sync()
    assert [e.kind for e in world.open_errors()] == ["changed_in_both"]
    return world


@pytest.fixture
def window_world(edited: World) -> World:
    return edited


@pytest.fixture
def window_ready() -> Callable[[MainWindow], bool]:
    return lambda w: w.errors.model.rowCount() == 1 and not w.loader.busy


def open_dialog(qtbot, window: MainWindow) -> SynchronizeDialog:
    """Synchronize… on the only error, by its shortcut, as a person would."""
    window.errors.table.setFocus()
    qtbot.waitUntil(lambda: len(window.errors.selected_ids()) == 1)
    qtbot.keyClick(
        window.errors.table,
        Qt.Key.Key_S,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    flow = window.error_actions.synchronizer
    qtbot.waitUntil(lambda: flow.dialog is not None and flow.dialog.isVisible())
    dialog = flow.dialog
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


def values(world: World) -> list[tuple[str, str, str]]:
    erp, crm = world.erp_rows()["C1"], world.crm_rows()[world.crm_key_of("C1")]
    return [(r["name"], r["city"], r["email"]) for r in (erp, crm)]


def row_of(dialog: SynchronizeDialog, name: str) -> int:
    return [d.name for d in dialog.comparison.fields].index(name)


def test_one_sided_edits_are_kept_and_only_the_conflict_asks(
    qtbot, window: MainWindow, edited: World
) -> None:
    dialog = open_dialog(qtbot, window)
    assert window.statusBar().currentMessage() != "Reading both versions…"
    assert dialog.keep_both.isChecked(), "keeping both apps' edits is the default"
    assert dialog.chosen("city") is Side.ERP, "changed in the ERP only: the ERP's city"
    assert dialog.chosen("email") is Side.CRM, "changed in the CRM only: the CRM's e-mail"
    assert dialog.chosen("name") is None, "changed in both: no version preselected"
    preview = {dialog.table.item(r, 0).text(): dialog.table.item(r, 5).text() for r in range(4)}
    assert preview["email"] == "post@fjord.no" and preview["city"] == "Oslo"
    assert not dialog.apply_button.isEnabled()
    assert "choose a version for: name" in dialog.apply_button.toolTip()
    assert dialog.reason.isVisible() and "name" in dialog.reason.text()

    # Enter with the name still open: the dialog stays and says why; nothing is written.
    qtbot.keyClick(dialog.table, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert values(edited) == [
        ("Fjord ERP", "Oslo", "a@fjord.no"),
        ("Fjord CRM", "Bergen", "post@fjord.no"),
    ]

    # In the table: to the name's row, → takes the CRM's name; then Enter applies.
    dialog.table.setFocus()
    dialog.table.setCurrentCell(0, 0)
    for _ in range(row_of(dialog, "name")):
        qtbot.keyClick(dialog.table, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.table, Qt.Key.Key_Right)
    assert dialog.chosen("name") is Side.CRM and dialog.apply_button.isEnabled()
    assert dialog.keep_both.isChecked(), "still both apps' edits, the conflict decided"
    qtbot.keyClick(dialog.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    qtbot.waitUntil(lambda: idle(window), timeout=10000)
    assert values(edited) == [("Fjord CRM", "Oslo", "post@fjord.no")] * 2
    assert edited.open_errors() == []
    assert edited.log(Side.ERP, "C1")[0].outcome == "resolved"
    assert window.statusBar().currentMessage() == "1 record(s) synchronized"


def test_a_whole_version_is_one_alt_key_and_enter(qtbot, window: MainWindow, edited: World) -> None:
    dialog = open_dialog(qtbot, window)
    letter = mnemonic_of(dialog.use_erp.text())
    assert letter and letter not in {
        mnemonic_of(b.text()) for b in (dialog.keep_both, dialog.use_crm, dialog.apply_button)
    }
    key = getattr(Qt.Key, f"Key_{letter.upper()}")
    qtbot.keyClick(dialog, key, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(dialog.use_erp.isChecked)  # a mnemonic clicks the button after a blink
    assert all(dialog.chosen(n) is Side.ERP for n in ("name", "city", "email"))
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    qtbot.waitUntil(lambda: idle(window), timeout=10000)
    assert values(edited) == [("Fjord ERP", "Oslo", "a@fjord.no")] * 2
    assert "the ERP version was chosen" in edited.log(Side.ERP, "C1")[0].message


def test_tab_leaves_the_field_table_in_one_press(qtbot, window: MainWindow) -> None:
    dialog = open_dialog(qtbot, window)
    dialog.table.setFocus()
    qtbot.keyClick(dialog.table, Qt.Key.Key_Tab)
    focus = QApplication.focusWidget()
    assert focus is not dialog.table and not dialog.table.isAncestorOf(focus)
    assert "&" in dialog.apply_button.text() and "&" in dialog.use_crm.text()
    dialog.reject()


def test_escape_closes_and_says_nothing_was_written(
    qtbot, window: MainWindow, edited: World
) -> None:
    dialog = open_dialog(qtbot, window)
    qtbot.keyClick(dialog.table, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert window.statusBar().currentMessage() == "Synchronize cancelled: nothing was written."
    assert len(edited.open_errors()) == 1
    assert values(edited)[0] == ("Fjord ERP", "Oslo", "a@fjord.no")


def test_fields_show_their_labels_and_values_alike(qtbot, window: MainWindow, edited: World):
    comparison = edited.service.comparison(edited.open_errors()[0].id)
    fields = tuple(
        dataclasses.replace(d, label="Customer name") if d.name == "name" else d
        for d in comparison.fields
    )
    from decimal import Decimal

    fields = tuple(
        dataclasses.replace(d, erp=Decimal("25000.00"), crm=25000, base=25000)
        if d.name == "credit"
        else d
        for d in fields
    )
    dialog = SynchronizeDialog(dataclasses.replace(comparison, fields=fields), edited.service)
    qtbot.addWidget(dialog)
    names = [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())]
    assert names[row_of(dialog, "name")] == "Customer name"
    credit = row_of(dialog, "credit")
    assert dialog.table.item(credit, 2).text() == dialog.table.item(credit, 3).text() == "25000"
