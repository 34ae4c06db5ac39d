"""The History tab's model: resolved errors, most recently resolved first, a page at a time.

The store filters and orders (`Service.history`, keyset paging on (resolved at, id)); the model
holds the rows fetched so far and asks for the next page in the loader thread while the person
scrolls (`canFetchMore`/`fetchMore`). Rows are the service's frozen `ErrorRow`s.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import shiboken6
from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from desktop_sync.domain import Side
from desktop_sync.gui.common.icons import KIND_ICONS, icon
from desktop_sync.gui.common.tasks import Task, TaskRunner
from desktop_sync.gui.common.words import kind_label, local_time, said
from desktop_sync.services import Service
from desktop_sync.services.history import HistoryFilter, HistoryPage
from desktop_sync.services.queries import ErrorRow

(
    COL_RESOLVED_AT,
    COL_WHO,
    COL_HOW,
    COL_MAPPING,
    COL_RECORD,
    COL_KIND,
    COL_MESSAGE,
) = range(7)
COLUMNS = 7
HistoryRowRole = Qt.ItemDataRole.UserRole + 1
HISTORY_PAGE = 200


class HistoryModel(QAbstractTableModel):
    """Resolved errors matching a `HistoryFilter`, newest resolution first, fetched by page."""

    reloaded = Signal()
    failed = Signal(str)

    def __init__(self, service: Service, loader: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.service, self.loader = service, loader
        self.where = HistoryFilter()
        self.rows: list[ErrorRow] = []
        self.loading = False
        self._after: tuple[datetime, int] | None = None
        self._fetching = False
        self._generation = 0

    # -- reading -----------------------------------------------------------------------

    def set_filter(self, where: HistoryFilter) -> None:
        self.where = where
        self.reload()

    def reload(self) -> None:
        """Read the first page again in the loader thread (a newer request supersedes it)."""
        self._generation += 1
        generation, where = self._generation, self.where
        self.loading = True

        def done(page: HistoryPage) -> None:
            if shiboken6.isValid(self) and generation == self._generation:
                self.set_page(page)

        def failed(message: str) -> None:
            if shiboken6.isValid(self) and generation == self._generation:
                self.loading = False
                self.failed.emit(message)
                self.reloaded.emit()

        self.loader.submit(
            Task(
                lambda: self.service.history(where, HISTORY_PAGE),
                done,
                failed,
                "load history",
                key=("history", id(self)),
            )
        )

    def set_page(self, page: HistoryPage) -> None:
        self._generation += 1
        self.beginResetModel()
        self.rows = list(page.rows)
        self._after = page.next_after
        self._fetching = False
        self.endResetModel()
        self.loading = False
        self.reloaded.emit()

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._after is not None and not self._fetching

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        self._fetching = True
        generation, where, after = self._generation, self.where, self._after

        def done(page: HistoryPage) -> None:
            if not shiboken6.isValid(self) or generation != self._generation:
                return
            self._fetching = False
            self._after = page.next_after
            if page.rows:
                first = len(self.rows)
                self.beginInsertRows(QModelIndex(), first, first + len(page.rows) - 1)
                self.rows.extend(page.rows)
                self.endInsertRows()

        def failed(message: str) -> None:
            if shiboken6.isValid(self):
                self._fetching, self._after = False, None
                self.failed.emit(message)

        self.loader.submit(
            Task(
                lambda: self.service.history(where, HISTORY_PAGE, after),
                done,
                failed,
                "load older history",
            )
        )

    # -- words -------------------------------------------------------------------------

    def how(self, resolution: str | None) -> str:
        """A resolution ("synchronize", "restore", …) as the action's name."""
        words = {
            "retry": self.tr("Retry"),
            "retried": self.tr("Retried"),
            "remove-coupling": self.tr("Remove Coupling"),
            "synchronize": self.tr("Synchronize"),
            "restore": self.tr("Restore Records"),
            "delete": self.tr("Delete Records"),
            "set-up-coupling": self.tr("Set Up Coupling"),
            "undo": self.tr("Undo"),
            "sync": self.tr("Synchronization"),
            "rule": self.tr("Rule"),
        }
        return words.get(resolution or "", resolution or "")

    @staticmethod
    def record_of(row: ErrorRow) -> tuple[Side, str] | None:
        """The record a resolved error opens: its ERP record, else its CRM record."""
        if row.erp_key:
            return Side.ERP, row.erp_key
        if row.crm_key:
            return Side.CRM, row.crm_key
        return None

    def record_text(self, row: ErrorRow) -> str:
        parts = [
            f"{self.service.side_name(side)} {key}"
            for side, key in ((Side.ERP, row.erp_key), (Side.CRM, row.crm_key))
            if key
        ]
        return " ↔ ".join(parts)

    # -- Qt's model interface -----------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMNS

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (
                self.tr("Resolved on"),
                self.tr("Resolved by"),
                self.tr("How"),
                self.tr("Mapping"),
                self.tr("Record"),
                self.tr("Error"),
                self.tr("Message"),
            )[section]
        return None

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid():
            return None
        row, column = self.rows[index.row()], index.column()
        if role == HistoryRowRole:
            return row
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == COL_MESSAGE:
                return said(row.message, row.template, row.params)
            if column == COL_RECORD:
                return self.tr("Enter or double-click opens the record's changes")
        if role == Qt.ItemDataRole.DecorationRole and column == COL_KIND:
            return icon(KIND_ICONS.get(row.kind, "error"))
        return None

    def _display(self, row: ErrorRow, column: int) -> str:
        if column == COL_RESOLVED_AT:
            return local_time(row.resolved_at)
        if column == COL_WHO:
            return row.resolved_by or ""
        if column == COL_HOW:
            return self.how(row.resolution)
        if column == COL_MAPPING:
            return row.mapping
        if column == COL_RECORD:
            return self.record_text(row)
        if column == COL_KIND:
            return kind_label(row.kind, self.service)
        message = said(row.message, row.template, row.params)
        return message.splitlines()[0] if message else ""
