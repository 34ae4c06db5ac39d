"""The Job Queue's commands as QActions — Set On Hold, Set Ready, Change Interval…, Run Now,
Refresh, and the checkable Run the Job Queue in This Window — shown in the view's toolbar, its
context menu and the window's Job Queue menu alike. Each is enabled only when it applies to every
selected entry, and a disabled one's tooltip says why. The work runs in the host's actions thread
through `Service.queue`; afterwards the view reloads and keeps its selection.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QPoint, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QMenu, QWidget

from desktop_sync.domain import QueueStatus
from desktop_sync.gui.common.icons import icon
from desktop_sync.gui.common.shortcuts import describe_actions, make_action, set_enabled
from desktop_sync.gui.common.words import local_time
from desktop_sync.gui.operations import Host
from desktop_sync.gui.queue.interval_dialog import IntervalChoice, IntervalDialog
from desktop_sync.gui.queue.model import minutes_text
from desktop_sync.gui.queue.runner import QueueRunner
from desktop_sync.gui.queue.view import QueueView
from desktop_sync.services import ActionResult
from desktop_sync.services.queue_rows import QueueEntryRow, QueueError


class QueueActions(QObject):
    """Every command of the Job Queue view, as named QAction attributes."""

    def __init__(self, host: Host, view: QueueView, runner: QueueRunner, window: QWidget) -> None:
        super().__init__(window)
        self.host, self.view, self.runner, self.window = host, view, runner, window

        def make(name: str, icon_name: str, shortcut: str, slot: Callable[[], None]) -> QAction:
            # Only while the queue has the focus: the errors grid has its own keys.
            action = make_action(
                view, name, icon_name, shortcut, slot, Qt.ShortcutContext.WidgetWithChildrenShortcut
            )
            view.addAction(action)
            return action

        self.set_on_hold = make("queue_set_on_hold", "hold", "Ctrl+Shift+H", self.on_set_on_hold)
        self.set_ready = make("queue_set_ready", "ready", "Ctrl+Shift+G", self.on_set_ready)
        self.change_interval = make(
            "queue_change_interval", "settings", "Ctrl+Shift+I", self.on_change_interval
        )
        self.run_now = make("queue_run_now", "run-now", "Ctrl+Shift+N", self.on_run_now)
        self.refresh = make("queue_refresh", "refresh", "", view.reload)
        self.run_in_window = QAction(icon("job-queue"), "", window)
        self.run_in_window.setObjectName("queue_run_in_window")
        self.run_in_window.setCheckable(True)
        self.run_in_window.setChecked(runner.enabled)
        self.run_in_window.toggled.connect(runner.set_enabled)
        runner.enabled_changed.connect(self._on_runner_enabled)

        for action in self.on_selection:
            view.toolbar.addAction(action)
        view.toolbar.addSeparator()
        view.toolbar.addAction(self.refresh)
        view.toolbar.addAction(self.run_in_window)
        self.menu = QMenu(window)
        self.menu.setObjectName("queueMenu")
        for action in self.on_selection:
            self.menu.addAction(action)
        self.menu.addSeparator()
        self.menu.addAction(self.refresh)
        self.menu.addAction(self.run_in_window)

        view.table.customContextMenuRequested.connect(self._context_menu)
        view.selection_changed.connect(self.update_enabled)
        host.runners.actions.started.connect(self.update_enabled)
        host.runners.actions.ended.connect(self.update_enabled)
        self.retranslate()

    @property
    def on_selection(self) -> list[QAction]:
        """The actions on the selected entries, in menu order."""
        return [self.set_on_hold, self.set_ready, self.change_interval, self.run_now]

    def retranslate(self) -> None:
        texts = {
            self.set_on_hold: (
                self.tr("Set On Hold"),
                self.tr(
                    "Stop running the selected entries until they "
                    "are set ready; a run in progress finishes first"
                ),
            ),
            self.set_ready: (
                self.tr("Set Ready"),
                self.tr(
                    "Run the selected entries again at their "
                    "next run time (at once when it has passed)"
                ),
            ),
            self.change_interval: (
                self.tr("Change Interval…"),
                self.tr(
                    "How often the selected entry runs, and how "
                    "far it backs off when there is nothing to do"
                ),
            ),
            self.run_now: (self.tr("Run Now"), self.tr("Make the selected entries due at once")),
            self.refresh: (self.tr("Refresh"), self.tr("Read the job queue again")),
            self.run_in_window: (
                self.tr("Run the Job Queue in This Window"),
                self.tr(
                    "While this window is open it runs due entries itself, one at a time, in the "
                    "status bar; switch off when a worker runs the queue"
                ),
            ),
        }
        describe_actions(texts)
        self.menu.setTitle(self.tr("&Job Queue"))
        self.view.caption.setText(self.runner.describe())
        self.update_enabled()

    # -- when each action applies --------------------------------------------------------

    def update_enabled(self, *_: object) -> None:
        """One place decides every action's state from the selection and what is running."""
        entries = self.view.selected_entries()
        none = self.tr("Select one or more entries first")

        def every(applies: Callable[[QueueEntryRow], bool], why: str) -> str | None:
            if not entries:
                return none
            return None if all(applies(e) for e in entries) else why

        rules: dict[QAction, str | None] = {
            self.set_on_hold: every(
                lambda e: e.status is not QueueStatus.ON_HOLD,
                self.tr("The entry is on hold already"),
            ),
            self.set_ready: every(
                lambda e: e.status in (QueueStatus.ON_HOLD, QueueStatus.ERROR),
                self.tr("Only an entry on hold or in error can be set ready"),
            ),
            self.change_interval: self.tr("Select exactly one entry")
            if len(entries) != 1
            else None,
            self.run_now: every(
                lambda e: e.configured,
                self.tr("Its mapping is not in this configuration, so nothing here would run it"),
            )
            or every(
                lambda e: not e.claimed_by,
                self.tr("It is running now; it can run again when that run has finished"),
            ),
        }
        busy = self.host.runners.actions.busy
        for action, why in rules.items():
            if why is None and busy:
                why = self.tr("Wait for the current action to finish")
            set_enabled(action, why)

    def _on_runner_enabled(self, on: bool) -> None:
        if self.run_in_window.isChecked() != on:
            self.run_in_window.setChecked(on)
        self.view.caption.setText(self.runner.describe())

    def context_menu(self) -> QMenu:
        """The grid's context menu: the same actions as the toolbar."""
        menu = QMenu(self.view)
        for action in self.on_selection:
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction(self.refresh)
        return menu

    def _context_menu(self, position: QPoint) -> None:
        menu = self.context_menu()
        menu.exec(self.view.table.viewport().mapToGlobal(position))
        menu.deleteLater()

    # -- what each action does -----------------------------------------------------------

    def on_set_on_hold(self) -> None:
        self._each(
            self.tr("Setting on hold"),
            self.host.service.queue.set_on_hold,
            lambda n: self.tr("%n entry(s) set on hold", "", n),
        )

    def on_set_ready(self) -> None:
        self._each(
            self.tr("Setting ready"),
            self.host.service.queue.set_ready,
            lambda n: self.tr("%n entry(s) set ready", "", n),
        )

    def on_run_now(self) -> None:
        def summary(n: int) -> str:
            if self.runner.enabled:
                return self.tr("%n entry(s) due now; this window runs them in a moment", "", n)
            return self.tr(
                "%n entry(s) due now; they run when a worker "
                "or another window next looks at the queue",
                "",
                n,
            )

        self._each(
            self.tr("Making entries due now"),
            self.host.service.queue.run_now,
            summary,
            self.runner.check_soon,
        )

    def _each(
        self,
        label: str,
        verb: Callable[[int], QueueEntryRow],
        summary: Callable[[int], str],
        then: Callable[[], None] | None = None,
    ) -> None:
        """Apply `verb` to every selected entry in the actions thread; show what was done and why
        any entry was refused (the service's own words)."""
        ids = [e.id for e in self.view.selected_entries()]
        if not ids:
            return

        def work() -> tuple[int, list[str]]:
            done, refused = 0, []
            for entry_id in ids:
                try:
                    verb(entry_id)
                    done += 1
                except QueueError as exc:
                    refused.append(str(exc))
            return done, refused

        def finished(outcome: tuple[int, list[str]]) -> None:
            done, refused = outcome
            self.host.show_result(ActionResult("job-queue", done, refused, [], summary(done)))
            self.host.notify_changed("queue")
            if then is not None and done:
                then()

        self.host.run_action(label, work, finished)

    def on_change_interval(self) -> None:
        entries = self.view.selected_entries()
        if len(entries) == 1:
            self.ask_interval(entries[0])

    def ask_interval(
        self, entry: QueueEntryRow, choice: IntervalChoice | None = None, problem: str = ""
    ) -> None:
        """The dialog, then the service; a refusal opens
        the dialog again with the service's message."""
        dialog = IntervalDialog(entry, self.window, choice, problem)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        chosen = dialog.choice()
        queue = self.host.service.queue

        def work() -> QueueEntryRow | str:
            try:
                return queue.set_interval(entry.id, chosen.minutes, chosen.max_backoff_minutes)
            except QueueError as exc:
                return str(exc)

        def finished(result: QueueEntryRow | str) -> None:
            self.host.notify_changed("queue")
            if isinstance(result, str):
                QTimer.singleShot(0, lambda: self.ask_interval(entry, chosen, result))
                return
            self.host.show_status(
                self.tr("{mapping} runs every {every}; next run {next}").format(
                    mapping=result.mapping,
                    every=minutes_text(result.interval_minutes),
                    next=local_time(result.next_run),
                )
            )
            self.runner.check_soon()

        self.host.run_action(self.tr("Changing the interval"), work, finished)
