"""The Job Queue view: every entry (mapping, status, interval, next and last run, last result, the
runner holding it), with a toolbar that `queue.actions.QueueActions` fills. Reloads keep the
selected entries selected.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QItemSelection, QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from desktop_sync.gui.common.columns import HeaderFit
from desktop_sync.gui.common.selection import select_rows
from desktop_sync.gui.common.tasks import TaskRunner
from desktop_sync.gui.queue.model import COL_LAST_RESULT, QueueEntryIdRole, QueueModel
from desktop_sync.services import Service
from desktop_sync.services.queue_rows import QueueEntryRow


class QueueView(QWidget):
    """The job queue entries with the view's toolbar; reloads keep the selected entries selected."""

    selection_changed = Signal()

    def __init__(self, service: Service, loader: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.model = QueueModel(service, loader, self)
        self._keep: set[int] = set()
        self._first_load = True

        self.toolbar = QToolBar()
        self.toolbar.setObjectName("queueToolbar")
        self.toolbar.setAccessibleName(self.tr("Job queue actions"))
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.caption = QLabel()
        self.caption.setObjectName("queueCaption")
        self.caption.setAccessibleName(self.tr("How this window runs the job queue"))
        self.caption.setWordWrap(True)
        self.caption.setContentsMargins(6, 2, 6, 4)

        self.table = QTableView()
        self.table.setObjectName("queueTable")
        self.table.setAccessibleName(self.tr("Job queue entries"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )  # a few rows: cheap to measure
        header.setStretchLastSection(False)
        header.setSectionResizeMode(COL_LAST_RESULT, QHeaderView.ResizeMode.Stretch)
        self.header_fit = HeaderFit(self.table, stretch=COL_LAST_RESULT)
        # Keep a reference: a selection model connected to must outlive this call.
        self.selection = self.table.selectionModel()
        self.selection.selectionChanged.connect(self._on_selection)

        self.empty = QLabel(
            self.tr(
                "The job queue has no entries yet. A window that runs the job queue creates one "
                "per mapping the first time it looks, and so does desktop-sync worker."
            )
        )
        self.empty.setObjectName("queueEmpty")
        self.empty.setWordWrap(True)
        self.empty.setContentsMargins(6, 6, 6, 6)
        self.empty.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.caption)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        self.model.reloaded.connect(self._after_reload)
        self.setFocusProxy(self.table)

    # -- reload ------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the entries again; the same entries stay selected."""
        self._keep = set(self.selected_ids())
        self.model.reload()

    def _after_reload(self) -> None:
        total = self.model.rowCount()
        self.empty.setVisible(total == 0)
        rows = self.model.rows_of(self._keep)
        if not rows and total and self._first_load:
            rows = [0]
        if total:
            self._first_load = False
        if rows != sorted(i.row() for i in self.selection.selectedRows()):
            self._select_rows(rows)
        self._on_selection()

    def _select_rows(self, rows: Sequence[int]) -> None:
        select_rows(self.table, rows)

    # -- selection ---------------------------------------------------------------------

    def selected_ids(self) -> list[int]:
        return [index.data(QueueEntryIdRole) for index in self.selection.selectedRows()]

    def selected_entries(self) -> list[QueueEntryRow]:
        """The selected entries as last read (the rows of a reload replace them in place)."""
        rows = sorted(index.row() for index in self.selection.selectedRows())
        return [e for e in (self.model.entry_at(r) for r in rows) if e is not None]

    def select_ids(self, ids: set[int]) -> None:
        self._select_rows(self.model.rows_of(ids))

    def _on_selection(self, *_: QItemSelection) -> None:
        self.selection_changed.emit()

    # -- settings ----------------------------------------------------------------------

    def save_state(self, settings: QSettings) -> None:
        settings.setValue("queue/header", self.table.horizontalHeader().saveState())

    def restore_state(self, settings: QSettings) -> None:
        state = settings.value("queue/header")
        if state is not None:
            self.table.horizontalHeader().restoreState(state)
