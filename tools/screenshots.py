"""Render the README's screenshots offscreen from a fresh demo: the main window, the Synchronize
dialog, the main window at 1024×700, the Dashboard tab, and the main window in Norwegian.

    python tools/screenshots.py [OUTPUT_FOLDER]     (default: docs/)
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QCoreApplication, QSettings, QTimer
from PySide6.QtWidgets import QApplication


def wait(app: QApplication, done, limit: float = 30.0) -> None:  # type: ignore[no-untyped-def]
    import time

    began = time.monotonic()
    while not done():
        app.processEvents()
        time.sleep(0.005)
        if time.monotonic() - began > limit:
            raise TimeoutError("the window did not get there in time")


def main() -> None:
    out = Path(
        sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent / "docs"
    )
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        QCoreApplication.setOrganizationName("desktop-sync-screenshots")
        QCoreApplication.setApplicationName("desktop-sync-screenshots")
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tmp)
        app = QApplication([])
        from desktop_sync.demo import create_demo
        from desktop_sync.gui.errors.synchronize_dialog import SynchronizeDialog
        from desktop_sync.gui.main_window import MainWindow
        from desktop_sync.services import ErrorFilter, Service

        paths = create_demo(Path(tmp) / "demo", records=200, seed=1)
        service = Service.open(paths.config, user="kari")

        def main_window(name: str, width: int, height: int) -> MainWindow:
            QSettings().clear()  # each picture as a first start: no sizes from the one before
            window = MainWindow(service)
            window.resize(width, height)
            window.show()
            wait(app, lambda: window.errors.model.rowCount() > 0 and not window.loader.busy)
            conflict = service.errors(ErrorFilter(kind="changed_in_both"))[0]
            window.errors.select_ids({conflict.id})
            wait(app, lambda: window.errors.selected_ids() == [conflict.id])
            for _ in range(10):
                app.processEvents()
            window.grab().save(str(out / name))
            return window

        window = main_window("main-window.png", 1500, 820)
        conflict = service.errors(ErrorFilter(kind="changed_in_both"))[0]
        dialog = SynchronizeDialog(service.comparison(conflict.id), service, window)
        dialog.resize(1000, 460)
        dialog.show()
        QTimer.singleShot(0, lambda: None)
        wait(app, dialog.isVisible)
        app.processEvents()
        dialog.grab().save(str(out / "synchronize-dialog.png"))
        dialog.close()
        window.close()
        main_window("main-window-1024.png", 1024, 700).close()

        window = main_window("dashboard.png", 1400, 900)
        window.tabs.setCurrentWidget(window.dashboard)
        loaded: list[bool] = []
        window.dashboard.loaded.connect(lambda: loaded.append(True))
        wait(app, lambda: bool(loaded) and not window.loader.busy)
        for _ in range(10):
            app.processEvents()
        window.grab().save(str(out / "dashboard.png"))
        window.close()

        from desktop_sync.gui.app import install_translators, remove_translators

        norwegian = install_translators(app, "nb")
        main_window("main-window-nb.png", 1280, 760).close()
        remove_translators(app, norwegian)
        app.processEvents()
        service.close()
    print(f"screenshots written to {out}")


if __name__ == "__main__":
    main()
