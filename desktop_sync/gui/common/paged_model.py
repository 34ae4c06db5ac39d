"""A table model over rows the store hands out a page at a time (keyset paging).

`reload()` reads the first page in the loader thread; while the person scrolls, Qt asks
`canFetchMore`/`fetchMore` and the next page is read from where the last one ended. A reload
supersedes whatever is still being read (each request carries the model's generation), and a
model deleted meanwhile is never touched. Subclasses say how one page is read (`read_page`, run in
the loader thread), name their columns (`headers`) and show the rows as they like.
"""

from __future__ import annotations

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

from desktop_sync.gui.common.tasks import Task, TaskRunner

NO_INDEX = QModelIndex()


class PagedTableModel(QAbstractTableModel):
    """Rows fetched so far (`rows`), and where the next page begins."""

    reloaded = Signal()
    failed = Signal(str)
    task_name = "load page"  # the loader's name for the first page (a newer one supersedes it)

    def __init__(self, loader: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.loader = loader
        self.rows: list[Any] = []
        self.loading = False
        self._next: Any = None  # where the next page begins; None when there is no more
        self._fetching = False
        self._generation = 0

    def read_page(self, start: Any) -> tuple[list[Any], Any]:
        """In the loader thread: the page beginning at `start` (None: the first) and where the
        page after it begins (None: it was the last)."""
        raise NotImplementedError

    def reload(self) -> None:
        """Read the first page again in the loader thread."""
        self._generation += 1
        generation = self._generation
        self.loading = True

        def done(page: tuple[list[Any], Any]) -> None:
            if shiboken6.isValid(self) and generation == self._generation:
                self.set_rows(*page)

        def failed(message: str) -> None:
            if shiboken6.isValid(self) and generation == self._generation:
                self.loading = False
                self.failed.emit(message)
                self.reloaded.emit()

        self.loader.submit(
            Task(
                lambda: self.read_page(None),
                done,
                failed,
                self.task_name,
                key=(self.task_name, id(self)),
            )
        )

    def set_rows(self, rows: list[Any], next_start: Any) -> None:
        """Show `rows` as the first page."""
        self._generation += 1
        self.beginResetModel()
        self.rows = list(rows)
        self._next = next_start
        self._fetching = False
        self.endResetModel()
        self.loading = False
        self.reloaded.emit()

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = NO_INDEX) -> bool:
        return not parent.isValid() and self._next is not None and not self._fetching

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = NO_INDEX) -> None:
        if not self.canFetchMore(parent):
            return
        self._fetching = True
        generation, start = self._generation, self._next

        def done(page: tuple[list[Any], Any]) -> None:
            if not shiboken6.isValid(self) or generation != self._generation:
                return
            rows, self._next = page
            self._fetching = False
            if rows:
                first = len(self.rows)
                self.beginInsertRows(NO_INDEX, first, first + len(rows) - 1)
                self.rows.extend(rows)
                self.endInsertRows()

        def failed(message: str) -> None:
            if shiboken6.isValid(self):
                self._fetching, self._next = False, None
                self.failed.emit(message)

        self.loader.submit(Task(lambda: self.read_page(start), done, failed, "load older rows"))

    def headers(self) -> tuple[str, ...]:
        """The columns' titles, in the window's language."""
        raise NotImplementedError

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = NO_INDEX) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = NO_INDEX) -> int:
        return 0 if parent.isValid() else len(self.headers())

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers()[section]
        return None
