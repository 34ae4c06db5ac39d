"""The running job in the main window's status bar: what it is doing, how far it got, and Cancel.

A person's action on many rows shows a busy bar there too, so a long Retry All is seen working;
Cancel is only offered for a job (an action is one transaction and cannot stop half-way).
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton, QStatusBar

from desktop_sync.domain import Progress
from desktop_sync.gui.common import words
from desktop_sync.gui.common.icons import icon
from desktop_sync.gui.common.tasks import Task
from desktop_sync.gui.operations import Runners


class JobProgress(QObject):
    """The label, the progress bar and the Cancel button, kept up to date from the runners."""

    def __init__(self, runners: Runners, bar: QStatusBar) -> None:
        super().__init__(bar)
        self.runners = runners
        self.label = QLabel()
        self.progress = QProgressBar()
        self.progress.setAccessibleName(self.tr("Synchronization progress"))
        self.progress.setMaximumWidth(260)
        self.progress.setTextVisible(True)
        self.cancel_button = QPushButton(icon("cancel"), "")
        self.cancel_button.setAccessibleName(self.tr("Cancel synchronization"))
        self.cancel_button.clicked.connect(self.cancel)
        for widget in (self.label, self.progress, self.cancel_button):
            bar.addPermanentWidget(widget)
            widget.hide()
        runners.jobs.started.connect(lambda task: self.label.setText(task.label))
        runners.jobs.progressed.connect(self._on_progress)

    def retranslate(self) -> None:
        self.cancel_button.setText(self.tr("Cancel"))

    def cancel(self) -> None:
        """Stop the running job after its current batch; what was done is kept."""
        if self.runners.jobs.busy:
            self.runners.jobs.cancel()
            self.label.setText(self.tr("Cancelling after the current batch…"))

    def update(self) -> None:
        """Show what runs now: a job with its progress and Cancel, or an action as a busy bar."""
        running = self.runners.jobs.busy
        acting = self.runners.actions.busy and not running
        for widget in (self.label, self.progress):
            widget.setVisible(running or acting)
        self.cancel_button.setVisible(running)
        self.cancel_button.setEnabled(running)
        if running or acting:
            self.progress.setRange(0, 0)
        current = self.runners.actions.current
        if acting and current is not None:
            self.label.setText(current.label + "…")

    def _on_progress(self, task: Task, progress: Progress) -> None:
        self.label.setText(
            f"{task.label} — {progress.mapping}: {words.progress_message(progress.message)}"
        )
        if progress.total:
            self.progress.setRange(0, progress.total)
            self.progress.setValue(min(progress.done, progress.total))
            self.progress.setFormat(self.tr("%v / %m"))
        else:
            self.progress.setRange(0, 0)
