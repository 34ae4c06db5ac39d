"""The model of a record list: the records of one side of a mapping.

`RecordsModel` is a window over an app table: the app's database searches and sorts, a page of
rows comes at a time (keyset paging, `canFetchMore`/`fetchMore`) from the loader thread, and each
row is a frozen `RecordRow` snapshot with its coupling state. `refresh()` re-reads the loaded
rows' values and states after a change and emits `dataChanged` for the rows that changed.
"""

from __future__ import annotations

from typing import Any

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
from desktop_sync.gui.common.style import error_text
from desktop_sync.gui.common.tasks import Task, TaskRunner
from desktop_sync.gui.common.words import cell, kind_label, local_time, modified_text
from desktop_sync.services import Service
from desktop_sync.services.records import (
    PAGE,
    RecordCursor,
    RecordFilter,
    RecordPage,
    RecordRow,
    RecordState,
)

RecordKeyRole = Qt.ItemDataRole.UserRole + 1
RecordRowRole = Qt.ItemDataRole.UserRole + 2


STATE_ICONS = {
    RecordState.NOT_COUPLED: "uncouple",
    RecordState.COUPLED: "couple",
    RecordState.SKIPPED: "error",
}


# -- the records of one side ------------------------------------------------------------------


class RecordsModel(QAbstractTableModel):
    """Records of one side of one mapping, fetched a page at a time in the loader thread.

    Columns: the key, the mapping's fields on this side, last modified, then the coupling:
    state, coupled record, error, last synchronized. The app columns sort in SQL; the coupling
    columns do not sort.
    """

    loading = Signal(bool)
    counted = Signal(object)  # int, or None while a state scan has not reached the end
    failed = Signal(str)

    def __init__(
        self,
        service: Service,
        loader: TaskRunner,
        mapping: str,
        side: Side,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.service, self.loader, self.side = service, loader, side
        self.mapping = service.config.mapping(mapping)
        self.fields = [f.column(side) for f in self.mapping.value_fields]
        # The key and the coupling first (what the list is for), then the record's values.
        self.col_key, self.col_state, self.col_error, self.col_other = range(4)
        self.col_first_field = 4
        self.col_modified = self.col_first_field + len(self.fields)
        self.col_synced = self.col_modified + 1
        self.sort_names: list[str | None] = [
            self.mapping.key(side),
            None,
            None,
            None,
            *self.fields,
            self.mapping.modified(side),
            None,
        ]
        self.where = RecordFilter(self.mapping.name, side)
        self._rows: list[RecordRow] = []
        self._cursor: RecordCursor | None = None
        self._exhausted = True
        self._fetching = False
        self._wanted = 0
        self._generation = 0
        self.total: int | None = None

    # -- loading ---------------------------------------------------------------------------

    def set_filter(self, search: str, state: RecordState | None) -> None:
        self.where = RecordFilter(
            self.mapping.name, self.side, search, state, self.where.sort, self.where.descending
        )
        self.reload()

    def sortable(self, column: int) -> bool:
        return 0 <= column < len(self.sort_names) and self.sort_names[column] is not None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not self.sortable(column):
            return
        descending = order == Qt.SortOrder.DescendingOrder
        self.where = RecordFilter(
            self.mapping.name,
            self.side,
            self.where.search,
            self.where.state,
            self.sort_names[column],
            descending,
        )
        self.reload()

    def reload(self) -> None:
        """Start again from the first page, and count what the filter matches."""
        self._generation += 1
        self.beginResetModel()
        self._rows = []
        self._cursor, self._exhausted, self._fetching = None, False, False
        self.endResetModel()
        self.total = None
        self._wanted = PAGE
        self._fetch()
        generation, where = self._generation, self.where

        def counted(total: int | None) -> None:
            if generation == self._generation and (total is not None or self.total is None):
                self.total = total
                self.counted.emit(total)

        self.loader.submit(
            Task(
                lambda: self.service.count_records(where), counted, lambda m: None, "count records"
            )
        )

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._exhausted and not self._fetching

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid():
            return
        self._wanted = len(self._rows) + PAGE
        self._fetch()

    @property
    def busy(self) -> bool:
        return self._fetching

    @property
    def exhausted(self) -> bool:
        return self._exhausted

    def _fetch(self) -> None:
        if self._fetching or self._exhausted:
            return
        self._fetching = True
        self.loading.emit(True)
        generation, where, cursor = self._generation, self.where, self._cursor

        def done(page: RecordPage) -> None:
            if generation == self._generation:
                self._append(page)

        def failed(message: str) -> None:
            if generation == self._generation:
                self._fetching, self._exhausted = False, True
                self.loading.emit(False)
                self.failed.emit(message)

        self.loader.submit(
            Task(lambda: self.service.records(where, cursor, PAGE), done, failed, "load records")
        )

    def _append(self, page: RecordPage) -> None:
        if page.rows:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page.rows) - 1)
            self._rows.extend(page.rows)
            self.endInsertRows()
        self._cursor, self._exhausted, self._fetching = page.cursor, page.exhausted, False
        if self._exhausted and self.total is None:
            self.total = len(self._rows)  # a state scan reached the end: now the total is known
            self.counted.emit(self.total)
        if not self._exhausted and len(self._rows) < self._wanted:
            self._fetch()  # a state scan read its share of the table without filling the page
            return
        self.loading.emit(False)

    def refresh(self) -> None:
        """Read the loaded records again (values and coupling state); only changed rows repaint."""
        keys = [r.key for r in self._rows]
        if not keys:
            return
        generation = self._generation
        mapping, side = self.mapping.name, self.side

        def done(found: dict[str, RecordRow]) -> None:
            if generation == self._generation:
                self._apply_refresh(found)

        self.loader.submit(
            Task(
                lambda: self.service.record_rows(mapping, side, keys),
                done,
                lambda m: None,
                "refresh records",
            )
        )

    def _apply_refresh(self, found: dict[str, RecordRow]) -> None:
        for row in range(len(self._rows) - 1, -1, -1):
            current = self._rows[row]
            fresh = found.get(current.key)
            if fresh is None:  # deleted meanwhile
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._rows[row]
                self.endRemoveRows()
            elif fresh != current:
                self._rows[row] = fresh
                self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    # -- Qt's model interface ---------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.col_synced + 1

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.ToolTipRole and not self.sortable(section):
            return self.tr("This column cannot be sorted")
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        other = self.service.side_name(self.side.other)
        coupling = [
            self.tr("State"),
            self.tr("Error"),
            self.tr("Coupled to ({side})").format(side=other),
        ]
        return [
            self.tr("Key"),
            *coupling,
            *self.fields,
            self.tr("Last modified"),
            self.tr("Last synchronized"),
        ][section]

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = self._rows[index.row()], index.column()
        if role == RecordKeyRole:
            return row.key
        if role == RecordRowRole:
            return row
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == self.col_error:
            return row.error_message
        if role == Qt.ItemDataRole.DecorationRole:
            if column == self.col_state:
                return icon(STATE_ICONS[row.state])
            if column == self.col_error and row.error_kind:
                return icon(KIND_ICONS.get(row.error_kind, "error"))
        if role == Qt.ItemDataRole.ForegroundRole and column in (self.col_state, self.col_error):
            return error_text() if row.state is RecordState.SKIPPED else None
        return None

    def state_label(self, row: RecordRow) -> str:
        labels = {
            RecordState.NOT_COUPLED: self.tr("Not coupled"),
            RecordState.COUPLED: self.tr("Coupled"),
            RecordState.SKIPPED: self.tr("Skipped"),
        }
        text = labels[row.state]
        return self.tr("{state} (unfinished write)").format(state=text) if row.pending else text

    def _display(self, row: RecordRow, column: int) -> str:
        if column == self.col_key:
            return row.key
        if self.col_first_field <= column < self.col_modified:
            return cell(row.values[column - self.col_first_field])
        if column == self.col_modified:
            return modified_text(row.modified)
        if column == self.col_state:
            return self.state_label(row)
        if column == self.col_other:
            return row.other_key or ""
        if column == self.col_error:
            return kind_label(row.error_kind, self.service) if row.error_kind else ""
        return local_time(row.synced_at)

    # -- rows ------------------------------------------------------------------------------

    def row_at(self, row: int) -> RecordRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, key: str) -> int:
        return next((i for i, r in enumerate(self._rows) if r.key == key), -1)


__all__ = ["RecordKeyRole", "RecordRowRole", "RecordsModel"]
