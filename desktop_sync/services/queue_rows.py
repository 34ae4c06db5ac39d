"""The job queue as plain data for the window and the command line: one entry (`QueueEntryRow`),
what a runner did in one pass (`QueueRun`), and how a number of minutes is read."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import datetime, timedelta
from typing import Any

from desktop_sync.domain import JobResult, QueueStatus
from desktop_sync.services.actions import ActionError
from desktop_sync.store.models import QueueEntry
from desktop_sync.store.queue import next_delay

MAX_MINUTES = 7 * 24 * 60  # a week: longer than that is not a recurring synchronization any more


class QueueError(ActionError):
    """A queue action cannot be carried out as asked; the message says why and what to do."""


@dataclass(frozen=True)
class QueueEntryRow:
    """One job queue entry as plain data; `configured` is False for a mapping no longer in the
    configuration (its entry stays, but no runner of this configuration runs it)."""

    id: int
    mapping: str
    interval_minutes: int
    max_backoff_minutes: int
    idle_runs: int
    next_run: datetime
    status: QueueStatus
    last_run: datetime | None
    last_result: str
    last_job_id: int | None
    claimed_by: str | None
    claimed_at: datetime | None
    version: int
    # The last result as an English template and its values (see `desktop_sync.words`).
    result_template: str | None = None
    result_params: dict[str, Any] | None = None
    configured: bool = True

    @property
    def interval(self) -> timedelta:
        return timedelta(minutes=self.interval_minutes)

    @property
    def wait_minutes(self) -> int:
        """How long the entry waits after an ordinary run now: the interval with its back-off."""
        return int(
            next_delay(
                self.interval_minutes, self.max_backoff_minutes, self.idle_runs
            ).total_seconds()
            // 60
        )

    def as_json(self) -> dict[str, object]:
        data = {f.name: getattr(self, f.name) for f in fields(self)}
        del data["result_template"], data["result_params"]
        for name in ("next_run", "last_run", "claimed_at"):
            data[name] = data[name].isoformat() if data[name] else None
        data["status"] = self.status.value
        return data


@dataclass(frozen=True)
class QueueRun:
    """What one run of a claimed entry did: the job (None when none ran: the mapping was busy,
    the run was cancelled before it started, or the job could not start) and the entry after."""

    entry: QueueEntryRow
    job: JobResult | None
    note: str = ""  # why no job ran, in words
    busy: bool = False  # another runner was synchronizing the mapping; the entry waits `busy_retry`

    @property
    def had_problems(self) -> bool:
        """Like `desktop-sync sync`: failed or skipped records, or a failed job."""
        return self.job.had_problems if self.job else self.entry.status is QueueStatus.ERROR


ENTRY_COLUMNS = (
    QueueEntry.id,
    QueueEntry.mapping,
    QueueEntry.interval_minutes,
    QueueEntry.max_backoff_minutes,
    QueueEntry.idle_runs,
    QueueEntry.next_run,
    QueueEntry.status,
    QueueEntry.last_run,
    QueueEntry.last_result,
    QueueEntry.last_job_id,
    QueueEntry.claimed_by,
    QueueEntry.claimed_at,
    QueueEntry.version,
    QueueEntry.result_template,
    QueueEntry.result_params,
)


def minutes_of(value: Any, what: str) -> int:
    """A whole number of minutes from 1 to a week, from a number or its text; QueueError if not."""
    number: int | None = None
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, float) and value.is_integer():
        number = int(value)
    elif isinstance(value, str) and value.strip().isdigit():
        number = int(value.strip())
    if number is None or not 1 <= number <= MAX_MINUTES:
        raise QueueError(
            f"{what} must be a whole number of minutes from "
            f"1 to {MAX_MINUTES} (a week); got {value!r}."
        )
    return number
