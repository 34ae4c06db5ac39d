"""Asking and telling the person: the question before a destructive action (the action's own name
on the button, Cancel the default, so Enter never destroys anything by accident), and the box that
says what went wrong.

`confirm_with_comment` asks the same question with one optional line for a comment, which the
action keeps in the journal ("why": "the customer phoned").
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QGridLayout, QLineEdit, QMessageBox, QWidget


def _box(parent: QWidget, title: str, text: str, destructive: bool) -> QMessageBox:
    icon = QMessageBox.Icon.Warning if destructive else QMessageBox.Icon.Question
    buttons = QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel
    box = QMessageBox(icon, title, text, buttons, parent)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.button(QMessageBox.StandardButton.Ok).setText(title)
    return box


def confirm(parent: QWidget, title: str, text: str, destructive: bool = True) -> bool:
    return _box(parent, title, text, destructive).exec() == QMessageBox.StandardButton.Ok


def confirm_with_comment(
    parent: QWidget, title: str, text: str, destructive: bool = True
) -> str | None:
    """The question with an optional comment line: the comment ("" for none) when the person
    said yes, None when they cancelled."""
    box = _box(parent, title, text, destructive)
    comment = QLineEdit(box)
    comment.setObjectName("confirmComment")
    comment.setPlaceholderText(
        QCoreApplication.translate("Confirm", "Comment for the journal (optional)")
    )
    comment.setAccessibleName(QCoreApplication.translate("Confirm", "Comment"))
    comment.setClearButtonEnabled(True)
    # Cancel stays the default; once a comment is typed the choice is deliberate, and Enter
    # in the comment line answers with the action rather than throwing the comment away.
    yes, no = QMessageBox.StandardButton.Ok, QMessageBox.StandardButton.Cancel
    comment.textChanged.connect(
        lambda text: box.setDefaultButton(box.button(yes if text.strip() else no))
    )
    add_below_text(box, comment)
    if box.exec() != QMessageBox.StandardButton.Ok:
        return None
    return comment.text().strip()


def add_below_text(box: QMessageBox, widget: QWidget) -> None:
    """Put `widget` between a message box's text and its buttons (its layout is a grid whose
    last row holds the buttons)."""
    layout = box.layout()
    if not isinstance(layout, QGridLayout):
        layout.addWidget(widget)  # type: ignore[union-attr]
        return
    buttons = layout.itemAtPosition(layout.rowCount() - 1, 0)
    if buttons is None or buttons.widget() is None:
        layout.addWidget(widget, layout.rowCount(), 0, 1, layout.columnCount())
        return
    button_box = buttons.widget()
    row = layout.rowCount() - 1
    layout.removeWidget(button_box)
    layout.addWidget(widget, row, 1, 1, layout.columnCount() - 1)
    layout.addWidget(button_box, row + 1, 0, 1, layout.columnCount())


def show_problem(parent: QWidget, title: str, text: str) -> None:
    """Tell the person what went wrong, without waiting for the answer (the box is window-modal)."""
    QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent).open()
