"""The Job Queue grid's model: every job queue entry, one row each, as plain snapshots.

A store has one entry per mapping, so the whole list is one small page, read in the loader
thread (`QueueService.entries`). A reload that brings the same entries in the same order only
replaces the rows that changed and emits `dataChanged` for them, so the view's selection and
current row stay put; a new or vanished entry resets the model and the view selects the same
entries again by id.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QPalette

from desktop_sync.domain import QueueStatus
from desktop_sync.gui.common import style
from desktop_sync.gui.common.icons import icon
from desktop_sync.gui.common.tasks import Task, TaskRunner
from desktop_sync.gui.common.words import local_time, said
from desktop_sync.services import Service
from desktop_sync.services.queue_rows import QueueEntryRow

COL_MAPPING, COL_STATUS, COL_INTERVAL, COL_NEXT_RUN, COL_LAST_RUN, COL_LAST_RESULT, COL_RUNNER = (
    range(7)
)
COLUMNS = 7
QueueEntryIdRole = Qt.ItemDataRole.UserRole + 1
QueueEntryRole = Qt.ItemDataRole.UserRole + 2  # the QueueEntryRow itself

HEADERS = (
    QT_TRANSLATE_NOOP("QueueModel", "Mapping"),
    QT_TRANSLATE_NOOP("QueueModel", "Status"),
    QT_TRANSLATE_NOOP("QueueModel", "Interval"),
    QT_TRANSLATE_NOOP("QueueModel", "Next run"),
    QT_TRANSLATE_NOOP("QueueModel", "Last run"),
    QT_TRANSLATE_NOOP("QueueModel", "Last result"),
    QT_TRANSLATE_NOOP("QueueModel", "Run by"),
)
STATUS_TEXT = {
    QueueStatus.READY: QT_TRANSLATE_NOOP("QueueModel", "Ready"),
    QueueStatus.IN_PROCESS: QT_TRANSLATE_NOOP("QueueModel", "In process"),
    QueueStatus.ERROR: QT_TRANSLATE_NOOP("QueueModel", "Error"),
    QueueStatus.ON_HOLD: QT_TRANSLATE_NOOP("QueueModel", "On hold"),
}
STATUS_ICONS = {
    QueueStatus.READY: "ready",
    QueueStatus.IN_PROCESS: "sync-now",
    QueueStatus.ERROR: "error",
    QueueStatus.ON_HOLD: "hold",
}


def status_text(status: QueueStatus) -> str:
    return QCoreApplication.translate("QueueModel", str(STATUS_TEXT[status]))


def minutes_text(minutes: int) -> str:
    """30 → "30 min", 120 → "2 h", 90 → "1 h 30 min", 2880 → "2 d"."""
    translate = QCoreApplication.translate
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    parts = []
    if days:
        parts.append(translate("QueueModel", "{n} d").format(n=days))
    if hours:
        parts.append(translate("QueueModel", "{n} h").format(n=hours))
    if mins or not parts:
        parts.append(translate("QueueModel", "{n} min").format(n=mins))
    return " ".join(parts)


class QueueModel(QAbstractTableModel):
    """The job queue entries, in configuration order."""

    reloaded = Signal()
    failed = Signal(str)

    def __init__(self, service: Service, loader: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.service, self.loader = service, loader
        self.rows: list[QueueEntryRow] = []
        self.loaded = False
        self._generation = 0

    # -- loading ---------------------------------------------------------------------

    def reload(self) -> None:
        """Read the entries in the loader thread; apply them when they come."""
        self._generation += 1
        generation = self._generation

        def done(rows: list[QueueEntryRow]) -> None:
            if generation == self._generation:
                self.apply(rows)

        def failed(message: str) -> None:
            if generation == self._generation:
                self.failed.emit(message)

        self.loader.submit(
            Task(self.service.queue.entries, done, failed, "load job queue", key=id(self))
        )

    def apply(self, rows: Sequence[QueueEntryRow]) -> None:
        """Show `rows`: changed cells only when the same entries are listed, else a reset."""
        rows = list(rows)
        self.loaded = True
        if [r.id for r in rows] != [r.id for r in self.rows]:
            self.beginResetModel()
            self.rows = rows
            self.endResetModel()
        else:
            old, self.rows = self.rows, rows
            for number, (before, after) in enumerate(zip(old, rows, strict=True)):
                if before != after:
                    self.dataChanged.emit(self.index(number, 0), self.index(number, COLUMNS - 1))
        self.reloaded.emit()

    # -- lookups ---------------------------------------------------------------------

    def entry_at(self, row: int) -> QueueEntryRow | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def rows_of(self, ids: set[int]) -> list[int]:
        return [number for number, entry in enumerate(self.rows) if entry.id in ids]

    # -- Qt's model interface ---------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMNS

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < COLUMNS
        ):
            return QCoreApplication.translate("QueueModel", str(HEADERS[section]))
        return None

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        entry, column = self.rows[index.row()], index.column()
        if role == QueueEntryIdRole:
            return entry.id
        if role == QueueEntryRole:
            return entry
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(entry, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(entry, column)
        if role == Qt.ItemDataRole.DecorationRole and column == COL_STATUS:
            return icon(STATUS_ICONS[entry.status])
        if role == Qt.ItemDataRole.ForegroundRole:
            if not entry.configured:  # greyed, and readable on a light or a dark palette
                return style.palette().color(QPalette.ColorRole.PlaceholderText)
            if column == COL_STATUS and entry.status is QueueStatus.ERROR:
                return style.error_text()
        if role == Qt.ItemDataRole.FontRole and not entry.configured:
            font = QFont()
            font.setItalic(True)
            return font
        return None

    def _display(self, entry: QueueEntryRow, column: int) -> str:
        if column == COL_MAPPING:
            return entry.mapping
        if column == COL_STATUS:
            return status_text(entry.status)
        if column == COL_INTERVAL:
            every = minutes_text(entry.interval_minutes)
            if entry.wait_minutes > entry.interval_minutes:
                return self.tr("{every} (backed off to {wait})").format(
                    every=every, wait=minutes_text(entry.wait_minutes)
                )
            return every
        if column == COL_NEXT_RUN:
            if entry.status is QueueStatus.ON_HOLD:
                return self.tr("on hold")
            if entry.status is QueueStatus.IN_PROCESS:
                return self.tr("running now")
            return local_time(entry.next_run)
        if column == COL_LAST_RUN:
            return local_time(entry.last_run)
        if column == COL_LAST_RESULT:
            return said(entry.last_result, entry.result_template, entry.result_params)
        if column == COL_RUNNER:
            return self._runner_text(entry)
        return ""

    def _runner_text(self, entry: QueueEntryRow) -> str:
        if not entry.claimed_by:
            return ""
        if entry.claimed_by == self.service.queue.runner:
            return self.tr("this window")
        return entry.claimed_by

    def _tooltip(self, entry: QueueEntryRow, column: int) -> str:
        if not entry.configured:
            return self.tr(
                "{mapping} is not in this configuration: no runner of it runs this entry."
            ).format(mapping=entry.mapping)
        if column == COL_LAST_RESULT and entry.last_result:
            job = self.tr(" (job {id})").format(id=entry.last_job_id) if entry.last_job_id else ""
            return said(entry.last_result, entry.result_template, entry.result_params) + job
        if column == COL_RUNNER and entry.claimed_by:
            since = local_time(entry.claimed_at)
            return self.tr("Claimed by {runner} since {since}").format(
                runner=entry.claimed_by, since=since
            )
        if column == COL_INTERVAL:
            return self.tr(
                "Runs every {every}; after runs that find "
                "nothing to do it waits longer, up to {cap}."
            ).format(
                every=minutes_text(entry.interval_minutes),
                cap=minutes_text(entry.max_backoff_minutes),
            )
        return self._display(entry, column)
