"""The journal of one record as a table model for the *Changes* tab: a page of entries at a time
(keyset paging by entry id, read in the loader thread), each entry's app, who, kind and its
fields' "before → after" in the mapping's labels.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from desktop_sync.domain import Side
from desktop_sync.gui.common.icons import icon
from desktop_sync.gui.common.paged_model import PagedTableModel
from desktop_sync.gui.common.style import error_text
from desktop_sync.gui.common.tasks import TaskRunner
from desktop_sync.gui.common.words import local_time, shown
from desktop_sync.services import Service
from desktop_sync.services.journal import JournalFilter, JournalRow, Page

EntryRole = Qt.ItemDataRole.UserRole + 1
CHANGES_PAGE = 200


class ChangesModel(PagedTableModel):
    """The journal entries of one record (both apps), newest first, fetched by page."""

    COL_WHEN, COL_WHO, COL_APP, COL_KIND, COL_CHANGES, COL_COMMENT = range(6)

    task_name = "load record changes"

    def __init__(
        self,
        service: Service,
        loader: TaskRunner,
        mapping: str,
        side: Side,
        key: str,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(loader, parent)
        self.service = service
        self.mapping, self.side, self.key = mapping, side, key
        self.rows: list[JournalRow] = []
        config = service.config.mapping(mapping)
        # A column's label in each app ("City" where the configuration names one).
        self._labels = {
            s: {f.column(s): f.label_on(s) for f in config.fields if f.column(s)} for s in Side
        }

    # -- reading -----------------------------------------------------------------------

    def where(self) -> JournalFilter:
        return JournalFilter(mapping=self.mapping, side=self.side, key=self.key)

    def read_page(self, start: Page | None) -> tuple[list[JournalRow], Page | None]:
        page = self.service.journal(self.where(), start or Page(CHANGES_PAGE))
        return list(page.rows), page.next

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

    def headers(self) -> tuple[str, ...]:
        return (
            self.tr("When"),
            self.tr("Who"),
            self.tr("App"),
            self.tr("Change"),
            self.tr("Before → after"),
            self.tr("Comment"),
        )

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
