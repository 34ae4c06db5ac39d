"""Synchronization Jobs: recent jobs with their counters; selecting one lists its errors."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_sync.gui.common import words
from desktop_sync.gui.common.columns import HeaderFit
from desktop_sync.gui.common.tasks import TaskRunner
from desktop_sync.gui.errors.model import COL_MESSAGE, ErrorsModel
from desktop_sync.gui.jobs.model import JobsModel
from desktop_sync.services import ErrorFilter, Service


class JobsView(QWidget):
    """Jobs above, the selected job's errors below."""

    error_activated = Signal(int)

    def __init__(self, service: Service, loader: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.model = JobsModel(service, loader, self)
        self.table = QTableView()
        self.table.setAccessibleName(self.tr("Synchronization jobs"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)  # Tab leaves the grid; arrow keys move within it
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table_fit = HeaderFit(self.table)
        self.selection = self.table.selectionModel()
        self.selection.selectionChanged.connect(self._on_job)

        self.errors_model = ErrorsModel(service, loader, self)
        self.errors = QTableView()
        self.errors.setAccessibleName(self.tr("Errors of the selected job"))
        self.errors.setModel(self.errors_model)
        self.errors.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.errors.setTabKeyNavigation(False)
        self.errors.verticalHeader().setVisible(False)
        self.errors.setWordWrap(False)
        self.errors_fit = HeaderFit(self.errors, stretch=COL_MESSAGE)
        self.errors.doubleClicked.connect(
            lambda index: self.error_activated.emit(index.data(Qt.ItemDataRole.UserRole + 1))
        )
        self.caption = QLabel(self.tr("Select a job to see its errors."))

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.table)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.caption)
        lower_layout.addWidget(self.errors)
        self.splitter.addWidget(lower)
        # Shown while the list is narrowed (from the dashboard) to one day or mapping.
        self.filter_label = QLabel()
        self.show_all_button = QPushButton(self.tr("Show &All Jobs"))
        self.show_all_button.clicked.connect(self.show_all)
        filter_row = QHBoxLayout()
        filter_row.setContentsMargins(6, 2, 6, 2)
        filter_row.addWidget(self.filter_label, 1)
        filter_row.addWidget(self.show_all_button)
        self.filter_bar = QWidget()
        self.filter_bar.setLayout(filter_row)
        self.filter_bar.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.splitter)
        self.model.reloaded.connect(self._reselect)
        self._selected_job: int | None = None

    def reload(self) -> None:
        self.model.reload()

    def show_only(self, day: date | None = None, mapping: str | None = None) -> None:
        """List only the jobs started on `day` (UTC) and/or of `mapping`."""
        if day is not None and mapping:
            text = self.tr("Jobs of {mapping} started on {day}")
        elif day is not None:
            text = self.tr("Jobs started on {day}")
        else:
            text = self.tr("Jobs of {mapping}")
        self.filter_label.setText(text.format(day=day.isoformat() if day else "", mapping=mapping))
        self.filter_bar.setVisible(day is not None or bool(mapping))
        self.model.set_filter(mapping, day)

    def show_all(self) -> None:
        self.filter_bar.hide()
        self.model.set_filter(None, None)

    def select_job(self, job_id: int) -> None:
        self._selected_job = job_id
        self._reselect()

    def _reselect(self) -> None:
        for row, job in enumerate(self.model.rows):
            if job.id == self._selected_job:
                self.table.selectRow(row)
                return

    def _on_job(self) -> None:
        rows = self.selection.selectedRows()
        if not rows:
            return
        job = self.model.rows[rows[0].row()]
        self._selected_job = job.id
        self.caption.setText(
            self.tr("Errors of job {id} ({mapping}, {status}), open and resolved:").format(
                id=job.id, mapping=job.mapping, status=words.job_status(job.status)
            )
        )
        self.errors_model.set_filter(ErrorFilter(job_id=job.id, include_resolved=True))

    def save_state(self, settings: QSettings) -> None:
        settings.setValue("jobs/splitter", self.splitter.saveState())

    def restore_state(self, settings: QSettings) -> None:
        state = settings.value("jobs/splitter")
        if state is not None:
            self.splitter.restoreState(state)
