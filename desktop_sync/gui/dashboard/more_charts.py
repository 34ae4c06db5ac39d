"""Three of the dashboard's charts: how long the jobs of each day took, the records of each
mapping by coupling state, and when the job queue's entries run next. Their words keep the
view's translation context ("DashboardView")."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication

from desktop_sync.gui.common import words
from desktop_sync.gui.common.words import local_time
from desktop_sync.gui.dashboard import figures
from desktop_sync.gui.dashboard.charts import Chart, Series
from desktop_sync.gui.dashboard.figures import STATE_COLORS, STATE_FILTERS
from desktop_sync.services.history import CouplingStates, JobsOnDay, NextRun

STATUS_COLORS = {"ready": "#009E73", "in_process": "#0072B2", "error": "#D55E00"}
TOTAL_COLOR, LONGEST_COLOR = "#0072B2", "#E69F00"
Legend = Callable[[list[tuple[str, str]]], None]


def draw_durations(
    chart: Chart,
    days: Sequence[JobsOnDay | None],
    labels: Sequence[str],
    legend: Legend,
    day_click: Callable[[int], None],
) -> None:
    """Per day, the time all its jobs took and the longest one; a point lists that day's jobs."""
    translate = QCoreApplication.translate  # spelled out with its context for pyside6-lupdate
    chart.clear_chart()
    longest = max((d.seconds_longest for d in days if d), default=0.0)
    minutes = longest >= 120
    scale = 60.0 if minutes else 1.0
    unit = translate("DashboardView", "minutes" if minutes else "seconds")
    chart.setLabel("left", unit)
    shown = [i for i, d in enumerate(days) if d]
    for attribute, color, what in (
        ("seconds_total", TOTAL_COLOR, translate("DashboardView", "all jobs")),
        ("seconds_longest", LONGEST_COLOR, translate("DashboardView", "the longest job")),
    ):
        ys = [getattr(days[i], attribute) / scale for i in shown]
        tips = [
            translate(
                "DashboardView", "{day}: {value} {unit}, {what}. Click to list the jobs."
            ).format(day=labels[i], value=f"{y:.1f}", unit=unit, what=what)
            for i, y in zip(shown, ys, strict=True)
        ]
        chart.add_points(
            shown,
            ys,
            color,
            tips,
            lambda n: day_click(shown[n]),
            symbol="o" if attribute == "seconds_total" else "t",
        )
    chart.set_categories(labels, every=5)
    top = max((d.seconds_total for d in days if d), default=0.0) / scale
    chart.setYRange(0, max(top, 1.0) * 1.1, padding=0)
    legend(
        [
            (translate("DashboardView", "all jobs of the day"), TOTAL_COLOR),
            (translate("DashboardView", "the longest job"), LONGEST_COLOR),
        ]
    )
    chart.setAccessibleDescription(
        translate("DashboardView", "The longest job of the last 30 days took {value} {unit}.")
        .format(value=f"{longest / scale:.1f}", unit=unit)
    )  # fmt: skip
    if not shown:
        chart.show_empty(translate("DashboardView", "No jobs in the last 30 days"))


def draw_queue(
    chart: Chart, entries: Sequence[NextRun], legend: Legend, on_click: Callable[[str], None]
) -> None:
    """Each entry's next run on a time line; a point shows the entry (`on_click(mapping)`)."""
    translate = QCoreApplication.translate
    chart.clear_chart()
    statuses = {
        "ready": translate("DashboardView", "ready"),
        "in_process": translate("DashboardView", "in process"),
        "error": translate("DashboardView", "error"),
        "on_hold": translate("DashboardView", "on hold"),
    }
    if not entries:
        chart.show_empty(translate("DashboardView", "No job queue entries"))
        legend([])
        chart.setAccessibleDescription(translate("DashboardView", "The job queue has no entries."))
        return
    first = min(e.next_run for e in entries)
    hours = [(e.next_run - first).total_seconds() / 3600 for e in entries]
    tips = [
        translate(
            "DashboardView", "{mapping}: next run {when}, {status}. {last} Click to show the entry."
        ).format(
            mapping=e.mapping,
            when=local_time(e.next_run),
            status=statuses.get(e.status, e.status),
            last=words.said(e.last_result),
        )
        for e in entries
    ]
    kinds = list(dict.fromkeys(e.status for e in entries))
    for status in kinds:
        picked = [i for i, e in enumerate(entries) if e.status == status]
        chart.add_points(
            [hours[i] for i in picked],
            [float(i) for i in picked],
            STATUS_COLORS.get(status, "#999999"),
            [tips[i] for i in picked],
            lambda n, picked=picked: on_click(entries[picked[n]].mapping),  # type: ignore[misc]
            line=False,
        )
    chart.getAxis("left").setTicks([[(i, e.mapping) for i, e in enumerate(entries)]])
    chart.getAxis("bottom").setTicks(None)
    chart.setLabel(
        "bottom",
        translate("DashboardView", "hours after the first, at {when}").format(
            when=local_time(first)
        ),
    )
    chart.setXRange(-0.1, max(max(hours), 1.0) * 1.1, padding=0)
    chart.setYRange(-0.6, len(entries) - 0.4, padding=0)
    legend([(statuses.get(s, s), STATUS_COLORS.get(s, "#999999")) for s in kinds])
    chart.setAccessibleDescription(
        "; ".join(
            f"{e.mapping} {local_time(e.next_run)} {statuses.get(e.status, e.status)}"
            for e in entries
        )
    )


def draw_couplings(
    chart: Chart,
    states: Sequence[CouplingStates],
    legend: Legend,
    on_click: Callable[[str, str | None], None],
) -> None:
    """Per mapping, its records stacked by coupling state; a bar lists those records
    (`on_click(mapping, RecordState value or None)`)."""
    translate = QCoreApplication.translate
    mappings = [s.mapping for s in states]
    counts = [figures.coupling_counts(s) for s in states]
    names = {
        "synchronizing": translate("DashboardView", "Synchronizing"),
        "skipped": translate("DashboardView", "Skipped (open error)"),
        "pending": translate("DashboardView", "Write under way"),
        "half": translate("DashboardView", "Other record not made yet"),
    }
    tip = translate("DashboardView", "{mapping}: {n} record(s), {state}. Click to list them.")
    chart.clear_chart()
    chart.add_stacks(
        [
            Series(
                names[key],
                STATE_COLORS[key],
                [c[key] for c in counts],
                [
                    tip.format(mapping=m, n=c[key], state=names[key].lower())
                    for m, c in zip(mappings, counts, strict=True)
                ],
                lambda i, key=key: on_click(mappings[i], STATE_FILTERS[key]),  # type: ignore[misc]
            )
            for key in names
        ]
    )
    chart.set_categories(mappings)
    legend([(names[k], STATE_COLORS[k]) for k in names])
    chart.setAccessibleDescription(
        translate("DashboardView", "Coupled records by mapping: {counts}.").format(
            counts="; ".join(
                f"{s.mapping} {s.total} ({names['skipped'].lower()} {s.skipped})" for s in states
            )
        )
    )
    if not any(s.total for s in states):
        chart.show_empty(translate("DashboardView", "No coupled records yet"))
