"""The main window: the errors grid first, jobs beside it, synchronization in a worker thread.

The window owns three worker threads (`operations.Runners`): one loads grid ids, one runs a
person's actions, one runs synchronization jobs with progress and Cancel. It is the `Host` of the
actions of its views and of the job queue's runner, and runs their operations through
`operations.Operations`. Nothing here touches a database directly: views ask the service for one
page, everything else goes through a thread.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QSettings, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QMainWindow,
    QMenu,
    QMessageBox,
    QTabWidget,
    QWidget,
)

from desktop_sync import __version__
from desktop_sync.domain import JobResult, Side
from desktop_sync.gui.common.confirm import confirm, confirm_with_comment, show_problem
from desktop_sync.gui.common.geometry import restore_geometry
from desktop_sync.gui.common.icons import app_icon, icon
from desktop_sync.gui.common.store_watch import ELSEWHERE, StoreWatch
from desktop_sync.gui.common.tasks import Task
from desktop_sync.gui.dashboard.links import DashboardLinks
from desktop_sync.gui.dashboard.view import DashboardView
from desktop_sync.gui.errors.actions import ErrorActions
from desktop_sync.gui.errors.view import ErrorsView
from desktop_sync.gui.export.command import ExportCommand
from desktop_sync.gui.history.view import HistoryView
from desktop_sync.gui.jobs.last_result import LastResult
from desktop_sync.gui.jobs.progress import JobProgress
from desktop_sync.gui.jobs.view import JobsView
from desktop_sync.gui.menus import MainMenus
from desktop_sync.gui.operations import (
    STATUS_TIMEOUT_MS,
    JobWork,
    Operations,
    Runners,
    Summary,
    Work,
)
from desktop_sync.gui.queue.actions import QueueActions
from desktop_sync.gui.queue.runner import QueueRunner
from desktop_sync.gui.queue.view import QueueView
from desktop_sync.gui.record.window import RecordWindow, show_record_window
from desktop_sync.gui.records.view import RecordsView
from desktop_sync.gui.signin.banner import SignInBanner
from desktop_sync.gui.toolbars import MainToolbars
from desktop_sync.services import ActionResult, Service


class MainWindow(QMainWindow):
    """The window back-office users live in (a `Host`, and the `MainHost` of record windows)."""

    store_changed = Signal(str)  # what changed: "errors", "jobs", … — views refresh themselves

    def __init__(self, service: Service, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.setObjectName("MainWindow")
        self.setWindowIcon(app_icon())
        self.runners = Runners(("grid-loader", "actions", "jobs"), self)
        self.loader = self.runners.loader
        self.actions_runner = self.runners.actions
        self.jobs_runner = self.runners.jobs
        self.operations = Operations(self, self)

        self.errors = ErrorsView(service, self.loader, self)
        self.jobs = JobsView(service, self.loader, self)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.errors, icon("error"), "")
        self.tabs.addTab(self.jobs, icon("jobs"), "")
        self.records = RecordsView(service, self.loader, self)
        self.tabs.addTab(self.records, icon("records"), "")
        self.queue = QueueView(service, self.loader, self)
        self.tabs.addTab(self.queue, icon("job-queue"), "")
        self.history = HistoryView(service, self.loader, self)
        self.tabs.addTab(self.history, icon("history"), "")
        self.dashboard = DashboardView(service, self.loader, self)
        self.tabs.addTab(self.dashboard, icon("dashboard"), "")
        self.setCentralWidget(self.tabs)

        self.error_actions = ErrorActions(self, self.errors, self)
        self.queue_runner = QueueRunner(self, parent=self)  # runs due entries in jobs_runner
        self.queue_actions = QueueActions(self, self.queue, self.queue_runner, self)
        self.store_watch = StoreWatch(service, self.loader, parent=self)  # changes made elsewhere
        self.dashboard_links = DashboardLinks(self)  # its clicks narrow the other tabs
        self._make_window_actions()
        self._make_status_bar()
        self._make_toolbar()
        self._make_menus()
        self._wire()
        self.retranslate()
        self._restore_settings()
        self.refresh()
        self.sign_in_banner.check()

    # -- building ----------------------------------------------------------------------

    def _make_window_actions(self) -> None:
        self.sync_now = QAction(icon("sync-now"), "", self)
        self.sync_now.setShortcut(QKeySequence("F9"))
        self.sync_now.triggered.connect(lambda: self.synchronize())
        self.sync_menu = QMenu(self)
        self.sync_menu.setIcon(icon("sync-now"))
        self.sync_all = self.sync_menu.addAction(icon("sync-now"), "")
        self.sync_all.triggered.connect(lambda: self.synchronize())
        self.sync_menu.addSeparator()
        self.sync_mapping_actions: list[QAction] = []
        for mapping in self.service.config.mappings:
            action = self.sync_menu.addAction(icon("sync-now"), mapping.name)
            action.triggered.connect(lambda _=False, name=mapping.name: self.synchronize([name]))
            self.sync_mapping_actions.append(action)
        self.cancel = QAction(icon("cancel"), "", self)
        self.cancel.setShortcut(QKeySequence("Ctrl+."))
        self.cancel.triggered.connect(self.cancel_job)
        self.quit = QAction(icon("quit"), "", self)
        self.quit.setShortcut(QKeySequence.StandardKey.Quit)
        self.quit.triggered.connect(self.close)
        self.about = QAction(icon("about"), "", self)
        self.about.triggered.connect(self.show_about)
        self.focus_search = QAction(icon("search"), "", self)
        self.focus_search.setShortcut(QKeySequence.StandardKey.Find)
        self.focus_search.triggered.connect(self._focus_search)
        self.addAction(self.focus_search)

    def _make_status_bar(self) -> None:
        self.last_result = LastResult(self.statusBar(), self.show_job)
        self.operations.last_result = self.last_result
        self.sign_in_banner = SignInBanner(self.service, self)  # an app waits for a sign-in
        self.statusBar().addPermanentWidget(self.sign_in_banner)
        self.job_progress = JobProgress(self.runners, self.statusBar())
        self.job_label = self.job_progress.label
        self.progress = self.job_progress.progress
        self.cancel_button = self.job_progress.cancel_button
        self.statusBar().addPermanentWidget(self.error_actions.similar_offer.button)

    def _make_toolbar(self) -> None:
        self.toolbars = MainToolbars(self, self.sync_now, self.sync_menu, self.error_actions)
        self.toolbar, self.sync_button = self.toolbars.main, self.toolbars.sync_button

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.toolbars.adapt()

    def _make_menus(self) -> None:
        self.export = ExportCommand(self, self.errors.model, self)
        self.menus = MainMenus(self, self)

    def _wire(self) -> None:
        self.errors.selection_changed.connect(self.error_actions.update_enabled)
        self.tabs.currentChanged.connect(lambda _: self.error_actions.update_enabled())
        self.errors.model.reloaded.connect(self.error_actions.update_enabled)
        self.errors.model.failed.connect(
            lambda message: self.show_problem(self.tr("Cannot read the errors"), message)
        )
        self.errors.activated.connect(lambda _: self.error_actions.on_open_record())
        for runner in (self.actions_runner, self.jobs_runner):
            runner.started.connect(self._update_running)
            runner.ended.connect(self._update_running)
        self.store_changed.connect(self._on_store_changed)
        self.store_watch.changed.connect(self.store_changed)
        self.store_watch.unreachable.connect(
            lambda message: self.statusBar().showMessage(
                self.tr("The state store cannot be read: {message}").format(message=message)
            )
        )
        self.store_watch.reachable.connect(self.statusBar().clearMessage)
        self.records.record_activated.connect(self.open_record)
        self.jobs.error_activated.connect(self.open_error_record)
        self.history.record_activated.connect(lambda m, s, k: self.open_record(m, s, k, "changes"))
        self.store_changed.connect(self.history.on_store_changed)

    def retranslate(self) -> None:
        self.sign_in_banner.retranslate()
        self.setWindowTitle(
            self.tr("desktop-sync — {erp} and {crm}").format(
                erp=self.service.side_name(Side.ERP), crm=self.service.side_name(Side.CRM)
            )
        )
        self.tabs.setTabText(0, self.tr("Coupled Data Synchronization Errors"))
        self.tabs.setTabText(1, self.tr("Synchronization Jobs"))
        self.tabs.setTabText(self.tabs.indexOf(self.records), self.tr("Records"))
        self.tabs.setTabText(self.tabs.indexOf(self.queue), self.tr("Job Queue"))
        self.tabs.setTabText(self.tabs.indexOf(self.history), self.tr("History"))
        self.tabs.setTabText(self.tabs.indexOf(self.dashboard), self.tr("Dashboard"))
        self.history.retranslate()
        self.export.retranslate()
        self.sync_now.setText(self.tr("Synchronize Now"))
        self.sync_now.setToolTip(
            self.tr("Synchronize every mapping now (F9); the arrow picks one mapping")
        )
        self.sync_all.setText(self.tr("All mappings"))
        self.cancel.setText(self.tr("Cancel"))
        self.cancel.setToolTip(
            self.tr(
                "Stop the running synchronization after the current batch; what was done is kept"
            )
        )
        self.job_progress.retranslate()
        self.quit.setText(self.tr("&Quit"))
        self.about.setText(self.tr("&About desktop-sync"))
        self.focus_search.setText(self.tr("Search Errors"))
        self.menus.retranslate()
        self.error_actions.retranslate()
        self.queue_actions.retranslate()
        self._update_running()

    # -- running work ------------------------------------------------------------------

    @property
    def actions_busy(self) -> bool:
        return self.actions_runner.busy

    @property
    def jobs_busy(self) -> bool:
        return self.jobs_runner.busy

    @property
    def last_action(self) -> ActionResult | None:
        return self.operations.last_action

    @property
    def last_results(self) -> list[JobResult]:
        return self.operations.last_results

    def run_action(self, label: str, work: Work, done: Callable[[Any], None] | None = None) -> Task:
        return self.operations.run_action(label, work, done)

    def run_job(
        self,
        label: str,
        work: JobWork,
        done: Callable[[list[JobResult]], None] | None = None,
        summary: Summary | None = None,
    ) -> Task:
        return self.operations.run_job(label, work, done, summary)

    def synchronize(self, mappings: list[str] | None = None) -> Task:
        label = self.tr("Synchronizing {what}").format(
            what=", ".join(mappings) if mappings else self.tr("all mappings")
        )
        return self.run_job(
            label,
            lambda progress, cancel: self.service.synchronize(
                mappings, progress=progress, cancel=cancel
            ),
        )

    def cancel_job(self) -> None:
        self.job_progress.cancel()

    def _update_running(self, *_: Any) -> None:
        running = self.jobs_busy
        self.job_progress.update()
        self.cancel.setEnabled(running)
        self.sync_now.setEnabled(not running)
        for action in [self.sync_all, *self.sync_mapping_actions]:
            action.setEnabled(not running)
        self.error_actions.update_enabled()

    def notify_changed(self, what: str) -> None:
        self.store_changed.emit(what)

    def _on_store_changed(self, what: str) -> None:
        # After someone else's change the selected errors may be gone: then select nothing rather
        # than whatever error moved into their place.
        self.errors.reload(keep_place=what != ELSEWHERE)
        self.jobs.reload()
        self.records.refresh()
        self.queue.reload()

    def refresh(self) -> None:
        self.errors.reload()
        self.jobs.reload()
        self.records.refresh()
        self.queue.reload()

    # -- talking to the person ---------------------------------------------------------

    def confirm(self, title: str, text: str, destructive: bool = True) -> bool:
        return confirm(self, title, text, destructive)

    def confirm_comment(self, title: str, text: str, destructive: bool = True) -> str | None:
        return confirm_with_comment(self, title, text, destructive)

    def show_result(self, result: ActionResult) -> None:
        self.operations.show_result(result)

    def show_problem(self, title: str, message: str) -> None:
        show_problem(self, title, message)

    def show_status(self, message: str, timeout_ms: int = STATUS_TIMEOUT_MS) -> None:
        self.statusBar().showMessage(message, timeout_ms)

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About desktop-sync"),
            self.tr(
                "<b>desktop-sync {version}</b><br>Keeps {erp} and {crm} "
                "synchronized, and shows every problem in one window."
            ).format(
                version=__version__,
                erp=self.service.side_name(Side.ERP),
                crm=self.service.side_name(Side.CRM),
            ),
        )

    def _focus_search(self) -> None:
        self.tabs.setCurrentWidget(self.errors)
        self.errors.search.setFocus()
        self.errors.search.selectAll()

    def open_record(self, mapping: str, side: Side, key: str, tab: str = "record") -> RecordWindow:
        """The record window of one record (the one already open for it, raised)."""
        return show_record_window(self.service, mapping, side, key, self, tab=tab)

    def open_error_record(self, error_id: int) -> RecordWindow | None:
        """The record window of an error's record (from a job's error list)."""
        error = self.service.error(error_id)
        if error is None:
            return None
        side = Side.ERP if error.erp_key and error.erp_exists else Side.CRM
        return self.open_record(error.mapping, side, error.key(side) or error.key(side.other) or "")

    def errors_shown(self) -> bool:
        return self.tabs.currentWidget() is self.errors

    def show_job(self, job_id: int) -> None:
        """Bring the main window forward on the Jobs tab with this job selected."""
        self.tabs.setCurrentWidget(self.jobs)
        self.jobs.select_job(job_id)
        self.raise_()
        self.activateWindow()

    # -- settings ----------------------------------------------------------------------

    def _restore_settings(self) -> None:
        settings = QSettings()
        restore_geometry(self, settings, "main/geometry", 1280, 760)
        state = settings.value("main/state")
        if state is not None:
            self.restoreState(state)
        self.errors.restore_state(settings)
        self.jobs.restore_state(settings)
        self.queue.restore_state(settings)
        self.history.restore_state(settings)

    def save_settings(self) -> None:
        settings = QSettings()
        settings.setValue("main/geometry", self.saveGeometry())
        settings.setValue("main/state", self.saveState())
        self.errors.save_state(settings)
        self.jobs.save_state(settings)
        self.queue.save_state(settings)
        self.history.save_state(settings)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.jobs_runner.busy:
            answer = QMessageBox.question(
                self,
                self.tr("Synchronization is running"),
                self.tr("Stop the running synchronization after its current batch and quit?"),
            )
            if answer != QMessageBox.StandardButton.Yes:
                event.ignore()
                return
        self.save_settings()
        self.queue_runner.stop()
        self.store_watch.stop()
        self.sign_in_banner.stop()
        self.runners.stop()
        event.accept()
