"""Sign in to Business Central or Dynamics 365 Sales with a device code, from the window.

The sign-in runs in a worker thread (`services.signin.sign_in_now`): Microsoft Entra ID gives a
code, the dialog shows it and the link where it is entered — both selectable, with Copy and Open
link — and waits, with Cancel, until the person has signed in in the browser; then it closes
itself. A refusal stays in the dialog in plain words (Entra's error, as `entra_message` says it).
A cached token needs no code: the dialog closes as soon as it is confirmed.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QFont, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_sync.config import AppConfig
from desktop_sync.domain import CancelToken
from desktop_sync.gui.common.icons import icon
from desktop_sync.gui.common.style import error_text
from desktop_sync.gui.common.tasks import Task, TaskRunner
from desktop_sync.services.signin import DeviceCode, sign_in_now


class _Codes(QObject):
    """Carries the device code from the worker thread to the dialog (a queued signal)."""

    arrived = Signal(object)  # DeviceCode


class DeviceCodeDialog(QDialog):
    """Signs in to one app; emits `signed_in` and accepts once a token came."""

    signed_in = Signal()

    def __init__(
        self,
        app: AppConfig,
        secret: str | None = None,
        runner: TaskRunner | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.app, self.secret = app, secret
        self.runner = runner or TaskRunner("sign-in", self)
        self._own_runner = runner is None
        self.cancel_token = CancelToken()
        self.code: DeviceCode | None = None
        self.failure: str | None = None
        self._codes = _Codes(self)
        self._codes.arrived.connect(self._show_code)
        self.setObjectName("DeviceCodeDialog")
        self.setWindowTitle(self.tr("Sign in to {app}").format(app=app.name))
        self.setWindowIcon(icon("connect"))

        self.status = QLabel(self.tr("Asking Microsoft Entra ID for a sign-in code…"))
        self.status.setObjectName("signInStatus")
        self.status.setWordWrap(True)
        self.status.setMinimumWidth(520)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.code_edit = QLineEdit()
        self.code_edit.setObjectName("deviceCode")
        self.code_edit.setReadOnly(True)
        self.code_edit.setAccessibleName(self.tr("Sign-in code"))
        big = QFont(self.code_edit.font())
        big.setPointSizeF(big.pointSizeF() * 1.6)
        big.setBold(True)
        self.code_edit.setFont(big)
        self.code_edit.setMinimumHeight(self.code_edit.sizeHint().height())
        self.code_edit.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.copy_button = QPushButton(self.tr("&Copy code"))
        self.copy_button.setAutoDefault(False)
        self.copy_button.clicked.connect(self.copy_code)
        self.link_edit = QLineEdit()
        self.link_edit.setObjectName("deviceLink")
        self.link_edit.setReadOnly(True)
        self.link_edit.setAccessibleName(self.tr("Sign-in page"))
        self.open_button = QPushButton(self.tr("&Open link"))
        self.open_button.setAutoDefault(False)
        self.open_button.clicked.connect(self.open_link)
        self.code_row = QWidget()
        rows = QVBoxLayout(self.code_row)
        rows.setContentsMargins(0, 0, 0, 0)
        for label_text, edit, button in (
            (self.tr("Code:"), self.code_edit, self.copy_button),
            (self.tr("Page:"), self.link_edit, self.open_button),
        ):
            row = QHBoxLayout()
            label = QLabel(label_text)
            label.setBuddy(edit)
            row.addWidget(label)
            row.addWidget(edit, 1)
            row.addWidget(button)
            rows.addLayout(row)
        self.code_row.hide()
        self.waiting = QProgressBar()
        self.waiting.setRange(0, 0)
        self.waiting.setTextVisible(False)
        self.waiting.setMaximumHeight(12)
        self.waiting.setAccessibleName(self.tr("Waiting for the sign-in"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.code_row)
        layout.addWidget(self.waiting)
        layout.addWidget(self.buttons)
        self.resize(560, 0)

    # -- the sign-in -------------------------------------------------------------------

    def start(self) -> None:
        """Open the dialog (not blocking) and begin the sign-in in the worker thread."""
        self.open()
        app, secret, token, codes = self.app, self.secret, self.cancel_token, self._codes
        self.runner.submit(
            Task(
                lambda: sign_in_now(app, codes.arrived.emit, lambda: token.cancelled, secret),
                lambda _: self._done(),
                self._failed,
                "sign in",
                cancel=token,
            )
        )

    def _show_code(self, code: DeviceCode) -> None:
        if self.cancel_token.cancelled:
            return
        self.code = code
        self.code_edit.setText(code.user_code)
        self.link_edit.setText(code.verification_uri)
        self.code_row.show()
        minutes = max(1, code.expires_in // 60)
        self.status.setText(
            self.tr(
                "Open the page below in a browser, enter the code and sign in with your account "
                "for {app}. This window closes by itself when you have signed in; the code is "
                "valid for {minutes} minutes."
            ).format(app=self.app.name, minutes=minutes)
        )
        self.copy_button.setDefault(True)
        self._fit()
        self.code_edit.setFocus()
        self.code_edit.selectAll()

    def _done(self) -> None:
        if self.cancel_token.cancelled:
            return
        self.signed_in.emit()
        self.accept()

    def _failed(self, message: str) -> None:
        if self.cancel_token.cancelled:
            return  # the person cancelled: the answer is not wanted any more
        self.failure = message
        self.waiting.hide()
        self.code_row.hide()
        self.status.setStyleSheet(f"color: {error_text(self.palette()).name()};")
        self.status.setText(message)
        self.cancel_button.setText(self.tr("Close"))
        self._fit()

    def _fit(self) -> None:
        """As tall as what it shows now wants (the width stays)."""
        layout = self.layout()
        if layout is not None:
            layout.activate()
        self.resize(self.width(), max(self.height(), self.sizeHint().height()))

    # -- the buttons -------------------------------------------------------------------

    def copy_code(self) -> None:
        QGuiApplication.clipboard().setText(self.code_edit.text())

    def open_link(self) -> None:
        if self.link_edit.text():
            QDesktopServices.openUrl(QUrl(self.link_edit.text()))

    def reject(self) -> None:
        self.cancel_token.cancel()  # the worker stops waiting within a second
        super().reject()

    def done(self, result: int) -> None:
        if self._own_runner:
            self.runner.stop()
        super().done(result)
