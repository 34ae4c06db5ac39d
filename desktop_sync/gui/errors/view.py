"""The Coupled Data Synchronization Errors view: search, filters, the grid, the details pane."""

from __future__ import annotations

import html
from datetime import date

from PySide6.QtCore import (
    QDate,
    QItemSelection,
    QLocale,
    QModelIndex,
    QSettings,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHeaderView,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop_sync.domain import ErrorKind
from desktop_sync.gui.common.columns import HeaderFit
from desktop_sync.gui.common.filter_bar import FilterBar
from desktop_sync.gui.common.selection import select_rows
from desktop_sync.gui.common.tasks import TaskRunner
from desktop_sync.gui.common.words import kind_label, local_time, said
from desktop_sync.gui.errors.model import (
    COL_FAILED_AT,
    COL_MESSAGE,
    SORT_KEYS,
    ErrorIdRole,
    ErrorsModel,
)
from desktop_sync.services import ErrorFilter, Service
from desktop_sync.services.queries import ErrorRow, day_end


class ErrorsView(QWidget):
    """The grid of open errors with everything that narrows it."""

    selection_changed = Signal()
    activated = Signal(int)  # error id: Enter or double-click opens the record

    def __init__(self, service: Service, loader: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.model = ErrorsModel(service, loader, self)
        self._keep: set[int] = set()
        self._keep_row = 0
        self._keep_place = True  # when the selected errors are gone, select the row in their place
        self._chosen: set[int] = set()  # the errors the person selected last (not the view)
        self._selecting = False
        self._first_load = True
        self._sized = False
        self._restored_header = False

        self.mapping = QComboBox()
        self.mapping.setAccessibleName(self.tr("Mapping filter"))
        self.mapping.addItem(self.tr("All mappings"), None)
        for m in service.config.mappings:
            self.mapping.addItem(m.name, m.name)
        self.kind = QComboBox()
        self.kind.setAccessibleName(self.tr("Error kind filter"))
        self.kind.addItem(self.tr("All kinds"), None)
        for kind in ErrorKind:
            self.kind.addItem(kind_label(kind.value, service), kind.value)
        self.filters = FilterBar([self.mapping, self.kind], self)
        self.search, self.count = self.filters.search, self.filters.count
        # The dashboard's day: the errors open at its end (UTC), kept through the other choices.
        self.day: date | None = None
        self.day_chip = self.filters.add_chip()
        self.day_chip.setAccessibleName(self.tr("Day filter"))
        self.day_chip.cleared.connect(lambda: self.set_day(None))
        # Passing faults are retried by themselves: this leaves only what a person must do.
        self.needs_person = QCheckBox(self.tr("&Needs a person only"))
        self.needs_person.setToolTip(
            self.tr("Leave out the failures that are retried by themselves (passing faults)")
        )
        self.filters.layout.insertWidget(self.filters.layout.indexOf(self.count), self.needs_person)
        self.needs_person.toggled.connect(self.filters.changed)
        self.search.setPlaceholderText(self.tr("Search messages, keys, names, e-mails…"))
        self.search.setAccessibleName(self.tr("Search errors"))
        self.count.setAccessibleName(self.tr("Number of errors"))

        self.table = QTableView()
        self.table.setObjectName("errorsTable")
        self.table.setAccessibleName(self.tr("Coupled data synchronization errors"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COL_FAILED_AT, Qt.SortOrder.DescendingOrder)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)  # Tab leaves the grid; arrow keys move within it
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setResizeContentsPrecision(
            0
        )  # size columns by the rows in view, not a thousand of them
        header.setStretchLastSection(False)
        header.setSectionResizeMode(COL_MESSAGE, QHeaderView.ResizeMode.Stretch)
        # Keep a reference: a selection model connected to must outlive this call.
        self.header_fit = HeaderFit(self.table, stretch=COL_MESSAGE, keep=(COL_FAILED_AT,))
        self.selection = self.table.selectionModel()
        self.selection.selectionChanged.connect(self._on_selection)
        self.table.doubleClicked.connect(self._on_activated)

        self.details = QTextBrowser()
        self.details.setAccessibleName(self.tr("Error details"))
        self.details.setOpenLinks(False)
        self._details_dragged = False  # the person set the pane's height: keep it
        self._size_details_soon = QTimer(self, singleShot=True, interval=0)
        self._size_details_soon.timeout.connect(self.size_details)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.details)
        self.splitter.setStretchFactor(0, 4)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.splitterMoved.connect(self._on_splitter_moved)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.filters.layout)
        layout.addWidget(self.splitter)

        self.filters.changed.connect(self.apply_filter)
        self.model.reloaded.connect(self._after_reload)
        self.setFocusProxy(self.table)

    # -- filter and reload -------------------------------------------------------------

    def current_filter(self) -> ErrorFilter:
        return ErrorFilter(
            mapping=self.mapping.currentData(),
            kind=self.kind.currentData(),
            search=self.search.text(),
            needs_person=self.needs_person.isChecked(),
            open_at=day_end(self.day) if self.day is not None else None,
        )

    def set_day(self, day: date | None, apply: bool = True) -> None:
        """List only the errors open at the end of `day` (a UTC day, as the dashboard's bar
        counts them: those resolved since too), or again the errors open now (None)."""
        self.day = day
        if day is None:
            self.day_chip.hide()
        else:
            label = QLocale().toString(QDate(day.year, day.month, day.day), "d MMM")
            self.day_chip.show_condition(
                self.tr("Open at the end of {day}").format(day=label),
                self.tr("Errors open at the end of {day}; press to clear").format(day=label),
                self.tr(
                    "Listing the errors open at the end of {day} (UTC), those resolved since "
                    "included. Press to list the errors open now."
                ).format(day=label),
            )
        if apply:
            self.apply_filter()

    def apply_filter(self) -> None:
        where = self.current_filter()
        if where == self.model.where:
            return
        self._remember_selection()
        if self._chosen:  # what the person chose stays chosen through searches that hide it
            self._keep = set(self._chosen)
        self.model.set_filter(where)

    def reload(self, keep_place: bool = True) -> None:
        """Read the store again, keeping the selection where the same errors still are. When they
        are gone, the row in their place is selected — unless `keep_place` is False (someone else
        resolved them: an error the person did not choose must not end up selected)."""
        self._remember_selection()
        self._keep_place = keep_place
        self.model.reload()

    def _remember_selection(self) -> None:
        self._keep = set(self.selected_ids())
        self._keep_place = True
        rows = self.selection.selectedRows()
        self._keep_row = min((i.row() for i in rows), default=self.table.currentIndex().row())

    def _after_reload(self) -> None:
        total = self.model.rowCount()
        self.count.setText(self.tr("%n error(s)", "", total))
        if total and not self._sized:
            self._sized = True
            if not self._restored_header:
                self.table.resizeColumnsToContents()  # looks at the rows in view only
                self.table.horizontalHeader().setSectionResizeMode(
                    COL_MESSAGE, QHeaderView.ResizeMode.Stretch
                )
        rows = self.model.rows_of(self._keep)
        if not rows and total and ((self._keep and self._keep_place) or self._first_load):
            rows = [min(max(self._keep_row, 0), total - 1)]  # the same place, when they are gone
        self._first_load = False
        self._selecting = True  # the view selects: not the person's choice
        try:
            self._select_rows(rows)
            self._on_selection()
        finally:
            self._selecting = False

    def _select_rows(self, rows: list[int]) -> None:
        select_rows(self.table, rows, scroll=True)

    # -- selection ---------------------------------------------------------------------

    def selected_ids(self) -> list[int]:
        return [index.data(ErrorIdRole) for index in self.selection.selectedRows()]

    def selected_errors(self) -> list[ErrorRow]:
        rows = [self.model.error_at(index.row()) for index in self.selection.selectedRows()]
        return [r for r in rows if r is not None]

    def select_ids(self, ids: set[int]) -> None:
        self._select_rows(self.model.rows_of(ids))

    def _on_selection(self, *_: QItemSelection) -> None:
        if not self._selecting and self.selected_ids():
            self._chosen = set(self.selected_ids())
        errors = self.selected_errors()
        if len(errors) == 1:
            self.details.setHtml(self._details_html(errors[0]))
        elif errors:
            self.details.setPlainText(self.tr("%n errors selected.", "", len(errors)))
        else:
            self.details.setPlainText(
                self.tr("Select an error to see its whole message and details.")
            )
        self._size_details_soon.start()
        self.selection_changed.emit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._size_details_soon.start()

    def _on_splitter_moved(self, *_: int) -> None:
        self._details_dragged = True

    def size_details(self) -> None:
        """The details pane as tall as what it shows (up to half the view), unless the person
        set its height by dragging."""
        total = sum(self.splitter.sizes())
        if self._details_dragged or total <= 0:
            return
        document = self.details.document()
        document.setTextWidth(self.details.viewport().width())
        frame = self.details.frameWidth() * 2 + int(document.documentMargin())
        wanted = int(document.size().height()) + frame + 2
        lines = self.details.fontMetrics().lineSpacing()
        height = max(3 * lines, min(wanted, total // 2))
        self.splitter.setSizes([total - height, height])

    def _on_activated(self, index: QModelIndex) -> None:
        self.activated.emit(index.data(ErrorIdRole))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if (
            event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and self.table.currentIndex().isValid()
        ):
            self.activated.emit(self.table.currentIndex().data(ErrorIdRole))
            return
        super().keyPressEvent(event)

    def _details_html(self, e: ErrorRow) -> str:
        esc = html.escape
        detail = f"<pre>{esc(e.detail)}</pre>" if e.detail else ""
        states = [t for t in (self.model.held_text(e), self.model.retry_tip(e)) if t]
        if states:
            detail = "".join(f"<p><i>{esc(t)}</i></p>" for t in states) + detail
        failed_on, job = (
            self.tr("failed on"),
            self.tr("job"),
        )  # outside the f-string, where lupdate sees them
        return (
            f"<p><b>{esc(kind_label(e.kind, self.service))}</b> — {esc(e.mapping)} · "
            f"{esc(failed_on)} {esc(local_time(e.failed_at))} · {esc(job)} {e.job_id or '–'}</p>"
            f"<p>{esc(said(e.message, e.template, e.params))}</p>{detail}"
        )

    # -- settings ----------------------------------------------------------------------

    def save_state(self, settings: QSettings) -> None:
        settings.setValue("errors/header", self.table.horizontalHeader().saveState())
        settings.setValue("errors/splitter", self.splitter.saveState())

    def restore_state(self, settings: QSettings) -> None:
        header = settings.value("errors/header")
        if header is not None and self.table.horizontalHeader().restoreState(header):
            self._restored_header = True
            view_header = self.table.horizontalHeader()
            self.model.sort_key = SORT_KEYS[view_header.sortIndicatorSection()]
            self.model.descending = view_header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
        splitter = settings.value("errors/splitter")
        if splitter is not None and self.splitter.restoreState(splitter):
            self._details_dragged = True
