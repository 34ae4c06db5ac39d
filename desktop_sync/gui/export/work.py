"""What File ▸ Export… runs in the actions thread: the choice made in the dialog as a call to the
service's exports, with the errors grid's filter and sort as they are when Export is pressed.
No Qt here beyond the words; the dialog shows progress and the outcome."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from desktop_sync.domain import CancelToken, Progress
from desktop_sync.services import ErrorFilter, Service
from desktop_sync.services.export import Exported


class What(StrEnum):
    ERRORS = "errors"
    JOURNAL = "journal"
    JOBS = "jobs"


class Format(StrEnum):
    CSV = "csv"
    XLSX = "xlsx"


@dataclass(frozen=True)
class GridState:
    """The errors grid as the person sees it: its filter (with the records its search matched in
    the apps), its sort, and how many rows it shows."""

    where: ErrorFilter
    sort: str
    descending: bool
    rows: int


@dataclass(frozen=True)
class ExportChoice:
    """What the dialog decided: what, in which format, to which file."""

    what: What
    format: Format
    path: Path
    grid: GridState | None = None


@dataclass(frozen=True)
class NotWritten:
    """The file could not be written (a folder that is gone, no permission, a full disk)."""

    path: Path
    reason: str


def with_suffix(path: Path, fmt: Format) -> Path:
    """`path` ending in the format's suffix (added, or put in place of the other format's)."""
    suffix = "." + fmt.value
    if path.suffix.lower() == suffix:
        return path
    if path.suffix.lower() in (".csv", ".xlsx"):
        return path.with_suffix(suffix)
    return path.with_name(path.name + suffix)


def export_work(
    service: Service, choice: ExportChoice
) -> Callable[[Callable[[Progress], None], CancelToken], Exported | NotWritten]:
    """The call the actions thread runs, with the task's progress callback and cancel token."""

    def work(progress: Callable[[Progress], None], cancel: CancelToken) -> Exported | NotWritten:
        path = choice.path
        try:
            if choice.what is What.ERRORS and choice.grid is not None:
                grid = choice.grid
                return service.export_errors(
                    path, grid.where, grid.sort, grid.descending, progress, cancel
                )
            if choice.what is What.JOURNAL:
                return service.export_journal(path, None, progress, cancel)
            if choice.what is What.JOBS:
                return service.export_jobs(path, None, progress, cancel)
            return service.export_errors(path, progress=progress, cancel=cancel)
        except OSError as exc:  # the file, not the store: say so in a person's words
            return NotWritten(path, exc.strerror or str(exc))

    return work
