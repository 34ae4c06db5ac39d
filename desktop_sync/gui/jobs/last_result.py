"""The last result in the main window's status bar: what the last synchronization or action did,
kept readable after the passing status message is gone. It shows as much as fits, the whole in
its tooltip; a click opens the Jobs tab on that job."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QStatusBar, QToolButton

from desktop_sync.gui.common.icons import icon

WIDEST = 420  # pixels of the status bar it may take; the rest is in the tooltip


class LastResult(QObject):
    """A flat button in the status bar; `show_job(job_id)` is called when it is clicked."""

    def __init__(self, bar: QStatusBar, show_job: Callable[[int], None]) -> None:
        super().__init__(bar)
        self.show_job = show_job
        self.job_id: int | None = None
        self.text = ""
        self.button = QToolButton()
        self.button.setObjectName("lastResult")
        self.button.setAutoRaise(True)
        self.button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.button.setAccessibleName(self.tr("Last result"))
        self.button.clicked.connect(self._clicked)
        self.button.hide()
        bar.addPermanentWidget(self.button)

    def show(self, text: str, job_id: int | None, problems: bool = False) -> None:
        """Keep `text` as the last result; with a job, a click opens it."""
        self.text, self.job_id = text, job_id
        metrics = self.button.fontMetrics()
        self.button.setText(metrics.elidedText(text, Qt.TextElideMode.ElideRight, WIDEST))
        self.button.setIcon(icon("warning" if problems else "ok"))
        tip = text if job_id is None else self.tr("{text}\n\nClick to show job {id}.")
        self.button.setToolTip(tip.format(text=text, id=job_id))
        self.button.setCursor(
            Qt.CursorShape.PointingHandCursor if job_id else Qt.CursorShape.ArrowCursor
        )
        self.button.show()

    def _clicked(self) -> None:
        if self.job_id is not None:
            self.show_job(self.job_id)
