"""File ▸ Export…: a dialog that chooses what (the errors grid as filtered and sorted now, the
journal, the jobs), the format (CSV or XLSX) and the file, then runs the export in the actions
thread with a progress bar and Cancel, and says how many rows were written where.

The dialog writes no database: it hands an `ExportChoice` to `export.work`, whose call runs on
the window's actions thread (one person's action at a time), and shows what comes back.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QDir, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop_sync.domain import Progress
from desktop_sync.gui.common.style import error_text
from desktop_sync.gui.common.tasks import Task
from desktop_sync.gui.export.work import (
    ExportChoice,
    Format,
    GridState,
    NotWritten,
    What,
    export_work,
    with_suffix,
)
from desktop_sync.gui.operations import Host
from desktop_sync.services.export import Exported


class ExportDialog(QDialog):
    """Choose, export with progress and Cancel, read the outcome; Close when done."""

    finished_export = Signal(object)  # Exported | NotWritten | str (a failure's message)

    def __init__(
        self,
        host: Host,
        grid: Callable[[], GridState],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.host, self.grid = host, grid
        self.task: Task | None = None
        self.outcome: Any = None
        self.setObjectName("exportDialog")

        self.what_box = QGroupBox()
        self.errors_choice = QRadioButton()
        self.journal_choice = QRadioButton()
        self.jobs_choice = QRadioButton()
        self.what = QButtonGroup(self)
        what_layout = QVBoxLayout(self.what_box)
        for button, value in (
            (self.errors_choice, What.ERRORS),
            (self.journal_choice, What.JOURNAL),
            (self.jobs_choice, What.JOBS),
        ):
            button.setProperty("what", value.value)
            self.what.addButton(button)
            what_layout.addWidget(button)
        self.errors_choice.setChecked(True)

        self.format_box = QGroupBox()
        self.csv_choice = QRadioButton()
        self.xlsx_choice = QRadioButton()
        self.format = QButtonGroup(self)
        format_layout = QHBoxLayout(self.format_box)
        for button, fmt in ((self.csv_choice, Format.CSV), (self.xlsx_choice, Format.XLSX)):
            button.setProperty("format", fmt.value)
            self.format.addButton(button)
            format_layout.addWidget(button)
        format_layout.addStretch(1)
        self.xlsx_choice.setChecked(True)

        self.file = QLineEdit()
        self.browse = QPushButton()
        self.browse.clicked.connect(self.choose_file)
        self.file_label = QLabel()
        self.file_label.setBuddy(self.file)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file, 1)
        file_row.addWidget(self.browse)
        form = QFormLayout()
        form.addRow(self.file_label, file_row)

        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.buttons = QDialogButtonBox()
        self.export_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.start)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.clicked.connect(self.cancel)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.close_button.clicked.connect(self.reject)
        self.cancel_button.setVisible(False)

        layout = QVBoxLayout(self)
        layout.addWidget(self.what_box)
        layout.addWidget(self.format_box)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)

        self.format.buttonToggled.connect(lambda *_: self._fit_suffix())
        self.what.buttonToggled.connect(lambda *_: self._suggest_name())
        host.runners.actions.progressed.connect(self._on_progress)
        self.retranslate()
        self._suggest_name()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Export"))
        self.what_box.setTitle(self.tr("What"))
        rows = self.grid().rows
        self.errors_choice.setText(
            self.tr(
                "The &errors list as shown now: %n error(s), with its filter and sort", "", rows
            )
        )
        self.journal_choice.setText(
            self.tr("The &journal: every write to the apps, values before and after")
        )
        self.jobs_choice.setText(self.tr("The synchronization j&obs with their counters"))
        self.format_box.setTitle(self.tr("Format"))
        self.csv_choice.setText(self.tr("&CSV (text, comma-separated)"))
        self.xlsx_choice.setText(self.tr("E&xcel workbook (XLSX)"))
        self.file_label.setText(self.tr("&File:"))
        self.file.setAccessibleName(self.tr("File to write"))
        self.browse.setText(self.tr("&Browse…"))
        self.export_button.setText(self.tr("Ex&port"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.close_button.setText(self.tr("Close"))
        self.progress.setAccessibleName(self.tr("Export progress"))
        self.message.setAccessibleName(self.tr("What the export did"))

    # -- the choice ----------------------------------------------------------------------

    def chosen_what(self) -> What:
        button = self.what.checkedButton()
        return What(button.property("what")) if button is not None else What.ERRORS

    def chosen_format(self) -> Format:
        button = self.format.checkedButton()
        return Format(button.property("format")) if button is not None else Format.XLSX

    def set_choice(self, what: What, fmt: Format, path: Path | str | None = None) -> None:
        """Choose as the person would (the tests drive the dialog through this and the file
        field)."""
        {What.ERRORS: self.errors_choice, What.JOURNAL: self.journal_choice}.get(
            what, self.jobs_choice
        ).setChecked(True)
        (self.csv_choice if fmt is Format.CSV else self.xlsx_choice).setChecked(True)
        if path is not None:
            self.file.setText(str(path))
            self._fit_suffix()

    def path(self) -> Path | None:
        text = self.file.text().strip()
        if not text:
            return None
        return with_suffix(Path(text).expanduser(), self.chosen_format())

    def _fit_suffix(self) -> None:
        path = self.path()
        if path is not None and str(path) != self.file.text().strip():
            self.file.setText(str(path))

    def _suggest_name(self) -> None:
        """A file name after what is exported, in the folder already chosen (or home)."""
        names = {
            What.ERRORS: self.tr("errors"),
            What.JOURNAL: self.tr("journal"),
            What.JOBS: self.tr("jobs"),
        }
        current = self.path()
        folder = current.parent if current is not None else Path(QDir.homePath())
        if current is None or current.stem in names.values():
            name = names[self.chosen_what()] + "." + self.chosen_format().value
            self.file.setText(str(folder / name))

    def choose_file(self) -> None:
        fmt = self.chosen_format()
        filters = {
            Format.CSV: self.tr("CSV files (*.csv)"),
            Format.XLSX: self.tr("Excel workbooks (*.xlsx)"),
        }
        chosen, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export to"), self.file.text(), filters[fmt]
        )
        if chosen:
            self.file.setText(str(with_suffix(Path(chosen), fmt)))

    def why_not_writable(self, path: Path) -> str | None:
        """Why `path` cannot be written, said before anything is tried; None if it looks fine."""
        folder = path.parent
        if not folder.is_dir():
            return self.tr("The folder {folder} does not exist. Choose another file.").format(
                folder=folder
            )
        if path.is_dir():
            return self.tr("{path} is a folder. Choose a file name.").format(path=path)
        if not os.access(folder, os.W_OK):
            return self.tr(
                "You may not write in the folder {folder}. Choose another folder."
            ).format(folder=folder)
        if path.exists() and not os.access(path, os.W_OK):
            return self.tr("{name} cannot be overwritten. Choose another file.").format(
                name=path.name
            )
        return None

    # -- running -------------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self.task is not None

    def start(self) -> Task | None:
        """Export what is chosen, in the actions thread."""
        if self.running:
            return None
        path = self.path()
        if path is None:
            self.say(self.tr("Choose the file to write first."), problem=True)
            return None
        self.file.setText(str(path))
        why = self.why_not_writable(path)
        if why is not None:
            self.say(why, problem=True)
            return None
        what = self.chosen_what()
        choice = ExportChoice(what, self.chosen_format(), path, self.grid())
        total = choice.grid.rows if what is What.ERRORS and choice.grid else 0
        self.progress.setRange(0, total)
        self.progress.setValue(0)
        self.progress.setVisible(True)
        self._set_running(True)
        actions = self.host.runners.actions
        if actions.busy:
            self.say(self.tr("Waiting for the running action to finish…"))
        else:
            self.say(self.tr("Writing {name}…").format(name=path.name))
        label = self.tr("Exporting to {name}").format(name=path.name)
        self.task = Task(
            export_work(self.host.service, choice),
            self._done,
            self._failed,
            label,
            wants_progress=True,
        )
        return actions.submit(self.task)

    def cancel(self) -> None:
        """Stop the export at its next page; the half-written file is removed."""
        if self.task is not None:
            self.task.cancel.cancel()
            self.cancel_button.setEnabled(False)
            self.say(self.tr("Cancelling…"))

    def _on_progress(self, task: Task, progress: Progress) -> None:
        if task is not self.task or not shiboken6.isValid(self):
            return
        if progress.total:
            self.progress.setRange(0, progress.total)
        self.progress.setValue(min(progress.done, self.progress.maximum() or progress.done))
        self.say(self.tr("%n row(s) written…", "", progress.done))

    def _done(self, result: Exported | NotWritten) -> None:
        if not shiboken6.isValid(self):
            return
        self.task = None
        self._set_running(False)
        self.outcome = result
        if isinstance(result, NotWritten):
            self.say(
                self.tr("{path} could not be written: {reason}. Nothing was exported.").format(
                    path=result.path, reason=result.reason
                ),
                problem=True,
            )
        elif result.cancelled:
            self.progress.setVisible(False)
            self.say(
                self.tr("Export cancelled: no file was written ({path}).").format(path=result.path)
            )
        else:
            self.progress.setRange(0, max(result.rows, 1))
            self.progress.setValue(max(result.rows, 1))
            self.say(
                self.tr("%n row(s) written to {path}.", "", result.rows).format(path=result.path)
            )
        self.finished_export.emit(result)

    def _failed(self, message: str) -> None:
        if not shiboken6.isValid(self):
            return
        self.task = None
        self._set_running(False)
        self.outcome = message
        self.say(self.tr("The export stopped: {reason}").format(reason=message), problem=True)
        self.finished_export.emit(message)

    def _set_running(self, running: bool) -> None:
        for widget in (self.what_box, self.format_box, self.file, self.browse):
            widget.setEnabled(not running)
        self.export_button.setEnabled(not running)
        self.cancel_button.setVisible(running)
        self.cancel_button.setEnabled(running)
        self.close_button.setVisible(not running)
        if running:
            self.cancel_button.setFocus()

    def say(self, text: str, problem: bool = False) -> None:
        palette = self.palette()
        if problem:
            palette.setColor(self.message.foregroundRole(), error_text(palette))
        self.message.setPalette(palette)
        self.message.setText(text)

    # -- closing -------------------------------------------------------------------------

    def reject(self) -> None:
        if self.running:  # Esc while it runs cancels the export first
            self.cancel()
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.running:
            self.cancel()
            event.ignore()
            return
        super().closeEvent(event)
