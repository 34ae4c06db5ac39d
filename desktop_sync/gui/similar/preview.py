"""The preview of Apply to Similar Errors: one page of the errors alike, each record and what
both apps will hold after the decision (the fields that change), with paging."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_sync.domain import Action, Side
from desktop_sync.gui.common.words import shown
from desktop_sync.services import Service
from desktop_sync.services.similar import PreviewRow

PAGE = 50
COL_ERP, COL_CRM, COL_ERP_AFTER, COL_CRM_AFTER = range(4)


class SimilarPreview(QWidget):
    """The table of one page and the paging row; `paged(step)` asks for another page."""

    paged = Signal(int)

    def __init__(self, service: Service, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        erp, crm = service.side_name(Side.ERP), service.side_name(Side.CRM)
        self.rows: list[PreviewRow] = []
        self.table = QTableWidget(0, 4)
        self.table.setAccessibleName(self.tr("Preview of what both apps will hold"))
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("{side} record").format(side=erp),
                self.tr("{side} record").format(side=crm),
                self.tr("{side} will hold").format(side=erp),
                self.tr("{side} will hold").format(side=crm),
            ]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_ERP_AFTER, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_CRM_AFTER, QHeaderView.ResizeMode.Stretch)

        self.previous = QPushButton(self.tr("&Previous"))
        self.next = QPushButton(self.tr("Ne&xt"))
        self.page_label = QLabel()
        self.previous.clicked.connect(lambda: self.paged.emit(-PAGE))
        self.next.clicked.connect(lambda: self.paged.emit(PAGE))
        paging = QHBoxLayout()
        paging.addWidget(self.page_label, 1)
        paging.addWidget(self.previous)
        paging.addWidget(self.next)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(paging)
        self.set_paging(0, 0)

    def clear(self) -> None:
        self.rows = []
        self.table.setRowCount(0)

    def show_rows(self, rows: list[PreviewRow], action: Action) -> None:
        self.rows = rows
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            cells = [
                row.erp_key or "—",
                row.crm_key or "—",
                self.after(row, Side.ERP, action),
                self.after(row, Side.CRM, action),
            ]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c in (COL_ERP_AFTER, COL_CRM_AFTER):
                    item.setToolTip(self.now(row, Side.ERP if c == COL_ERP_AFTER else Side.CRM))
                self.table.setItem(r, c, item)

    def after(self, row: PreviewRow, side: Side, action: Action) -> str:
        """What one app will hold for one record: the fields that change, in words."""
        now, after = ("erp", "erp_after") if side is Side.ERP else ("crm", "crm_after")
        gone = all(getattr(f, now) is None for f in row.fields)
        if action is Action.DELETE:
            return self.tr("(deleted already)") if gone else self.tr("deleted")
        if action is Action.RETRY:
            return self.tr("unchanged now; tried again at the next synchronization")
        parts = [
            f"{f.label}: {shown(getattr(f, after))}"
            for f in row.fields
            if not _same(getattr(f, now), getattr(f, after))
        ]
        if not parts:
            return self.tr("unchanged")
        text = "; ".join(parts)
        return self.tr("recreated: {values}").format(values=text) if gone else text

    def now(self, row: PreviewRow, side: Side) -> str:
        attr = "erp" if side is Side.ERP else "crm"
        lines = [f"{f.label}: {shown(getattr(f, attr))}" for f in row.fields]
        return self.tr("Now:") + "\n" + "\n".join(lines)

    def set_paging(self, offset: int, total: int) -> None:
        first = offset + 1 if total else 0
        last = min(offset + PAGE, total)
        self.page_label.setText(
            self.tr("Records {first}–{last} of {total}").format(first=first, last=last, total=total)
        )
        self.previous.setEnabled(offset > 0)
        self.next.setEnabled(offset + PAGE < total)


def _same(a: Any, b: Any) -> bool:
    return shown(a) == shown(b)
