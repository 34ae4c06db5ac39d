"""The actions on synchronization errors: QActions, when they apply, and what they do.

Created in one place, shown in the toolbar, the menu and the grid's context menu alike. Each is
enabled only when it applies to everything selected, and a disabled one's tooltip says why.
Destructive ones confirm first (Cancel is the default). The work runs in the actions thread
through the service layer (`Host.run_action`); dialogs only decide. The actions know the window
only as an `ErrorsHost`, so this module imports no window.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from desktop_sync.domain import Action, ErrorKind, JobResult, JobStatus, Side
from desktop_sync.gui.common import words
from desktop_sync.gui.common.shortcuts import describe_actions, make_action, set_enabled
from desktop_sync.gui.errors.action_texts import action_texts
from desktop_sync.gui.errors.couple_dialog import CoupleDialog
from desktop_sync.gui.errors.details_dialog import DetailsDialog
from desktop_sync.gui.errors.held import refusals
from desktop_sync.gui.errors.questions import Names, Questions, ask_about
from desktop_sync.gui.errors.synchronize import SynchronizeFlow
from desktop_sync.gui.errors.view import ErrorsView
from desktop_sync.gui.operations import Host
from desktop_sync.gui.rules.dialog import RulesDialog
from desktop_sync.gui.similar.dialog import SimilarDialog
from desktop_sync.gui.similar.offer import SimilarOffer
from desktop_sync.services.comparison import nothing_to_choose
from desktop_sync.services.queries import ErrorRow
from desktop_sync.services.similar import Decision


class ErrorsHost(Host, Protocol):
    """What the error actions need of the window beyond running operations."""

    def errors_shown(self) -> bool:
        """Whether the errors grid is the view in front (its selection is what the person sees)."""
        ...

    def open_record(self, mapping: str, side: Side, key: str, tab: str = "record") -> object: ...

    def refresh(self) -> None: ...

    def confirm_comment(self, title: str, text: str, destructive: bool = True) -> str | None:
        """`confirm` with an optional comment line: the comment ("" for none), None: Cancel."""
        ...


class ErrorActions(QObject):
    """Every action on the errors grid, as named QAction attributes."""

    def __init__(self, host: ErrorsHost, view: ErrorsView, window: QWidget) -> None:
        super().__init__(window)
        self.host, self.view, self.window = host, view, window
        self.similar_offer = SimilarOffer(host, self.open_similar, window)
        self.synchronizer = SynchronizeFlow(host, window, offer=self.similar_offer.offer)
        self.questions = Questions(host, self)
        self.similar_dialog: SimilarDialog | None = None
        self.rules_dialog: RulesDialog | None = None

        def make(name: str, icon_name: str, shortcut: str, slot: Callable[[], None]) -> QAction:
            return make_action(window, name, icon_name, shortcut, slot)

        self.remove_coupling = make(
            "remove_coupling", "remove-coupling", "Delete", self.on_remove_coupling
        )
        self.retry = make("retry", "retry", "Ctrl+R", self.on_retry)
        self.retry_all = make("retry_all", "retry-all", "Ctrl+Shift+R", self.on_retry_all)
        self.synchronize = make("synchronize", "synchronize", "Ctrl+Shift+S", self.on_synchronize)
        self.restore = make("restore", "restore", "Ctrl+Shift+T", self.on_restore)
        self.delete = make("delete", "delete", "Shift+Delete", self.on_delete)
        self.set_up_coupling = make(
            "set_up_coupling", "set-up-coupling", "Ctrl+K", self.on_set_up_coupling
        )
        self.sync_log = make("sync_log", "sync-log", "Ctrl+L", self.on_sync_log)
        self.find_deleted = make(
            "find_deleted", "find-deleted", "Ctrl+Shift+F", self.on_find_deleted
        )
        self.compare_all = make("compare_all", "synchronize", "", self.on_compare_all)
        self.details = make("details", "details", "Ctrl+I", self.on_details)
        self.open_record = make("open_record", "open-record", "Ctrl+O", self.on_open_record)
        self.refresh = make("refresh", "refresh", "F5", host.refresh)
        self.apply_similar = make(
            "apply_similar", "retry-all", "Ctrl+Shift+A", self.on_apply_similar
        )
        self.rules = make("rules", "settings", "", self.on_rules)
        # The selection actions' keys work where the errors are: Delete in the Job Queue or a
        # record list must never remove the coupling of an error selected on a hidden tab.
        for action in [*self.on_selection, self.retry_all]:
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            view.addAction(action)
        self.retranslate()

    @property
    def on_selection(self) -> list[QAction]:
        """The actions that work on selected errors, in menu order."""
        return [
            self.synchronize,
            self.retry,
            self.remove_coupling,
            self.restore,
            self.delete,
            self.set_up_coupling,
            self.apply_similar,
            self.sync_log,
            self.details,
            self.open_record,
        ]

    def retranslate(self) -> None:
        describe_actions(action_texts(self))
        self.update_enabled()

    # -- when each action applies --------------------------------------------------------

    def update_enabled(self) -> None:
        """One place decides every action's state from the selection and what is running."""
        shown = self.host.errors_shown()
        errors = self.view.selected_errors() if shown else []
        busy = self.host.runners.actions.busy
        kinds = {ErrorKind(e.kind) for e in errors}
        none = (
            self.tr("Select one or more errors first")
            if shown
            else self.tr("Open the errors list first")
        )
        one = self.tr("Select exactly one error") if shown else none
        wait = self.tr("Wait for the current action to finish")
        deleted = all(k.deleted_side is not None for k in kinds)
        # A failed insert was never coupled: its coupling has one key only, nothing to remove
        # or to point elsewhere.
        uncoupled = (
            self.tr(
                "Never coupled: creating the record in the other app failed. Correct it and "
                "use Retry"
            )
            if any(e.erp_key is None or e.crm_key is None for e in errors)
            else None
        )
        syncable = kinds <= {ErrorKind.CHANGED_IN_BOTH, ErrorKind.FAILED}
        synchronize = (
            one
            if len(errors) != 1
            else self.tr("Synchronize applies to records changed in both apps or that failed")
            if not syncable
            else self.tr(
                "Nothing to choose between: the record exists in one app only. Correct what "
                "the message names, then use Retry"
            )
            if nothing_to_choose(errors[0])
            else None
        )
        rules: dict[QAction, str | None] = {
            self.remove_coupling: none if not errors else uncoupled,
            self.retry: none if not errors else None,
            self.synchronize: synchronize,
            self.restore: none
            if not errors
            else None
            if deleted
            else self.tr("Restore applies only to records deleted in one app"),
            self.delete: none
            if not errors
            else None
            if deleted
            else self.tr("Delete applies only to records deleted in one app"),
            self.set_up_coupling: one if len(errors) != 1 else uncoupled,
            self.apply_similar: one if len(errors) != 1 else None,
            self.sync_log: one if len(errors) != 1 else None,
            self.details: one if len(errors) != 1 else None,
            self.open_record: one if len(errors) != 1 else None,
            self.retry_all: none
            if not shown
            else self.tr("The list is empty")
            if not self.view.model.rowCount()
            else None,
        }
        writes = {
            self.remove_coupling,
            self.retry,
            self.synchronize,
            self.restore,
            self.delete,
            self.set_up_coupling,
            self.retry_all,
            self.apply_similar,
        }
        for action, why in rules.items():
            if why is None and busy and action in writes:
                why = wait
            set_enabled(action, why)
        self.find_deleted.setEnabled(not self.host.runners.jobs.busy)
        self.compare_all.setEnabled(not self.host.runners.jobs.busy)

    # -- what each action does -----------------------------------------------------------

    def _selected(self) -> list[ErrorRow]:
        return self.view.selected_errors()

    def _held(self, title: str, errors: list[ErrorRow]) -> bool:
        """Whether another person holds any of `errors` (as the grid last read them); then the
        window says who and since when, and nothing is tried."""
        text = refusals(errors, self.host.service)
        if text:
            self.host.show_problem(title, text)
        return bool(text)

    def _refused(self, title: str) -> Callable[[list[ErrorRow]], None]:
        """What `ask_about` does when a fresh look finds errors another person holds."""
        return lambda rows: self.host.show_problem(title, refusals(rows, self.host.service))

    def on_remove_coupling(self) -> None:
        errors = self._selected()
        if not errors:
            return
        ids = [e.id for e in errors]

        def ask(names: Names) -> None:
            text = self.questions.remove_coupling(errors, names)
            if self.host.confirm(self.tr("Remove Coupling"), text):
                self.host.run_action(
                    self.tr("Removing couplings"), lambda: self.host.service.remove_coupling(ids)
                )

        title = self.tr("Remove Coupling")
        if not self._held(title, errors):
            ask_about(self.host, errors, ask, "name records", self._refused(title))

    def on_retry(self) -> None:
        errors = self._selected()
        ids = [e.id for e in errors]
        if ids and not self._held(self.tr("Retry"), errors):
            self.host.run_action(self.tr("Retrying"), lambda: self.host.service.retry(ids))

    def on_retry_all(self) -> None:
        where = self.view.model.resolved  # the list as shown, record matches included
        count = self.view.model.rowCount()
        text = self.tr("Retry all %n error(s) in the list?", "", count)
        comment = self.host.confirm_comment(self.tr("Retry All"), text, destructive=False)
        if comment is not None:
            self.host.run_action(
                self.tr("Retrying all"),
                lambda: self.host.service.retry_all(where, comment or None),
            )

    def on_synchronize(self) -> None:
        errors = self._selected()
        if len(errors) == 1 and not self._held(self.tr("Synchronize"), errors):
            self.similar_offer.withdraw()
            self.synchronizer.start(errors[0].id)

    def on_restore(self) -> None:
        errors = self._selected()
        if not errors:
            return
        ids = [e.id for e in errors]

        def ask(names: Names) -> None:
            text = self.questions.restore(errors, names)
            comment = self.host.confirm_comment(self.tr("Restore Records"), text, False)
            if comment is not None:
                self.host.run_action(
                    self.tr("Restoring records"),
                    lambda: self.host.service.restore(ids, comment or None),
                )

        title = self.tr("Restore Records")
        if not self._held(title, errors):
            ask_about(self.host, errors, ask, "name records", self._refused(title))

    def on_delete(self) -> None:
        errors = self._selected()
        if not errors:
            return
        ids = [e.id for e in errors]

        def ask(names: Names) -> None:
            text = self.questions.delete(errors, names)
            comment = self.host.confirm_comment(self.tr("Delete Records"), text)
            if comment is not None:
                self.host.run_action(
                    self.tr("Deleting records"),
                    lambda: self.host.service.delete_records(ids, comment or None),
                )

        title = self.tr("Delete Records")
        if not self._held(title, errors):
            ask_about(self.host, errors, ask, "name records", self._refused(title))

    def on_set_up_coupling(self) -> None:
        errors = self._selected()
        if len(errors) != 1:
            return
        error = errors[0]
        if self._held(self.tr("Set Up Coupling"), errors):
            return
        side = ErrorKind(error.kind).deleted_side or Side.CRM
        keep = side.other
        about = self.tr(
            "Couple {side} record {key} to another {other} record instead of {current}."
        ).format(
            side=self.host.service.side_name(keep),
            key=error.key(keep) or "—",
            other=self.host.service.side_name(side),
            current=error.key(side) or "—",
        )
        dialog = CoupleDialog(self.host.service, error.mapping, side, about, self.window)
        if dialog.exec() != CoupleDialog.DialogCode.Accepted or not (key := dialog.selected_key()):
            return
        sync_from = dialog.sync_from()
        self.host.run_action(
            self.tr("Coupling"),
            lambda: self.host.service.set_up_coupling(error.id, side, key, sync_from),
        )

    def _record_of(self, error: ErrorRow) -> tuple[Side, str]:
        side = Side.ERP if error.erp_key and error.erp_exists else Side.CRM
        return side, error.key(side) or error.key(side.other) or ""

    def on_sync_log(self) -> None:
        errors = self._selected()
        if len(errors) == 1:
            side, key = self._record_of(errors[0])
            self.host.open_record(errors[0].mapping, side, key, tab="log")

    def on_open_record(self) -> None:
        errors = self._selected()
        if len(errors) == 1:
            side, key = self._record_of(errors[0])
            self.host.open_record(errors[0].mapping, side, key)

    def on_details(self) -> None:
        errors = self._selected()
        if len(errors) == 1:
            DetailsDialog(errors[0], self.host.service, self.window).exec()

    def on_apply_similar(self) -> None:
        errors = self._selected()
        if len(errors) == 1:
            self.open_similar(errors[0], None)

    def open_similar(self, error: ErrorRow, decision: Decision | None) -> SimilarDialog:
        """The Apply to Similar Errors dialog for `error`, the choice `decision` made already."""
        if self.similar_dialog is not None:
            self.similar_dialog.close()
        dialog = SimilarDialog(self.host, error, decision, self.window)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.finished.connect(dialog.deleteLater)
        dialog.finished.connect(lambda _code: setattr(self, "similar_dialog", None))
        self.similar_dialog = dialog
        dialog.open()
        return dialog

    def on_rules(self) -> None:
        if self.rules_dialog is None:
            dialog = RulesDialog(self.host, self.window)
            dialog.finished.connect(dialog.deleteLater)
            dialog.finished.connect(lambda _code: setattr(self, "rules_dialog", None))
            self.rules_dialog = dialog
        self.rules_dialog.show()
        self.rules_dialog.raise_()

    def on_find_deleted(self) -> None:
        self.host.run_job(
            self.tr("Finding deleted records"),
            self.host.service.find_deleted,
            summary=self.found_deleted,
        )

    def on_compare_all(self) -> None:
        service = self.host.service

        def compare(progress: Any = None, cancel: Any = None) -> list[JobResult]:
            return service.synchronize(progress=progress, cancel=cancel, full=True)

        self.host.run_job(self.tr("Comparing every coupled pair"), compare)

    def found_deleted(self, results: list[JobResult]) -> str:
        """Find Deleted's line: how many deleted records it found (each became an error, or
        followed the mapping's deletion policy), and any job that did not finish."""
        found = sum(
            r.counters.skipped + r.counters.deleted + r.counters.inserted + r.counters.uncoupled
            for r in results
        )
        text = self.tr("%n deleted record(s) found", "", found)
        unfinished = [r for r in results if r.status is not JobStatus.FINISHED]
        if unfinished:
            text += " · " + ", ".join(
                f"{r.mapping} ({words.job_status(r.status.value)})" for r in unfinished
            )
        return text


__all__ = ["Action", "ErrorActions", "ErrorsHost"]
