"""The journal of one record as a table model for the *Changes* tab: a page of entries at a time
(keyset paging by entry id, read in the loader thread), each entry's app, who, kind and its
fields' "before → after" in the mapping's labels.
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

from desktop_sync.domain import Side
from desktop_sync.gui.common.icons import icon
from desktop_sync.gui.common.style import error_text
from desktop_sync.gui.common.tasks import Task, TaskRunner
from desktop_sync.gui.common.words import local_time, shown
from desktop_sync.services import Service
from desktop_sync.services.journal import JournalFilter, JournalPage, JournalRow, Page

EntryRole = Qt.ItemDataRole.UserRole + 1
CHANGES_PAGE = 200


class ChangesModel(QAbstractTableModel):
    """The journal entries of one record (both apps), newest first, fetched by page."""

    COL_WHEN, COL_WHO, COL_APP, COL_KIND, COL_CHANGES, COL_COMMENT = range(6)

    reloaded = Signal()
    failed = Signal(str)

    def __init__(
        self,
        service: Service,
        loader: TaskRunner,
        mapping: str,
        side: Side,
        key: str,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.service, self.loader = service, loader
        self.mapping, self.side, self.key = mapping, side, key
        self.rows: list[JournalRow] = []
        self.loading = False
        self._next: Page | None = None
        self._fetching = False
        self._generation = 0
        config = service.config.mapping(mapping)
        # A column's label in each app ("City" where the configuration names one).
        self._labels = {
            s: {f.column(s): f.label_on(s) for f in config.fields if f.column(s)} for s in Side
        }

    # -- reading -----------------------------------------------------------------------

    def where(self) -> JournalFilter:
        return JournalFilter(mapping=self.mapping, side=self.side, key=self.key)

    def reload(self) -> None:
        """Read the newest page again in the loader thread."""
        self._generation += 1
        generation, where = self._generation, self.where()
        self.loading = True

        def done(page: JournalPage) -> None:
            if shiboken6.isValid(self) and generation == self._generation:
                self.set_page(page)

        def failed(message: str) -> None:
            if shiboken6.isValid(self) and generation == self._generation:
                self.loading = False
                self.failed.emit(message)
                self.reloaded.emit()

        self.loader.submit(
            Task(
                lambda: self.service.journal(where, Page(CHANGES_PAGE)),
                done,
                failed,
                "load record changes",
                key=("changes", id(self)),
            )
        )

    def set_page(self, page: JournalPage) -> None:
        self._generation += 1
        self.beginResetModel()
        self.rows = list(page.rows)
        self._next = page.next
        self._fetching = False
        self.endResetModel()
        self.loading = False
        self.reloaded.emit()

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._next is not None and not self._fetching

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent) or self._next is None:
            return
        self._fetching = True
        generation, where, page = self._generation, self.where(), self._next

        def done(found: JournalPage) -> None:
            if not shiboken6.isValid(self) or generation != self._generation:
                return
            self._fetching = False
            self._next = found.next
            if found.rows:
                first = len(self.rows)
                self.beginInsertRows(QModelIndex(), first, first + len(found.rows) - 1)
                self.rows.extend(found.rows)
                self.endInsertRows()

        def failed(message: str) -> None:
            if shiboken6.isValid(self):
                self._fetching, self._next = False, None
                self.failed.emit(message)

        self.loader.submit(
            Task(
                lambda: self.service.journal(where, page),
                done,
                failed,
                "load older record changes",
            )
        )

    # -- words -------------------------------------------------------------------------

    def label(self, side: Side, column: str) -> str:
        return self._labels[side].get(column, column)

    def app_name(self, entry: JournalRow) -> str:
        return self.service.side_name(Side(entry.side))

    def who(self, entry: JournalRow) -> str:
        if entry.rule:
            return self.tr("rule “{name}”").format(name=entry.rule)
        if entry.action == "sync" and entry.job_id is not None:
            return self.tr("job {id}").format(id=entry.job_id)
        return entry.user

    def kind_word(self, entry: JournalRow) -> str:
        words = {
            "insert": self.tr("Inserted"),
            "update": self.tr("Updated"),
            "delete": self.tr("Deleted"),
            "archive": self.tr("Archived"),
        }
        how = {
            "sync": "",
            "rule": "",
            "synchronize": self.tr("Synchronize"),
            "restore": self.tr("Restore Records"),
            "delete": self.tr("Delete Records"),
            "coupled": self.tr("Couple"),
            "undo": self.tr("Undo"),
        }.get(entry.action, entry.action)
        kind = words.get(entry.kind, entry.kind)
        return self.tr("{kind} ({how})").format(kind=kind, how=how) if how else kind

    def change_lines(self, entry: JournalRow) -> list[str]:
        """ "City: Molde → Oslo" for every field the write changed."""
        side = Side(entry.side)
        return [
            self.tr("{field}: {before} → {after}").format(
                field=self.label(side, column), before=shown(before), after=shown(after)
            )
            for column, before, after in entry.changes()
        ]

    # -- Qt's model interface -----------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 6

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (
                self.tr("When"),
                self.tr("Who"),
                self.tr("App"),
                self.tr("Change"),
                self.tr("Before → after"),
                self.tr("Comment"),
            )[section]
        return None

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid():
            return None
        entry, column = self.rows[index.row()], index.column()
        if role == EntryRole:
            return entry
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._display(entry, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.COL_CHANGES:
                return "\n".join(self.change_lines(entry))
            if column == self.COL_WHO and entry.action == "sync":
                return self.tr("A job's own write: it is not undone by hand")
            if column == self.COL_COMMENT and entry.comment:
                return entry.comment
        if role == Qt.ItemDataRole.DecorationRole and column == self.COL_APP:
            return icon(Side(entry.side).value)
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and column == self.COL_KIND
            and entry.kind == "delete"
        ):
            return error_text()
        return None

    def _display(self, entry: JournalRow, column: int) -> str:
        if column == self.COL_WHEN:
            return local_time(entry.at)
        if column == self.COL_WHO:
            return self.who(entry)
        if column == self.COL_APP:
            return self.app_name(entry)
        if column == self.COL_KIND:
            return self.kind_word(entry)
        if column == self.COL_CHANGES:
            return "; ".join(self.change_lines(entry))
        return entry.comment or ""
