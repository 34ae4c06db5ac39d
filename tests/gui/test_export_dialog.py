"""File ▸ Export…: the errors grid as filtered and sorted now, the journal and the jobs, to CSV and
XLSX files read back with the csv module and openpyxl; Cancel half-way; files that cannot be
written said in words."""

from __future__ import annotations

import csv
import threading
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt

from desktop_sync.domain import ErrorKind
from desktop_sync.gui.errors.model import COL_ERP
from desktop_sync.gui.export.dialog import ExportDialog
from desktop_sync.gui.export.work import Format, What
from desktop_sync.gui.main_window import MainWindow
from desktop_sync.services.export import Exported
from tests.helpers import World


@pytest.fixture
def troubled(world: World) -> World:
    """Four records changed in both apps (C1–C4) and two deleted in the CRM (C5, C6)."""
    names = ("C1", "C2", "C3", "C4", "C5", "C6")
    for no in names:
        world.erp_insert(no, f"Firma {no}", city="Bergen")
    world.sync()
    for no in names[:4]:
        world.erp_update(no, city="Oslo")
        world.crm_update(world.crm_key_of(no), city="Molde")
    for no in names[4:]:
        world.crm_delete(world.crm_key_of(no))
        world.erp_update(no, city="Oslo")
    world.sync()
    return world


@pytest.fixture
def window_world(troubled: World) -> World:
    return troubled


@pytest.fixture
def window_ready() -> Callable[[MainWindow], bool]:
    return lambda w: w.errors.model.rowCount() == 6 and not w.loader.busy


def filter_and_sort(qtbot, window: MainWindow) -> list[int]:  # type: ignore[no-untyped-def]
    """Changed in both only, by ERP record descending: the grid's ids in its order."""
    view = window.errors
    view.kind.setCurrentIndex(view.kind.findData(ErrorKind.CHANGED_IN_BOTH.value))
    qtbot.waitUntil(lambda: view.model.rowCount() == 4 and not window.loader.busy)
    view.table.sortByColumn(COL_ERP, Qt.SortOrder.DescendingOrder)
    qtbot.waitUntil(
        lambda: (
            view.model.sort_key == "erp_key" and view.model.descending and not window.loader.busy
        )
    )
    ids = list(view.model.ids)
    keys = [view.model.error_at(r).erp_key for r in range(len(ids))]  # type: ignore[union-attr]
    assert keys == ["C4", "C3", "C2", "C1"]
    return ids


def open_dialog(window: MainWindow) -> ExportDialog:
    assert window.export.action in window.menus.file_menu.actions()
    window.export.action.trigger()
    dialog = window.export.dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def export(qtbot, dialog: ExportDialog) -> object:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(dialog.finished_export, timeout=10000) as blocker:
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    return blocker.args[0]


def test_export_of_the_filtered_grid_to_csv_holds_exactly_its_rows(
    qtbot, window: MainWindow, troubled: World, tmp_path: Path
) -> None:
    ids = filter_and_sort(qtbot, window)
    dialog = open_dialog(window)
    assert "4 error(s)" in dialog.errors_choice.text()
    dialog.set_choice(What.ERRORS, Format.CSV, tmp_path / "grid")
    assert dialog.file.text() == str(tmp_path / "grid.csv"), "the suffix is added"
    outcome = export(qtbot, dialog)
    assert isinstance(outcome, Exported) and not outcome.cancelled
    with (tmp_path / "grid.csv").open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [int(r["Id"]) for r in rows] == ids
    assert [r["ERP key"] for r in rows] == ["C4", "C3", "C2", "C1"]
    assert {r["Kind"] for r in rows} == {"changed_in_both"}
    assert dialog.message.text() == f"4 row(s) written to {tmp_path / 'grid.csv'}."
    assert dialog.progress.value() == dialog.progress.maximum()


def test_export_of_the_filtered_grid_to_xlsx_holds_exactly_its_rows(
    qtbot, window: MainWindow, troubled: World, tmp_path: Path
) -> None:
    ids = filter_and_sort(qtbot, window)
    dialog = open_dialog(window)
    dialog.set_choice(What.ERRORS, Format.CSV, tmp_path / "grid.csv")
    dialog.xlsx_choice.setChecked(True)
    assert dialog.file.text() == str(tmp_path / "grid.xlsx"), "the suffix follows the format"
    export(qtbot, dialog)
    sheet = openpyxl.load_workbook(tmp_path / "grid.xlsx").active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Id"
    assert [r[0] for r in rows[1:]] == ids
    assert [r[2] for r in rows[1:]] == ["C4", "C3", "C2", "C1"]
    assert "4 row(s) written to" in dialog.message.text()


def test_export_of_the_journal_and_the_jobs(
    qtbot, window: MainWindow, troubled: World, tmp_path: Path
) -> None:
    dialog = open_dialog(window)
    dialog.set_choice(What.JOURNAL, Format.CSV, tmp_path / "journal.csv")
    export(qtbot, dialog)
    with (tmp_path / "journal.csv").open(encoding="utf-8-sig", newline="") as f:
        lines = list(csv.DictReader(f))
    journal = troubled.service.journal().rows
    assert len(lines) == sum(len(e.changes()) or 1 for e in journal)
    assert {int(r["Id"]) for r in lines} == {e.id for e in journal}
    dialog.set_choice(What.JOBS, Format.XLSX, tmp_path / "jobs")
    export(qtbot, dialog)
    rows = list(openpyxl.load_workbook(tmp_path / "jobs.xlsx").active.iter_rows(values_only=True))
    assert len(rows) - 1 == 2, "the two synchronizations"
    assert "2 row(s) written to" in dialog.message.text()


def test_cancel_stops_the_export_half_way_and_writes_no_file(
    qtbot, window: MainWindow, troubled: World, tmp_path: Path, monkeypatch
) -> None:
    ids = list(window.errors.model.ids)
    monkeypatch.setattr("desktop_sync.services.export.PAGE", 1)  # one error per page
    service = troubled.service
    real, gate, waiting = service.errors_by_ids, threading.Event(), threading.Event()

    def second_page_waits(page):  # type: ignore[no-untyped-def]
        if list(page) == [ids[1]]:  # the export's second page (the grid asks in pages of 200)
            waiting.set()
            gate.wait(10)
        return real(page)

    monkeypatch.setattr(service, "errors_by_ids", second_page_waits)
    dialog = open_dialog(window)
    out = tmp_path / "out"
    out.mkdir()
    dialog.set_choice(What.ERRORS, Format.XLSX, out / "all.xlsx")
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialog.cancel_button.isVisible() and not dialog.export_button.isEnabled()
    qtbot.waitUntil(lambda: waiting.is_set() and dialog.progress.value() == 1, timeout=10000)
    assert dialog.progress.maximum() == 6
    with qtbot.waitSignal(dialog.finished_export, timeout=10000) as blocker:
        qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
        gate.set()
    outcome = blocker.args[0]
    assert isinstance(outcome, Exported) and outcome.cancelled and outcome.rows == 1
    assert dialog.message.text().startswith("Export cancelled: no file was written")
    assert list(out.iterdir()) == [], "neither the file nor its half-written part"
    assert dialog.export_button.isEnabled() and dialog.close_button.isVisible()


def test_a_file_that_cannot_be_written_is_said_in_words(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    dialog = open_dialog(window)
    dialog.set_choice(What.ERRORS, Format.CSV, tmp_path / "gone" / "errors.csv")
    assert dialog.start() is None, "nothing is tried"
    assert dialog.message.text() == (
        f"The folder {tmp_path / 'gone'} does not exist. Choose another file."
    )
    (tmp_path / "errors.csv.part").mkdir()  # the file being written cannot be made
    dialog.set_choice(What.ERRORS, Format.CSV, tmp_path / "errors.csv")
    export(qtbot, dialog)
    text = dialog.message.text()
    assert text.startswith(f"{tmp_path / 'errors.csv'} could not be written: ")
    assert text.endswith("Nothing was exported.") and "Traceback" not in text
    assert not (tmp_path / "errors.csv").exists()


def test_the_dialog_is_reached_from_the_file_menu_by_keyboard(window: MainWindow) -> None:
    assert window.export.action.shortcut().toString() == "Ctrl+Shift+E"
    assert window.export.action.text() == "&Export…"
    dialog = open_dialog(window)
    for button in (dialog.errors_choice, dialog.journal_choice, dialog.jobs_choice):
        assert "&" in button.text()
    assert dialog.file_label.buddy() is dialog.file
    dialog.reject()
