"""Pick a record of one app to couple to: search, a page of results, and what to do then.

Only records not coupled yet are listed, unless the person asks to see all (a coupled one cannot
be picked: its coupling must go first). The columns carry the fields' labels; Couple says why it
is not available yet.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_sync.domain import Side
from desktop_sync.gui.common.icons import icon
from desktop_sync.gui.common.words import cell
from desktop_sync.services import Service, describe_failure

SEARCH_DELAY_MS = 250
PAGE = 50
SEARCHED = 4 * PAGE  # records read per search, of which the coupled ones may be left out


class CoupleDialog(QDialog):
    """Choose a record of `side` in `mapping`; returns its key and the side to synchronize from."""

    def __init__(
        self, service: Service, mapping: str, side: Side, about: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.service, self.mapping_name, self.side = service, mapping, side
        self.mapping = service.config.mapping(mapping)
        name = service.side_name(side)
        self.setWindowTitle(self.tr("Couple to a {side} record").format(side=name))
        self.setWindowIcon(icon("set-up-coupling"))
        self.resize(760, 460)

        intro = QLabel(about)
        intro.setWordWrap(True)
        self.search = QLineEdit(
            placeholderText=self.tr("Search {side} records by key or text…").format(side=name)
        )
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(self.tr("Search records"))
        shown_fields = [f for f in self.mapping.value_fields if f.column(side)]
        self.columns = [self.mapping.key(side)] + [f.column(side) or "" for f in shown_fields]
        labels = [self.mapping.key(side)] + [f.label_on(side) for f in shown_fields]
        self.results = QTableWidget(0, len(self.columns) + 1)
        self.results.setAccessibleName(self.tr("Matching records"))
        self.results.setHorizontalHeaderLabels([*labels, self.tr("Coupled to")])
        self.results.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results.verticalHeader().setVisible(False)
        self.results.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.results.setTabKeyNavigation(False)
        self.status = QLabel()
        self.show_all = QCheckBox(self.tr("Show &coupled records too"))
        self.show_all.setToolTip(
            self.tr("A coupled record cannot be picked; its coupling must be removed first")
        )
        self.show_all.toggled.connect(lambda _on: self.run_search())
        self.reason = QLabel()
        self.reason.setObjectName("coupleReason")
        self.reason.setWordWrap(True)

        self.no_sync = QRadioButton(self.tr("Compare at the next synchronization"))
        self.from_other = QRadioButton(
            self.tr("Copy values from {side} now").format(side=service.side_name(side.other))
        )
        self.from_this = QRadioButton(self.tr("Copy values from {side} now").format(side=name))
        group = QButtonGroup(self)
        options = QHBoxLayout()
        for button in (self.no_sync, self.from_other, self.from_this):
            group.addButton(button)
            options.addWidget(button)
        self.no_sync.setChecked(True)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("Couple"))
        self.ok.setEnabled(False)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.show_all)
        layout.addLayout(top)
        layout.addWidget(self.results)
        layout.addWidget(self.status)
        layout.addLayout(options)
        layout.addWidget(self.reason)
        layout.addWidget(buttons)

        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.run_search)
        self.search.textChanged.connect(self._timer.start)
        self.results.itemSelectionChanged.connect(self._update_ok)
        self.results.doubleClicked.connect(self._accept_if_chosen)
        self.run_search()

    def run_search(self) -> None:
        """One page of matches (the store and app are asked for no more than that)."""
        try:
            records = self.service.search_records(
                self.mapping_name, self.side, self.search.text(), SEARCHED
            )
            coupled = self.service.coupled_keys(
                self.mapping_name, self.side, [r.key for r in records]
            )
        except Exception as exc:  # noqa: BLE001 - shown, not raised
            self.status.setText(
                self.tr("Cannot search: {reason}").format(reason=describe_failure(exc))
            )
            return
        found = len(records)
        if not self.show_all.isChecked():
            records = [r for r in records if not coupled.get(r.key)]
        records = records[:PAGE]
        self.results.setRowCount(len(records))
        for row, record in enumerate(records):
            for column, name in enumerate(self.columns):
                self.results.setItem(row, column, QTableWidgetItem(cell(record.values.get(name))))
            other = coupled.get(record.key)
            item = QTableWidgetItem(other or "")
            if other:
                item.setToolTip(self.tr("Already coupled; remove that coupling first"))
            self.results.setItem(row, len(self.columns), item)
            key_item = self.results.item(row, 0)
            if key_item is not None:
                key_item.setData(Qt.ItemDataRole.UserRole, None if other else record.key)
                key_item.setData(Qt.ItemDataRole.UserRole + 1, other)
        more = (
            self.tr(" (first {n}; search to narrow)").format(n=PAGE)
            if found >= SEARCHED or len(records) == PAGE
            else ""
        )
        self.status.setText(self.tr("%n record(s)", "", len(records)) + more)
        self._update_ok()

    def _update_ok(self) -> None:
        """Couple is available once an uncoupled record is selected; else the reason shows."""
        rows = self.results.selectionModel().selectedRows()
        other = rows[0].data(Qt.ItemDataRole.UserRole + 1) if rows else None
        why = (
            self.tr("Select the record to couple to.")
            if not rows
            else self.tr(
                "That record is coupled to {key} already; remove that coupling first."
            ).format(key=other)
            if other
            else ""
        )
        self.ok.setEnabled(not why)
        self.ok.setToolTip(why)
        self.reason.setText(why)

    def _accept_if_chosen(self) -> None:
        if self.selected_key():
            self.accept()

    def selected_key(self) -> str | None:
        rows = self.results.selectionModel().selectedRows()
        return rows[0].data(Qt.ItemDataRole.UserRole) if rows else None

    def sync_from(self) -> Side | None:
        if self.from_other.isChecked():
            return self.side.other
        if self.from_this.isChecked():
            return self.side
        return None
