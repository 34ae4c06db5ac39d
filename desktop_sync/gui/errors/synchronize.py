"""Synchronize…, from the errors grid or the record window: read both versions in the actions
thread, let the person decide in the Synchronize dialog, then have the service apply the decision.

The status bar says at every step what is happening, and a dialog closed without applying says
that nothing was written — nothing ends silently.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QDialog, QWidget

from desktop_sync.gui.errors.synchronize_dialog import SyncDecision, SynchronizeDialog
from desktop_sync.gui.operations import Host
from desktop_sync.services import RecordComparison


class SynchronizeFlow(QObject):
    """One Synchronize… at a time for a window; `dialog` is the open dialog, if any."""

    def __init__(self, host: Host, window: QWidget) -> None:
        super().__init__(window)
        self.host, self.window = host, window
        self.dialog: SynchronizeDialog | None = None

    def start(self, error_id: int) -> None:
        service = self.host.service
        self.host.run_action(
            self.tr("Reading both versions"), lambda: service.comparison(error_id), self._open
        )

    def _open(self, comparison: RecordComparison) -> None:
        self.host.show_status(self.tr("Choose the version both apps get."), 0)
        dialog = SynchronizeDialog(comparison, self.host.service, self.window)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.finished.connect(lambda code: self._finished(dialog, code))
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()

    def _finished(self, dialog: SynchronizeDialog, code: int) -> None:
        self.dialog = None
        if code != QDialog.DialogCode.Accepted:
            self.host.show_status(self.tr("Synchronize cancelled: nothing was written."))
            return
        self.apply(dialog.decision())

    def apply(self, decision: SyncDecision) -> None:
        service, error_id = self.host.service, decision.error_id
        if decision.writes_nothing:  # nothing differs any more: write nothing, close the error
            self.host.run_action(
                self.tr("Nothing differs any more; closing the error"),
                lambda: service.retry([error_id]),
            )
            return
        self.host.run_action(
            self.tr("Synchronizing"),
            lambda: service.synchronize_errors(
                [error_id], decision.winner, decision.fields or None
            ),
        )
