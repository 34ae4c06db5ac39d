"""The offer after a Synchronize that resolved a record changed in both apps: a button in the
status bar, "Apply to 4 Similar Errors…", when other open errors are alike. It counts them in
the loader thread and goes away by itself after a while, or when the next offer comes."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QPushButton, QWidget

from desktop_sync.gui.common.icons import icon
from desktop_sync.gui.common.tasks import Task
from desktop_sync.gui.operations import Host
from desktop_sync.services.queries import ErrorRow
from desktop_sync.services.similar import Decision, SimilarErrors

SHOWN_MS = 120_000


class SimilarOffer(QObject):
    """`offer(error_id, decision)` shows `button` when errors alike are open; a click calls
    `open_dialog(error, decision)`."""

    def __init__(
        self,
        host: Host,
        open_dialog: Callable[[ErrorRow, Decision], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.host, self.open_dialog = host, open_dialog
        self.button = QPushButton(icon("retry-all"), "")
        self.button.setObjectName("similarOffer")
        self.button.setFlat(True)
        self.button.setVisible(False)
        self.button.setAccessibleName(self.tr("Apply the same choice to similar errors"))
        self.button.clicked.connect(self._clicked)
        self.timer = QTimer(self, singleShot=True, interval=SHOWN_MS)
        self.timer.timeout.connect(self.withdraw)
        self.pending: tuple[ErrorRow, Decision] | None = None
        self.count = 0

    def offer(self, error_id: int, decision: Decision) -> None:
        service = self.host.service

        def found(similar: SimilarErrors) -> None:
            others = [i for i in similar.ids if i != error_id]
            if not others:
                self.withdraw()
                return
            self.pending, self.count = (similar.error, decision), len(others)
            self.button.setText(self.tr("Apply the Same to %n Similar Error(s)…", "", len(others)))
            self.button.setToolTip(
                self.tr(
                    "Open errors of the same mapping changed in both apps on the same fields: "
                    "resolve them with the same choice"
                )
            )
            self.button.setVisible(True)
            self.timer.start()

        self.host.runners.loader.submit(
            Task(lambda: service.similar_errors(error_id), found, lambda _m: None, "similar")
        )

    def withdraw(self) -> None:
        self.pending = None
        self.count = 0
        self.button.setVisible(False)
        self.button.setAccessibleName(self.tr("Apply the same choice to similar errors"))
        self.timer.stop()

    def _clicked(self) -> None:
        pending = self.pending
        self.withdraw()
        if pending is not None:
            self.open_dialog(*pending)
