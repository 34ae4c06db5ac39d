"""Opening the main window in a test, and waiting for its threads."""

from __future__ import annotations

from collections.abc import Callable

from desktop_sync.gui.main_window import MainWindow
from tests.helpers import World


def open_main_window(
    qtbot, world: World, ready: Callable[[MainWindow], bool] = lambda w: not w.loader.busy
) -> MainWindow:  # type: ignore[no-untyped-def]
    """The main window on `world`, shown and activated, once `ready` says it has read what the
    test needs; closed with the test (qtbot)."""
    window = MainWindow(world.service)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: ready(window))
    return window


def idle(window: MainWindow) -> bool:
    """Nothing is running or waiting in the window's threads."""
    return not (window.actions_runner.busy or window.jobs_runner.busy or window.loader.busy)
