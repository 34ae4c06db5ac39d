"""A window's size and place across runs (QSettings), brought back onto a screen that exists."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget


def restore_geometry(
    window: QWidget, settings: QSettings, key: str, width: int, height: int
) -> None:
    """The geometry saved under `key`, else `width` × `height`; a window saved on a screen that is
    gone comes back on the primary one, no larger than the screen."""
    geometry = settings.value(key)
    if geometry is None or not window.restoreGeometry(geometry):
        window.resize(width, height)
    screen = QGuiApplication.screenAt(window.geometry().center()) or QGuiApplication.primaryScreen()
    if screen is None:
        return
    available = screen.availableGeometry()
    if not available.intersects(window.frameGeometry()):
        window.move(available.topLeft())
    window.resize(min(window.width(), available.width()), min(window.height(), available.height()))
