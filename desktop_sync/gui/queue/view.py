"""The Job Queue view: every entry (mapping, status, interval, next and last run, last result, the
runner holding it) and the actions on them.

`QueueView` is the grid with its toolbar; `QueueActions` holds the commands as QActions — Set On
Hold, Set Ready, Change Interval…, Run Now, Refresh, and the checkable Run the Job Queue in This
Window — shown in the view's toolbar, its context menu and the window's Job Queue menu alike. Each
is enabled only when it applies to every selected entry, and a disabled one's tooltip says why.
The work runs in the window's actions thread through `Service.queue`; afterwards the view reloads
and keeps its selection.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QItemSelection,
    QObject,
    QPoint,
    QSettings,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHeaderView,
    QLabel,
    QMenu,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from desktop_sync.domain import QueueStatus
from desktop_sync.gui.common.icons import icon
from desktop_sync.gui.common.selection import select_rows
from desktop_sync.gui.common.shortcuts import describe_actions, make_action, set_enabled
from desktop_sync.gui.common.tasks import TaskRunner
from desktop_sync.gui.common.words import local_time
from desktop_sync.gui.queue.interval_dialog import IntervalChoice, IntervalDialog
from desktop_sync.gui.queue.model import (
    COL_LAST_RESULT,
    QueueEntryIdRole,
    QueueModel,
    minutes_text,
)
from desktop_sync.services import ActionResult, Service
from desktop_sync.services.queue import QueueEntryRow, QueueError

if TYPE_CHECKING:
    from desktop_sync.gui.main_window import MainWindow
    from desktop_sync.gui.queue.runner import QueueRunner

STATUS_TIMEOUT_MS = 15000


class QueueView(QWidget):
    """The job queue entries with the view's toolbar; reloads keep the selected entries selected."""

    selection_changed = Signal()

    def __init__(self, service: Service, loader: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.model = QueueModel(service, loader, self)
        self._keep: set[int] = set()
        self._first_load = True

        self.toolbar = QToolBar()
        self.toolbar.setObjectName("queueToolbar")
        self.toolbar.setAccessibleName(self.tr("Job queue actions"))
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.caption = QLabel()
        self.caption.setObjectName("queueCaption")
        self.caption.setAccessibleName(self.tr("How this window runs the job queue"))
        self.caption.setWordWrap(True)
        self.caption.setContentsMargins(6, 2, 6, 4)

        self.table = QTableView()
        self.table.setObjectName("queueTable")
        self.table.setAccessibleName(self.tr("Job queue entries"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )  # a few rows: cheap to measure
        header.setStretchLastSection(False)
        header.setSectionResizeMode(COL_LAST_RESULT, QHeaderView.ResizeMode.Stretch)
        # Keep a reference: a selection model connected to must outlive this call.
        self.selection = self.table.selectionModel()
        self.selection.selectionChanged.connect(self._on_selection)

        self.empty = QLabel(
            self.tr(
                "The job queue has no entries yet. A window that runs the job queue creates one "
                "per mapping the first time it looks, and so does desktop-sync worker."
            )
        )
        self.empty.setObjectName("queueEmpty")
        self.empty.setWordWrap(True)
        self.empty.setContentsMargins(6, 6, 6, 6)
        self.empty.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.caption)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        self.model.reloaded.connect(self._after_reload)
        self.setFocusProxy(self.table)

    # -- reload ------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the entries again; the same entries stay selected."""
        self._keep = set(self.selected_ids())
        self.model.reload()

    def _after_reload(self) -> None:
        total = self.model.rowCount()
        self.empty.setVisible(total == 0)
        rows = self.model.rows_of(self._keep)
        if not rows and total and self._first_load:
            rows = [0]
        if total:
            self._first_load = False
        if rows != sorted(i.row() for i in self.selection.selectedRows()):
            self._select_rows(rows)
        self._on_selection()

    def _select_rows(self, rows: Sequence[int]) -> None:
        select_rows(self.table, rows)

    # -- selection ---------------------------------------------------------------------

    def selected_ids(self) -> list[int]:
        return [index.data(QueueEntryIdRole) for index in self.selection.selectedRows()]

    def selected_entries(self) -> list[QueueEntryRow]:
        """The selected entries as last read (the rows of a reload replace them in place)."""
        rows = sorted(index.row() for index in self.selection.selectedRows())
        return [e for e in (self.model.entry_at(r) for r in rows) if e is not None]

    def select_ids(self, ids: set[int]) -> None:
        self._select_rows(self.model.rows_of(ids))

    def _on_selection(self, *_: QItemSelection) -> None:
        self.selection_changed.emit()

    # -- settings ----------------------------------------------------------------------

    def save_state(self, settings: QSettings) -> None:
        settings.setValue("queue/header", self.table.horizontalHeader().saveState())

    def restore_state(self, settings: QSettings) -> None:
        state = settings.value("queue/header")
        if state is not None:
            self.table.horizontalHeader().restoreState(state)


class QueueActions(QObject):
    """Every command of the Job Queue view, as named QAction attributes."""

    def __init__(self, window: MainWindow, view: QueueView, runner: QueueRunner) -> None:
        super().__init__(window)
        self.window, self.view, self.runner = window, view, runner

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
        window.actions_runner.started.connect(self.update_enabled)
        window.actions_runner.ended.connect(self.update_enabled)
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
        busy = self.window.actions_busy
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
            self.window.service.queue.set_on_hold,
            lambda n: self.tr("%n entry(s) set on hold", "", n),
        )

    def on_set_ready(self) -> None:
        self._each(
            self.tr("Setting ready"),
            self.window.service.queue.set_ready,
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
            self.window.service.queue.run_now,
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
            self.window.show_action_result(
                ActionResult("job-queue", done, refused, [], summary(done))
            )
            self.window.store_changed.emit("queue")
            if then is not None and done:
                then()

        self.window.run_action(label, work, finished)

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
        queue = self.window.service.queue

        def work() -> QueueEntryRow | str:
            try:
                return queue.set_interval(entry.id, chosen.minutes, chosen.max_backoff_minutes)
            except QueueError as exc:
                return str(exc)

        def finished(result: QueueEntryRow | str) -> None:
            self.window.store_changed.emit("queue")
            if isinstance(result, str):
                QTimer.singleShot(0, lambda: self.ask_interval(entry, chosen, result))
                return
            self.window.statusBar().showMessage(
                self.tr("{mapping} runs every {every}; next run {next}").format(
                    mapping=result.mapping,
                    every=minutes_text(result.interval_minutes),
                    next=local_time(result.next_run),
                ),
                STATUS_TIMEOUT_MS,
            )
            self.runner.check_soon()

        self.window.run_action(self.tr("Changing the interval"), work, finished)
