"""The Synchronize dialog: both versions of a record beside the last synchronized values.

One row per mapped field. Fields that differ are highlighted and the side that changed each
one is marked. The person picks the winning side for the whole record or overrides per field;
the result column shows what both apps will hold. A side a field may not be written from is
shown but not offered. The dialog decides only: it returns the choice, the service applies it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QFont, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_sync.domain import Side
from desktop_sync.gui.common.icons import icon
from desktop_sync.gui.common.style import changed_background, differs_background
from desktop_sync.services import FieldDiff, RecordComparison, Service

COL_FIELD, COL_BASE, COL_ERP, COL_CRM, COL_USE, COL_RESULT = range(6)
# Highlights: amber where the two apps disagree, blue where a side changed since the last
# synchronization; each chosen for the palette's light or dark scheme (see gui/style.py).


def shown(value: Any) -> str:
    return "—" if value is None else str(value)


class SynchronizeDialog(QDialog):
    """Choose which version of a record both apps get."""

    def __init__(
        self, comparison: RecordComparison, service: Service, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.comparison, self.service = comparison, service
        error = comparison.error
        erp, crm = service.side_name(Side.ERP), service.side_name(Side.CRM)
        self.setWindowTitle(
            self.tr("Synchronize {mapping} {key}").format(
                mapping=error.mapping, key=error.erp_key or error.crm_key
            )
        )
        self.setWindowIcon(icon("synchronize"))
        self.resize(920, 420)

        intro = QLabel(
            self.tr(
                "<b>{erp}</b> record {erp_key} and <b>{crm}</b> record {crm_key}.<br>{message}"
            ).format(
                erp=erp,
                crm=crm,
                erp_key=error.erp_key or "—",
                crm_key=error.crm_key or "—",
                message=error.message,
            )
        )
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.RichText)

        self.use_erp = QRadioButton(self.tr("Use the {side} version").format(side=erp))
        self.use_crm = QRadioButton(self.tr("Use the {side} version").format(side=crm))
        self.per_field = QRadioButton(self.tr("Choose per field"))
        self.whole = QButtonGroup(self)
        for button in (self.use_erp, self.use_crm, self.per_field):
            self.whole.addButton(button)
        choice = QHBoxLayout()
        for button in (self.use_erp, self.use_crm, self.per_field):
            choice.addWidget(button)
        choice.addStretch()

        self.table = QTableWidget(len(comparison.fields), 6)
        self.table.setAccessibleName(self.tr("Fields of both versions"))
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Field"),
                self.tr("Last synchronized"),
                erp,
                crm,
                self.tr("Use"),
                self.tr("Both apps will hold"),
            ]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(
            COL_USE, QHeaderView.ResizeMode.ResizeToContents
        )
        self.choosers: dict[str, QComboBox] = {}
        for row, diff in enumerate(comparison.fields):
            self._fill_row(row, diff)

        legend = QLabel(
            self.tr(
                "Highlighted rows differ between the apps; a blue value changed since the last "
                "synchronization. A side a field may not be written from is not offered."
            )
        )
        legend.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Apply | QDialogButtonBox.StandardButton.Cancel
        )
        self.apply_button = self.buttons.button(QDialogButtonBox.StandardButton.Apply)
        self.apply_button.setDefault(True)
        self.apply_button.clicked.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(choice)
        layout.addWidget(self.table)
        layout.addWidget(legend)
        layout.addWidget(self.buttons)

        self.use_erp.toggled.connect(lambda on: on and self._choose_all(Side.ERP))
        self.use_crm.toggled.connect(lambda on: on and self._choose_all(Side.CRM))
        self._preselect()
        self._update()

    def _fill_row(self, row: int, diff: FieldDiff) -> None:
        name = (
            diff.erp_column
            if diff.erp_column == diff.crm_column
            else f"{diff.erp_column} / {diff.crm_column}"
        )
        cells = [name, shown(diff.base), shown(diff.erp), shown(diff.crm)]
        text_color = QBrush(self.palette().color(QPalette.ColorRole.Text))
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if diff.differs:
                item.setBackground(QBrush(differs_background(self.palette())))
                item.setForeground(text_color)
            changed = (column == COL_ERP and diff.erp_changed) or (
                column == COL_CRM and diff.crm_changed
            )
            if changed and diff.differs:
                item.setBackground(QBrush(changed_background(self.palette())))
                item.setToolTip(self.tr("Changed since the last synchronization"))
                font = QFont(item.font())
                font.setBold(True)
                item.setFont(font)
            self.table.setItem(row, column, item)
        self.table.setItem(row, COL_RESULT, QTableWidgetItem())
        if not diff.differs:
            self.table.setItem(row, COL_USE, QTableWidgetItem(self.tr("same in both")))
            return
        chooser = QComboBox()
        chooser.setAccessibleName(self.tr("Version to use for {field}").format(field=name))
        for side in diff.can_win:
            chooser.addItem(
                self.service.side_name(side), side.value
            )  # Qt keeps a str, not the enum
        chooser.currentIndexChanged.connect(self._on_field_choice)
        self.choosers[diff.name] = chooser
        self.table.setCellWidget(row, COL_USE, chooser)

    def _preselect(self) -> None:
        """Start from the side that changed; a person still has to press Apply."""
        changed_erp = any(d.erp_changed and d.differs for d in self.comparison.fields)
        changed_crm = any(d.crm_changed and d.differs for d in self.comparison.fields)
        if changed_crm and not changed_erp:
            self.use_crm.setChecked(True)
        else:
            self.use_erp.setChecked(True)

    def _choose_all(self, side: Side) -> None:
        for chooser in self.choosers.values():
            index = chooser.findData(side.value)
            chooser.blockSignals(True)
            chooser.setCurrentIndex(index if index >= 0 else 0)
            chooser.blockSignals(False)
        self._update()

    def _on_field_choice(self) -> None:
        sides = {Side(c.currentData()) for c in self.choosers.values()}
        wanted = {Side.ERP: self.use_erp, Side.CRM: self.use_crm}
        button = wanted.get(sides.pop()) if len(sides) == 1 else None
        (button or self.per_field).setChecked(True)
        self._update()

    def _update(self) -> None:
        """The preview: what both apps will hold once applied."""
        for row, diff in enumerate(self.comparison.fields):
            item = self.table.item(row, COL_RESULT)
            chooser = self.choosers.get(diff.name)
            if chooser is None:
                item.setText(shown(diff.erp))
                continue
            side = Side(chooser.currentData())
            item.setText(shown(diff.erp if side is Side.ERP else diff.crm))

    def winners(self) -> dict[str, Side]:
        """The decision: the side whose value wins, per field that differs."""
        return {name: Side(chooser.currentData()) for name, chooser in self.choosers.items()}
