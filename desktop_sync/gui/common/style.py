"""The look: the system's light or dark colour scheme, and our few own colours derived from it.

Qt 6.5 and newer follow the system's colour scheme (`QStyleHints.colorScheme`) with the Fusion
style and the native styles that support it; the palette changes with it, live. The few colours
we choose ourselves (red for a missing record, the Synchronize dialog's highlights) are picked per
scheme from the palette in use when they are painted, so they stay readable on a dark palette.
WCAG's contrast ratio is here too, for the tests.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

# (light scheme, dark scheme); each reaches a contrast of at least 4.5 with the palette's text
ERROR_TEXT = (QColor("#b42318"), QColor("#ff8a80"))  # red text: missing records, failed counters
DIFFERS = (QColor(255, 236, 179), QColor(92, 70, 12))  # amber background: the two apps disagree
CHANGED = (QColor(197, 225, 255), QColor(25, 60, 110))  # blue background: this side changed
OK_TEXT = (QColor("#1a7f37"), QColor("#7ee787"))  # green text: a check that passed

# Styles that paint light whatever the system's scheme is.
LIGHT_ONLY_STYLES = {"windowsvista", "windows"}


def apply_style(app: QApplication) -> None:
    """Follow the system's light or dark scheme; fall back to Fusion where the style cannot."""
    if (
        app.styleHints().colorScheme() == Qt.ColorScheme.Dark
        and app.style().name().lower() in LIGHT_ONLY_STYLES
    ):
        app.setStyle("Fusion")


def palette() -> QPalette:
    return QGuiApplication.palette()


def is_dark(pal: QPalette | None = None) -> bool:
    """True when the palette paints light text on a dark base."""
    pal = pal or palette()
    text, base = pal.color(QPalette.ColorRole.Text), pal.color(QPalette.ColorRole.Base)
    return text.lightnessF() > base.lightnessF()


def _pick(pair: tuple[QColor, QColor], pal: QPalette | None) -> QColor:
    return QColor(pair[1] if is_dark(pal) else pair[0])


def error_text(pal: QPalette | None = None) -> QColor:
    """Red text that reads well on the palette's base and alternate base."""
    return _pick(ERROR_TEXT, pal)


def ok_text(pal: QPalette | None = None) -> QColor:
    return _pick(OK_TEXT, pal)


def differs_background(pal: QPalette | None = None) -> QColor:
    return _pick(DIFFERS, pal)


def changed_background(pal: QPalette | None = None) -> QColor:
    return _pick(CHANGED, pal)


def luminance(color: QColor) -> float:
    """WCAG relative luminance."""

    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(color.redF())
        + 0.7152 * channel(color.greenF())
        + 0.0722 * channel(color.blueF())
    )


def contrast(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio, 1 to 21; body text wants 4.5 or more."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)
