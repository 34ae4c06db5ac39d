"""The most recent synchronization jobs with their counters, as a grid model."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from desktop_sync.domain import COUNTER_NAMES
from desktop_sync.gui.common import words
from desktop_sync.gui.common.icons import icon
from desktop_sync.gui.common.style import error_text
from desktop_sync.gui.common.tasks import Task, TaskRunner
from desktop_sync.gui.common.words import local_time
from desktop_sync.services import Service
from desktop_sync.services.queries import JobRow

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
        self.mapping: str | None = None  # only this mapping's jobs
        self.day: date | None = None  # only the jobs started this day (UTC, as the dashboard's)

    def set_filter(self, mapping: str | None = None, day: date | None = None) -> None:
        self.mapping, self.day = mapping, day
        self.reload()

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
        mapping, day = self.mapping, self.day
        since = datetime(day.year, day.month, day.day) if day is not None else None
        until = since + timedelta(days=1) if since is not None else None
        self.loader.submit(
            Task(
                lambda: self.service.jobs(
                    limit=RECENT_JOBS, mapping=mapping, since=since, until=until
                ),
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
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers()[section]
        return None

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
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
            and getattr(job, COUNTER_NAMES[column - 6])
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
            *(getattr(job, c) for c in COUNTER_NAMES),
            words.said(job.message, job.template, job.params),
        ]
        return str(values[column]) if values[column] is not None else ""
