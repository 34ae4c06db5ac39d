"""Synchronization Jobs: recent jobs with their counters; selecting one lists its errors."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSettings,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_sync.gui.common import words
from desktop_sync.gui.common.icons import icon
from desktop_sync.gui.common.style import error_text
from desktop_sync.gui.common.tasks import Task, TaskRunner
from desktop_sync.gui.common.words import local_time
from desktop_sync.gui.errors.model import ErrorsModel
from desktop_sync.services import ErrorFilter, Service
from desktop_sync.services.queries import JobRow

COUNTERS = (
    "inserted",
    "modified",
    "deleted",
    "unchanged",
    "skipped",
    "failed",
    "coupled",
    "uncoupled",
)
JobIdRole = Qt.ItemDataRole.UserRole + 1
RECENT_JOBS = 500
STATUS_ICONS = {
    "finished": "ok",
    "running": "sync-now",
    "failed": "error",
    "cancelled": "cancel",
    "interrupted": "warning",
}


class JobsModel(QAbstractTableModel):
    """The most recent jobs, newest first (one page, loaded in the worker thread)."""

    reloaded = Signal()

    def __init__(self, service: Service, loader: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.service, self.loader = service, loader
        self.rows: list[JobRow] = []

    def headers(self) -> list[str]:
        return [
            self.tr("Job"),
            self.tr("Mapping"),
            self.tr("Started"),
            self.tr("Finished"),
            self.tr("Origin"),
            self.tr("Status"),
            self.tr("Inserted"),
            self.tr("Modified"),
            self.tr("Deleted"),
            self.tr("Unchanged"),
            self.tr("Skipped"),
            self.tr("Failed"),
            self.tr("Coupled"),
            self.tr("Uncoupled"),
            self.tr("Message"),
        ]

    def reload(self) -> None:
        self.loader.submit(
            Task(
                lambda: self.service.jobs(limit=RECENT_JOBS),
                self._apply,
                lambda m: None,
                "load jobs",
            )
        )

    def _apply(self, rows: list[JobRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()
        self.reloaded.emit()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 15

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):  # type: ignore[no-untyped-def]
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers()[section]
        return None

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ):  # type: ignore[no-untyped-def]
        if not index.isValid():
            return None
        job, column = self.rows[index.row()], index.column()
        if role == JobIdRole:
            return job.id
        if role == Qt.ItemDataRole.DecorationRole and column == 5:
            return icon(STATUS_ICONS.get(job.status, "warning"))
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and column in (10, 11)
            and getattr(job, COUNTERS[column - 6])
        ):
            return error_text()  # readable on a light or a dark palette
        if role == Qt.ItemDataRole.TextAlignmentRole and 6 <= column <= 13:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        if column == 4:
            origin = self.tr("job queue") if job.origin == "queue" else self.tr("by hand")
            return f"{origin} ({job.user})" if job.user else origin
        values = [
            job.id,
            job.mapping,
            local_time(job.started),
            local_time(job.finished),
            None,
            words.job_status(job.status),
            *(getattr(job, c) for c in COUNTERS),
            job.message,
        ]
        return str(values[column]) if values[column] is not None else ""


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
        self.selection = self.table.selectionModel()
        self.selection.selectionChanged.connect(self._on_job)

        self.errors_model = ErrorsModel(service, loader, self)
        self.errors = QTableView()
        self.errors.setAccessibleName(self.tr("Errors of the selected job"))
        self.errors.setModel(self.errors_model)
        self.errors.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.errors.setTabKeyNavigation(False)
        self.errors.verticalHeader().setVisible(False)
        self.errors.horizontalHeader().setStretchLastSection(True)
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
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)
        self.model.reloaded.connect(self._reselect)
        self._selected_job: int | None = None

    def reload(self) -> None:
        self.model.reload()

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
