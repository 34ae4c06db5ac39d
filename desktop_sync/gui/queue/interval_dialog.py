"""Change Interval: how often a job queue entry runs, and how far it may back off.

The dialog only decides; the Job Queue actions apply the decision through the service. When the
service refuses it (its message says why, e.g. a back-off shorter than the interval), the dialog
opens again with the person's values and that message, so nothing typed is lost.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop_sync.gui.common.icons import icon
from desktop_sync.services.queue_rows import MAX_MINUTES, QueueEntryRow


@dataclass(frozen=True)
class IntervalChoice:
    """What the person chose: the interval and the longest back-off, in minutes."""

    minutes: int
    max_backoff_minutes: int


class IntervalDialog(QDialog):
    """Two numbers of minutes for one entry, and the service's message when it refused them."""

    def __init__(
        self,
        entry: QueueEntryRow,
        parent: QWidget | None = None,
        choice: IntervalChoice | None = None,
        problem: str = "",
    ) -> None:
        super().__init__(parent)
        self.entry = entry
        self.setWindowTitle(self.tr("Change Interval — {mapping}").format(mapping=entry.mapping))
        self.setWindowIcon(icon("settings"))
        intro = QLabel(
            self.tr(
                "How often the job queue synchronizes {mapping}. After runs that "
                "find nothing to do it waits twice as long each time, up to the "
                "longest back-off; a run that changes something starts over."
            ).format(mapping=entry.mapping)
        )
        intro.setWordWrap(True)
        self.minutes = self._spin(choice.minutes if choice else entry.interval_minutes)
        self.minutes.setAccessibleName(self.tr("Interval in minutes"))
        self.backoff = self._spin(
            choice.max_backoff_minutes if choice else entry.max_backoff_minutes
        )
        self.backoff.setAccessibleName(self.tr("Longest back-off in minutes"))
        form = QFormLayout()
        form.addRow(self.tr("&Run every:"), self.minutes)
        form.addRow(self.tr("&Longest back-off:"), self.backoff)
        self.problem = QLabel(problem)
        self.problem.setObjectName("intervalProblem")
        self.problem.setAccessibleName(self.tr("Why the interval was not changed"))
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #c53030;")
        self.problem.setVisible(bool(problem))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Change Interval"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.minutes.setFocus()
        self.minutes.selectAll()

    def _spin(self, value: int) -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(1, MAX_MINUTES)
        spin.setSuffix(self.tr(" min"))
        spin.setValue(min(max(value, 1), MAX_MINUTES))
        return spin

    def choice(self) -> IntervalChoice:
        return IntervalChoice(self.minutes.value(), self.backoff.value())
