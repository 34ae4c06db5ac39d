"""The record window: one record beside its coupled record, and its Synchronization Log."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QMainWindow,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_sync.domain import Side
from desktop_sync.gui.icons import icon
from desktop_sync.gui.models.errors_model import local_time
from desktop_sync.gui.tasks import describe
from desktop_sync.services import Service

if TYPE_CHECKING:
    from desktop_sync.gui.main_window import MainWindow


class RecordWindow(QMainWindow):
    """One record of one mapping."""

    def __init__(self, service: Service, mapping: str, side: Side, key: str,
                 parent: MainWindow | None = None, tab: str = "record") -> None:  # fmt: skip
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.service, self.mapping_name, self.side, self.key = service, mapping, side, key
        self.mapping = service.config.mapping(mapping)
        self.setWindowTitle(self.tr("{mapping} — {side} record {key}").format(
            mapping=mapping, side=service.side_name(side), key=key))  # fmt: skip
        self.setWindowIcon(icon("open-record"))
        self.resize(900, 560)
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.fields = QTableWidget(0, 3)
        self.fields.setAccessibleName(self.tr("Mapped fields of both records"))
        self.fields.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.fields.verticalHeader().setVisible(False)
        self.fields.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        record_page = QWidget()
        layout = QVBoxLayout(record_page)
        layout.addWidget(self.state)
        layout.addWidget(self.fields)
        self.log = QTableWidget(0, 6)
        self.log.setAccessibleName(self.tr("Synchronization log"))
        self.log.setHorizontalHeaderLabels([self.tr("Time"), self.tr("Job"), self.tr("Direction"), self.tr("Outcome"),
                                            self.tr("Message"), self.tr("User")])  # fmt: skip
        self.log.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.log.verticalHeader().setVisible(False)
        self.log.horizontalHeader().setStretchLastSection(False)
        self.log.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.tabs = QTabWidget()
        self.tabs.addTab(record_page, icon("records"), self.tr("Record"))
        self.tabs.addTab(self.log, icon("sync-log"), self.tr("Synchronization Log"))
        self.setCentralWidget(self.tabs)
        if tab == "log":
            self.tabs.setCurrentWidget(self.log)
        self.reload()

    def reload(self) -> None:
        try:
            view = self.service.record(self.mapping_name, self.side, self.key)
            log = self.service.log(self.mapping_name, self.side, self.key)
        except Exception as exc:  # noqa: BLE001 - shown in the window, not raised
            self.state.setText(self.tr("Cannot read this record: {reason}").format(reason=describe(exc)))
            return
        this, other = self.service.side_name(self.side), self.service.side_name(self.side.other)
        if view.coupling is None:
            state = self.tr("Not coupled.")
        elif view.coupling.skipped:
            state = self.tr("Coupled to {side} record {key}, but skipped: {error}").format(
                side=other, key=view.other_key, error=view.errors[0].message if view.errors else "")  # fmt: skip
        else:
            state = self.tr("Coupled to {side} record {key}.").format(side=other, key=view.other_key)
        if view.record is None:
            state = self.tr("This record does not exist in {side} (any more). ").format(side=this) + state
        self.state.setText(state)
        self.fields.setHorizontalHeaderLabels([self.tr("Field"), this, other])
        self.fields.setRowCount(len(self.mapping.value_fields))
        for row, f in enumerate(self.mapping.value_fields):
            values = [f.column(self.side)]
            for record, side in ((view.record, self.side), (view.other, self.side.other)):
                value = record.values.get(f.column(side)) if record else None
                values.append("" if value is None else str(value))
            for column, text in enumerate(values):
                self.fields.setItem(row, column, QTableWidgetItem(text))
        self.log.setRowCount(len(log))
        for row, entry in enumerate(log):
            cells = [local_time(entry.at), str(entry.job_id or ""), entry.direction or "", entry.outcome,
                     entry.message, entry.user or ""]  # fmt: skip
            for column, text in enumerate(cells):
                self.log.setItem(row, column, QTableWidgetItem(text))
