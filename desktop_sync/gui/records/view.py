"""Records per mapping: the ERP records on one tab, the CRM records on the other, each with its
coupling state — searchable, sortable in SQL, paged like the errors grid. Enter or double-click
opens the record window."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_sync.domain import Side
from desktop_sync.gui.common.columns import HeaderFit
from desktop_sync.gui.common.filter_bar import FilterBar
from desktop_sync.gui.common.icons import icon
from desktop_sync.gui.common.tasks import TaskRunner
from desktop_sync.gui.records.model import RecordKeyRole, RecordsModel
from desktop_sync.services import Service
from desktop_sync.services.records import RecordState


class RecordListPane(QWidget):
    """The records of one side of the chosen mapping."""

    activated = Signal(str)  # the key of the record to open

    def __init__(
        self, service: Service, loader: TaskRunner, side: Side, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.service, self.loader, self.side = service, loader, side
        name = service.side_name(side)
        self.model: RecordsModel | None = None
        self.loaded = False

        self.state = QComboBox()
        self.state.setAccessibleName(self.tr("Coupling state filter"))
        self.state.addItem(self.tr("All records"), None)
        self.state.addItem(icon("couple"), self.tr("Only coupled"), RecordState.COUPLED.value)
        self.state.addItem(
            icon("uncouple"), self.tr("Only not coupled"), RecordState.NOT_COUPLED.value
        )
        self.state.addItem(icon("error"), self.tr("Only skipped"), RecordState.SKIPPED.value)
        self.filters = FilterBar([self.state], self)
        self.search, self.count = self.filters.search, self.filters.count
        self.search.setPlaceholderText(
            self.tr("Search {side} records by key or text…").format(side=name)
        )
        self.search.setAccessibleName(self.tr("Search {side} records").format(side=name))
        self.count.setAccessibleName(self.tr("Number of {side} records").format(side=name))

        self.table = QTableView()
        self.table.setObjectName(f"{side.value}RecordsTable")
        self.table.setAccessibleName(self.tr("{side} records").format(side=name))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setSortIndicatorShown(True)
        header.setSectionsClickable(True)
        header.sectionClicked.connect(self._on_header_clicked)
        self.header_fit = HeaderFit(self.table)
        # Enter and double-click both arrive as `activated`.
        self.table.activated.connect(self._on_activated)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.filters.layout)
        layout.addWidget(self.table)
        self.setFocusProxy(self.table)
        self.filters.changed.connect(self.apply_filter)

    def set_mapping(self, mapping: str) -> None:
        """Show the records of another mapping (new columns, so a new model)."""
        old = self.model
        self.model = RecordsModel(self.service, self.loader, mapping, self.side, self)
        self.model.counted.connect(self._on_counted)
        self.model.loading.connect(self._on_loading)
        self.model.failed.connect(self._on_failed)
        self.table.setModel(self.model)
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self._sized = False
        self.loaded = False
        if old is not None:
            old.deleteLater()

    def apply_filter(self) -> None:
        if self.model is not None:
            self.loaded = True
            state = self.state.currentData()
            self.model.set_filter(self.search.text(), RecordState(state) if state else None)

    def reload(self) -> None:
        if self.model is not None:
            self.loaded = True
            self.model.reload()

    def refresh(self) -> None:
        """After a change in the store or the apps: the loaded rows' states and values again."""
        if self.model is not None and self.loaded:
            self.model.refresh()

    def _on_header_clicked(self, column: int) -> None:
        model = self.model
        if model is None:
            return
        header = self.table.horizontalHeader()
        if not model.sortable(column):  # put the indicator back where the order really is
            current = model.sort_names.index(model.where.sort) if model.where.sort else 0
            order = (
                Qt.SortOrder.DescendingOrder
                if model.where.descending
                else Qt.SortOrder.AscendingOrder
            )
            header.blockSignals(True)
            header.setSortIndicator(current, order)
            header.blockSignals(False)
            return
        self.loaded = True
        model.sort(column, header.sortIndicatorOrder())

    def _on_counted(self, total: int | None) -> None:
        self._update_count()

    def _on_loading(self, loading: bool) -> None:
        self._update_count()
        if not loading and not self._sized and self.model is not None and self.model.rowCount():
            self._size_columns()

    def _update_count(self) -> None:
        model = self.model
        if model is None:
            return
        if model.total is not None:
            self.count.setText(self.tr("%n record(s)", "", model.total))
        elif model.busy:
            self.count.setText(self.tr("Looking through the records…"))
        else:  # a state filter over a big table: the total is known once the scan reaches the end
            self.count.setText(
                self.tr("%n record(s) so far; scroll for more", "", model.rowCount())
            )

    def _size_columns(self) -> None:
        self._sized = True
        self.table.resizeColumnsToContents()  # looks at the rows in view only
        header = self.table.horizontalHeader()
        for column in range(header.count() - 1):  # the last one stretches
            header.resizeSection(column, min(header.sectionSize(column), 320))

    def _on_failed(self, message: str) -> None:
        self.count.setText(self.tr("Cannot read the records: {reason}").format(reason=message))

    def _on_activated(self, index: QModelIndex) -> None:
        key = index.data(RecordKeyRole)
        if key is not None:
            self.activated.emit(key)

    def current_key(self) -> str | None:
        index = self.table.currentIndex()
        return index.data(RecordKeyRole) if index.isValid() else None


class RecordsView(QWidget):
    """A mapping chooser above two tabs: the records of each side of that mapping."""

    record_activated = Signal(str, object, str)  # mapping, side, key

    def __init__(self, service: Service, loader: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.mapping = QComboBox()
        self.mapping.setAccessibleName(self.tr("Mapping"))
        for m in service.config.mappings:
            self.mapping.addItem(m.name, m.name)
        self.mapping_label = QLabel(self.tr("&Mapping:"))
        self.mapping_label.setBuddy(self.mapping)
        self.panes = {side: RecordListPane(service, loader, side, self) for side in Side}
        self.sides = QTabWidget()
        self.sides.setAccessibleName(self.tr("Records of each app"))
        for side in Side:
            self.sides.addTab(
                self.panes[side],
                icon(side.value),
                self.tr("{side} records").format(side=service.side_name(side)),
            )
            self.panes[side].activated.connect(lambda key, side=side: self._open(side, key))
        top = QHBoxLayout()
        top.addWidget(self.mapping_label)
        top.addWidget(self.mapping, 1)
        top.addStretch(3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.sides)
        self.mapping.currentIndexChanged.connect(self._on_mapping)
        self.sides.currentChanged.connect(lambda _: self.ensure_loaded())
        self._on_mapping(load=False)

    def current_mapping(self) -> str:
        return self.mapping.currentData()

    def current_pane(self) -> RecordListPane:
        return self.sides.currentWidget()  # type: ignore[return-value]

    def select_mapping(self, name: str, side: Side | None = None) -> None:
        index = self.mapping.findData(name)
        if index >= 0:
            self.mapping.setCurrentIndex(index)
        if side is not None:
            self.sides.setCurrentWidget(self.panes[side])
        self.ensure_loaded()

    def _on_mapping(self, *_: object, load: bool = True) -> None:
        for pane in self.panes.values():
            pane.set_mapping(self.current_mapping())
        if load:
            self.ensure_loaded()

    def ensure_loaded(self) -> None:
        """Read the shown side's records the first time they are looked at."""
        if not self.isVisible():
            return
        pane = self.current_pane()
        if not pane.loaded:
            pane.apply_filter()

    def reload(self) -> None:
        """Read the shown list again from its first page (F5)."""
        self.current_pane().apply_filter()

    def refresh(self) -> None:
        """After a change: states and values of the rows already loaded, in both lists."""
        for pane in self.panes.values():
            pane.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.ensure_loaded()

    def _open(self, side: Side, key: str) -> None:
        self.record_activated.emit(self.current_mapping(), side, key)
