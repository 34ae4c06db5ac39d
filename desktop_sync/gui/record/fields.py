"""The record page of the record window: one record's mapped fields beside its coupled record,
which way each flows, and the values that differ highlighted (`services.record_fields` decides
which differ, by the engine's own comparison)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from desktop_sync.domain import Side
from desktop_sync.gui.common.style import differs_background
from desktop_sync.gui.common.words import cell, modified_text
from desktop_sync.services import Service
from desktop_sync.services.record_fields import FieldLine
from desktop_sync.services.record_view import RecordView


class FieldsModel(QAbstractTableModel):
    """Field | the ERP's record | direction | the CRM's record; differing values highlighted.

    The ERP is always on the left and the CRM on the right, whichever record the window was
    opened for, so the two never swap places between windows."""

    COL_FIELD, COL_VALUE, COL_FLOW, COL_OTHER = range(4)

    def __init__(self, service: Service, side: Side, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.service, self.side = service, side
        self.lines: list[FieldLine] = []
        self.headers = ["", "", "", ""]

    def set_view(self, view: RecordView, lines: Sequence[FieldLine]) -> None:
        """Show a record beside its coupled record: `lines` as `record_fields.field_lines`
        made them for the window's side, turned round when that side is the CRM."""
        if self.side is Side.CRM:
            turn = {"out": "in", "in": "out"}
            lines = [
                replace(
                    line,
                    name=line.other_name,
                    other_name=line.name,
                    value=line.other,
                    other=line.value,
                    flows=turn.get(line.flows, line.flows),
                )
                for line in lines
            ]
        heads = {}
        for side in Side:
            mine = side is self.side
            key = view.key if mine else view.other_key
            found = (view.record if mine else view.other) is not None
            head = self.service.side_name(side)
            if key:
                head += f" · {key}" + ("" if found else self.tr(" (missing)"))
            elif mine:
                head += self.tr(" · (missing)")
            heads[side] = head
        self.beginResetModel()
        self.lines = list(lines)
        self.headers = [self.tr("Field"), heads[Side.ERP], "", heads[Side.CRM]]
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.lines)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 4

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return self.headers[section]
        return None

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid():
            return None
        line, column = self.lines[index.row()], index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._display(line, column, role == Qt.ItemDataRole.AccessibleTextRole)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.COL_FIELD:
                return (
                    f"{self.service.side_name(Side.ERP)}: {line.name} · "
                    f"{self.service.side_name(Side.CRM)}: {line.other_name}"
                )
            if column == self.COL_FLOW:
                return self._flow_words(line)
            return None
        if (
            role == Qt.ItemDataRole.BackgroundRole
            and line.differs
            and column in (self.COL_VALUE, self.COL_OTHER)
        ):
            return differs_background()
        if role == Qt.ItemDataRole.FontRole and (line.differs or line.stamp):
            font = QFont()
            font.setBold(line.differs)
            font.setItalic(line.stamp)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.COL_FLOW:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def _display(self, line: FieldLine, column: int, accessible: bool) -> str:
        if column == self.COL_FIELD:
            return self.tr("Last modified") if line.stamp else line.name
        if column == self.COL_FLOW:
            if accessible:
                return self._flow_words(line)
            return {"both": "⇄", "out": "→", "in": "←"}.get(line.flows, "")
        value = line.value if column == self.COL_VALUE else line.other
        return modified_text(value) if line.stamp else cell(value)

    def _flow_words(self, line: FieldLine) -> str:
        this, other = self.service.side_name(Side.ERP), self.service.side_name(Side.CRM)
        if line.flows == "both":
            return self.tr("Synchronized both ways")
        if line.flows == "out":
            return self.tr("Copied from {a} to {b} only").format(a=this, b=other)
        if line.flows == "in":
            return self.tr("Copied from {a} to {b} only").format(a=other, b=this)
        return ""


class FieldsView(QTableView):
    """The fields grid: read-only, whole rows, the field name and direction as wide as they are."""

    def __init__(self, model: FieldsModel) -> None:
        super().__init__()
        self.setObjectName("recordFields")
        self.setModel(model)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setWordWrap(False)
        self.verticalHeader().setVisible(False)
        header = self.horizontalHeader()
        header.setDefaultAlignment(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        )  # a long key clips at its end
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(FieldsModel.COL_FIELD, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(FieldsModel.COL_FLOW, QHeaderView.ResizeMode.ResizeToContents)
