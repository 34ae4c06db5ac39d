"""One record's synchronization log, newest first; older lines are fetched a page at a time while
the person scrolls (`canFetchMore`/`fetchMore`, keyset paging on the line id)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from desktop_sync.domain import Outcome, Side
from desktop_sync.gui.common.columns import HeaderFit
from desktop_sync.gui.common.icons import icon
from desktop_sync.gui.common.style import error_text
from desktop_sync.gui.common.tasks import Task, TaskRunner
from desktop_sync.gui.common.words import local_time, said
from desktop_sync.services import Service
from desktop_sync.services.queries import LogRow

LogJobRole = Qt.ItemDataRole.UserRole + 1
LogRowRole = Qt.ItemDataRole.UserRole + 2

LOG_PAGE = 500


OUTCOME_ICONS = {
    "inserted": "ok",
    "modified": "ok",
    "unchanged": "ok",
    "deleted": "delete",
    "skipped": "warning",
    "failed": "error",
    "coupled": "couple",
    "uncoupled": "uncouple",
    "restored": "restore",
    "retried": "retry",
    "resolved": "synchronize",
}


class LogModel(QAbstractTableModel):
    """A record's synchronization log, newest first; older lines are fetched on scrolling."""

    COL_TIME, COL_JOB, COL_DIRECTION, COL_OUTCOME, COL_MESSAGE, COL_USER = range(6)

    failed = Signal(str)

    def __init__(
        self,
        service: Service,
        loader: TaskRunner | None,
        mapping: str,
        side: Side,
        key: str,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.service, self.loader = service, loader
        self.mapping, self.side, self.key = mapping, side, key
        self.rows: list[LogRow] = []
        self._complete = True
        self._fetching = False
        self._generation = 0
        self._directions = {
            "to_crm": f"{service.side_name(Side.ERP)} → {service.side_name(Side.CRM)}",
            "to_erp": f"{service.side_name(Side.CRM)} → {service.side_name(Side.ERP)}",
            "both": self.tr("Both ways"),
        }
        self._outcomes = {
            Outcome.INSERTED.value: self.tr("Inserted"),
            Outcome.MODIFIED.value: self.tr("Modified"),
            Outcome.UNCHANGED.value: self.tr("Unchanged"),
            Outcome.DELETED.value: self.tr("Deleted"),
            Outcome.SKIPPED.value: self.tr("Skipped"),
            Outcome.FAILED.value: self.tr("Failed"),
            Outcome.COUPLED.value: self.tr("Coupled"),
            Outcome.UNCOUPLED.value: self.tr("Uncoupled"),
            Outcome.RESTORED.value: self.tr("Restored"),
            Outcome.RETRIED.value: self.tr("Retried"),
            Outcome.RESOLVED.value: self.tr("Resolved by a person"),
        }

    def set_rows(self, rows: Sequence[LogRow], complete: bool | None = None) -> None:
        """Show these lines (the newest page); `complete` False when older lines remain."""
        self._generation += 1
        self.beginResetModel()
        self.rows = list(rows)
        self._complete = len(rows) < LOG_PAGE if complete is None else complete
        self._fetching = False
        self.endResetModel()

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:  # noqa: B008
        return (
            not parent.isValid()
            and not self._complete
            and not self._fetching
            and self.loader is not None
        )

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> None:  # noqa: B008
        loader = self.loader
        if loader is None or not self.canFetchMore(parent) or not self.rows:
            return
        self._fetching = True
        generation, before = self._generation, self.rows[-1].id
        mapping, side, key = self.mapping, self.side, self.key

        def done(rows: list[LogRow]) -> None:
            if generation != self._generation:
                return
            self._fetching = False
            self._complete = len(rows) < LOG_PAGE
            if rows:
                first = len(self.rows)
                self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
                self.rows.extend(rows)
                self.endInsertRows()

        def failed(message: str) -> None:
            self._fetching, self._complete = False, True
            self.failed.emit(message)

        loader.submit(
            Task(
                lambda: self.service.log(mapping, side, key, LOG_PAGE, before),
                done,
                failed,
                "load older log lines",
            )
        )

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 6

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (
                self.tr("Time"),
                self.tr("Job"),
                self.tr("Direction"),
                self.tr("Outcome"),
                self.tr("Message"),
                self.tr("User"),
            )[section]
        return None

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid():
            return None
        entry, column = self.rows[index.row()], index.column()
        if role == LogJobRole:
            return entry.job_id
        if role == LogRowRole:
            return entry
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._display(entry, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.COL_MESSAGE:
                return said(entry.message, entry.template, entry.params)
            if column == self.COL_JOB and entry.job_id:
                return self.tr("Double-click to show job {id}").format(id=entry.job_id)
            if column == self.COL_USER and not entry.job_id:
                return self.tr("An action by a person")
        if role == Qt.ItemDataRole.DecorationRole and column == self.COL_OUTCOME:
            return icon(OUTCOME_ICONS.get(entry.outcome, "details"))
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and column == self.COL_OUTCOME
            and entry.outcome in ("failed", "skipped")
        ):
            return error_text()
        return None

    def derived_direction(self, entry: LogRow) -> str | None:
        """Which way a line without a stored direction went (a failed write keeps none): towards
        the side that has no key yet (a failed insert), else the mapping's only direction."""
        if entry.outcome not in (Outcome.FAILED.value, Outcome.SKIPPED.value):
            return None
        if entry.erp_key and not entry.crm_key:
            return "to_crm"
        if entry.crm_key and not entry.erp_key:
            return "to_erp"
        direction = self.service.config.mapping(self.mapping).direction.value
        return direction if direction in ("to_crm", "to_erp") else None

    def outcome_labels(self) -> list[str]:
        return list(self._outcomes.values())

    def direction_labels(self) -> list[str]:
        return list(self._directions.values())

    def outcome_label(self, outcome: str) -> str:
        return self._outcomes.get(outcome, outcome)

    def _display(self, entry: LogRow, column: int) -> str:
        if column == self.COL_TIME:
            return local_time(entry.at)
        if column == self.COL_JOB:
            return str(entry.job_id) if entry.job_id else self.tr("by hand")
        if column == self.COL_DIRECTION:
            direction = entry.direction or self.derived_direction(entry)
            return self._directions.get(direction or "", direction or "")
        if column == self.COL_OUTCOME:
            return self.outcome_label(entry.outcome)
        if column == self.COL_MESSAGE:
            message = said(entry.message, entry.template, entry.params)
            return message.splitlines()[0] if message else ""
        return entry.user or ""


class LogView(QTableView):
    """The log grid: one line selected at a time; Enter or a double-click on a job's line emits
    `job_activated`. Its columns are sized to the first lines once, unless the person's own sizes
    were restored (`sized`)."""

    job_activated = Signal(int)

    def __init__(self, model: LogModel) -> None:
        super().__init__()
        self.log_model = model
        self.sized = False
        self.setObjectName("recordLog")
        self.setModel(model)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().setVisible(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(LogModel.COL_MESSAGE, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        self.header_fit = HeaderFit(self, stretch=LogModel.COL_MESSAGE)
        self.activated.connect(self._on_activated)  # Enter or double-click

    def show_rows(self, rows: Sequence[LogRow]) -> None:
        """The newest page of the log, keeping the selected line selected (or the newest)."""
        index = self.currentIndex()
        keep = index.data(LogRowRole).id if index.isValid() else None
        self.log_model.set_rows(rows)
        if not rows:
            return
        row = next((r for r, entry in enumerate(rows) if entry.id == keep), 0)
        self.setCurrentIndex(self.log_model.index(row, 0))
        if not self.sized:
            self.sized = True
            self.resizeColumnsToContents()  # looks at the rows in view only
            header = self.horizontalHeader()
            header.setSectionResizeMode(LogModel.COL_MESSAGE, QHeaderView.ResizeMode.Stretch)
            self._fit_words()
            self.header_fit.later()

    def _fit_words(self) -> None:
        """The outcome and direction columns as wide as their widest word, whichever lines are
        in view ("Uncoupled" is not cut to "Uncou…" because the first lines were shorter)."""
        metrics, m = self.fontMetrics(), self.log_model
        room = 2 * self.style().pixelMetric(self.style().PixelMetric.PM_HeaderMargin) + 8
        icon_room = self.iconSize().width() if self.iconSize().isValid() else 16
        for column, texts, extra in (
            (LogModel.COL_OUTCOME, m.outcome_labels(), icon_room + 8),
            (LogModel.COL_DIRECTION, m.direction_labels(), 0),
        ):
            widest = max((metrics.horizontalAdvance(t) for t in texts), default=0)
            if self.columnWidth(column) < widest + extra + room:
                self.setColumnWidth(column, widest + extra + room)

    def selected_job(self) -> int | None:
        index = self.currentIndex()
        return index.data(LogJobRole) if index.isValid() else None

    def _on_activated(self, index: QModelIndex) -> None:
        job = index.data(LogJobRole)
        if job:
            self.job_activated.emit(job)
