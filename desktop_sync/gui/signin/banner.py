"""The main window's offer to sign in: when an app of the configuration needs a person to sign
in (Business Central or Dynamics 365 Sales by device code) and no cached token works, the
status bar says so with a *Sign in…* button. Finding out runs in a worker thread after the
window opened (it may ask Entra to refresh a token), so start-up never waits for it."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from desktop_sync.domain import Side
from desktop_sync.gui.common.icons import icon
from desktop_sync.gui.common.tasks import Task, TaskRunner
from desktop_sync.gui.signin.device_code import DeviceCodeDialog
from desktop_sync.services import Service
from desktop_sync.services.signin import person_signs_in, who_must_sign_in


class SignInBanner(QFrame):
    """A label and a Sign in… button, shown while an app waits for a person to sign in."""

    changed = Signal()  # the apps that wait for a sign-in changed

    def __init__(self, service: Service, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.setObjectName("signInBanner")
        self.waiting: list[Side] = []
        self.dialog: DeviceCodeDialog | None = None
        self.runner: TaskRunner | None = None
        self.label = QLabel()
        self.label.setObjectName("signInLabel")
        self.button = QPushButton(icon("connect"), "")
        self.button.setObjectName("signInButton")
        self.button.clicked.connect(self.sign_in)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.button)
        self.hide()
        self.retranslate()

    @property
    def needed(self) -> bool:
        """Whether an app of the configuration is signed in to by a person at all."""
        return any(person_signs_in(self.service.config.app(side)) for side in Side)

    def check(self) -> None:
        """Find out in the background which apps wait for a sign-in; show the offer if any."""
        if not self.needed:
            return
        if self.runner is None:
            self.runner = TaskRunner("sign-in-check", self)
        config = self.service.config
        self.runner.submit(
            Task(lambda: who_must_sign_in(config), self._found, lambda _: None, "sign-in check")
        )

    @property
    def busy(self) -> bool:
        return self.runner is not None and self.runner.busy

    def _found(self, sides: list[Side]) -> None:
        self.waiting = list(sides)
        self.retranslate()
        self.setVisible(bool(self.waiting))
        self.changed.emit()

    def retranslate(self) -> None:
        self.button.setText(self.tr("Sign in…"))
        if self.waiting:
            names = ", ".join(self.service.side_name(side) for side in self.waiting)
            self.label.setText(self.tr("{apps}: sign in to synchronize.").format(apps=names))
            self.button.setToolTip(
                self.tr("Sign in to {app} with a code from Microsoft").format(
                    app=self.service.side_name(self.waiting[0])
                )
            )

    def sign_in(self) -> DeviceCodeDialog | None:
        """Sign in to the first app that waits, in the device code dialog."""
        if not self.waiting:
            return None
        side = self.waiting[0]
        dialog = DeviceCodeDialog(self.service.config.app(side), parent=self.window())
        self.dialog = dialog
        dialog.signed_in.connect(lambda: self._signed_in(side))
        dialog.start()
        return dialog

    def _signed_in(self, side: Side) -> None:
        self._found([s for s in self.waiting if s != side])

    def stop(self) -> None:
        """End the sign-in that may be waiting, and the worker thread."""
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.reject()
        if self.runner is not None:
            self.runner.stop()
