"""Starting the window: the application object, translations, the configuration, the service."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop_sync.config import ConfigError, default_config_path, load_config
from desktop_sync.resources import translation_path

ORGANIZATION = "desktop-sync"
APPLICATION = "desktop-sync"
LANGUAGES = ("en", "nb")


def application(argv: list[str] | None = None) -> QApplication:
    """The one QApplication, named so that QSettings has a home."""
    app = QApplication.instance()
    if app is None:
        QCoreApplication.setOrganizationName(ORGANIZATION)
        QCoreApplication.setApplicationName(APPLICATION)
        app = QApplication(argv if argv is not None else sys.argv[:1])
    return app  # type: ignore[return-value]


def language_for(lang: str | None) -> str:
    """`--lang` when given, else the system's language when we have it, else English."""
    if lang:
        return lang
    name = QLocale.system().name().split("_")[0]
    return "nb" if name in ("nb", "no", "nn") else "en"


def install_translators(app: QApplication, lang: str) -> list[QTranslator]:
    """Our own translation and Qt's (for standard buttons), kept alive by the returned list."""
    translators: list[QTranslator] = []
    if lang == "en":
        return translators
    own = QTranslator(app)
    if own.load(str(translation_path(lang))):
        app.installTranslator(own)
        translators.append(own)
    qt = QTranslator(app)
    if qt.load(f"qtbase_{lang}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        translators.append(qt)
    return translators


def run_gui(config: Path | None, user: str | None = None, lang: str | None = None) -> int:
    """Open the window on the configured store; returns the exit status."""
    from desktop_sync.gui.main_window import MainWindow
    from desktop_sync.services import Service

    app = application()
    app._translators = install_translators(app, language_for(lang))  # type: ignore[attr-defined]
    try:
        service = Service.open(load_config(config or default_config_path()), user=user)
    except ConfigError as exc:
        QMessageBox.critical(None, QCoreApplication.translate("run_gui", "desktop-sync cannot start"), str(exc))
        return 2
    except Exception as exc:  # noqa: BLE001 - the store or an app is unreachable: say so, plainly
        from desktop_sync.gui.tasks import describe

        QMessageBox.critical(None, QCoreApplication.translate("run_gui", "desktop-sync cannot start"), describe(exc))
        return 1
    window = MainWindow(service)
    window.show()
    try:
        return app.exec()
    finally:
        service.close()


def main() -> None:
    sys.exit(run_gui(None))
