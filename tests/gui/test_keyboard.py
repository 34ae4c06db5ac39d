"""The window from the keyboard alone: find the grid, pick a row, resolve it, answer the question.

Every key goes through Qt's event and shortcut handling (qtbot.keyClick); the store is checked
afterwards, not the model.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton, QWidget

from desktop_sync.gui.main_window import MainWindow
from tests.gui.windows import idle
from tests.helpers import World


@pytest.fixture
def deleted(world: World) -> World:
    """C1 changed in both apps, C2 deleted in the CRM while the ERP changed it: two errors wait."""
    world.erp_insert("C1", "Fjord AS", city="Bergen")
    world.erp_insert("C2", "Nord AS", city="Bodø")
    world.sync()
    world.erp_update("C1", name="Fjord ERP")
    world.crm_update(world.crm_key_of("C1"), name="Fjord CRM")
    world.crm_delete(world.crm_key_of("C2"))
    world.erp_update("C2", city="Tromsø")
    world.sync()
    assert sorted(e.kind for e in world.open_errors()) == ["changed_in_both", "deleted_in_crm"]
    return world


@pytest.fixture
def window_world(deleted: World) -> World:
    return deleted


@pytest.fixture
def window_ready() -> Callable[[MainWindow], bool]:
    return lambda w: (
        QApplication.activeWindow() is w and w.errors.model.rowCount() == 2 and not w.loader.busy
    )


def arrow_to(qtbot, window: MainWindow, erp_key: str) -> None:
    """Ctrl+Home to the first row, then Down until the row of `erp_key` is the one selected."""
    table = window.errors.table
    qtbot.keyClick(table, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    for _ in range(window.errors.model.rowCount()):
        if [e.erp_key for e in window.errors.selected_errors()] == [erp_key]:
            return
        qtbot.keyClick(table, Qt.Key.Key_Down)
    raise AssertionError(
        f"no row of {erp_key} selected: {[e.erp_key for e in window.errors.selected_errors()]}"
    )


def tab_to(qtbot, window: MainWindow, target: QWidget, limit: int = 12) -> list[QWidget]:
    """Press Tab until `target` has the focus; returns the widgets passed on the way."""
    passed = []
    for _ in range(limit):
        if QApplication.focusWidget() is target:
            return passed
        passed.append(QApplication.focusWidget())
        qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_Tab)
    raise AssertionError(
        f"Tab never reached {target.accessibleName()!r}; passed "
        f"{[w.accessibleName() for w in passed]}"
    )


def back_to(qtbot, window: MainWindow) -> None:
    """The window manager gives the activation back once a dialog closes; offscreen Qt has none."""
    qtbot.wait(20)
    if QApplication.activeWindow() is not window:
        window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def on_next_message_box(handle: Callable[[QMessageBox], None]) -> list[QMessageBox]:
    """Run `handle` on the next modal message box, from inside its own event loop."""
    seen: list[QMessageBox] = []

    def look() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox) and box.isVisible() and QApplication.activeWindow() is box:
            seen.append(box)
            handle(box)
        else:
            QTimer.singleShot(10, look)

    QTimer.singleShot(0, look)
    return seen


def answer_with_keys(qtbot, button: QMessageBox.StandardButton) -> Callable[[QMessageBox], None]:
    """Tab to `button` and press Enter on it, as a person at the keyboard does."""

    def handle(box: QMessageBox) -> None:
        wanted = box.button(button)
        assert QApplication.focusWidget() is box.defaultButton(), (
            "the question opens on its default button"
        )
        for _ in range(4):
            if QApplication.focusWidget() is wanted:
                break
            qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is wanted
        qtbot.keyClick(wanted, Qt.Key.Key_Return)

    return handle


def test_search_then_tab_reaches_the_grid(qtbot, window: MainWindow) -> None:
    qtbot.keyClick(
        window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier
    )  # Find, listed in the Errors menu
    assert QApplication.focusWidget() is window.errors.search
    passed = tab_to(qtbot, window, window.errors.table)
    assert passed == [
        window.errors.search,
        window.errors.mapping,
        window.errors.kind,
        window.errors.needs_person,
    ], "filters first, then the grid"
    qtbot.keyClick(window.errors.table, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is window.errors.details, (
        "then the details of the selected error"
    )


def test_delete_removes_the_coupling_after_a_question_answered_by_keyboard(
    qtbot, window: MainWindow, deleted: World
) -> None:
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    tab_to(qtbot, window, window.errors.table)
    table = window.errors.table
    arrow_to(qtbot, window, "C2")
    assert window.error_actions.remove_coupling.isEnabled()

    # Escape first: Cancel is the default, nothing happens.
    seen = on_next_message_box(lambda box: qtbot.keyClick(box, Qt.Key.Key_Escape))
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: bool(seen))
    text = seen[0].text()
    assert text.startswith("Remove the coupling of ERP customer C2 “Nord AS” and CRM account")
    assert "The ERP record stays; the CRM record was deleted already" in text, (
        "the question says the truth: not 'the records stay in both apps'"
    )
    assert "both apps" not in text
    assert any(c["erp_key"] == "C2" for c in deleted.couplings())
    back_to(qtbot, window)
    assert QApplication.focusWidget() is table, "the focus returns to the grid"

    # Then Tab to the Remove Coupling button and press Enter.
    seen = on_next_message_box(answer_with_keys(qtbot, QMessageBox.StandardButton.Ok))
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: bool(seen))
    qtbot.waitUntil(lambda: idle(window), timeout=10000)
    assert not any(c["erp_key"] == "C2" for c in deleted.couplings()), (
        "the coupling is gone from the store"
    )
    assert [e.erp_key for e in deleted.open_errors()] == ["C1"], "C1's error is untouched"
    assert "C2" in deleted.erp_rows(), "both records stay"
    qtbot.waitUntil(lambda: window.errors.model.rowCount() == 1)


def test_enter_opens_the_record(qtbot, window: MainWindow) -> None:
    opened = []
    window.open_record = lambda mapping, side, key, tab="record": opened.append(
        (mapping, side.value, key, tab)
    )  # type: ignore[method-assign]
    window.errors.table.setFocus()
    arrow_to(qtbot, window, "C2")
    qtbot.keyClick(window.errors.table, Qt.Key.Key_Return)
    assert opened == [("CUSTOMER", "erp", "C2", "record")]


def test_the_menus_list_every_shortcut(window: MainWindow) -> None:
    a = window.error_actions
    expected = {
        a.remove_coupling: "Del",
        a.retry: "Ctrl+R",
        a.retry_all: "Ctrl+Shift+R",
        a.restore: "Ctrl+Shift+T",
        a.delete: "Shift+Del",
        a.synchronize: "Ctrl+Shift+S",
        a.sync_log: "Ctrl+L",
        a.open_record: "Ctrl+O",
        a.refresh: "F5",
        window.sync_now: "F9",
        window.focus_search: "Ctrl+F",
    }
    in_menus = {action for menu in window.menus.own for action in menu.actions()}
    for action, keys in expected.items():
        assert action.shortcut().toString(QKeySequence.SequenceFormat.PortableText) == keys, (
            action.text()
        )
        assert action in in_menus, f"{action.text()} is in a menu, where its shortcut is shown"
    for action in a.on_selection + [a.retry_all, a.find_deleted, a.refresh]:
        native = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        assert f"({native})" in action.toolTip(), (
            f"the tooltip of {action.text()} names its shortcut, enabled or not"
        )


def test_every_menu_title_has_a_mnemonic(window: MainWindow) -> None:
    for menu in window.menus.own:
        assert "&" in menu.title(), f"{menu.title()} opens with Alt+letter"


def test_the_confirmation_defaults_to_cancel(qtbot, window: MainWindow, deleted: World) -> None:
    """Enter right away answers Cancel: a destructive action needs a deliberate choice."""
    window.errors.table.setFocus()
    arrow_to(qtbot, window, "C2")

    def press_enter(box: QMessageBox) -> None:
        assert isinstance(box.defaultButton(), QPushButton)
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)

    seen = on_next_message_box(press_enter)
    qtbot.keyClick(window.errors.table, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: bool(seen))
    assert any(c["erp_key"] == "C2" for c in deleted.couplings())


def test_delete_on_another_tab_leaves_the_hidden_selection_alone(
    qtbot, window: MainWindow, deleted: World, monkeypatch
) -> None:
    arrow_to(qtbot, window, "C2")
    window.tabs.setCurrentWidget(window.queue)
    window.queue.setFocus()
    boxes: list[str] = []
    monkeypatch.setattr(
        window, "confirm", lambda title, text, destructive=True: boxes.append(text) or False
    )
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_Delete)
    QApplication.processEvents()
    assert not window.error_actions.remove_coupling.isEnabled()
    assert "Open the errors list first" in window.error_actions.remove_coupling.toolTip()
    assert any(c["erp_key"] == "C2" for c in deleted.couplings())
    assert boxes == [], "no question about a coupling the person cannot see"
    window.tabs.setCurrentWidget(window.errors)
    assert window.error_actions.remove_coupling.isEnabled()
