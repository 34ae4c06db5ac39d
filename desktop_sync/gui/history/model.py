"""The History tab's model: resolved errors, most recently resolved first, a page at a time.

The store filters and orders (`Service.history`, keyset paging on (resolved at, id)); the model
holds the rows fetched so far and asks for the next page in the loader thread while the person
scrolls (`canFetchMore`/`fetchMore`). Rows are the service's frozen `ErrorRow`s.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from desktop_sync.domain import Side
from desktop_sync.gui.common.icons import KIND_ICONS, icon
from desktop_sync.gui.common.paged_model import PagedTableModel
from desktop_sync.gui.common.tasks import TaskRunner
from desktop_sync.gui.common.words import kind_label, local_time, said
from desktop_sync.services import Service
from desktop_sync.services.history import HistoryFilter
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
HistoryRowRole = Qt.ItemDataRole.UserRole + 1
HISTORY_PAGE = 200


class HistoryModel(PagedTableModel):
    """Resolved errors matching a `HistoryFilter`, newest resolution first, fetched by page."""

    task_name = "load history"

    def __init__(self, service: Service, loader: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(loader, parent)
        self.service = service
        self.where = HistoryFilter()
        self.rows: list[ErrorRow] = []

    # -- reading -----------------------------------------------------------------------

    def set_filter(self, where: HistoryFilter) -> None:
        self.where = where
        self.reload()

    def read_page(self, start: tuple[datetime, int] | None) -> tuple[list[ErrorRow], Any]:
        page = self.service.history(self.where, HISTORY_PAGE, start)
        return list(page.rows), page.next_after

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

    def headers(self) -> tuple[str, ...]:
        return (
            self.tr("Resolved on"),
            self.tr("Resolved by"),
            self.tr("How"),
            self.tr("Mapping"),
            self.tr("Record"),
            self.tr("Error"),
            self.tr("Message"),
        )

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
