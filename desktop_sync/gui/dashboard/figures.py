"""The dashboard's figures shaped for its charts: plain Python over `services.Dashboard`, no Qt.

Every figure here is a sum of the service's aggregates, so what a chart shows is what the store
counted: the tests compare them with the store, and a click lists the rows a figure counts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desktop_sync.domain import ErrorKind
from desktop_sync.services.history import CouplingStates, Dashboard, JobsOnDay
from desktop_sync.services.records import RecordState

KINDS = tuple(k.value for k in ErrorKind)
JOB_COUNTERS = ("inserted", "modified", "failed", "skipped")
COUPLING_STATES = ("synchronizing", "skipped", "pending", "half")
# Okabe–Ito colours: told apart with every common colour-vision deficiency, on light and dark.
KIND_COLORS = {
    "changed_in_both": "#E69F00",
    "deleted_in_erp": "#56B4E9",
    "deleted_in_crm": "#0072B2",
    "failed": "#D55E00",
}
COUNTER_COLORS = {
    "inserted": "#009E73",
    "modified": "#0072B2",
    "failed": "#D55E00",
    "skipped": "#CC79A7",
}
STATE_COLORS = {
    "synchronizing": "#009E73",
    "skipped": "#D55E00",
    "pending": "#E69F00",
    "half": "#999999",
}
STATE_FILTERS = {  # a coupling state's records in the Records tab
    "synchronizing": RecordState.COUPLED.value,
    "skipped": RecordState.SKIPPED.value,
    "pending": None,
    "half": None,
}


def mappings_of(board: Dashboard, configured: list[str]) -> list[str]:
    """The configured mappings, then any other mapping the store still has open errors of."""
    return list(dict.fromkeys([*configured, *(m for m, _ in board.open_now)]))


def open_by_day(board: Dashboard, mapping: str | None = None) -> dict[str, list[int]]:
    """Per error kind, the errors open at the end of each day of `board.days` (UTC), of one
    mapping or of all."""
    index = {day: i for i, day in enumerate(board.days)}
    found = {kind: [0] * len(board.days) for kind in KINDS}
    for e in board.errors:
        if (mapping is None or e.mapping == mapping) and e.day in index and e.kind in found:
            found[e.kind][index[e.day]] += e.open
    return found


def open_by_mapping(board: Dashboard, mappings: list[str]) -> dict[str, list[int]]:
    """Per error kind, the errors open now of each mapping."""
    return {kind: [board.open_now.get((m, kind), 0) for m in mappings] for kind in KINDS}


def jobs_by_day(board: Dashboard) -> list[JobsOnDay | None]:
    """The jobs' figures of each day of `board.days` (None: no job started that day)."""
    found = {j.day: j for j in board.jobs}
    return [found.get(day) for day in board.days]


@dataclass(frozen=True)
class Totals:
    """What the summary line says."""

    open_errors: int
    mappings_with_errors: int
    jobs: int
    failed_records: int
    days: int


def totals(board: Dashboard) -> Totals:
    return Totals(
        open_errors=sum(board.open_now.values()),
        mappings_with_errors=len({m for (m, _), n in board.open_now.items() if n}),
        jobs=sum(j.jobs for j in board.jobs),
        failed_records=sum(j.failed for j in board.jobs),
        days=len(board.days),
    )


def coupling_counts(states: CouplingStates) -> dict[str, int]:
    return {
        "synchronizing": states.synchronizing,
        "skipped": states.skipped,
        "pending": states.pending,
        "half": states.half,
    }


def day_label(day: date) -> str:
    return day.isoformat()
