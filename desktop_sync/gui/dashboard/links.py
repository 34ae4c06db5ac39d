"""What a click on the dashboard opens in the main window: the errors grid narrowed to a mapping,
a kind and a day, the jobs list to a day, the Records tab to a mapping and state, a job queue entry.

Kept apart from the window (which only creates it) and from the views it drives, which it
narrows through their own filter widgets, as a person would.
"""

from __future__ import annotations

from datetime import date
from typing import Protocol

from PySide6.QtCore import QObject, SignalInstance
from PySide6.QtWidgets import QComboBox, QTabWidget

from desktop_sync.gui.dashboard.view import DashboardView
from desktop_sync.gui.errors.view import ErrorsView
from desktop_sync.gui.jobs.view import JobsView
from desktop_sync.gui.queue.view import QueueView
from desktop_sync.gui.records.view import RecordsView


class Window(Protocol):
    """What the links need of the main window (which imports them, so they do not import it)."""

    tabs: QTabWidget
    dashboard: DashboardView
    errors: ErrorsView
    jobs: JobsView
    records: RecordsView
    queue: QueueView
    store_changed: SignalInstance


def choose(combo: QComboBox, value: object) -> None:
    """Pick the item whose data is `value` (None: the first, "all", item) without signalling."""
    index = combo.findData(value) if value is not None else 0
    combo.blockSignals(True)
    combo.setCurrentIndex(max(index, 0))
    combo.blockSignals(False)


class DashboardLinks(QObject):
    """Connects the window's dashboard to its other tabs, and to the store's changes."""

    def __init__(self, window: Window) -> None:
        super().__init__(window)  # type: ignore[arg-type]
        self.window = window
        board = window.dashboard
        board.errors_wanted.connect(self.show_errors)
        board.jobs_wanted.connect(self.show_jobs)
        board.records_wanted.connect(self.show_records)
        board.queue_wanted.connect(self.show_queue_entry)
        window.store_changed.connect(board.on_store_changed)

    def show_errors(self, mapping: str | None, kind: str | None, day: date | None = None) -> None:
        """The errors grid with exactly the errors of `mapping` and `kind` a bar counts: open
        now, or open at the end of `day` (UTC)."""
        view = self.window.errors
        choose(view.mapping, mapping)
        choose(view.kind, kind)
        view.needs_person.blockSignals(True)
        view.needs_person.setChecked(False)  # the bars count passing faults too
        view.needs_person.blockSignals(False)
        view.set_day(day, apply=False)
        view.search.blockSignals(True)
        view.search.clear()
        view.search.blockSignals(False)
        view.filters.search_timer.stop()
        view.apply_filter()
        self.window.tabs.setCurrentWidget(view)

    def show_jobs(self, day: date | None, mapping: str | None) -> None:
        self.window.jobs.show_only(day, mapping)
        self.window.tabs.setCurrentWidget(self.window.jobs)

    def show_records(self, mapping: str, state: str | None) -> None:
        records = self.window.records
        records.select_mapping(mapping)
        pane = records.current_pane()
        choose(pane.state, state)
        self.window.tabs.setCurrentWidget(records)
        pane.apply_filter()

    def show_queue_entry(self, mapping: str) -> None:
        queue = self.window.queue
        self.window.tabs.setCurrentWidget(queue)
        queue.select_ids({row.id for row in queue.model.rows if row.mapping == mapping})
