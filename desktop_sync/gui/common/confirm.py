"""Asking and telling the person: the question before a destructive action (the action's own name
on the button, Cancel the default, so Enter never destroys anything by accident), and the box that
says what went wrong."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget


def confirm(parent: QWidget, title: str, text: str, destructive: bool = True) -> bool:
    icon = QMessageBox.Icon.Warning if destructive else QMessageBox.Icon.Question
    buttons = QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel
    box = QMessageBox(icon, title, text, buttons, parent)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.button(QMessageBox.StandardButton.Ok).setText(title)
    return box.exec() == QMessageBox.StandardButton.Ok


def show_problem(parent: QWidget, title: str, text: str) -> None:
    """Tell the person what went wrong, without waiting for the answer (the box is window-modal)."""
    QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent).open()
