"""The record window: one record beside its coupled record, its coupling state and actions, its
Synchronization Log, and the answer to "why is this record not synchronizing?".

Everything is read in the loader thread (one task: the record, the newest log page, the
diagnosis) and shown when it arrives. The window is a `Host`: its commands (`record.actions`) run
through `operations.Operations` in the threads of the main window that opened it (its `MainHost`;
or in its own when it has none), and the window reads itself again after each one and whenever
the main window says the store changed.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any, Protocol

import shiboken6
from PySide6.QtCore import QSettings, Qt, Signal, SignalInstance
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QMainWindow,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from desktop_sync.domain import JobResult, JobStatus, Side
from desktop_sync.gui.common import words
from desktop_sync.gui.common.confirm import confirm, show_problem
from desktop_sync.gui.common.geometry import restore_geometry
from desktop_sync.gui.common.icons import icon
from desktop_sync.gui.common.tasks import Task, TaskRunner
from desktop_sync.gui.errors.couple_dialog import CoupleDialog
from desktop_sync.gui.operations import (
    STATUS_TIMEOUT_MS,
    Host,
    JobWork,
    Operations,
    Runners,
    Summary,
    Work,
)
from desktop_sync.gui.record.actions import RecordActions
from desktop_sync.gui.record.banner import StateBanner
from desktop_sync.gui.record.changes import ChangesTab
from desktop_sync.gui.record.diagnosis import DiagnosisPanel
from desktop_sync.gui.record.fields import FieldsModel, FieldsView
from desktop_sync.gui.record.log import LOG_PAGE, LogModel, LogView
from desktop_sync.services import ActionResult, Service
from desktop_sync.services.diagnose import Finding, Severity
from desktop_sync.services.record_fields import field_lines
from desktop_sync.services.record_view import RecordView


class MainHost(Host, Protocol):
    """What a record window uses of the main window that opened it, beyond its threads."""

    store_changed: SignalInstance  # every view reads again; the record window too

    def show_job(self, job_id: int) -> None: ...

    def open_record(self, mapping: str, side: Side, key: str, tab: str = "record") -> object: ...


class RecordWindow(QMainWindow):
    """One record of one mapping."""

    loaded = Signal()  # the record, its log and its diagnosis are shown

    def __init__(
        self,
        service: Service,
        mapping: str,
        side: Side,
        key: str,
        main: MainHost | None = None,
        tab: str = "record",
    ) -> None:
        # It belongs to the main window that opened it: closed with it, found by findChildren.
        super().__init__(main if isinstance(main, QWidget) else None)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.service, self.mapping_name, self.side, self.key = service, mapping, side, key
        self.mapping = service.config.mapping(mapping)
        self.main = main
        self.runners = (
            main.runners
            if main is not None
            else Runners(("record-loader", "record-actions", "record-jobs"), self)
        )
        r = self.runners
        self._own_runners: list[TaskRunner] = [] if main else [r.loader, r.actions, r.jobs]
        self.loader = self.runners.loader
        self.operations = Operations(self, self)
        self.view: RecordView | None = None
        self.findings: list[Finding] = []
        self.loading = False
        self._generation = 0
        self.couple_dialog: CoupleDialog | None = None
        self.setWindowIcon(icon("open-record"))

        self._make_banner()
        self._make_record_page()
        self._make_log_page()
        self.diagnosis = DiagnosisPanel(self)
        self.changes = ChangesTab(self, mapping, side, key)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.record_page, icon("records"), "")
        self.tabs.addTab(self.log_page, icon("sync-log"), "")
        self.tabs.addTab(self.diagnosis, icon("details"), "")
        self.tabs.addTab(self.changes, icon("undo"), "")
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addWidget(self.banner)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)

        self.record_actions = RecordActions(self, self)
        self._make_toolbar()
        self.retranslate()
        self._restore_settings()
        self.show_tab(tab)

        for runner in (self.runners.actions, self.runners.jobs):
            runner.started.connect(self.record_actions.update_enabled)
            runner.ended.connect(self.record_actions.update_enabled)
        self._listening = main is not None
        if main is not None:
            main.store_changed.connect(self._on_store_changed)
        self.reload()

    # -- building ----------------------------------------------------------------------

    def _make_banner(self) -> None:
        self.banner = StateBanner(self.service, self.side)
        self.state_icon, self.state, self.why = self.banner.icon, self.banner.state, self.banner.why
        self.why.linkActivated.connect(lambda _: self.show_tab("why"))

    def _make_record_page(self) -> None:
        self.fields_model = FieldsModel(self.service, self.side, self)
        self.fields = FieldsView(self.fields_model)
        self.fields.setAccessibleName(
            self.tr("Mapped fields of this record and its coupled record")
        )
        self.record_page = QWidget()
        layout = QVBoxLayout(self.record_page)
        layout.addWidget(self.fields)

    def _make_log_page(self) -> None:
        self.log_model = LogModel(
            self.service, self.loader, self.mapping_name, self.side, self.key, self
        )
        self.log = LogView(self.log_model)
        self.log.setAccessibleName(self.tr("Synchronization log"))
        self.log.job_activated.connect(lambda _: self.record_actions.on_open_job())
        self.log_selection = self.log.selectionModel()  # keep a reference to what we connect to
        self.log_selection.currentRowChanged.connect(
            lambda *_: self.record_actions.update_enabled()
        )
        self.log_page = self.log

    def _make_toolbar(self) -> None:
        toolbar = QToolBar(self)
        toolbar.setObjectName("recordToolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        a = self.record_actions
        for action in (a.synchronize_now, a.synchronize, a.couple, a.remove_coupling, a.retry):
            toolbar.addAction(action)
        toolbar.addSeparator()
        toolbar.addAction(a.open_job)
        toolbar.addAction(a.refresh)
        self.toolbar = toolbar
        self.addToolBar(toolbar)

    def retranslate(self) -> None:
        self.setWindowTitle(
            self.tr("{mapping} — {side} record {key}").format(
                mapping=self.mapping_name, side=self.service.side_name(self.side), key=self.key
            )
        )
        self.tabs.setTabText(0, self.tr("Record"))
        self.tabs.setTabText(1, self.tr("Synchronization Log"))
        self.tabs.setTabText(2, self.tr("Why Not Synchronizing?"))
        self.tabs.setTabText(3, self.tr("Changes"))
        self.changes.retranslate()
        why = self.tr("Why is this record not synchronizing?")
        self.why.setText(f'<a href="#why">{html.escape(why)}</a>')
        self.record_actions.retranslate()

    def show_tab(self, tab: str) -> None:
        pages = {"record": self.record_page, "log": self.log_page, "why": self.diagnosis}
        pages["changes"] = self.changes
        self.tabs.setCurrentWidget(pages.get(tab, self.record_page))

    # -- reading -------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the record, its newest log lines and its diagnosis in the loader thread."""
        self._generation += 1
        generation = self._generation
        self.loading = True
        service, mapping, side, key = self.service, self.mapping_name, self.side, self.key

        def work() -> tuple[RecordView, list[Any], list[Finding]]:
            view = service.record(mapping, side, key)
            log = service.log(mapping, side, key, LOG_PAGE)
            return view, log, service.diagnose(mapping, side, key, view)

        def done(result: tuple[RecordView, list[Any], list[Finding]]) -> None:
            if shiboken6.isValid(self) and generation == self._generation:
                self.show_record(*result)

        def failed(message: str) -> None:
            if shiboken6.isValid(self) and generation == self._generation:
                self.loading = False
                self.state_icon.setPixmap(icon("error").pixmap(20, 20))
                self.state.setText(
                    self.tr("Cannot read this record: {reason}").format(reason=message)
                )
                self.record_actions.update_enabled()
                self.loaded.emit()

        self.loader.submit(Task(work, done, failed, "load record"))
        self.changes.reload()

    def show_record(self, view: RecordView, log: list[Any], findings: list[Finding]) -> None:
        self.view, self.findings, self.loading = view, findings, False
        self.fields_model.set_view(view, field_lines(view, self.mapping, self.side))
        self.log.show_rows(log)
        self.diagnosis.show_findings(findings)
        self._show_state(view)
        blocking = sum(f.severity is Severity.BLOCKING for f in findings)
        why = html.escape(self.tr("Why is this record not synchronizing?"))
        found = html.escape(self.tr("%n reason(s) found", "", blocking))
        self.why.setText(
            f'<a href="#why"><b>{why}</b></a> {found}' if blocking else f'<a href="#why">{why}</a>'
        )
        self.record_actions.update_enabled()
        self.loaded.emit()

    def _show_state(self, view: RecordView) -> None:
        self.banner.show_state(view)

    def _on_store_changed(self, *_: Any) -> None:
        if shiboken6.isValid(self):
            self.reload()

    # -- running work (the Host) ----------------------------------------------------------

    @property
    def shows_jobs(self) -> bool:
        return self.main is not None

    def show_job(self, job_id: int) -> None:
        if self.main is not None:
            self.main.show_job(job_id)

    def open_record(self, mapping: str, side: Side, key: str, tab: str = "record") -> object:
        if self.main is not None:
            return self.main.open_record(mapping, side, key, tab)
        return show_record_window(self.service, mapping, side, key, tab=tab)

    def refresh(self) -> None:
        self.reload()

    def run_action(self, label: str, work: Work, done: Callable[[Any], None] | None = None) -> Task:
        """A person's action in the actions thread; what it did is shown here, then every view
        (this window too) reads again."""
        return self.operations.run_action(label, work, done)

    def run_job(
        self,
        label: str,
        work: JobWork,
        done: Callable[[list[JobResult]], None] | None = None,
        summary: Summary | None = None,
    ) -> Task:
        """Synchronization in the jobs thread: the main window's, with its progress and Cancel;
        this window says what became of its record."""
        self.show_status(label + "…", 0)

        def finished(results: list[JobResult]) -> None:
            if shiboken6.isValid(self):
                self.show_status(self.describe_results(results))
            if done is not None:
                done(results)

        runner = self.main if self.main is not None else self.operations
        return runner.run_job(label, work, finished, summary)

    def notify_changed(self, what: str) -> None:
        if self.main is not None and shiboken6.isValid(self.main):
            self.main.notify_changed(what)  # every view reads again, this window too
        elif shiboken6.isValid(self):
            self.reload()

    def describe_results(self, results: list[JobResult]) -> str:
        if not results:
            return self.tr("Nothing was synchronized.")
        result = results[0]
        message = words.said(result.message, result.template, result.params)
        if result.status is JobStatus.FINISHED:
            return self.tr("Job {id}: {message}").format(
                id=result.id, message=message or self.tr("nothing to do")
            )
        return self.tr("Job {id} {status}: {message}").format(
            id=result.id, status=words.job_status(result.status.value), message=message
        )

    # -- talking to the person ------------------------------------------------------------

    def confirm(self, title: str, text: str, destructive: bool = True) -> bool:
        return confirm(self, title, text, destructive)

    def show_problem(self, title: str, message: str) -> None:
        show_problem(self, title, message)

    def show_result(self, result: ActionResult) -> None:
        self.operations.show_result(result)

    def show_status(self, message: str, timeout_ms: int = STATUS_TIMEOUT_MS) -> None:
        self.statusBar().showMessage(message, timeout_ms)

    def selected_job(self) -> int | None:
        return self.log.selected_job()

    # -- settings ------------------------------------------------------------------------

    def _restore_settings(self) -> None:
        settings = QSettings()
        restore_geometry(self, settings, "record/geometry", 960, 600)
        header = settings.value("record/log_header")
        self.log.sized = header is not None and self.log.horizontalHeader().restoreState(header)

    def closeEvent(self, event: QCloseEvent) -> None:
        settings = QSettings()
        settings.setValue("record/geometry", self.saveGeometry())
        settings.setValue("record/log_header", self.log.horizontalHeader().saveState())
        self._generation += 1  # answers still on their way are for nobody
        if self.main is not None and shiboken6.isValid(self.main) and self._listening:
            self._listening = False
            self.main.store_changed.disconnect(self._on_store_changed)
        for runner in self._own_runners:
            runner.stop()
        super().closeEvent(event)


def show_record_window(
    service: Service,
    mapping: str,
    side: Side,
    key: str,
    main: MainHost | None = None,
    tab: str = "record",
) -> RecordWindow:
    """The record's window: the one already open for it (raised), or a new one."""
    if isinstance(main, QWidget):
        for window in main.findChildren(RecordWindow):
            if (window.mapping_name, window.side, window.key) == (
                mapping,
                side,
                key,
            ) and window.isVisible():
                window.show_tab(tab)
                window.raise_()
                window.activateWindow()
                return window
    window = RecordWindow(service, mapping, side, key, main, tab=tab)
    window.show()
    return window


__all__ = ["MainHost", "RecordWindow", "show_record_window"]
