"""Accessibility and looks: names for assistive technology, icons from our set, colours on dark
palettes.

Every widget that takes the keyboard focus needs a name a screen reader can say: its own
accessibleName, the text of a button, or a QLabel that is its buddy. Every action and tab shows
an SVG icon of resources/icons, rendered sharp at any device pixel ratio. Our few own colours keep
a WCAG contrast of 4.5 on the light and on the dark palette.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QColor, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLabel,
    QMenu,
    QTabBar,
    QTabWidget,
    QWidget,
)

from desktop_sync.gui.common import style
from desktop_sync.gui.common.icons import icon
from desktop_sync.gui.errors.model import COL_CRM_EXISTS
from desktop_sync.gui.main_window import MainWindow
from desktop_sync.gui.setup.connect_dialog import ConnectDialog
from desktop_sync.gui.setup.welcome import WelcomeWindow
from desktop_sync.resources import ICONS
from tests.helpers import World


@pytest.fixture
def window_world(world: World) -> World:
    """C1 deleted in the CRM while the ERP changed it: one error waits."""
    world.erp_insert("C1", "Fjord AS", city="Bergen")
    world.sync()
    world.crm_delete(world.crm_key_of("C1"))
    world.erp_update("C1", city="Oslo")
    world.sync()
    return world


@pytest.fixture
def window_ready() -> Callable[[MainWindow], bool]:
    return lambda w: w.errors.model.rowCount() == 1


def unnamed_focusable(top: QWidget) -> list[str]:
    """Widgets that take the focus but have no name a screen reader could say."""
    buddies = {label.buddy() for label in top.findChildren(QLabel) if label.buddy() is not None}
    missing = []
    for widget in [top, *top.findChildren(QWidget)]:
        if widget.focusPolicy() == Qt.FocusPolicy.NoFocus or not widget.isEnabled():
            continue
        if widget.focusProxy() is not None:
            continue  # the focus goes to the proxy, which is checked itself
        if (
            isinstance(widget.parent(), QWidget)
            and widget.parent().focusProxy() is widget
            and widget.parent().accessibleName()
        ):
            continue
        if widget.window() is not top:
            continue  # a window of its own (a combo box's popup list): Qt names it for its owner
        named = bool(widget.accessibleName()) or widget in buddies
        if isinstance(widget, QTabBar):  # a screen reader says the current tab's text
            named = named or all(widget.tabText(i) for i in range(widget.count()))
        if isinstance(widget, QAbstractButton):
            named = named or bool(widget.text().replace("&", "").strip())
        if widget is top:
            named = named or bool(widget.windowTitle())
        if not named:
            missing.append(
                f"{type(widget).__name__} {widget.objectName()!r} in "
                f"{type(widget.parent()).__name__}"
            )
    return missing


def test_every_focusable_widget_of_the_main_window_has_a_name(window: MainWindow) -> None:
    assert unnamed_focusable(window) == []


def test_every_focusable_widget_of_the_welcome_and_connect_screens_has_a_name(
    qtbot, tmp_path: Path
) -> None:
    welcome = WelcomeWindow(tmp_path / "config" / "desktop-sync.toml", tmp_path / "data")
    qtbot.addWidget(welcome)
    dialog = ConnectDialog(
        tmp_path / "config" / "desktop-sync.toml", runner=welcome.runner, parent=welcome
    )
    try:
        assert unnamed_focusable(welcome) == []
        assert unnamed_focusable(dialog) == []
        for name, edit in dialog.edits.items():
            assert edit.accessibleName(), name
    finally:
        welcome.close()  # ends its worker thread


def icon_keys() -> set[int]:
    return {icon(path.stem).cacheKey() for path in ICONS.glob("*.svg")}


def test_every_action_and_tab_shows_an_icon_of_our_set(window: MainWindow) -> None:
    ours = icon_keys()
    menus = {menu.menuAction() for menu in window.findChildren(QMenu)}
    top_menus = {action for action in window.menuBar().actions()}
    for action in window.findChildren(QAction):
        if not action.text() or action.isSeparator() or action in top_menus:
            continue
        assert not action.icon().isNull(), f"action {action.text()!r} has no icon"
        if action not in menus:
            assert action.icon().cacheKey() in ours, (
                f"action {action.text()!r} has an icon from elsewhere"
            )
    for tabs in window.findChildren(QTabWidget):
        for i in range(tabs.count()):
            assert tabs.tabIcon(i).cacheKey() in ours, (
                f"tab {tabs.tabText(i)!r} has no icon of our set"
            )


def test_icons_are_svg_and_sharp_at_any_device_pixel_ratio(qapp) -> None:
    """A raster icon never grows past its own size; our SVGs render at the size asked for."""
    for path in sorted(ICONS.glob("*.svg")):
        i = icon(path.stem)
        assert not i.isNull() and i.availableSizes() == [], (
            f"{path.name} is not drawn by the SVG engine"
        )
        for ratio in (1.0, 1.5, 2.0, 3.0):
            pixmap = i.pixmap(QSize(24, 24), ratio)
            assert pixmap.size() == QSize(round(24 * ratio), round(24 * ratio)), (path.name, ratio)
            assert pixmap.devicePixelRatio() == ratio
            assert not pixmap.toImage().allGray() or path.stem in {"quit", "cancel"}, (
                f"{path.name} rendered empty"
            )


def light_palette() -> QPalette:
    palette = QPalette()
    for role, color in (
        (QPalette.ColorRole.Base, "#ffffff"),
        (QPalette.ColorRole.AlternateBase, "#f5f5f5"),
        (QPalette.ColorRole.Text, "#1b1b1b"),
        (QPalette.ColorRole.Window, "#efefef"),
    ):
        palette.setColor(role, QColor(color))
    return palette


def dark_palette() -> QPalette:
    """As Fusion paints it when the system asks for a dark scheme."""
    palette = QPalette()
    for role, color in (
        (QPalette.ColorRole.Base, "#2d2d2d"),
        (QPalette.ColorRole.AlternateBase, "#353535"),
        (QPalette.ColorRole.Text, "#ffffff"),
        (QPalette.ColorRole.Window, "#323232"),
    ):
        palette.setColor(role, QColor(color))
    return palette


@pytest.mark.parametrize("palette", [light_palette(), dark_palette()], ids=["light", "dark"])
def test_our_colours_stay_readable_on_light_and_dark_palettes(palette: QPalette) -> None:
    base, alternate = (
        palette.color(QPalette.ColorRole.Base),
        palette.color(QPalette.ColorRole.AlternateBase),
    )
    text = palette.color(QPalette.ColorRole.Text)
    for color in (style.error_text(palette), style.ok_text(palette)):
        assert style.contrast(color, base) >= 4.5 and style.contrast(color, alternate) >= 4.5, (
            color.name()
        )
    for background in (style.differs_background(palette), style.changed_background(palette)):
        assert style.contrast(text, background) >= 4.5, background.name()


def test_the_grid_uses_the_dark_red_on_a_dark_palette(qapp, window: MainWindow) -> None:
    before = QApplication.palette()
    try:
        QApplication.setPalette(dark_palette())
        red = window.errors.model.index(0, COL_CRM_EXISTS).data(Qt.ItemDataRole.ForegroundRole)
        assert style.contrast(red, dark_palette().color(QPalette.ColorRole.Base)) >= 4.5
    finally:
        QApplication.setPalette(before)
    red = window.errors.model.index(0, COL_CRM_EXISTS).data(Qt.ItemDataRole.ForegroundRole)
    assert style.contrast(red, QApplication.palette().color(QPalette.ColorRole.Base)) >= 4.5
