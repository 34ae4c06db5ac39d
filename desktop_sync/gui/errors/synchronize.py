"""Synchronize…, from the errors grid or the record window: claim the error and read both
versions in the actions thread, let the person decide in the Synchronize dialog, then have the
service apply the decision.

While the dialog is open its error is claimed (`Service.claim`), so everybody else's grid shows
who is on it and their actions on it say so; closing without applying gives the claim back. An
error somebody else holds is not opened at all: the window says who has it since when.

The status bar says at every step what is happening, and a dialog closed without applying says
that nothing was written — nothing ends silently. After a Synchronize that resolved a record
changed in both apps, `offer` (when given) is told the decision, to offer it for errors alike.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QDialog, QWidget

from desktop_sync.domain import ErrorKind
from desktop_sync.gui.common.tasks import Task
from desktop_sync.gui.errors.held import refusal_text
from desktop_sync.gui.errors.synchronize_dialog import SyncDecision, SynchronizeDialog
from desktop_sync.gui.operations import Host
from desktop_sync.services import ActionResult, RecordComparison
from desktop_sync.services.queries import ErrorRow
from desktop_sync.services.similar import Decision


class SynchronizeFlow(QObject):
    """One Synchronize… at a time for a window; `dialog` is the open dialog, if any."""

    def __init__(
        self,
        host: Host,
        window: QWidget,
        offer: Callable[[int, Decision], None] | None = None,
    ) -> None:
        super().__init__(window)
        self.host, self.window, self.offer = host, window, offer
        self.dialog: SynchronizeDialog | None = None

    def start(self, error_id: int) -> None:
        service = self.host.service

        def work() -> RecordComparison | ErrorRow | None:
            held = service.claim([error_id])
            if not held.done:  # somebody else has it, or it is resolved already
                return service.error(error_id)
            try:
                return service.comparison(error_id)
            except Exception:
                service.release([error_id])
                raise

        self.host.run_action(self.tr("Reading both versions"), work, self._open)

    def _open(self, answer: RecordComparison | ErrorRow | None) -> None:
        if not isinstance(answer, RecordComparison):
            self.host.show_status("", 0)
            self.host.show_problem(self.tr("Synchronize"), refusal_text(answer, self.host.service))
            self.host.notify_changed("errors")
            return
        self.host.show_status(self.tr("Choose the version both apps get."), 0)
        dialog = SynchronizeDialog(answer, self.host.service, self.window)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.finished.connect(lambda code: self._finished(dialog, code))
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()

    def _finished(self, dialog: SynchronizeDialog, code: int) -> None:
        self.dialog = None
        error = dialog.comparison.error
        if code != QDialog.DialogCode.Accepted:
            self.release(error.id)
            self.host.show_status(self.tr("Synchronize cancelled: nothing was written."))
            return
        self.apply(dialog.decision(), error.kind)

    def release(self, error_id: int) -> None:
        """Give the claim back, quietly, in the actions thread."""
        service = self.host.service
        self.host.runners.actions.submit(
            Task(lambda: service.release([error_id]), label="release", failed=lambda _m: None)
        )

    def apply(self, decision: SyncDecision, kind: str = "") -> None:
        service, error_id = self.host.service, decision.error_id
        comment = decision.comment or None
        if decision.writes_nothing:  # nothing differs any more: write nothing, close the error
            self.host.run_action(
                self.tr("Nothing differs any more; closing the error"),
                lambda: service.retry([error_id], comment),
            )
            return

        def done(result: Any) -> None:
            self.host.show_result(result)
            self.host.notify_changed("errors")
            if (
                self.offer is not None
                and isinstance(result, ActionResult)
                and result.done
                and kind == ErrorKind.CHANGED_IN_BOTH.value
            ):
                self.offer(error_id, Decision(winner=decision.winner, fields=decision.fields))

        self.host.run_action(
            self.tr("Synchronizing"),
            lambda: service.synchronize_errors(
                [error_id], decision.winner, decision.fields or None, comment
            ),
            done,
        )
