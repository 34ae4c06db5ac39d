"""The first five minutes: with no configuration yet, offer demo data or connecting one's own apps.

"Open demo data" creates the demo in the user's data folder (`default_data_dir()/demo`) in a
worker thread, showing each step, and opens it; a demo made on an earlier day is opened as it is.
"Connect my apps" opens the connection form, which checks both apps before it writes the
configuration. Either way the window ends by emitting `config_ready` with the configuration's path.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSize, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCommandLinkButton,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_sync.config import CONFIG_FILENAME
from desktop_sync.domain import CancelToken, Progress
from desktop_sync.gui.common.icons import app_icon, icon
from desktop_sync.gui.common.style import error_text
from desktop_sync.gui.common.tasks import Task, TaskRunner
from desktop_sync.gui.setup.connect_dialog import ConnectDialog
from desktop_sync.services.setup import create_demo

DEMO_RECORDS = 200

# create_demo's progress messages (plain English from a module without Qt), in the window's words
DEMO_STEPS = {
    "creating the ERP and CRM databases": QT_TRANSLATE_NOOP(
        "WelcomeWindow", "Creating the demo ERP and CRM…"
    ),
    "first synchronization": QT_TRANSLATE_NOOP(
        "WelcomeWindow", "Synchronizing them for the first time…"
    ),
    "people edit both apps": QT_TRANSLATE_NOOP(
        "WelcomeWindow", "People edit records in both apps…"
    ),
    "second synchronization, which finds the problems": QT_TRANSLATE_NOOP(
        "WelcomeWindow", "Synchronizing again, which finds the problems…"
    ),
}


def demo_folder(data_dir: Path) -> Path:
    return data_dir / "demo"


class WelcomeWindow(QWidget):
    """Shown instead of the main window when there is no configuration."""

    config_ready = Signal(Path)

    def __init__(
        self,
        config_path: Path,
        data_dir: Path,
        demo_records: int = DEMO_RECORDS,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.config_path, self.data_dir, self.demo_records = (
            Path(config_path),
            Path(data_dir),
            demo_records,
        )
        self.setObjectName("WelcomeWindow")
        self.setWindowTitle(self.tr("Welcome to desktop-sync"))
        self.setWindowIcon(app_icon())
        self.runner = TaskRunner("welcome", self)
        self.runner.progressed.connect(self._on_progress)
        application = QCoreApplication.instance()
        if application is not None:  # never left running at exit
            application.aboutToQuit.connect(self.runner.stop)
        self.connect_dialog: ConnectDialog | None = None
        self._demo_task: Task | None = None
        self.steps_seen: list[str] = []

        logo = QLabel()
        logo.setPixmap(app_icon().pixmap(QSize(64, 64), self.devicePixelRatioF()))
        logo.setAccessibleName(self.tr("desktop-sync logo"))
        title = QLabel(self.tr("Welcome to desktop-sync"))
        title.setObjectName("welcomeTitle")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        title.setFont(font)
        heading = QHBoxLayout()
        heading.addWidget(logo)
        heading.addWidget(title, 1)

        self.intro = QLabel(
            self.tr(
                "desktop-sync keeps the coupled records of your ERP and your CRM synchronized. "
                "When it cannot — two people made a change to the same record in both apps, or "
                "someone deleted a record in one of the apps but not both — the record waits under "
                "Coupled Data Synchronization Errors until you decide what to do."
            )
        )
        self.intro.setWordWrap(True)
        self.question = QLabel(self.tr("There is no configuration yet. How do you want to start?"))
        self.question.setWordWrap(True)

        self.demo_button = QCommandLinkButton(
            self.tr("Open demo data"),
            self.tr(
                "Two small sample apps, already synchronized, with an error of every kind waiting "
                "for you. Nothing of yours is touched. Created in {folder}."
            ).format(folder=demo_folder(self.data_dir)),
        )
        self.demo_button.setIcon(icon("demo"))
        self.demo_button.setObjectName("openDemo")
        self.demo_button.setAccessibleName(self.tr("Open demo data"))
        self.demo_button.setAccessibleDescription(self.demo_button.description())
        self.demo_button.clicked.connect(self.open_demo)

        self.connect_button = QCommandLinkButton(
            self.tr("Connect my apps"),
            self.tr(
                "Tell desktop-sync how to reach your ERP, your CRM and its "
                "own store, and which table to synchronize. Both connections "
                "and every mapped column are checked before anything is saved."
            ),
        )
        self.connect_button.setIcon(icon("connect"))
        self.connect_button.setObjectName("connectApps")
        self.connect_button.setAccessibleName(self.tr("Connect my apps"))
        self.connect_button.setAccessibleDescription(self.connect_button.description())
        self.connect_button.clicked.connect(self.connect_apps)

        self.progress = QProgressBar()
        self.progress.setAccessibleName(self.tr("Progress of the demo data"))
        self.progress.setRange(0, len(DEMO_STEPS))
        self.progress.setFormat(self.tr("Step %v of %m"))
        self.progress.hide()
        self.status = QLabel()
        self.status.setObjectName("welcomeStatus")
        self.status.setAccessibleName(self.tr("Status"))
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status.hide()

        self.quit_button = QPushButton(icon("quit"), self.tr("Quit"))
        self.quit_button.setAccessibleName(self.tr("Quit desktop-sync"))
        self.quit_button.clicked.connect(self.close)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Quit), self).activated.connect(self.close)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.quit_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 20)
        layout.setSpacing(12)
        layout.addLayout(heading)
        layout.addWidget(self.intro)
        layout.addWidget(self.question)
        layout.addWidget(self.demo_button)
        layout.addWidget(self.connect_button)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addStretch(1)
        layout.addLayout(bottom)
        self.setTabOrder(self.demo_button, self.connect_button)
        self.setTabOrder(self.connect_button, self.quit_button)
        self.demo_button.setFocus()
        self.resize(680, 520)

    # -- demo data ---------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return self.runner.busy

    def open_demo(self) -> None:
        """Open the demo in the data folder, creating
        it first (in the worker thread) when needed."""
        folder = demo_folder(self.data_dir)
        config = folder / CONFIG_FILENAME
        if config.is_file():
            self.config_ready.emit(config)
            return
        if self.busy:
            return
        # Made beside the final folder and renamed at the end, so an interrupted creation never
        # leaves a half-made demo that the next start would open.
        partial = folder.with_name(folder.name + ".partial")
        records = self.demo_records
        if folder.exists() and not any(folder.iterdir()):
            folder.rmdir()
        if folder.exists():
            self._show_problem(
                self.tr(
                    "{folder} exists but holds no demo configuration. Move it away or delete it, "
                    "then try again."
                ).format(folder=folder)
            )
            return

        def work(report: Callable[[Progress], None], cancel: CancelToken) -> Path:
            shutil.rmtree(partial, ignore_errors=True)
            steps = list(DEMO_STEPS)

            def step(message: str) -> None:
                done = steps.index(message) if message in steps else 0
                report(Progress("demo", done, len(steps), message))

            create_demo(partial, records=records, progress=step)
            partial.rename(folder)
            return config

        self._set_busy(True)
        self.progress.setValue(0)
        self._show_status(self.tr("Creating the demo data in {folder}…").format(folder=folder))
        task = Task(
            work,
            self._demo_done,
            self._demo_failed,
            self.tr("Creating the demo data"),
            wants_progress=True,
        )
        self._demo_task = self.runner.submit(task)

    def _on_progress(self, task: Task, progress: Progress) -> None:
        if task is not self._demo_task:
            return
        self.progress.setRange(0, progress.total or 0)
        self.progress.setValue(progress.done)
        label = DEMO_STEPS.get(progress.message)
        text = (
            QCoreApplication.translate("WelcomeWindow", str(label)) if label else progress.message
        )
        self.steps_seen.append(text)
        self._show_status(text)

    def _demo_done(self, config: Path) -> None:
        self.progress.setValue(self.progress.maximum())
        self._show_status(self.tr("The demo data is ready."))
        self._set_busy(False)
        self.config_ready.emit(config)

    def _demo_failed(self, message: str) -> None:
        self._set_busy(False)
        self.progress.hide()
        self._show_problem(
            self.tr("The demo data could not be created: {reason}").format(reason=message)
        )

    # -- connecting --------------------------------------------------------------------

    def connect_apps(self) -> None:
        if self.busy:
            return
        self.connect_dialog = ConnectDialog(self.config_path, runner=self.runner, parent=self)
        self.connect_dialog.saved.connect(self.config_ready.emit)
        self.connect_dialog.open()

    # -- helpers -----------------------------------------------------------------------

    def _set_busy(self, busy: bool) -> None:
        self.demo_button.setEnabled(not busy)
        self.connect_button.setEnabled(not busy)
        self.progress.setVisible(busy or self.progress.isVisible())
        self.setCursor(Qt.CursorShape.BusyCursor if busy else Qt.CursorShape.ArrowCursor)

    def _show_status(self, text: str) -> None:
        self.status.setStyleSheet("")
        self.status.setText(text)
        self.status.show()

    def _show_problem(self, text: str) -> None:
        self.status.setStyleSheet(f"color: {error_text(self.palette()).name()};")
        self.status.setText(text)
        self.status.show()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.busy:  # the demo or a check is half done: finish it rather than leave it so
            self._show_status(self.tr("Please wait a moment: this finishes first."))
            event.ignore()
            return
        self.runner.stop()
        super().closeEvent(event)
