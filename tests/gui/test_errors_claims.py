"""The errors grid says who else is resolving an error and how its retries stand, its actions
on an error somebody else holds say so before trying anything, the confirmations take a comment
for the journal, and the Rules dialog switches rules on and off. The store and the apps are read
afterwards."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox
from sqlalchemy import update

from desktop_sync.domain import Side
from desktop_sync.gui.errors.model import COL_CLAIMED, COL_RETRIES
from desktop_sync.gui.main_window import MainWindow
from desktop_sync.services import ErrorFilter, Service
from desktop_sync.services.journal import JournalFilter
from desktop_sync.store.models import SyncError
from tests.gui.test_accessibility import unnamed_focusable
from tests.gui.test_main_window import answer_next_message_box, select
from tests.gui.windows import idle
from tests.helpers import World


@pytest.fixture
def scene(world: World) -> World:
    """C1 and C2 deleted in the CRM; F1 failed twice in a row (too long a city), F2 failed once
    and is marked a passing fault (retried by itself)."""
    world.erp_insert("C1", "Fjord AS", city="Bergen")
    world.erp_insert("C2", "Nord AS", city="Bodø")
    world.sync()
    world.crm_delete(world.crm_key_of("C1"))
    world.crm_delete(world.crm_key_of("C2"))
    world.erp_update("C1", city="Oslo")
    world.erp_update("C2", city="Tromsø")
    world.erp_insert("F1", "Lang AS", city="x" * 31)
    world.sync()
    world.service.retry([world.error_of("F1").id])
    world.sync()
    world.erp_insert("F2", "Kort AS", city="y" * 32)
    world.sync()
    with world.service.store.session() as session:
        session.execute(update(SyncError).where(SyncError.erp_key == "F2").values(transient=True))
    assert world.error_of("F1").fail_count == 2
    return world


@pytest.fixture
def window_world(scene: World) -> World:
    return scene


@pytest.fixture
def window_ready() -> Callable[[MainWindow], bool]:
    return lambda w: w.errors.model.rowCount() == 4 and not w.loader.busy


@pytest.fixture
def alice(scene: World) -> Iterator[Service]:
    """Another person on the same store."""
    other = Service.open(scene.config_path, user="alice")
    yield other
    other.close()


def row_of(window: MainWindow, erp_key: str) -> int:
    model = window.errors.model
    (row,) = [r for r in range(model.rowCount()) if model.error_at(r).erp_key == erp_key]
    return row


def cell(window: MainWindow, erp_key: str, column: int, role: int = 0) -> object:
    model = window.errors.model
    return model.index(row_of(window, erp_key), column).data(role)


def test_another_persons_claim_shows_and_the_actions_refuse_before_trying(
    qtbot, window: MainWindow, scene: World, alice: Service
) -> None:
    c1 = scene.error_of("C1")
    assert cell(window, "C1", COL_CLAIMED) == "", "nobody is on it yet"
    assert alice.claim([c1.id]).done == 1
    window.refresh()
    qtbot.waitUntil(lambda: str(cell(window, "C1", COL_CLAIMED)).startswith("alice since "))
    held = scene.service.error(c1.id)
    assert held.claimed_by == "alice"
    assert cell(window, "C1", COL_CLAIMED, 3).startswith("Being resolved by alice since ")
    assert cell(window, "C2", COL_CLAIMED) == ""

    select(qtbot, window, "C1")
    seen = answer_next_message_box(qtbot, QMessageBox.StandardButton.Ok)
    window.error_actions.delete.trigger()
    qtbot.waitUntil(lambda: bool(seen))
    qtbot.waitUntil(lambda: idle(window))
    assert "is being resolved by alice since" in seen[0] and "nothing was tried" in seen[0]
    assert "Delete customer" not in seen[0], "no question was asked first"
    assert "C1" in scene.erp_rows(), "the ERP record is still there"
    assert any(c["erp_key"] == "C1" and c["skipped"] for c in scene.couplings())
    assert scene.service.error(c1.id).resolved_at is None

    seen = answer_next_message_box(qtbot, QMessageBox.StandardButton.Ok)
    window.error_actions.restore.trigger()
    qtbot.waitUntil(lambda: bool(seen))
    qtbot.waitUntil(lambda: idle(window))
    assert "is being resolved by alice" in seen[0]
    assert all(r["name"] != "Fjord AS" for r in scene.crm_rows().values()), "not restored"

    alice.release([c1.id])
    window.refresh()
    qtbot.waitUntil(lambda: cell(window, "C1", COL_CLAIMED) == "")


def test_a_claim_made_while_the_window_asks_is_seen_before_the_question(
    qtbot, window: MainWindow, scene: World, alice: Service
) -> None:
    """The grid had not read the claim yet: the fresh look before the question finds it."""
    c2 = scene.error_of("C2")
    select(qtbot, window, "C2")
    alice.claim([c2.id])
    seen = answer_next_message_box(qtbot, QMessageBox.StandardButton.Ok)
    window.error_actions.delete.trigger()
    qtbot.waitUntil(lambda: bool(seen))
    assert "being resolved by alice" in seen[0]
    qtbot.waitUntil(lambda: idle(window))
    assert "C2" in scene.erp_rows()


def test_the_retry_column_and_the_needs_a_person_filter_match_the_store(
    qtbot, window: MainWindow, scene: World
) -> None:
    service = scene.service
    f1, f2 = scene.error_of("F1"), scene.error_of("F2")
    states = service.retry_states([f1.id, f2.id])
    assert states[f1.id].fail_count == 2 and states[f1.id].needs_person
    assert states[f2.id].transient
    assert cell(window, "F1", COL_RETRIES) == "2× · needs a person"
    f2_text = cell(window, "F2", COL_RETRIES)
    if states[f2.id].next_try is None:
        assert f2_text == "1× · at the next synchronization"
    else:
        assert str(f2_text).startswith("1× · next try at ")
    assert "retried by itself" in cell(window, "F2", COL_RETRIES, 3)
    assert cell(window, "C1", COL_RETRIES) == "", "only failures have a retry state"

    window.errors.needs_person.setChecked(True)
    wanted = service.count_errors(ErrorFilter(needs_person=True))
    assert wanted == 3
    qtbot.waitUntil(lambda: window.errors.model.rowCount() == wanted and idle(window))
    model = window.errors.model
    assert {model.error_at(r).erp_key for r in range(model.rowCount())} == {"C1", "C2", "F1"}
    assert window.errors.count.text() == "3 error(s)"
    window.errors.needs_person.setChecked(False)
    qtbot.waitUntil(lambda: window.errors.model.rowCount() == 4 and idle(window))


def answer_with_comment(qtbot, comment: str) -> list[str]:
    """Type `comment` in the next confirmation's comment line, then say yes."""
    seen: list[str] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, answer)
            return
        seen.append(box.text())
        line = box.findChild(QLineEdit, "confirmComment")
        assert line is not None and line.isVisible()
        qtbot.keyClicks(line, comment)
        box.button(QMessageBox.StandardButton.Ok).click()

    QTimer.singleShot(0, answer)
    return seen


def test_a_comment_typed_in_the_confirmation_lands_in_the_journal(
    qtbot, window: MainWindow, scene: World
) -> None:
    select(qtbot, window, "C1")
    seen = answer_with_comment(qtbot, "the customer phoned")
    window.error_actions.restore.trigger()
    qtbot.waitUntil(lambda: bool(seen))
    qtbot.waitUntil(lambda: idle(window), timeout=10000)
    restored = scene.crm_rows()[scene.crm_key_of("C1")]
    assert (restored["name"], restored["city"]) == ("Fjord AS", "Oslo")
    (entry,) = scene.service.journal(JournalFilter(action="restore")).rows
    assert (entry.erp_key, entry.comment, entry.user) == ("C1", "the customer phoned", "tester")

    qtbot.waitUntil(lambda: window.errors.model.rowCount() == 3 and idle(window))
    select(qtbot, window, "C2")
    seen = answer_with_comment(qtbot, "closed down")
    window.error_actions.delete.trigger()
    qtbot.waitUntil(lambda: bool(seen))
    qtbot.waitUntil(lambda: idle(window), timeout=10000)
    assert "C2" not in scene.erp_rows()
    (entry,) = scene.service.journal(JournalFilter(action="delete")).rows
    assert (entry.erp_key, entry.comment) == ("C2", "closed down")


def test_the_rules_dialog_switches_a_rule_off_and_deletes_a_saved_one(
    qtbot, window: MainWindow, scene: World
) -> None:
    service = scene.service
    service.save_rule("CUSTOMER", "ERP cities", {"city": Side.ERP}, comment="the ERP knows")
    window.error_actions.rules.trigger()
    dialog = window.error_actions.rules_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1 and dialog.switch.isEnabled())
    texts = [dialog.table.item(0, c).text() for c in range(6)]
    assert texts[:3] == ["ERP cities", "CUSTOMER", "city"]
    assert texts[3] == "city from ERP" and texts[5] == "on"
    assert texts[4].startswith("saved by tester")
    assert unnamed_focusable(dialog) == []
    qtbot.mouseClick(dialog.switch, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.table.item(0, 5).text() == "off")
    (rule,) = service.rules("CUSTOMER")
    assert not rule.enabled, "switched off in the store"
    assert "O&n" in dialog.switch.text()
    qtbot.mouseClick(dialog.switch, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.table.item(0, 5).text() == "on")
    assert service.rules("CUSTOMER")[0].enabled

    answer_next_message_box(qtbot, QMessageBox.StandardButton.Ok)
    qtbot.mouseClick(dialog.delete, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 0)
    assert service.rules() == []
    dialog.close()
