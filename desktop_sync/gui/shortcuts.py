"""Making QActions the same way everywhere: icon from our set, a default shortcut that the
person may override in QSettings (`shortcuts/NAME`), and a key scope where one is needed."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence

from desktop_sync.gui.icons import icon


def make_action(
    parent: QObject, name: str, icon_name: str, shortcut: str, slot: Callable[[], None],
    context: Qt.ShortcutContext | None = None,
) -> QAction:  # fmt: skip
    action = QAction(icon(icon_name), "", parent)
    action.setObjectName(name)
    keys = QSettings().value(f"shortcuts/{name}", shortcut)
    if keys:
        action.setShortcut(QKeySequence(keys))
        if context is not None:
            action.setShortcutContext(context)
    action.triggered.connect(slot)
    return action
