"""The question before a destructive action: the action's own name on the button, Cancel the
default, so Enter never destroys anything by accident."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget


def confirm(parent: QWidget, title: str, text: str, destructive: bool = True) -> bool:
    icon = QMessageBox.Icon.Warning if destructive else QMessageBox.Icon.Question
    buttons = QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel
    box = QMessageBox(icon, title, text, buttons, parent)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.button(QMessageBox.StandardButton.Ok).setText(title)
    return box.exec() == QMessageBox.StandardButton.Ok
