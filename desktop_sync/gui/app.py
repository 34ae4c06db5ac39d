"""Starting the window: the application object, translations, the configuration, the service."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from desktop_sync.config import ConfigError, default_config_path, load_config
from desktop_sync.resources import TRANSLATIONS, translation_path

if TYPE_CHECKING:
    from desktop_sync.services import Service

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
    """Our own translation and Qt's (for standard buttons), kept alive by the returned list.

    English needs ours too, for its plural forms ("1 error", "2 errors"). Qt ships no qtbase
    translation for Norwegian Bokmål, so ours (resources/translations/qtbase_nb) stands in for it
    when Qt's own is missing.
    """
    translators: list[QTranslator] = []
    own = QTranslator(app)
    if own.load(str(translation_path(lang))):
        app.installTranslator(own)
        translators.append(own)
    if lang == "en":
        return translators
    qt = QTranslator(app)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt.load(f"qtbase_{lang}", qt_dir) or qt.load(str(TRANSLATIONS / f"qtbase_{lang}.qm")):
        app.installTranslator(qt)
        translators.append(qt)
    return translators


def remove_translators(app: QApplication, translators: list[QTranslator]) -> None:
    for translator in translators:
        app.removeTranslator(translator)


def open_service(
    config: Path, user: str | None = None, parent: QWidget | None = None
) -> tuple[Service | None, int]:
    """The service on `config`, or None and the exit status after telling the person why not."""
    from desktop_sync.services import Service

    try:
        return Service.open(load_config(config), user=user), 0
    except ConfigError as exc:
        QMessageBox.critical(
            parent, QCoreApplication.translate("run_gui", "desktop-sync cannot start"), str(exc)
        )
        return None, 2
    except Exception as exc:  # noqa: BLE001 - the store or an app is unreachable: say so, plainly
        from desktop_sync.services import describe_failure

        QMessageBox.critical(
            parent,
            QCoreApplication.translate("run_gui", "desktop-sync cannot start"),
            describe_failure(exc),
        )
        return None, 1


def run_gui(config: Path | None, user: str | None = None, lang: str | None = None) -> int:
    """Open the window on the configured store; returns the exit status.

    Without --config and with no configuration in the default place, the welcome screen comes
    first (demo data, or connecting one's own apps) and then the window on what it made.
    """
    from desktop_sync.gui.common.style import apply_style
    from desktop_sync.gui.main_window import MainWindow
    from desktop_sync.services.signin import sign_in_only_when_asked

    app = application()
    app._translators = install_translators(app, language_for(lang))  # type: ignore[attr-defined]
    apply_style(app)
    sign_in_only_when_asked()  # a job never waits for a device code nobody sees
    path = config or default_config_path()
    if config is None and not path.exists():
        return _welcome_first(app, path, user)
    service, status = open_service(path, user)
    if service is None:
        return status
    window = MainWindow(service)
    window.show()
    try:
        return app.exec()
    finally:
        service.close()


def _welcome_first(app: QApplication, config_path: Path, user: str | None) -> int:
    from desktop_sync.config import default_data_dir
    from desktop_sync.gui.main_window import MainWindow
    from desktop_sync.gui.setup.welcome import WelcomeWindow

    welcome = WelcomeWindow(config_path, default_data_dir())
    opened: list[MainWindow] = []

    def open_window(path: Path) -> None:
        service, _ = open_service(path, user, welcome)
        if service is None:
            return  # the message is shown; the welcome screen stays for another try
        window = MainWindow(service)
        window.show()
        opened.append(window)
        welcome.close()

    welcome.config_ready.connect(open_window)
    welcome.show()
    try:
        return app.exec()
    finally:
        for window in opened:
            window.service.close()


def main() -> None:
    sys.exit(run_gui(None))
