"""The window's fixtures: QSettings in a temporary folder, no translator left behind, and the one
`window` fixture every module of the window opens its main window with.

A module says what its window shows by overriding `window_world` (the store and apps it opens
on) and `window_ready` (what it has read before the test starts).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from desktop_sync.gui.main_window import MainWindow
from tests.gui.windows import open_main_window
from tests.helpers import World


@pytest.fixture(scope="session", autouse=True)
def _qt_settings_in_a_temp_folder(tmp_path_factory) -> None:
    """QSettings of the tests live in a temporary folder, never in the user's own settings."""
    from PySide6.QtCore import QCoreApplication, QSettings

    QCoreApplication.setOrganizationName("desktop-sync-tests")
    QCoreApplication.setApplicationName("desktop-sync-tests")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(
        QSettings.Format.IniFormat,
        QSettings.Scope.UserScope,
        str(tmp_path_factory.mktemp("settings")),
    )


@pytest.fixture(autouse=True)
def _no_translators_left_behind() -> Iterator[None]:
    """A test that starts the window the way `run_gui` does leaves its translators installed;
    take them out, so that the next test sees the language it asks for."""
    yield
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    translators = getattr(app, "_translators", None) if app is not None else None
    if translators:
        from desktop_sync.gui.app import remove_translators

        remove_translators(app, translators)
        app._translators = []  # type: ignore[attr-defined]


@pytest.fixture
def window_world(world: World) -> World:
    """What the module's window opens on; a module overrides it with its own scene."""
    return world


@pytest.fixture
def window_ready() -> Callable[[MainWindow], bool]:
    """When the module's window counts as open; a module overrides it with what it waits for."""
    return lambda window: not window.loader.busy


@pytest.fixture
def window(qtbot, window_world: World, window_ready) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    """The main window on the module's world, shown and active, once `window_ready` says so."""
    w = open_main_window(qtbot, window_world, window_ready)
    yield w
    w.close()
