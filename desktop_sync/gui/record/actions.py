"""The record window's commands — Synchronize Now, Synchronize…, Couple…, Remove Coupling, Retry,
Show Job, Refresh, Close — as QActions: when each applies (a disabled one's tooltip says why) and
what it does. They know the window only as a `RecordHost`, so this module imports no window.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from desktop_sync.domain import ErrorKind, Side
from desktop_sync.gui.common.shortcuts import describe_actions, make_action, set_enabled
from desktop_sync.gui.errors.couple_dialog import CoupleDialog
from desktop_sync.gui.errors.synchronize import SynchronizeFlow
from desktop_sync.gui.operations import Host
from desktop_sync.services.comparison import nothing_to_choose
from desktop_sync.services.naming import title_of
from desktop_sync.services.queries import ErrorRow
from desktop_sync.services.record_view import RecordView

SYNCHRONIZABLE = {ErrorKind.CHANGED_IN_BOTH.value, ErrorKind.FAILED.value}


class RecordHost(Host, Protocol):
    """What the record commands need of the record window: the host's verbs and the record."""

    mapping_name: str
    side: Side
    key: str
    view: RecordView | None  # None while the record is being read
    couple_dialog: CoupleDialog | None

    @property
    def shows_jobs(self) -> bool:
        """Whether a job can be shown (only the main window lists jobs)."""
        ...

    def show_job(self, job_id: int) -> None: ...

    def selected_job(self) -> int | None: ...

    def reload(self) -> None: ...


class RecordActions(QObject):
    """The record window's commands: QActions, when they apply, and what they do."""

    def __init__(self, window: RecordHost, parent: QWidget) -> None:
        super().__init__(parent)
        self.window, self.widget = window, parent

        def make(name: str, icon_name: str, shortcut: str, slot: Callable[[], object]) -> QAction:
            return make_action(parent, name, icon_name, shortcut, slot)

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
        self.synchronize = make(
            "record_synchronize", "synchronize", "Ctrl+Shift+S", self.on_synchronize
        )
        self.close = make("record_close", "quit", "Ctrl+W", parent.close)
        self.close.setShortcuts([QKeySequence("Ctrl+W"), QKeySequence(Qt.Key.Key_Escape)])
        self.synchronizer = SynchronizeFlow(window, parent)
        for action in (
            self.synchronize_now,
            self.synchronize,
            self.close,
            self.couple,
            self.remove_coupling,
            self.retry,
            self.open_job,
            self.refresh,
        ):
            parent.addAction(action)

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
            self.synchronize: (
                self.tr("Synchronize…"),
                self.tr("Choose, field by field, which version both apps get"),
            ),
            self.close: (self.tr("Close"), self.tr("Close this window (Esc)")),
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
        never = (
            self.tr(
                "Never coupled: creating the record in {side} failed. Correct it and use Retry"
            ).format(side=w.service.side_name(w.side.other))
            if coupled and view is not None and view.other_key is None
            else None
        )
        rules: dict[QAction, str | None] = {
            self.synchronize_now: reading
            or (None if exists or coupled else self.tr("The record does not exist"))
            or (self.tr("A synchronization is running") if w.runners.jobs.busy else None),
            self.couple: reading or (None if exists else self.tr("The record does not exist")),
            self.remove_coupling: reading
            or (None if coupled else self.tr("The record is not coupled"))
            or never,
            self.synchronize: reading or self._why_not_synchronize(),
            self.retry: reading
            or (
                None
                if view is not None and view.skipped and view.errors
                else self.tr("The record is not skipped")
            ),
            self.open_job: (
                None if w.selected_job() else self.tr("Select a log line of a job first")
            )
            if w.shows_jobs
            else self.tr("Open from the main window to show jobs"),
        }
        writes = {self.couple, self.remove_coupling, self.retry, self.synchronize}
        for action, why in rules.items():
            if why is None and action in writes and w.runners.actions.busy:
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
        dialog = CoupleDialog(service, w.mapping_name, side.other, about, self.widget)
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

            def recouple() -> str:
                service.recouple(mapping, coupling_id, side.other, other_key, sync_from)
                return done

            w.run_action(label, recouple)

    def on_remove_coupling(self) -> None:
        w = self.window
        view = w.view
        if view is None or view.coupling is None:
            return
        text = self.tr("Remove the coupling of {erp} and {crm}?\n\n{what_stays}").format(
            erp=self._named(view, Side.ERP),
            crm=self._named(view, Side.CRM),
            what_stays=self._what_stays(view),
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

    def _named(self, view: RecordView, side: Side) -> str:
        """ "Business Central customer C10810 “Bygg AS”": a record of this window's pair, named
        by its first mapped text value (its coupled record's, when it is gone)."""
        w = self.window
        mapping = w.service.config.mapping(w.mapping_name)
        mine = side is w.side
        record, partner = (view.record, view.other) if mine else (view.other, view.record)
        key = w.key if mine else view.other_key

        def title(found: Any, of: Side) -> str:
            columns = [f.column(of) or "" for f in mapping.value_fields]
            return title_of(found.values, columns) if found is not None else ""

        name = title(record, side) or title(partner, side.other)
        shown = f"{mapping.table(side)} {key or '—'}" + (f" “{name}”" if name else "")
        return f"{w.service.side_name(side)} {shown}"

    def _what_stays(self, view: RecordView) -> str:
        w = self.window
        here = {w.side: view.record is not None, w.side.other: view.other is not None}
        if all(here.values()):
            return self.tr(
                "Both records stay, but they are no longer synchronized. To synchronize them "
                "again you must couple them again."
            )
        if any(here.values()):
            kept = next(s for s, exists in here.items() if exists)
            return self.tr(
                "The {kept} record stays; the {gone} record was deleted already. It is no longer "
                "synchronized: nothing will recreate or delete it."
            ).format(kept=w.service.side_name(kept), gone=w.service.side_name(kept.other))
        return self.tr("Both records were deleted already: only the coupling goes.")

    def _synchronizable(self) -> ErrorRow | None:
        view = self.window.view
        if view is None:
            return None
        return next((e for e in view.errors if e.kind in SYNCHRONIZABLE), None)

    def _why_not_synchronize(self) -> str | None:
        error = self._synchronizable()
        if error is None:
            return self.tr("Synchronize… applies to a record changed in both apps or that failed")
        view = self.window.view
        mapping = next(
            (m for m in self.window.service.config.mappings if m.name == error.mapping), None
        )
        if nothing_to_choose(error, mapping, view):
            return self.tr(
                "Nothing to choose between: the record exists in one app only, or both apps "
                "hold the same values. Correct what the message names, then use Retry"
            )
        return None

    def on_synchronize(self) -> None:
        error = self._synchronizable()
        if error is not None:
            self.synchronizer.start(error.id)

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
        if job_id and w.shows_jobs:
            w.show_job(job_id)
