"""`desktop-sync self-test`: does this installation have everything it needs?

Meant for a packaged build (`.ci/package-smoke-test` runs it on the PyInstaller folder), where a
missing data file, Qt plugin or dynamically imported module only shows when it is used. Checks
the resources, the SVG icon engine, the translations (ours and Qt's), the database drivers, the
keyring, and — given a configuration — opens the main window on it and reads the errors.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

Check = tuple[str, Callable[[], str]]


def _resources() -> str:
    from desktop_sync.resources import DESKTOP_FILE, ICONS, TRANSLATIONS

    icons = sorted(ICONS.glob("*.svg"))
    qms = sorted(p.name for p in TRANSLATIONS.glob("*.qm"))
    missing = [
        n for n in ("desktop_sync_nb.qm", "desktop_sync_en.qm", "qtbase_nb.qm") if n not in qms
    ]
    if len(icons) < 10 or missing or not DESKTOP_FILE.is_file():
        raise RuntimeError(
            f"{len(icons)} icons, translations missing: "
            f"{missing}, desktop entry: {DESKTOP_FILE.is_file()}"
        )
    return f"{len(icons)} icons, {len(qms)} translations, desktop entry"


def _svg_icons() -> str:
    from PySide6.QtCore import QSize

    from desktop_sync.gui.common.icons import icon

    i = icon("remove-coupling")
    pixmap = i.pixmap(QSize(32, 32), 2.0)
    if i.availableSizes() or pixmap.size() != QSize(64, 64) or pixmap.toImage().allGray():
        raise RuntimeError(
            "icons are not drawn by the SVG icon engine (Qt's iconengines plugin or QtSvg missing)"
        )
    return "drawn by the SVG icon engine at device pixel ratio 2"


def _translations() -> str:
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication

    from desktop_sync.gui.app import install_translators, remove_translators

    app = QApplication.instance()
    installed = install_translators(app, "nb")  # type: ignore[arg-type]
    try:
        # looked up, not new messages: contexts in variables keep pyside6-lupdate from collecting
        # them
        ours_context, qt_context = "ErrorActions", "QPlatformTheme"
        ours = QCoreApplication.translate(ours_context, "Remove Coupling")
        qts = QCoreApplication.translate(qt_context, "Cancel")
    finally:
        remove_translators(app, installed)  # type: ignore[arg-type]
    if (ours, qts) != ("Fjern kobling", "Avbryt"):
        raise RuntimeError(f"Norwegian not loaded: {ours!r}, {qts!r}")
    return "Norwegian: “Fjern kobling”, Qt's buttons: “Avbryt”"


def _drivers() -> str:
    from sqlalchemy import create_engine

    names = []
    for url in (
        "sqlite:///:memory:",
        "postgresql+psycopg://user@localhost/db",
        "mysql+pymysql://user@localhost/db",
    ):
        engine = create_engine(url)  # loads the dialect and its DB-API module, connects nowhere
        names.append(f"{engine.dialect.name}+{engine.dialect.driver}")
        engine.dispose()
    import psycopg

    return ", ".join(names) + f" (libpq {psycopg.pq.version()}, {psycopg.pq.__impl__})"


def _keyring() -> str:
    import keyring

    backend = keyring.get_keyring()
    return f"{type(backend).__module__}.{type(backend).__name__}"


def _window(config: Path) -> Callable[[], str]:
    def check() -> str:
        from PySide6.QtCore import QDeadlineTimer, QEventLoop, QTimer
        from PySide6.QtWidgets import QApplication

        from desktop_sync.gui.main_window import MainWindow
        from desktop_sync.services import Service

        service = Service.open(config)
        window = MainWindow(service)
        try:
            window.show()
            deadline = QDeadlineTimer(20000)
            expected = len(service.error_ids(window.errors.current_filter()))
            loop = QEventLoop()
            while window.errors.model.rowCount() != expected or window.loader.busy:
                if deadline.hasExpired():
                    raise RuntimeError(
                        f"the grid shows {window.errors.model.rowCount()} of {expected} errors"
                    )
                QTimer.singleShot(20, loop.quit)
                loop.exec()
            window.tabs.setCurrentWidget(window.dashboard)  # its charts: pyqtgraph and numpy
            while window.dashboard.board is None or window.loader.busy:
                if deadline.hasExpired():
                    raise RuntimeError(f"the dashboard: {window.dashboard.summary.text()}")
                QTimer.singleShot(20, loop.quit)
                loop.exec()
            QApplication.processEvents()
            return (
                f"main window on {config.name}: {expected} errors in the grid, "
                f"{len(window.dashboard.charts)} dashboard charts"
            )
        finally:
            window.close()
            service.close()

    return check


def run_self_test(config: Path | None, echo: Callable[[str], None] = print) -> int:
    """Run every check, one line each; returns how many failed."""
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # a build server has no screen
    from desktop_sync.gui.app import application

    application()
    checks: list[Check] = [
        ("resources", _resources),
        ("svg icons", _svg_icons),
        ("translations", _translations),
        ("database drivers", _drivers),
        ("keyring", _keyring),
    ]
    if config is not None:
        checks.append(("window", _window(config)))
    failed = 0
    for name, check in checks:
        try:
            echo(f"ok    {name}: {check()}")
        except Exception as exc:  # noqa: BLE001 - every failure is reported, then the next check runs
            failed += 1
            echo(f"FAIL  {name}: {type(exc).__name__}: {exc}")
    return failed
