"""The record window: one record beside its coupled record, its coupling state and actions, its
Synchronization Log, and the answer to "why is this record not synchronizing?".

Everything is read in the loader thread (one task: the record, the newest log page, the
diagnosis) and shown when it arrives; actions run in the main window's actions and jobs threads
(or the window's own when it has no main window), and the window reads itself again after each
one and whenever the main window says the store changed.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QObject, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMessageBox,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from desktop_sync.domain import JobResult, JobStatus, Side
from desktop_sync.gui.common import style, words
from desktop_sync.gui.common.confirm import confirm
from desktop_sync.gui.common.icons import icon
from desktop_sync.gui.common.shortcuts import describe_actions, make_action, set_enabled
from desktop_sync.gui.common.tasks import Task, TaskRunner
from desktop_sync.gui.common.words import kind_label, local_time
from desktop_sync.gui.errors.couple_dialog import CoupleDialog
from desktop_sync.gui.records.model import (
    LOG_PAGE,
    FieldsModel,
    LogJobRole,
    LogModel,
    LogRowRole,
)
from desktop_sync.services import ActionResult, Service
from desktop_sync.services.diagnose import Finding, Severity
from desktop_sync.services.record_fields import field_lines
from desktop_sync.services.records import RecordView

if TYPE_CHECKING:
    from desktop_sync.gui.main_window import MainWindow

STATUS_TIMEOUT_MS = 15000
WARNING_TEXT = (QColor("#8a5300"), QColor("#f2c94c"))  # amber on the light and on the dark palette


def severity_color(severity: Severity) -> QColor:
    """A readable colour for a finding's severity on the palette in use."""
    if severity is Severity.BLOCKING:
        return style.error_text()
    if severity is Severity.OK:
        return style.ok_text()
    if severity is Severity.WARNING:
        return QColor(WARNING_TEXT[1] if style.is_dark() else WARNING_TEXT[0])
    return style.palette().color(QPalette.ColorRole.Link)


class RecordWindow(QMainWindow):
    """One record of one mapping."""

    loaded = Signal()  # the record, its log and its diagnosis are shown

    def __init__(
        self,
        service: Service,
        mapping: str,
        side: Side,
        key: str,
        parent: MainWindow | None = None,
        tab: str = "record",
    ) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.service, self.mapping_name, self.side, self.key = service, mapping, side, key
        self.mapping = service.config.mapping(mapping)
        self.host = parent
        if parent is not None:
            self.loader, self.actions_runner, self.jobs_runner = (
                parent.loader,
                parent.actions_runner,
                parent.jobs_runner,
            )
            self._own_runners: list[TaskRunner] = []
        else:
            self.loader = TaskRunner("record-loader", self)
            self.actions_runner = TaskRunner("record-actions", self)
            self.jobs_runner = TaskRunner("record-jobs", self)
            self._own_runners = [self.loader, self.actions_runner, self.jobs_runner]
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
        self.tabs = QTabWidget()
        self.tabs.addTab(self.record_page, icon("records"), "")
        self.tabs.addTab(self.log_page, icon("sync-log"), "")
        self.tabs.addTab(self.diagnosis, icon("details"), "")
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addWidget(self.banner)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)

        self.record_actions = RecordActions(self)
        self._make_toolbar()
        self.retranslate()
        self._restore_settings()
        self.show_tab(tab)

        for runner in (self.actions_runner, self.jobs_runner):
            runner.started.connect(self.record_actions.update_enabled)
            runner.ended.connect(self.record_actions.update_enabled)
        self._listening = parent is not None
        if parent is not None:
            parent.store_changed.connect(self._on_store_changed)
        self.reload()

    # -- building ----------------------------------------------------------------------

    def _make_banner(self) -> None:
        self.banner = QWidget()
        self.state_icon = QLabel()
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.state.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.state.setAccessibleName(self.tr("Coupling state"))
        self.why = QLabel()
        self.why.setAccessibleName(self.tr("Why is this record not synchronizing?"))
        self.why.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        self.why.linkActivated.connect(lambda _: self.show_tab("why"))
        row = QHBoxLayout(self.banner)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.state_icon)
        row.addWidget(self.state, 1)
        row.addWidget(self.why)

    def _make_record_page(self) -> None:
        self.fields_model = FieldsModel(self.service, self.side, self)
        self.fields = QTableView()
        self.fields.setObjectName("recordFields")
        self.fields.setAccessibleName(
            self.tr("Mapped fields of this record and its coupled record")
        )
        self.fields.setModel(self.fields_model)
        self.fields.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.fields.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.fields.setWordWrap(False)
        self.fields.verticalHeader().setVisible(False)
        header = self.fields.horizontalHeader()
        header.setDefaultAlignment(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        )  # a long key clips at its end
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(FieldsModel.COL_FIELD, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(FieldsModel.COL_FLOW, QHeaderView.ResizeMode.ResizeToContents)
        self.record_page = QWidget()
        layout = QVBoxLayout(self.record_page)
        layout.addWidget(self.fields)

    def _make_log_page(self) -> None:
        self.log_model = LogModel(
            self.service, self.loader, self.mapping_name, self.side, self.key, self
        )
        self.log = QTableView()
        self.log.setObjectName("recordLog")
        self.log.setAccessibleName(self.tr("Synchronization log"))
        self.log.setModel(self.log_model)
        self.log.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.log.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.log.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.log.setAlternatingRowColors(True)
        self.log.setWordWrap(False)
        self.log.verticalHeader().setVisible(False)
        header = self.log.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(LogModel.COL_MESSAGE, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        self.log.activated.connect(self._on_log_activated)  # Enter or double-click
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
        for action in (a.synchronize_now, a.couple, a.remove_coupling, a.retry):
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
        why = self.tr("Why is this record not synchronizing?")
        self.why.setText(f'<a href="#why">{html.escape(why)}</a>')
        self.record_actions.retranslate()

    def show_tab(self, tab: str) -> None:
        pages = {"record": self.record_page, "log": self.log_page, "why": self.diagnosis}
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

    def show_record(self, view: RecordView, log: list[Any], findings: list[Finding]) -> None:
        self.view, self.findings, self.loading = view, findings, False
        self.fields_model.set_view(view, field_lines(view, self.mapping, self.side))
        self._show_log(log)
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
        """One line: the state in bold, the coupled record, when it was last synchronized."""
        esc = html.escape
        this, other = self.service.side_name(self.side), self.service.side_name(self.side.other)
        error = view.errors[0] if view.errors else None
        if view.coupling is None:
            state, name = self.tr("Not coupled"), "uncouple"
            rest = self.tr("No {side} record is coupled to it.").format(side=other)
        else:
            if view.skipped:
                kind = (
                    kind_label(error.kind, self.service) if error else self.tr("unresolved error")
                )
                state, name = self.tr("Skipped — {kind}").format(kind=kind), "error"
            elif view.other_gone:
                state, name = self.tr("Coupled record deleted"), "warning"
            else:
                state, name = self.tr("Coupled"), "couple"
            synced = local_time(view.synced_at) if view.synced_at else self.tr("never")
            rest = self.tr("Coupled to {side} record {key} · last synchronized {when}").format(
                side=other, key=view.other_key, when=synced
            )
            if view.other_key is None:  # its insert into the other app failed or was interrupted
                rest = self.tr("Not created in {side} yet").format(side=other)
        if view.record is None:
            state = self.tr("Not in {side} (any more)").format(side=this) + " · " + state
            name = "error" if name == "error" else "warning"
        self.state_icon.setPixmap(icon(name).pixmap(20, 20))
        self.state.setText(f"<b>{esc(state)}</b> · {esc(rest)}")
        self.state.setToolTip(error.message if error else "")

    def _on_store_changed(self, *_: Any) -> None:
        if shiboken6.isValid(self):
            self.reload()

    # -- running work ---------------------------------------------------------------------

    def run_action(self, label: str, work: Callable[[], Any]) -> None:
        """A person's action in the actions thread; show what it did here, then read again."""
        self.statusBar().showMessage(label + "…")

        def finished(result: Any) -> None:
            if shiboken6.isValid(self):
                self.show_result(result)
            self.notify_changed("errors")

        def failed(message: str) -> None:
            if shiboken6.isValid(self):
                self.statusBar().clearMessage()
                self.show_problem(label, message)
            self.notify_changed("errors")

        self.actions_runner.submit(Task(work, finished, failed, label))

    def run_job(self, label: str, work: Callable[..., list[JobResult]]) -> None:
        """Synchronization in the jobs thread: the main window's, with its progress and Cancel."""
        self.statusBar().showMessage(label + "…")

        def finished(results: list[JobResult]) -> None:
            if shiboken6.isValid(self):
                self.statusBar().showMessage(self.describe_results(results), STATUS_TIMEOUT_MS)
            if self.host is None:
                failed_jobs = [r for r in results if r.status is JobStatus.FAILED]
                if failed_jobs:
                    self.show_problem(label, "\n".join(r.message for r in failed_jobs))
                self.reload()

        if self.host is not None:
            self.host.run_job(label, work, finished)
            return

        def failed(message: str) -> None:
            self.show_problem(label, message)
            self.reload()

        self.jobs_runner.submit(
            Task(
                lambda progress, cancel: work(progress=progress, cancel=cancel),
                finished,
                failed,
                label,
                wants_progress=True,
            )
        )

    def notify_changed(self, what: str) -> None:
        if self.host is not None and shiboken6.isValid(self.host):
            self.host.store_changed.emit(what)  # every view refreshes, this window too
        elif shiboken6.isValid(self):
            self.reload()

    def describe_results(self, results: list[JobResult]) -> str:
        if not results:
            return self.tr("Nothing was synchronized.")
        result = results[0]
        if result.status is JobStatus.FINISHED:
            return self.tr("Job {id}: {message}").format(
                id=result.id, message=result.message or self.tr("nothing to do")
            )
        return self.tr("Job {id} {status}: {message}").format(
            id=result.id, status=words.job_status(result.status.value), message=result.message
        )

    def show_result(self, result: Any) -> None:
        if isinstance(result, ActionResult):
            self.statusBar().showMessage(result.summary, STATUS_TIMEOUT_MS)
            if not result.ok:
                box = QMessageBox(
                    QMessageBox.Icon.Information,
                    self.tr("Not everything was done"),
                    result.summary,
                    QMessageBox.StandardButton.Ok,
                    self,
                )
                box.setInformativeText("\n".join(result.refused + result.failed))
                box.open()
        elif isinstance(result, str):
            self.statusBar().showMessage(result, STATUS_TIMEOUT_MS)

    # -- talking to the person ------------------------------------------------------------

    def confirm(self, title: str, text: str, destructive: bool = True) -> bool:
        return confirm(self, title, text, destructive)

    def show_problem(self, title: str, message: str) -> None:
        QMessageBox(
            QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, self
        ).open()

    # -- the log --------------------------------------------------------------------------

    def _show_log(self, log: list[Any]) -> None:
        """The newest page of the log, keeping the selected line selected (or the newest)."""
        index = self.log.currentIndex()
        keep = index.data(LogRowRole).id if index.isValid() else None
        self.log_model.set_rows(log)
        if not log:
            return
        row = next((r for r, entry in enumerate(log) if entry.id == keep), 0)
        self.log.setCurrentIndex(self.log_model.index(row, 0))
        if not self._log_sized:
            self._log_sized = True
            self.log.resizeColumnsToContents()  # looks at the rows in view only
            header = self.log.horizontalHeader()
            header.setSectionResizeMode(LogModel.COL_MESSAGE, QHeaderView.ResizeMode.Stretch)

    def selected_job(self) -> int | None:
        index = self.log.currentIndex()
        return index.data(LogJobRole) if index.isValid() else None

    def _on_log_activated(self, index) -> None:  # type: ignore[no-untyped-def]
        if index.data(LogJobRole):
            self.record_actions.on_open_job()

    # -- settings ------------------------------------------------------------------------

    def _restore_settings(self) -> None:
        settings = QSettings()
        geometry = settings.value("record/geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(960, 600)
        screen = (
            QGuiApplication.screenAt(self.geometry().center()) or QGuiApplication.primaryScreen()
        )
        if screen is not None:  # saved on a screen that is gone: back on the primary one
            available = screen.availableGeometry()
            if not available.intersects(self.frameGeometry()):
                self.move(available.topLeft())
            self.resize(
                min(self.width(), available.width()), min(self.height(), available.height())
            )
        header = settings.value("record/log_header")
        self._log_sized = header is not None and self.log.horizontalHeader().restoreState(header)

    def closeEvent(self, event: QCloseEvent) -> None:
        settings = QSettings()
        settings.setValue("record/geometry", self.saveGeometry())
        settings.setValue("record/log_header", self.log.horizontalHeader().saveState())
        self._generation += 1  # answers still on their way are for nobody
        if self.host is not None and shiboken6.isValid(self.host) and self._listening:
            self._listening = False
            self.host.store_changed.disconnect(self._on_store_changed)
        for runner in self._own_runners:
            runner.stop()
        super().closeEvent(event)


class RecordActions(QObject):
    """The record window's commands: QActions, when they apply, and what they do."""

    def __init__(self, window: RecordWindow) -> None:
        super().__init__(window)
        self.window = window

        def make(name: str, icon_name: str, shortcut: str, slot: Callable[[], None]) -> QAction:
            return make_action(window, name, icon_name, shortcut, slot)

        self.synchronize_now = make(
            "record_synchronize_now", "sync-now", "F9", self.on_synchronize_now
        )
        self.couple = make("record_couple", "couple", "Ctrl+K", self.on_couple)
        self.remove_coupling = make(
            "record_remove_coupling", "remove-coupling", "Delete", self.on_remove_coupling
        )
        self.retry = make("record_retry", "retry", "Ctrl+R", self.on_retry)
        self.open_job = make("record_open_job", "jobs", "Ctrl+J", self.on_open_job)
        self.refresh = make("record_refresh", "refresh", "F5", window.reload)
        for action in (
            self.synchronize_now,
            self.couple,
            self.remove_coupling,
            self.retry,
            self.open_job,
            self.refresh,
        ):
            window.addAction(action)

    def retranslate(self) -> None:
        w = self.window
        other = w.service.side_name(w.side.other)
        texts = {
            self.synchronize_now: (
                self.tr("Synchronize Now"),
                self.tr("Synchronize this record now, whatever its last-modified value says"),
            ),
            self.couple: (
                self.tr("Couple…"),
                self.tr("Couple this record to a {side} record you pick").format(side=other),
            ),
            self.remove_coupling: (
                self.tr("Remove Coupling"),
                self.tr("Uncouple; both records stay but are no longer synchronized"),
            ),
            self.retry: (
                self.tr("Retry"),
                self.tr("Include this skipped record in the next synchronization"),
            ),
            self.open_job: (
                self.tr("Show Job"),
                self.tr("Show the job of the selected log line in the main window"),
            ),
            self.refresh: (self.tr("Refresh"), self.tr("Read the record again")),
        }
        describe_actions(texts)
        self.update_enabled()

    # -- when each action applies --------------------------------------------------------

    def update_enabled(self, *_: Any) -> None:
        """One place decides every action's state from the record and what is running."""
        w = self.window
        view = w.view
        wait = self.tr("Wait for the current action to finish")
        reading = self.tr("The record is still being read") if view is None else None
        exists = view is not None and view.record is not None
        coupled = view is not None and view.coupling is not None
        rules: dict[QAction, str | None] = {
            self.synchronize_now: reading
            or (None if exists or coupled else self.tr("The record does not exist"))
            or (self.tr("A synchronization is running") if w.jobs_runner.busy else None),
            self.couple: reading or (None if exists else self.tr("The record does not exist")),
            self.remove_coupling: reading
            or (None if coupled else self.tr("The record is not coupled")),
            self.retry: reading
            or (
                None
                if view is not None and view.skipped and view.errors
                else self.tr("The record is not skipped")
            ),
            self.open_job: (
                None if w.selected_job() else self.tr("Select a log line of a job first")
            )
            if w.host is not None
            else self.tr("Open from the main window to show jobs"),
        }
        writes = {self.couple, self.remove_coupling, self.retry}
        for action, why in rules.items():
            if why is None and action in writes and w.actions_runner.busy:
                why = wait
            set_enabled(action, why)

    # -- what each action does -----------------------------------------------------------

    def on_synchronize_now(self) -> None:
        w = self.window
        service, mapping, side, key = w.service, w.mapping_name, w.side, w.key
        label = self.tr("Synchronizing {side} record {key}").format(
            side=service.side_name(side), key=key
        )
        w.run_job(
            label,
            lambda progress, cancel: service.synchronize(
                [mapping], record=(side, key), progress=progress, cancel=cancel
            ),
        )

    def on_couple(self) -> None:
        w = self.window
        view = w.view
        if view is None or view.record is None:
            return
        service, side = w.service, w.side
        this, other = service.side_name(side), service.side_name(side.other)
        if view.coupling is None:
            about = self.tr("Couple {side} record {key} to a {other} record.").format(
                side=this, key=w.key, other=other
            )
        else:
            about = self.tr(
                "Couple {side} record {key} to another {other} record instead of {current}."
            ).format(side=this, key=w.key, other=other, current=view.other_key or "—")
        dialog = CoupleDialog(service, w.mapping_name, side.other, about, w)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.accepted.connect(lambda: self._couple(dialog, view))
        dialog.finished.connect(dialog.deleteLater)
        w.couple_dialog = dialog
        dialog.open()

    def _couple(self, dialog: CoupleDialog, view: RecordView) -> None:
        other_key, sync_from = dialog.selected_key(), dialog.sync_from()
        if not other_key:
            return
        w = self.window
        service, mapping, side = w.service, w.mapping_name, w.side
        label = self.tr("Coupling")
        if view.coupling is None:
            keys = {side: w.key, side.other: other_key}
            w.run_action(
                label, lambda: service.couple(mapping, keys[Side.ERP], keys[Side.CRM], sync_from)
            )
        else:
            coupling_id = view.coupling.id
            done = self.tr("Coupled to {side} record {key}").format(
                side=service.side_name(side.other), key=other_key
            )
            w.run_action(
                label,
                lambda: (
                    service.recouple(mapping, coupling_id, side.other, other_key, sync_from) or done
                ),
            )

    def on_remove_coupling(self) -> None:
        w = self.window
        view = w.view
        if view is None or view.coupling is None:
            return
        text = self.tr(
            "Remove the coupling of {side} record {key} and {other} record "
            "{other_key}?\n\nBoth records stay, but they are no longer "
            "synchronized. To synchronize them again you must couple them again."
        ).format(
            side=w.service.side_name(w.side),
            key=w.key,
            other=w.service.side_name(w.side.other),
            other_key=view.other_key or "—",
        )
        if not w.confirm(self.tr("Remove Coupling"), text):
            return
        service, mapping = w.service, w.mapping_name
        erp_key = view.coupling.erp_key
        if erp_key is not None:
            w.run_action(
                self.tr("Removing the coupling"), lambda: service.uncouple(mapping, erp_key)
            )
        else:  # half a coupling (its insert failed): it always has an error to close with it
            ids = [e.id for e in view.errors]
            w.run_action(self.tr("Removing the coupling"), lambda: service.remove_coupling(ids))

    def on_retry(self) -> None:
        w = self.window
        view = w.view
        if view is None or not view.errors:
            return
        ids = [e.id for e in view.errors]
        w.run_action(self.tr("Retrying"), lambda: w.service.retry(ids))

    def on_open_job(self) -> None:
        w = self.window
        job_id = w.selected_job()
        if job_id and w.host is not None:
            w.host.show_job(job_id)


class DiagnosisPanel(QWidget):
    """The findings of "why is this record not synchronizing?", most serious first."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = QTextBrowser()
        self.text.setObjectName("recordDiagnosis")
        self.text.setAccessibleName(self.tr("Why this record is not synchronizing"))
        self.text.setOpenLinks(False)
        self.findings: list[Finding] = []
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)

    def severity_label(self, severity: Severity) -> str:
        return {
            Severity.BLOCKING: self.tr("Keeps it out"),
            Severity.WARNING: self.tr("Warning"),
            Severity.INFO: self.tr("Note"),
            Severity.OK: self.tr("OK"),
        }[severity]

    def show_findings(self, findings: list[Finding]) -> None:
        self.findings = list(findings)
        esc = html.escape
        heading, what_to_do = (
            self.tr("Why is this record not synchronizing?"),
            self.tr("What to do:"),
        )
        parts = [f"<h3>{esc(heading)}</h3>"]
        for f in findings:
            color = severity_color(f.severity).name()
            fix = f"<br><b>{esc(what_to_do)}</b> {esc(f.fix)}" if f.fix else ""
            parts.append(
                f'<p><span style="color:{color}; font-weight:bold">'
                f"{esc(self.severity_label(f.severity))}</span>"
                f" — <b>{esc(f.title)}</b><br>{esc(f.explanation)}{fix}</p>"
            )
        self.text.setHtml("".join(parts))

    def plain_text(self) -> str:
        return self.text.toPlainText()


def show_record_window(
    service: Service,
    mapping: str,
    side: Side,
    key: str,
    parent: MainWindow | None = None,
    tab: str = "record",
) -> RecordWindow:
    """The record's window: the one already open for it (raised), or a new one."""
    if parent is not None:
        for window in parent.findChildren(RecordWindow):
            if (window.mapping_name, window.side, window.key) == (
                mapping,
                side,
                key,
            ) and window.isVisible():
                window.show_tab(tab)
                window.raise_()
                window.activateWindow()
                return window
    window = RecordWindow(service, mapping, side, key, parent, tab=tab)
    window.show()
    return window


__all__ = ["DiagnosisPanel", "RecordActions", "RecordWindow", "show_record_window"]
