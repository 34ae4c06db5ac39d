"""The main window driven through its widgets and QActions; the databases are checked after."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

from desktop_sync.gui.errors.couple_dialog import CoupleDialog
from desktop_sync.gui.errors.details_dialog import DetailsDialog
from desktop_sync.gui.errors.model import COL_KIND, ErrorIdRole
from desktop_sync.gui.main_window import MainWindow
from tests.gui.windows import idle
from tests.helpers import World


@pytest.fixture
def troubled(world: World) -> World:
    """Four coupled customers: C1 changed in both, C2 deleted in the CRM, C3 failed, C4 fine."""
    world.erp_insert("C1", "Fjord AS", city="Bergen", email="a@fjord.no")
    world.erp_insert("C2", "Nord AS", city="Bodø")
    world.erp_insert("C4", "Vest AS", city="Molde")
    world.sync()
    world.erp_update("C1", name="Fjord ERP", city="Oslo")
    world.crm_update(world.crm_key_of("C1"), name="Fjord CRM", email="b@fjord.no")
    world.crm_delete(world.crm_key_of("C2"))
    world.erp_update("C2", city="Tromsø")
    world.erp_insert("C3", "Lang AS", city="x" * 31)
    world.sync()
    return world


@pytest.fixture
def window_world(troubled: World) -> World:
    return troubled


@pytest.fixture
def window_ready() -> Callable[[MainWindow], bool]:
    return lambda w: w.errors.model.rowCount() == 3


def select(qtbot, window: MainWindow, *erp_keys: str) -> None:
    """Select the grid rows of these ERP records, as a person would (click, ctrl-click)."""
    model = window.errors.model
    ids = {e.id for e in window.service.errors() if e.erp_key in erp_keys}
    rows = model.rows_of(ids)
    assert len(rows) == len(erp_keys)
    window.errors.table.clearSelection()
    for row in rows:
        rect = window.errors.table.visualRect(model.index(row, 1))
        qtbot.mouseClick(
            window.errors.table.viewport(),
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.ControlModifier,
            rect.center(),
        )
    assert sorted(e.erp_key for e in window.errors.selected_errors()) == sorted(erp_keys)


def answer_next_message_box(qtbot, button: QMessageBox.StandardButton) -> list[str]:
    """Press `button` on the next message box that opens, and remember its text."""
    seen: list[str] = []

    def press() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append(box.text())
            box.button(button).click()
        else:
            QTimer.singleShot(20, press)

    QTimer.singleShot(0, press)
    return seen


def finish(qtbot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: idle(window), timeout=10000)


def test_the_grid_shows_every_column_of_the_errors(window: MainWindow) -> None:
    model = window.errors.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == [
        "Mapping",
        "ERP",
        "Exists",
        "CRM",
        "Exists",
        "Error",
        "Message",
        "Failed on",
        "Job",
        "Resolving",
        "Retries",
    ]
    kinds = sorted(model.index(r, COL_KIND).data() for r in range(3))
    assert kinds == ["Changed in both", "Deleted in CRM", "Failed"]
    assert window.errors.count.text() == "3 error(s)"


def test_sort_and_filter_run_in_the_store(qtbot, window: MainWindow) -> None:
    model = window.errors.model
    window.errors.table.sortByColumn(COL_KIND, Qt.SortOrder.AscendingOrder)
    qtbot.waitUntil(lambda: model.sort_key == "kind" and idle(window))
    assert [model.index(r, 1).data() for r in range(3)] == ["C1", "C2", "C3"]
    window.errors.kind.setCurrentIndex(window.errors.kind.findData("failed"))
    qtbot.waitUntil(lambda: model.rowCount() == 1)
    assert model.index(0, 1).data() == "C3"
    window.errors.kind.setCurrentIndex(0)
    qtbot.waitUntil(lambda: model.rowCount() == 3)
    qtbot.keyClicks(window.errors.search, "deleted")
    qtbot.waitUntil(lambda: model.rowCount() == 1, timeout=3000)
    assert model.index(0, 1).data() == "C2"


def test_actions_apply_only_to_what_is_selected(qtbot, window: MainWindow) -> None:
    a = window.error_actions
    select(qtbot, window, "C1")
    assert a.synchronize.isEnabled() and a.retry.isEnabled() and not a.restore.isEnabled()
    assert "only to records deleted" in a.restore.toolTip()
    select(qtbot, window, "C2")
    assert a.restore.isEnabled() and a.delete.isEnabled() and not a.synchronize.isEnabled()
    select(qtbot, window, "C1", "C2")
    assert (
        a.remove_coupling.isEnabled()
        and not a.synchronize.isEnabled()
        and not a.restore.isEnabled()
    )
    assert "exactly one" in a.synchronize.toolTip()


def test_remove_coupling_confirms_then_uncouples(
    qtbot, window: MainWindow, troubled: World
) -> None:
    select(qtbot, window, "C1")
    texts = answer_next_message_box(qtbot, QMessageBox.StandardButton.Cancel)
    window.error_actions.remove_coupling.trigger()
    qtbot.waitUntil(lambda: bool(texts))
    assert "Remove the coupling of ERP customer C1 “Fjord ERP” and CRM account" in texts[0]
    assert "Both records stay" in texts[0]
    assert any(c["erp_key"] == "C1" for c in troubled.couplings()), "Cancel changes nothing"
    texts = answer_next_message_box(qtbot, QMessageBox.StandardButton.Ok)
    window.error_actions.remove_coupling.trigger()
    qtbot.waitUntil(lambda: bool(texts))
    finish(qtbot, window)
    assert not any(c["erp_key"] == "C1" for c in troubled.couplings())
    assert window.statusBar().currentMessage() == "1 coupling(s) removed"
    qtbot.waitUntil(lambda: window.errors.model.rowCount() == 2)
    assert len(window.errors.selected_ids()) == 1, "the selection stays where it was"


def test_retry_clears_skipped(qtbot, window: MainWindow, troubled: World) -> None:
    select(qtbot, window, "C3")
    window.error_actions.retry.trigger()
    finish(qtbot, window)
    coupling = next(c for c in troubled.couplings() if c["erp_key"] == "C3")
    assert coupling["retry"] and not coupling["skipped"]
    qtbot.waitUntil(lambda: window.errors.model.rowCount() == 2)


def test_retry_all_retries_the_filtered_list(qtbot, window: MainWindow, troubled: World) -> None:
    window.errors.kind.setCurrentIndex(window.errors.kind.findData("changed_in_both"))
    qtbot.waitUntil(lambda: window.errors.model.rowCount() == 1)
    answer_next_message_box(qtbot, QMessageBox.StandardButton.Ok)
    window.error_actions.retry_all.trigger()
    finish(qtbot, window)
    assert {e.erp_key for e in troubled.open_errors()} == {"C2", "C3"}


def test_restore_and_delete_records(qtbot, window: MainWindow, troubled: World) -> None:
    select(qtbot, window, "C2")
    texts = answer_next_message_box(qtbot, QMessageBox.StandardButton.Ok)
    window.error_actions.restore.trigger()
    qtbot.waitUntil(lambda: bool(texts))
    finish(qtbot, window)
    assert texts[0] == "Recreate customer C2 “Nord AS” in CRM, from its values in ERP?"
    restored = troubled.crm_rows()[troubled.crm_key_of("C2")]
    assert (restored["name"], restored["city"]) == ("Nord AS", "Tromsø")
    troubled.crm_delete(troubled.crm_key_of("C2"))
    troubled.service.find_deleted()
    window.refresh()
    qtbot.waitUntil(lambda: window.errors.model.rowCount() == 3)
    select(qtbot, window, "C2")
    texts = answer_next_message_box(qtbot, QMessageBox.StandardButton.Ok)
    window.error_actions.delete.trigger()
    qtbot.waitUntil(lambda: bool(texts))
    finish(qtbot, window)
    assert texts[0].startswith("Delete customer C2 “Nord AS” in ERP?")
    assert "cannot be undone" in texts[0]
    assert "C2" not in troubled.erp_rows()


def test_set_up_coupling_picks_another_record(
    qtbot, window: MainWindow, troubled: World, monkeypatch
) -> None:
    troubled.crm_insert("Nord AS (ny)", accountid="other-1", city="Bodø")

    def drive(dialog: CoupleDialog) -> int:
        qtbot.keyClicks(dialog.search, "ny")
        dialog.run_search()
        assert dialog.results.rowCount() == 1
        dialog.results.selectRow(0)
        dialog.from_other.setChecked(True)
        return CoupleDialog.DialogCode.Accepted

    monkeypatch.setattr(CoupleDialog, "exec", drive)
    select(qtbot, window, "C2")
    window.error_actions.set_up_coupling.trigger()
    finish(qtbot, window)
    assert troubled.crm_key_of("C2") == "other-1"
    assert troubled.crm_rows()["other-1"]["city"] == "Tromsø", "values copied from the ERP"


def test_show_details_and_open_record(qtbot, window: MainWindow, monkeypatch) -> None:
    shown = []
    monkeypatch.setattr(DetailsDialog, "exec", lambda d: shown.append(d.text.toPlainText()) or 0)
    select(qtbot, window, "C3")
    window.error_actions.details.trigger()
    assert "too long" in shown[0] and "C3" in shown[0]
    window.error_actions.sync_log.trigger()
    records = [
        w
        for w in QApplication.topLevelWidgets()
        if w.__class__.__name__ == "RecordWindow" and w.isVisible()
    ]
    assert records and "C3" in records[0].windowTitle()


def test_find_deleted_runs_in_the_thread_and_refreshes(
    qtbot, window: MainWindow, troubled: World
) -> None:
    troubled.crm_delete(troubled.crm_key_of("C4"))
    window.error_actions.find_deleted.trigger()
    qtbot.waitUntil(lambda: window.errors.model.rowCount() == 4, timeout=10000)
    assert "C4" in {e.erp_key for e in troubled.open_errors()}


def test_compare_all_records_repairs_what_the_stamps_did_not_show(
    qtbot, window: MainWindow, troubled: World
) -> None:
    from sqlalchemy import update

    with troubled.erp_engine.begin() as conn:  # an edit the ERP did not stamp
        conn.execute(update(troubled.erp).where(troubled.erp.c.no == "C4").values(city="Unstamped"))
    assert window.error_actions.compare_all.isEnabled()
    window.error_actions.compare_all.trigger()
    finish(qtbot, window)
    qtbot.waitUntil(
        lambda: troubled.crm_rows()[troubled.crm_key_of("C4")]["city"] == "Unstamped",
        timeout=10000,
    )
    assert "differed" in troubled.service.jobs(limit=1)[0].message


def test_an_engine_failure_reaches_the_user_as_a_message(
    qtbot, window: MainWindow, troubled: World, monkeypatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(window, "show_problem", lambda title, message: shown.append(message))
    monkeypatch.setattr(
        troubled.service.engine.apps.crm,
        "side_table",
        lambda m: (_ for _ in ()).throw(
            __import__("desktop_sync.apps", fromlist=["AppError"]).AppError(
                "CRM has no table 'account'"
            )
        ),
    )
    window.synchronize()
    finish(qtbot, window)
    assert shown and "CRM has no table 'account'" in shown[0]


@pytest.fixture
def big(tmp_path) -> Iterator[World]:
    world = World(tmp_path, batch_size=50)
    with world.erp_engine.begin() as conn:
        from sqlalchemy import insert

        from desktop_sync.store.models import utcnow

        conn.execute(
            insert(world.erp),
            [
                {"no": f"C{i:05d}", "name": f"Customer {i}", "last_modified": utcnow()}
                for i in range(3000)
            ],
        )
    yield world
    world.close()


def test_synchronize_now_runs_in_a_thread_with_progress_and_cancel(qtbot, big: World) -> None:
    window = MainWindow(big.service)
    qtbot.addWidget(window)
    window.show()
    ticks = []
    timer = QTimer(interval=10)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start()
    progress = []
    window.jobs_runner.progressed.connect(lambda task, p: progress.append(p))
    window.sync_now.trigger()
    assert window.cancel.isEnabled() and not window.sync_now.isEnabled()
    qtbot.waitUntil(lambda: any(p.done >= 200 for p in progress), timeout=20000)
    assert window.progress.isVisible() and window.progress.maximum() >= 3000
    ticks_during_job = len(ticks)
    qtbot.mouseClick(window.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.jobs_runner.busy, timeout=20000)
    timer.stop()
    (result,) = window.last_results
    assert result.status.value == "cancelled"
    inserted = len(big.crm_rows())
    assert 0 < inserted < 3000 and inserted == result.counters.inserted, (
        "what was committed is kept"
    )
    assert inserted == len(big.couplings())
    assert ticks_during_job >= 5, "the GUI thread kept processing events while the job ran"
    assert all(p.total == 3000 for p in progress[1:])
    assert window.sync_now.isEnabled() and not window.progress.isVisible()
    window.close()


def test_window_state_persists(qtbot, troubled: World) -> None:
    first = MainWindow(troubled.service)
    qtbot.addWidget(first)
    first.resize(701, 503)  # inside the offscreen screen: larger is clamped
    first.errors.table.setColumnWidth(1, 222)
    first.close()
    assert QSettings().value("main/geometry") is not None
    second = MainWindow(troubled.service)
    qtbot.addWidget(second)
    assert (second.width(), second.height()) == (701, 503)
    assert second.errors.table.columnWidth(1) == 222
    second.close()


def test_grid_model_serves_ids_for_the_selection(window: MainWindow) -> None:
    model = window.errors.model
    ids = [model.index(r, 0).data(ErrorIdRole) for r in range(model.rowCount())]
    assert sorted(ids) == sorted(e.id for e in window.service.errors())


def test_dialog_buttons_default_to_cancel_for_destructive_actions(
    qtbot, window: MainWindow
) -> None:
    seen = []

    def inspect() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, inspect)
            return
        seen.append(box.defaultButton() is box.button(QMessageBox.StandardButton.Cancel))
        box.button(QMessageBox.StandardButton.Cancel).click()

    select(qtbot, window, "C2")
    QTimer.singleShot(0, inspect)
    window.error_actions.delete.trigger()
    qtbot.waitUntil(lambda: bool(seen))
    assert seen == [True]


__all__ = ["QDialogButtonBox"]
