"""The History tab: resolved errors with who resolved them, how and when, narrowed by mapping,
by who, and by a text in the message or the keys; Enter or a double-click opens the record
window on its Changes tab.

It reads the store only while it is shown: a change elsewhere marks it stale, and it reads
itself again when it is shown next (or at once when it is in view).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QSettings, Qt, Signal
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_sync.gui.common.columns import HeaderFit
from desktop_sync.gui.common.filter_bar import FilterBar
from desktop_sync.gui.common.tasks import TaskRunner
from desktop_sync.gui.history.model import (
    COL_MESSAGE,
    COL_RESOLVED_AT,
    HistoryModel,
    HistoryRowRole,
)
from desktop_sync.services import Service
from desktop_sync.services.history import HistoryFilter
from desktop_sync.services.queries import ErrorRow


class HistoryView(QWidget):
    """Resolved errors, newest resolution first."""

    record_activated = Signal(str, object, str)  # mapping, Side, key
    failed = Signal(str)

    def __init__(self, service: Service, loader: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.model = HistoryModel(service, loader, self)
        self.stale = True
        self._sized = False

        self.mapping = QComboBox()
        self.mapping.addItem("", None)
        for m in service.config.mappings:
            self.mapping.addItem(m.name, m.name)
        self.who = QLineEdit(clearButtonEnabled=True)
        self.filters = FilterBar([self.mapping], self)
        self.filters.layout.insertWidget(1, self.who, 1)
        self.who.textChanged.connect(self.filters.search_timer.start)
        self.search, self.count = self.filters.search, self.filters.count

        self.table = QTableView()
        self.table.setObjectName("historyTable")
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(COL_MESSAGE, QHeaderView.ResizeMode.Stretch)
        self.header_fit = HeaderFit(self.table, stretch=COL_MESSAGE, keep=(COL_RESOLVED_AT,))
        self.table.activated.connect(self._on_activated)  # Enter or double-click
        self.table.installEventFilter(self)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.filters.layout)
        layout.addWidget(self.table, 1)
        self.setFocusProxy(self.table)

        self.filters.changed.connect(self.apply_filter)
        self.model.reloaded.connect(self._after_reload)
        self.model.failed.connect(self.failed)
        self.retranslate()

    def retranslate(self) -> None:
        self.mapping.setItemText(0, self.tr("All mappings"))
        self.mapping.setAccessibleName(self.tr("Mapping filter"))
        self.who.setPlaceholderText(self.tr("Resolved by…"))
        self.who.setAccessibleName(self.tr("Resolved by (a person's name)"))
        self.search.setPlaceholderText(self.tr("Search messages and keys…"))
        self.search.setAccessibleName(self.tr("Search resolved errors"))
        self.count.setAccessibleName(self.tr("Number of resolved errors"))
        self.table.setAccessibleName(self.tr("Resolved synchronization errors"))
        self._show_count()

    # -- filter and reload -------------------------------------------------------------

    def current_filter(self) -> HistoryFilter:
        return HistoryFilter(
            mapping=self.mapping.currentData(),
            resolved_by=self.who.text().strip() or None,
            search=self.search.text(),
        )

    def apply_filter(self) -> None:
        where = self.current_filter()
        if where != self.model.where or self.stale:
            self.stale = False
            self.model.set_filter(where)

    def reload(self) -> None:
        """Read the first page again now."""
        self.stale = False
        self.model.where = self.current_filter()
        self.model.reload()

    def on_store_changed(self, *_: Any) -> None:
        """Something changed: read again if in view, else when shown next."""
        if self.isVisible():
            self.reload()
        else:
            self.stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.stale:
            self.reload()

    def _after_reload(self) -> None:
        self._show_count()
        if self.model.rows and not self.table.currentIndex().isValid():
            self.table.setCurrentIndex(self.model.index(0, 0))
        if self.model.rows and not self._sized:
            self._sized = True
            self.table.resizeColumnsToContents()
            self.table.horizontalHeader().setSectionResizeMode(
                COL_MESSAGE, QHeaderView.ResizeMode.Stretch
            )

    def _show_count(self) -> None:
        n = self.model.rowCount()
        more = self.model.canFetchMore()
        self.count.setText(
            self.tr("%n resolved error(s) or more", "", n)
            if more
            else self.tr("%n resolved error(s)", "", n)
        )

    # -- opening -------------------------------------------------------------------------

    def selected(self) -> ErrorRow | None:
        index = self.table.currentIndex()
        return index.data(HistoryRowRole) if index.isValid() else None

    def open_current(self) -> None:
        row = self.selected()
        record = HistoryModel.record_of(row) if row is not None else None
        if row is not None and record is not None:
            side, key = record
            self.record_activated.emit(row.mapping, side, key)

    def _on_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.table.setCurrentIndex(index)
            self.open_current()

    def eventFilter(self, watched: Any, event: Any) -> bool:
        # Enter opens the record whatever the platform's "activated" key is.
        if (
            watched is self.table
            and isinstance(event, QKeyEvent)
            and event.type() == QKeyEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self.open_current()
            return True
        return super().eventFilter(watched, event)

    # -- settings ----------------------------------------------------------------------

    def save_state(self, settings: QSettings) -> None:
        settings.setValue("history/header", self.table.horizontalHeader().saveState())

    def restore_state(self, settings: QSettings) -> None:
        header = settings.value("history/header")
        if header is not None and self.table.horizontalHeader().restoreState(header):
            self._sized = True


__all__ = ["HistoryView"]
