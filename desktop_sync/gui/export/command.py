"""The main window's File ▸ Export… action: opens the export dialog on the errors grid as it is
filtered and sorted now."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QWidget

from desktop_sync.gui.common.shortcuts import describe_actions, make_action
from desktop_sync.gui.errors.model import ErrorsModel
from desktop_sync.gui.export.dialog import ExportDialog
from desktop_sync.gui.export.work import GridState
from desktop_sync.gui.operations import Host


class ExportCommand(QObject):
    """File ▸ Export… (Ctrl+Shift+E)."""

    def __init__(self, host: Host, grid: ErrorsModel, parent: QWidget) -> None:
        super().__init__(parent)
        self.host, self.grid_model, self.widget = host, grid, parent
        self.action = make_action(parent, "file_export", "export", "Ctrl+Shift+E", self.open)
        self.dialog: ExportDialog | None = None

    def retranslate(self) -> None:
        describe_actions(
            {
                self.action: (
                    self.tr("&Export…"),
                    self.tr("Write the errors list, the journal or the jobs to a CSV or XLSX file"),
                )
            }
        )

    def grid(self) -> GridState:
        """The errors grid as the person sees it now: the filter its rows were read with (the
        search's matches in the apps included), its sort, how many rows."""
        m = self.grid_model
        return GridState(m.resolved, m.sort_key, m.descending, m.rowCount())

    def open(self) -> ExportDialog:
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.raise_()
            self.dialog.activateWindow()
            return self.dialog
        dialog = ExportDialog(self.host, self.grid, self.widget)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.destroyed.connect(lambda *_: setattr(self, "dialog", None))
        self.dialog = dialog
        dialog.open()
        return dialog
