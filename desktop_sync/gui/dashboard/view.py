"""The Dashboard tab: health at a glance, as charts whose every bar and point opens what it counts.

- open errors per day over the last 30 days, stacked by kind (all mappings, or the one chosen);
- open errors now per mapping, stacked by kind;
- jobs per day: the records they inserted, modified, failed and skipped; and their durations;
- records per mapping by coupling state;
- the job queue's next runs.

A click on a bar of errors lists those errors in the errors grid (its mapping and kind; a day's
bar also that day: the errors open at its end, those resolved since too), a day of jobs lists
that day's jobs, a mapping's coupling states its records, a queue point
its entry. The figures are read with `Service.dashboard()` (counts over the store's indexes) in
the window's loader thread when the tab is shown, and again after the store changed while it is
shown — at most one reading at a time, a moment after the last change, never on a timer of its
own. pyqtgraph is imported beside the first reading, in a thread of its own: not when the
window opens, and not on the GUI thread.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QLocale, Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop_sync.gui.common import words
from desktop_sync.gui.common.tasks import Task, TaskRunner
from desktop_sync.gui.common.words import kind_label, local_time
from desktop_sync.gui.dashboard import figures
from desktop_sync.gui.dashboard.figures import (
    COUNTER_COLORS,
    KIND_COLORS,
)
from desktop_sync.services import Service
from desktop_sync.services.history import Dashboard

if TYPE_CHECKING:
    from desktop_sync.gui.dashboard.charts import Chart, Series

RELOAD_DELAY_MS = 500  # after a change: one reading for a burst of changes


def import_charts() -> None:
    """pyqtgraph and numpy: a quarter of a second of imports, done once, off the GUI thread."""
    import desktop_sync.gui.dashboard.charts  # noqa: F401


class DashboardView(QWidget):
    """The charts, and the signals their clicks send to the window."""

    errors_wanted = Signal(object, object, object)  # mapping, kind (None: all), day (None: now)
    jobs_wanted = Signal(object, object)  # day (a UTC date), mapping (None: all)
    records_wanted = Signal(str, object)  # mapping, RecordState value (None: all records)
    queue_wanted = Signal(str)  # the mapping of a job queue entry
    loaded = Signal()  # the charts show a new reading

    def __init__(self, service: Service, loader: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service, self.loader = service, loader
        self.board: Dashboard | None = None
        self.mappings = [m.name for m in service.config.mappings]
        self._stale = True
        self._loading = False
        self._again = False
        self._later = QTimer(self, singleShot=True, interval=RELOAD_DELAY_MS)
        self._later.timeout.connect(self.load)
        self.charts: dict[str, Chart] = {}
        self._charts_import: threading.Thread | None = None

        self.summary = QLabel(self.tr("Reading the dashboard…"))
        self.summary.setObjectName("dashboardSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary.setAccessibleName(self.tr("Dashboard summary"))
        self.mapping = QComboBox()
        self.mapping.setAccessibleName(self.tr("Mapping of the errors per day"))
        self.mapping.addItem(self.tr("All mappings"), None)
        for name in self.mappings:
            self.mapping.addItem(name, name)
        self.mapping.currentIndexChanged.connect(lambda _: self._draw_errors_by_day())

        self.body = QWidget()
        self.grid = QGridLayout(self.body)
        self.grid.setContentsMargins(6, 6, 6, 6)
        self.charts_area = QScrollArea()
        self.charts_area.setWidgetResizable(True)
        self.charts_area.setWidget(self.body)
        self.charts_area.setFrameShape(QScrollArea.Shape.NoFrame)
        self.charts_area.setAccessibleName(self.tr("Dashboard charts"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.charts_area, 1)

    # -- building (on the first showing) -----------------------------------------------

    def _build(self) -> None:
        from desktop_sync.gui.dashboard.charts import Chart

        boxes = (
            ("errors_by_day", self.tr("Open errors per day, last 30 days"), 0, 0),
            ("errors_by_mapping", self.tr("Open errors by mapping"), 0, 1),
            ("jobs_by_day", self.tr("Records synchronized per day"), 1, 0),
            ("durations", self.tr("Time spent synchronizing per day"), 1, 1),
            ("couplings", self.tr("Records by coupling state"), 2, 0),
            ("queue", self.tr("Next runs of the job queue"), 2, 1),
        )
        self.legends: dict[str, QLabel] = {}
        for key, title, row, column in boxes:
            box = QGroupBox(title)
            chart = Chart(box)
            chart.setObjectName(f"{key}Chart")
            chart.setAccessibleName(title)
            legend = QLabel()
            legend.setWordWrap(True)
            box_layout = QVBoxLayout(box)
            if key == "errors_by_day":
                top = QHBoxLayout()
                label = QLabel(self.tr("&Mapping:"))
                label.setBuddy(self.mapping)
                top.addWidget(label)
                top.addWidget(self.mapping)
                top.addWidget(legend, 1)
                box_layout.addLayout(top)
            else:
                box_layout.addWidget(legend)
            box_layout.addWidget(chart, 1)
            self.grid.addWidget(box, row, column)
            self.charts[key], self.legends[key] = chart, legend
        for column in (0, 1):
            self.grid.setColumnStretch(column, 1)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.load()

    # -- reading -----------------------------------------------------------------------

    def on_store_changed(self, *_: object) -> None:
        """The store changed: read again a moment later if shown, else when next shown."""
        self._stale = True
        if self.isVisible():
            if self._loading:
                self._again = True
            else:
                self._later.start()

    def load(self) -> None:
        """Read the figures in the loader thread (one reading at a time)."""
        if self._loading:
            self._again = True
            return
        self._loading, self._stale = True, False
        if self._charts_import is None and not self.charts:
            self._charts_import = threading.Thread(
                target=import_charts, name="import pyqtgraph", daemon=True
            )
            self._charts_import.start()
        self.loader.submit(Task(self._read, self._apply, self._failed, "load dashboard", key=self))

    def _read(self) -> Dashboard:
        """In the loader thread: the figures, then (the first time) waits for pyqtgraph's import,
        which ran beside the query instead of after it, and never on the GUI thread."""
        board = self.service.dashboard()
        if self._charts_import is not None:
            self._charts_import.join()
        return board

    def _apply(self, board: Dashboard) -> None:
        self._loading = False
        self.board = board
        if not self.charts:
            self._build()
        self._draw()
        self.loaded.emit()
        self._read_again_if_asked()

    def _failed(self, message: str) -> None:
        self._loading = False
        self.summary.setText(self.tr("Cannot read the dashboard: {reason}").format(reason=message))
        self._read_again_if_asked()

    def _read_again_if_asked(self) -> None:
        if self._again:
            self._again = False
            self._stale = True
            if self.isVisible():
                self._later.start()

    # -- drawing -----------------------------------------------------------------------

    def _draw(self) -> None:
        board = self.board
        if board is None:
            return
        self.mappings = figures.mappings_of(board, [m.name for m in self.service.config.mappings])
        self.summary.setText(self._summary_text(board))
        self._draw_errors_by_day()
        self._draw_errors_by_mapping()
        self._draw_jobs()
        self._draw_couplings()
        self._draw_queue()

    def _summary_text(self, board: Dashboard) -> str:
        t = figures.totals(board)
        parts = [
            self.tr("%n open error(s)", "", t.open_errors)
            + (self.tr(" in %n mapping(s)", "", t.mappings_with_errors) if t.open_errors else ""),
            self.tr("%n job(s) in the last 30 days", "", t.jobs)
            + (self.tr(", %n record(s) failed", "", t.failed_records) if t.failed_records else ""),
        ]
        waiting = [r for r in board.queue if r.status != "on_hold"]
        if waiting:
            parts.append(
                self.tr("next run: {mapping} at {when}").format(
                    mapping=waiting[0].mapping, when=local_time(waiting[0].next_run)
                )
            )
        return " · ".join(parts)

    def _day_labels(self, days: tuple[date, ...]) -> list[str]:
        locale = QLocale()
        return [locale.toString(QDate(d.year, d.month, d.day), "d MMM") for d in days]

    def _legend(self, key: str, names: list[tuple[str, str]]) -> None:
        self.legends[key].setText(
            "  ".join(f'<span style="color:{c}">■</span>&nbsp;{n}' for n, c in names)
        )

    def _kind_name(self, kind: str) -> str:
        return kind_label(kind, self.service)

    def _series(
        self,
        names: dict[str, str],
        colors: dict[str, str],
        values: dict[str, list[int]],
        tip: Callable[[str, int, int], str],
        click: Callable[[str, int], None],
    ) -> list[Series]:
        from desktop_sync.gui.dashboard.charts import Series

        return [
            Series(
                names[key],
                colors[key],
                values[key],
                [tip(key, i, v) for i, v in enumerate(values[key])],
                lambda i, key=key: click(key, i),  # type: ignore[misc]
            )
            for key in names
        ]

    def _draw_errors_by_day(self) -> None:
        board, chart = self.board, self.charts.get("errors_by_day")
        if board is None or chart is None:
            return
        mapping = self.mapping.currentData()
        values = figures.open_by_day(board, mapping)
        labels = self._day_labels(board.days)
        names = {k: self._kind_name(k) for k in figures.KINDS}
        chart.clear_chart()
        series = self._series(
            names,
            KIND_COLORS,
            values,
            lambda k, i, v: self.tr(
                "{day}: {n} {kind} open at the end of the day ({mapping}). Click to list them."
            ).format(day=labels[i], n=v, kind=names[k], mapping=mapping or self.tr("all mappings")),
            lambda k, i: self.errors_wanted.emit(mapping, k, board.days[i]),
        )
        chart.add_stacks(series)
        chart.set_categories(labels, every=5)
        self._legend("errors_by_day", [(names[k], KIND_COLORS[k]) for k in names])
        total = [sum(v[i] for v in values.values()) for i in range(len(board.days))]
        chart.setAccessibleDescription(
            self.tr("Open errors at the end of each of the last {days} days, {mapping}: "
                    "{first} on {start}, {last} today, at most {most}.").format(
                days=len(board.days),
                mapping=mapping or self.tr("all mappings"),
                first=total[0] if total else 0,
                start=labels[0] if labels else "",
                last=total[-1] if total else 0,
                most=max(total, default=0),
            )
        )  # fmt: skip
        if not any(total):
            chart.show_empty(self.tr("No open errors in the last 30 days"))

    def _draw_errors_by_mapping(self) -> None:
        board, chart = self.board, self.charts["errors_by_mapping"]
        assert board is not None
        mappings = self.mappings
        values = figures.open_by_mapping(board, mappings)
        names = {k: self._kind_name(k) for k in figures.KINDS}
        chart.clear_chart()
        series = self._series(
            names,
            KIND_COLORS,
            values,
            lambda k, i, v: self.tr("{mapping}: {n} {kind} open. Click to list them.").format(
                mapping=mappings[i], n=v, kind=names[k]
            ),
            lambda k, i: self.errors_wanted.emit(mappings[i], k, None),
        )
        chart.add_stacks(series)
        chart.set_categories(mappings)
        self._legend("errors_by_mapping", [(names[k], KIND_COLORS[k]) for k in names])
        per_mapping = [f"{m}: {sum(values[k][i] for k in names)}" for i, m in enumerate(mappings)]
        chart.setAccessibleDescription(
            self.tr("Open errors now by mapping: {counts}.").format(counts="; ".join(per_mapping))
        )
        if not board.open_now:
            chart.show_empty(self.tr("No open errors"))

    def _draw_jobs(self) -> None:
        board = self.board
        assert board is not None
        days = figures.jobs_by_day(board)
        labels = self._day_labels(board.days)
        names = {c: words.outcome(c) for c in figures.JOB_COUNTERS}
        values = {c: [getattr(d, c) if d else 0 for d in days] for c in figures.JOB_COUNTERS}

        def day_click(i: int) -> None:
            self.jobs_wanted.emit(board.days[i], None)

        chart = self.charts["jobs_by_day"]
        chart.clear_chart()
        series = self._series(
            names,
            COUNTER_COLORS,
            values,
            lambda c, i, v: self.tr(
                "{day}: {n} record(s) {counter} by {jobs} job(s). Click to list the jobs."
            ).format(
                day=labels[i], n=v, counter=names[c], jobs=day.jobs if (day := days[i]) else 0
            ),
            lambda c, i: day_click(i),
        )
        chart.add_stacks(series)
        chart.set_categories(labels, every=5)
        self._legend("jobs_by_day", [(names[c], COUNTER_COLORS[c]) for c in names])
        chart.setAccessibleDescription(
            self.tr("{jobs} jobs on {days} of the last {all} days; records {counts}.").format(
                jobs=sum(d.jobs for d in days if d),
                days=sum(1 for d in days if d),
                all=len(days),
                counts=", ".join(f"{names[c]} {sum(values[c])}" for c in names),
            )
        )
        if not board.jobs:
            chart.show_empty(self.tr("No jobs in the last 30 days"))

        from desktop_sync.gui.dashboard.more_charts import draw_durations

        draw_durations(
            self.charts["durations"],
            days,
            labels,
            lambda n: self._legend("durations", n),
            day_click,
        )

    def _draw_couplings(self) -> None:
        from desktop_sync.gui.dashboard.more_charts import draw_couplings

        assert self.board is not None
        draw_couplings(
            self.charts["couplings"],
            self.board.couplings,
            lambda names: self._legend("couplings", names),
            self.records_wanted.emit,
        )

    def _draw_queue(self) -> None:
        from desktop_sync.gui.dashboard.more_charts import draw_queue

        assert self.board is not None
        draw_queue(
            self.charts["queue"],
            self.board.queue,
            lambda names: self._legend("queue", names),
            self.queue_wanted.emit,
        )
