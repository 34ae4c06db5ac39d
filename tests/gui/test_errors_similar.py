"""Apply to Similar Errors from the window: how many are alike, a preview of what both apps will
hold, the decision applied to exactly the errors alike in both apps' databases, Cancel half-way
keeping what was done, a rule saved on the way, and the offer right after a Synchronize."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop_sync.domain import Side
from desktop_sync.gui.common.tasks import Task
from desktop_sync.gui.main_window import MainWindow
from desktop_sync.gui.similar.dialog import COL_CRM_AFTER, COL_ERP_AFTER, SimilarDialog
from desktop_sync.services.journal import JournalFilter
from tests.gui.test_accessibility import unnamed_focusable
from tests.gui.test_main_window import select
from tests.gui.windows import idle
from tests.helpers import World


def conflicts(world: World, cities: int, names: int) -> dict[str, str]:
    """C0… changed in both: the first `cities` on the city alone, the rest on city and name."""
    keys = [f"C{i}" for i in range(cities + names)]
    for key in keys:
        world.erp_insert(key, f"Firm {key}", city="Bergen")
    world.sync()
    crm = {key: world.crm_key_of(key) for key in keys}
    for i, key in enumerate(keys):
        world.erp_update(key, city="Oslo", **({"name": f"ERP {key}"} if i >= cities else {}))
        world.crm_update(crm[key], city="Molde", **({"name": f"CRM {key}"} if i >= cities else {}))
    world.sync()
    return crm


@pytest.fixture
def scene(world: World) -> World:
    conflicts(world, cities=5, names=1)
    assert len(world.open_errors()) == 6
    return world


@pytest.fixture
def window_world(scene: World) -> World:
    return scene


@pytest.fixture
def window_ready() -> Callable[[MainWindow], bool]:
    return lambda w: w.errors.model.rowCount() == 6 and not w.loader.busy


def open_similar(qtbot, window: MainWindow, erp_key: str) -> SimilarDialog:
    select(qtbot, window, erp_key)
    action = window.error_actions.apply_similar
    assert action.isEnabled()
    assert action in window.menus.errors_menu.actions(), "in the Errors menu"
    action.trigger()
    dialog = window.error_actions.similar_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.similar is not None and dialog.isVisible())
    return dialog


def cities(scene: World) -> dict[str, tuple[str, str]]:
    erp, crm = scene.erp_rows(), scene.crm_rows()
    return {k: (erp[k]["city"], crm[scene.crm_key_of(k)]["city"]) for k in sorted(erp)}


def test_preview_then_apply_changes_exactly_the_similar_errors_and_saves_a_rule(
    qtbot, window: MainWindow, scene: World
) -> None:
    dialog = open_similar(qtbot, window, "C1")
    assert dialog.similar.count == 5, "C5 conflicts on the name too: not alike"
    assert "5 open error(s) of mapping CUSTOMER are alike" in dialog.intro.text()
    assert not dialog.apply_button.isEnabled(), "no version chosen yet"
    chooser = dialog.choosers["city"]
    chooser.setCurrentIndex(chooser.findData(Side.CRM.value))
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 5 and dialog.apply_button.isEnabled())
    keys = {dialog.table.item(r, 0).text() for r in range(5)}
    assert keys == {f"C{i}" for i in range(5)}
    for r in range(5):
        assert dialog.table.item(r, COL_ERP_AFTER).text() == "city: Molde"
        assert dialog.table.item(r, COL_CRM_AFTER).text() == "unchanged"
    assert dialog.page_label.text() == "Records 1–5 of 5"
    assert unnamed_focusable(dialog) == []
    assert cities(scene)["C0"] == ("Oslo", "Molde"), "a preview writes nothing"

    qtbot.keyClicks(dialog.comment, "Molde is right")
    dialog.save_rule.setChecked(True)
    qtbot.keyClicks(dialog.rule_name, "CRM cities")
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=10000)
    assert (dialog.result.done, dialog.result.total, dialog.result.cancelled) == (5, 5, False)
    assert "5 of 5 error(s) resolved." in dialog.status.text()
    assert "Saved as rule “CRM cities”." in dialog.status.text()
    assert dialog.progress.value() == 5
    after = cities(scene)
    assert all(after[f"C{i}"] == ("Molde", "Molde") for i in range(5))
    assert after["C5"] == ("Oslo", "Molde"), "not alike: untouched"
    assert [e.erp_key for e in scene.open_errors()] == ["C5"]
    journal = scene.service.journal(JournalFilter(action="synchronize")).rows
    assert len(journal) == 5 and {j.comment for j in journal} == {"Molde is right"}
    (rule,) = scene.service.rules("CUSTOMER")
    assert (rule.name, rule.fields, rule.winners) == ("CRM cities", ("city",), {"city": Side.CRM})
    qtbot.waitUntil(lambda: window.errors.model.rowCount() == 1 and idle(window))
    assert dialog.close_button.text() == "Close"
    dialog.close_button.click()
    qtbot.waitUntil(lambda: window.error_actions.similar_dialog is None)


def test_cancel_half_way_keeps_what_was_done(
    qtbot, window: MainWindow, scene: World, monkeypatch
) -> None:
    dialog = open_similar(qtbot, window, "C0")
    dialog.batch = 2
    chooser = dialog.choosers["city"]
    chooser.setCurrentIndex(chooser.findData(Side.ERP.value))
    qtbot.waitUntil(lambda: dialog.apply_button.isEnabled())
    actions = scene.service.actions
    synchronize = actions.synchronize
    batches: list[int] = []

    def then_cancel(ids, *args, **kwargs):  # type: ignore[no-untyped-def]
        """The first batch is written, then the person presses Cancel."""
        result = synchronize(ids, *args, **kwargs)
        batches.append(len(ids))
        if len(batches) == 1:
            assert dialog.task is not None and dialog.close_button.text() == "Cancel"
            dialog.task.cancel.cancel()
        return result

    monkeypatch.setattr(actions, "synchronize", then_cancel)
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=10000)
    assert batches == [2]
    assert dialog.result.cancelled and (dialog.result.done, dialog.result.total) == (2, 5)
    assert "2 of 5 error(s) resolved." in dialog.status.text()
    assert "Cancelled" in dialog.status.text()
    done = [k for k, (erp, crm) in cities(scene).items() if erp == crm]
    assert len(done) == 2, "the first batch stays done"
    assert all(cities(scene)[k] == ("Oslo", "Oslo") for k in done)
    assert len(scene.open_errors()) == 4
    qtbot.waitUntil(lambda: window.errors.model.rowCount() == 4 and idle(window))
    dialog.close_button.click()


def test_cancel_button_while_applying_asks_to_stop(qtbot, window: MainWindow) -> None:
    dialog = open_similar(qtbot, window, "C0")
    chooser = dialog.choosers["city"]
    chooser.setCurrentIndex(chooser.findData(Side.ERP.value))
    qtbot.waitUntil(lambda: dialog.apply_button.isEnabled())
    go_on = threading.Event()
    # Another action keeps the actions thread busy, so the apply waits its turn.
    window.actions_runner.submit(Task(lambda: go_on.wait(10), label="busy"))
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    task = dialog.task
    assert task is not None and not dialog.apply_button.isEnabled()
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    assert task.cancel.cancelled and dialog.isVisible(), "Cancel stops the work, not the dialog"
    assert "Cancelling" in dialog.status.text()
    go_on.set()
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=10000)
    assert dialog.result.cancelled and dialog.result.done == 0
    assert "0 of 5 error(s) resolved." in dialog.status.text()


def test_after_a_synchronize_the_same_choice_is_offered_for_similar_errors(
    qtbot, window: MainWindow, scene: World
) -> None:
    select(qtbot, window, "C2")
    window.error_actions.synchronize.trigger()
    flow = window.error_actions.synchronizer
    qtbot.waitUntil(lambda: flow.dialog is not None and flow.dialog.isVisible())
    sync = flow.dialog
    held = scene.service.error(scene.error_of("C2").id)
    assert held.claimed_by == "tester", "the open dialog holds its error"
    sync.use_crm.setChecked(True)
    qtbot.keyClicks(sync.comment, "as the CRM says")
    sync.apply()
    offer = window.error_actions.similar_offer
    qtbot.waitUntil(lambda: offer.button.isVisible(), timeout=10000)
    assert offer.count == 4 and "Similar" in offer.button.text()
    assert cities(scene)["C2"] == ("Molde", "Molde")
    (entry,) = scene.service.journal(JournalFilter(action="synchronize")).rows
    assert entry.comment == "as the CRM says"

    qtbot.mouseClick(offer.button, Qt.MouseButton.LeftButton)
    dialog = window.error_actions.similar_dialog
    assert dialog is not None and not offer.button.isVisible()
    qtbot.waitUntil(lambda: dialog.similar is not None and dialog.table.rowCount() == 4)
    assert dialog.choosers["city"].currentData() == Side.CRM.value, "the choice just made"
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=10000)
    assert dialog.result.done == 4
    assert all(cities(scene)[f"C{i}"] == ("Molde", "Molde") for i in range(5))
    assert [e.erp_key for e in scene.open_errors()] == ["C5"]
    dialog.close_button.click()


def test_the_synchronize_dialog_gives_its_claim_back_when_closed(
    qtbot, window: MainWindow, scene: World
) -> None:
    select(qtbot, window, "C5")
    window.error_actions.synchronize.trigger()
    flow = window.error_actions.synchronizer
    qtbot.waitUntil(lambda: flow.dialog is not None and flow.dialog.isVisible())
    error_id = flow.dialog.comparison.error.id
    assert scene.service.error(error_id).claimed_by == "tester"
    flow.dialog.reject()
    qtbot.waitUntil(lambda: idle(window))
    assert scene.service.error(error_id).claimed_by is None
    assert window.statusBar().currentMessage() == "Synchronize cancelled: nothing was written."
    assert not QApplication.activeModalWidget()


def test_without_known_conflicting_fields_one_whole_version_is_chosen(
    qtbot, window: MainWindow, scene: World
) -> None:
    """Errors filed before the conflicting fields were kept: alike by having none known."""
    from sqlalchemy import update

    from desktop_sync.store.models import SyncError

    with scene.service.store.session() as session:
        session.execute(
            update(SyncError)
            .where(SyncError.erp_key.in_(["C0", "C5"]))
            .values(conflict_fields=None)
        )
    dialog = open_similar(qtbot, window, "C5")
    assert dialog.similar.count == 2 and list(dialog.choosers) == [""]
    assert not dialog.rule_row.isVisible()
    chooser = dialog.choosers[""]
    chooser.setCurrentIndex(chooser.findData(Side.ERP.value))
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 2 and dialog.apply_button.isEnabled())
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=10000)
    assert dialog.result.done == 2
    erp, crm = scene.erp_rows(), scene.crm_rows()
    assert crm[scene.crm_key_of("C5")]["name"] == erp["C5"]["name"] == "ERP C5"
    assert cities(scene)["C0"] == ("Oslo", "Oslo") and cities(scene)["C1"] == ("Oslo", "Molde")
    dialog.close_button.click()
