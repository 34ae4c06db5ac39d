"""The record window's Changes tab: the journal of the record as the store keeps it, and Undo of
a person's resolution from it — checked in the apps' databases and the store afterwards."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtWidgets import QDialog

from desktop_sync.domain import Side
from desktop_sync.gui.main_window import MainWindow
from desktop_sync.gui.record.changes import UndoDialog
from desktop_sync.gui.record.changes_model import ChangesModel
from desktop_sync.gui.record.window import RecordWindow
from desktop_sync.services.journal import JournalFilter
from tests.helpers import World


@pytest.fixture
def conflict(world: World) -> World:
    """C1 changed in both apps: the city is Oslo in the ERP, Molde in the CRM (skipped)."""
    world.erp_insert("C1", "Fjord AS", city="Bergen", email="a@fjord.no")
    world.sync()
    world.erp_update("C1", city="Oslo")
    world.crm_update(world.crm_key_of("C1"), city="Molde")
    world.sync()
    return world


@pytest.fixture
def window_world(conflict: World) -> World:
    return conflict


@pytest.fixture
def window_ready() -> Callable[[MainWindow], bool]:
    return lambda w: w.errors.model.rowCount() == 1 and not w.loader.busy


def idle(main: MainWindow) -> bool:
    return not (main.actions_runner.busy or main.jobs_runner.busy or main.loader.busy)


def settle(qtbot, main: MainWindow, record: RecordWindow) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: idle(main), timeout=10000)
    qtbot.waitUntil(
        lambda: not record.loading and not record.changes.model.loading and idle(main),
        timeout=10000,
    )


def open_changes(qtbot, main: MainWindow) -> RecordWindow:  # type: ignore[no-untyped-def]
    record = main.open_record("CUSTOMER", Side.ERP, "C1", "changes")
    qtbot.waitUntil(lambda: record.view is not None)
    settle(qtbot, main, record)
    assert record.tabs.currentWidget() is record.changes
    return record


def synchronize_with_the_erp(qtbot, main: MainWindow, record: RecordWindow, world: World) -> None:  # type: ignore[no-untyped-def]
    """The person's resolution: the ERP's version in both apps, through the window's host."""
    error = world.error_of("C1")
    record.run_action(
        "Synchronize",
        lambda: world.service.synchronize_errors([error.id], Side.ERP, comment="ERP is right"),
    )
    settle(qtbot, main, record)


def shown_rows(model: ChangesModel) -> list[tuple[str, ...]]:
    columns = range(model.columnCount())
    return [
        tuple(model.index(r, c).data() for c in columns)  # type: ignore[misc]
        for r in range(model.rowCount())
    ]


def accept_with(comment: str) -> Callable[[UndoDialog], int]:
    asked: list[str] = []

    def drive(dialog: UndoDialog) -> int:
        asked.append(dialog.text.text())
        dialog.comment_edit.setText(comment)
        return QDialog.DialogCode.Accepted

    drive.asked = asked  # type: ignore[attr-defined]
    return drive


def test_changes_tab_lists_the_store_journal_with_before_and_after(
    qtbot, window: MainWindow, conflict: World
) -> None:
    record = open_changes(qtbot, window)
    crm_key = conflict.crm_key_of("C1")
    before = record.changes.model.rowCount()
    assert before == 1  # the job's insert into the CRM (the conflict wrote nothing)
    synchronize_with_the_erp(qtbot, window, record, conflict)

    journal = conflict.service.journal(
        JournalFilter(mapping="CUSTOMER", side=Side.ERP, key="C1")
    ).rows
    model = record.changes.model
    assert model.rowCount() == len(journal) == before + 1
    assert [e.id for e in model.rows] == [e.id for e in journal], "newest first, as the store"
    for row, entry in zip(shown_rows(model), journal, strict=True):
        when, who, app, _kind, changes, comment = row
        assert who == (f"job {entry.job_id}" if entry.action == "sync" else entry.user)
        assert app == conflict.service.side_name(Side(entry.side))
        expected = "; ".join(
            f"{c}: {'—' if b is None else b} → {'—' if a is None else a}"
            for c, b, a in entry.changes()
        )
        assert changes == expected
        assert comment == (entry.comment or "")
    newest = shown_rows(model)[0]
    assert newest[1:] == (
        "tester",
        "CRM",
        "Updated (Synchronize)",
        "city: Molde → Oslo",
        "ERP is right",
    )
    assert conflict.crm_rows()[crm_key]["city"] == "Oslo"


def test_undo_from_the_tab_writes_the_values_back_and_is_journaled(
    qtbot, window: MainWindow, conflict: World, monkeypatch
) -> None:
    record = open_changes(qtbot, window)
    crm_key = conflict.crm_key_of("C1")
    synchronize_with_the_erp(qtbot, window, record, conflict)
    qtbot.waitUntil(lambda: window.errors.model.rowCount() == 0)
    tab = record.changes
    resolution = tab.model.rows[0]
    tab.table.setCurrentIndex(tab.model.index(0, 0))
    assert tab.undo.isEnabled()

    drive = accept_with("wrong choice")
    monkeypatch.setattr(UndoDialog, "exec", drive)
    with qtbot.waitSignal(tab.undone, timeout=10000):
        tab.undo.trigger()
    settle(qtbot, window, record)

    assert "city back to Molde (now Oslo)" in drive.asked[0]  # type: ignore[attr-defined]
    assert conflict.crm_rows()[crm_key]["city"] == "Molde", "the before-value is back in the CRM"
    assert conflict.erp_rows()["C1"]["city"] == "Oslo"
    undo = conflict.service.journal(JournalFilter(mapping="CUSTOMER")).rows[0]
    assert (undo.action, undo.undo_of, undo.comment) == ("undo", resolution.id, "wrong choice")
    assert (undo.before, undo.after) == ({"city": "Oslo"}, {"city": "Molde"})
    assert tab.model.rows[0].id == undo.id, "the tab read itself again"
    assert tab.result.isVisible() and tab.result.text().startswith("Undone:")
    (reopened,) = conflict.open_errors()
    assert reopened.kind == "changed_in_both"
    qtbot.waitUntil(lambda: window.errors.model.rowCount() == 1)  # the grid read itself again


def test_an_undo_of_a_record_changed_since_becomes_a_changed_in_both_error(
    qtbot, window: MainWindow, conflict: World, monkeypatch
) -> None:
    record = open_changes(qtbot, window)
    crm_key = conflict.crm_key_of("C1")
    synchronize_with_the_erp(qtbot, window, record, conflict)
    resolved = conflict.all_errors()[0]["id"]
    conflict.crm_update(crm_key, city="Ålesund")  # somebody's edit after the resolution
    tab = record.changes
    tab.table.setCurrentIndex(tab.model.index(0, 0))
    monkeypatch.setattr(UndoDialog, "exec", accept_with(""))
    with qtbot.waitSignal(tab.undone, timeout=10000):
        tab.undo.trigger()
    settle(qtbot, window, record)

    assert conflict.crm_rows()[crm_key]["city"] == "Ålesund", "a later edit is never overwritten"
    (error,) = conflict.open_errors()
    assert error.kind == "changed_in_both" and error.id != resolved
    text = tab.result.text()
    assert text.startswith("Not undone: the record was changed since the resolution")
    assert "“Changed in both” error" in text and "city" in text
    assert "Traceback" not in text
    qtbot.waitUntil(lambda: window.errors.model.rowCount() == 1)
    assert record.view is not None and record.view.skipped


def test_undo_is_refused_in_words_for_a_jobs_write_and_an_entry_undone_already(
    qtbot, window: MainWindow, conflict: World, monkeypatch
) -> None:
    record = open_changes(qtbot, window)
    tab = record.changes
    jobs = [r for r, e in enumerate(tab.model.rows) if e.action == "sync"]
    tab.table.setCurrentIndex(tab.model.index(jobs[0], 0))
    assert not tab.undo.isEnabled()
    assert "job's own write is not undone by hand" in tab.undo.toolTip()

    synchronize_with_the_erp(qtbot, window, record, conflict)
    entry = tab.model.rows[0]
    conflict.service.undo(entry.id)  # somebody undid it already
    before = len(conflict.service.journal().rows)
    monkeypatch.setattr(UndoDialog, "exec", accept_with(""))
    tab.select_entry(entry.id)
    with qtbot.waitSignal(tab.undone, timeout=10000):
        tab.undo.trigger()
    settle(qtbot, window, record)
    assert tab.result.text().startswith("Not undone: Journal entry")
    assert "already undone by tester" in tab.result.text()
    assert len(conflict.service.journal().rows) == before, "nothing was written"


def test_undo_asks_first_and_cancel_writes_nothing(
    qtbot, window: MainWindow, conflict: World, monkeypatch
) -> None:
    record = open_changes(qtbot, window)
    crm_key = conflict.crm_key_of("C1")
    synchronize_with_the_erp(qtbot, window, record, conflict)
    tab = record.changes
    tab.table.setCurrentIndex(tab.model.index(0, 0))
    monkeypatch.setattr(UndoDialog, "exec", lambda d: QDialog.DialogCode.Rejected)
    tab.undo.trigger()
    settle(qtbot, window, record)
    assert conflict.crm_rows()[crm_key]["city"] == "Oslo"
    assert [e.action for e in conflict.service.journal().rows][0] == "synchronize"
    dialog = UndoDialog("Undo", "text", tab)
    qtbot.addWidget(dialog)
    cancel = dialog.buttons.button(dialog.buttons.StandardButton.Cancel)
    assert cancel.isDefault() and not dialog.ok.isDefault()
    assert tab.undo in tab.context_menu().actions()
    assert tab.undo.shortcut().toString() == "Ctrl+Z"
    assert tab.undo_button.defaultAction() is tab.undo


def test_the_changes_are_read_a_page_at_a_time(
    qtbot, window: MainWindow, conflict: World, monkeypatch
) -> None:
    record = open_changes(qtbot, window)
    synchronize_with_the_erp(qtbot, window, record, conflict)
    monkeypatch.setattr("desktop_sync.gui.record.changes_model.CHANGES_PAGE", 1)
    asked: list[object] = []
    real = conflict.service.journal

    def journal(where=None, page=None):  # type: ignore[no-untyped-def]
        asked.append(page)
        return real(where, page)

    monkeypatch.setattr(conflict.service, "journal", journal)
    model = record.changes.model
    model.reload()
    qtbot.waitUntil(lambda: not model.loading and model.rowCount() == 2, timeout=5000)
    qtbot.waitUntil(lambda: not model.canFetchMore() and not window.loader.busy)
    assert {p.limit for p in asked} == {1}  # type: ignore[attr-defined]
    assert model.rows[0].id in [p.before_id for p in asked]  # type: ignore[attr-defined]
    expected = real(JournalFilter(mapping="CUSTOMER", side=Side.ERP, key="C1")).rows
    assert [e.id for e in model.rows] == [e.id for e in expected]
