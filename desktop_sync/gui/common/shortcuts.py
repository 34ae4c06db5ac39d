"""Making QActions the same way everywhere: icon from our set, a default shortcut that the
person may override in QSettings (`shortcuts/NAME`), and a key scope where one is needed."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence

from desktop_sync.gui.common.icons import icon


def make_action(
    parent: QObject,
    name: str,
    icon_name: str,
    shortcut: str,
    slot: Callable[[], object],
    context: Qt.ShortcutContext | None = None,
) -> QAction:
    action = QAction(icon(icon_name), "", parent)
    action.setObjectName(name)
    keys = QSettings().value(f"shortcuts/{name}", shortcut)
    if keys:
        action.setShortcut(QKeySequence(str(keys)))
        if context is not None:
            action.setShortcutContext(context)
    action.triggered.connect(slot)
    return action


def describe_actions(texts: dict[QAction, tuple[str, str]]) -> None:
    """Set each action's text and tip; the tooltip names the shortcut too, and keeps it when
    `set_enabled` later adds why the action is disabled."""
    for action, (text, tip) in texts.items():
        action.setText(text)
        action.setStatusTip(tip)
        shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        action.setProperty("tip", f"{tip} ({shortcut})" if shortcut else tip)
        action.setToolTip(action.property("tip"))


def set_enabled(action: QAction, why_not: str | None) -> None:
    """Enable `action`, or disable it with its tooltip saying why."""
    action.setEnabled(why_not is None)
    tip = action.property("tip") or ""
    action.setToolTip(tip if why_not is None else f"{tip} — {why_not}")
