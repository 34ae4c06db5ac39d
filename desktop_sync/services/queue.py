"""The job queue's verbs: list entries, set on hold or ready, change the interval, run now, and
run due entries (for the headless worker and, later, the window).

A queue job is an ordinary synchronization job (`Service.synchronize`, origin `queue`), so it
records the service's user and the engine's runner id like any other job, and the mapping lease
still guarantees that one mapping never runs twice at once. The entry itself is claimed first
(see `store.queue`), so two runners never start the same entry.

Each person's action on an entry is written to the synchronization log as a line of the entry's
mapping without record keys (outcome `queue:…`), with the user's name, because the entry table
has no column for who changed it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import insert, select, update

from desktop_sync.apps.faults import TransientFault, is_transient
from desktop_sync.db import affected
from desktop_sync.domain import CancelToken, JobOrigin, Progress, QueueStatus
from desktop_sync.services.queries import LOG_COLUMNS, LogRow
from desktop_sync.services.queue_rows import (
    ENTRY_COLUMNS,
    QueueEntryRow,
    QueueError,
    QueueRun,
    minutes_of,
)
from desktop_sync.services.queue_words import clock_of, failed_words, failure_words, outcome_of
from desktop_sync.store import queue as store_queue
from desktop_sync.store.lease import MappingBusy
from desktop_sync.store.models import CLEANUP_ENTRY, LogEntry, QueueEntry, utcnow
from desktop_sync.store.queue import CLAIM_TIMEOUT, RunOutcome
from desktop_sync.store.queue_recovery import Recovered, recover_dead_claims
from desktop_sync.words import QT_TRANSLATE_NOOP, Message, filed, say

if TYPE_CHECKING:
    from desktop_sync.services.service import Service

ProgressCallback = Callable[[Progress], None]
RENEW_EVERY = timedelta(seconds=5)
BUSY_RETRY = timedelta(minutes=1)


class QueueService:
    """The job queue verbs of one `Service`.

    `claim_timeout` is how long a claim may go unrenewed before its runner counts as dead;
    `renew_every` how often a running job renews it at most; `busy_retry` how soon an entry whose
    mapping another runner was synchronizing is tried again. Tests shorten them.
    """

    def __init__(
        self,
        service: Service,
        claim_timeout: timedelta = CLAIM_TIMEOUT,
        renew_every: timedelta = RENEW_EVERY,
        busy_retry: timedelta = BUSY_RETRY,
    ) -> None:
        self.service = service
        self.claim_timeout, self.renew_every, self.busy_retry = (
            claim_timeout,
            renew_every,
            busy_retry,
        )

    @property
    def runner(self) -> str:
        """This process's runner id: the one its jobs and mapping leases carry."""
        return self.service.engine.runner

    @property
    def user(self) -> str:
        return self.service.user

    def _mapping_names(self) -> list[str]:
        return [m.name for m in self.service.config.mappings]

    # -- lists -------------------------------------------------------------------------

    def ensure_entries(
        self, interval_minutes: int = store_queue.DEFAULT_INTERVAL_MINUTES
    ) -> list[QueueEntryRow]:
        """Create an entry (due now) for every configured mapping that has none; returns them."""
        minutes = minutes_of(interval_minutes, "The interval")
        created = store_queue.ensure_entries(
            self.service.store, self._mapping_names(), utcnow(), minutes
        )
        return [e for e in self.entries() if e.mapping in created]

    def entries(self) -> list[QueueEntryRow]:
        """Every entry: configured mappings in configuration order, then any others by name."""
        order = {name: i for i, name in enumerate(self._mapping_names())}
        with self.service.store.session() as session:
            rows = [self._row(r, order) for r in session.execute(select(*ENTRY_COLUMNS))]
        return sorted(rows, key=lambda r: (order.get(r.mapping, len(order)), r.mapping))

    def entry(self, entry_id: int) -> QueueEntryRow | None:
        with self.service.store.session() as session:
            row = session.execute(select(*ENTRY_COLUMNS).where(QueueEntry.id == entry_id)).first()
        return self._row(row) if row else None

    def entry_for(self, mapping: str) -> QueueEntryRow | None:
        """The entry of a mapping, e.g. to tell why a record is not synchronizing (on hold)."""
        with self.service.store.session() as session:
            row = session.execute(
                select(*ENTRY_COLUMNS).where(QueueEntry.mapping == mapping)
            ).first()
        return self._row(row) if row else None

    def history(self, entry_id: int, limit: int = 200) -> list[LogRow]:
        """Who did what to an entry and when, newest first."""
        entry = self._existing(entry_id)
        with self.service.store.session() as session:
            query = (
                select(*LOG_COLUMNS)
                .where(
                    LogEntry.mapping == entry.mapping,
                    LogEntry.erp_key.is_(None),
                    LogEntry.crm_key.is_(None),
                    LogEntry.outcome.like("queue:%"),
                )
                .order_by(LogEntry.id.desc())
                .limit(limit)
            )
            return [LogRow(*r) for r in session.execute(query)]

    def _row(self, row: Any, order: dict[str, int] | None = None) -> QueueEntryRow:
        names = order if order is not None else set(self._mapping_names())
        fields = dict(row._mapping, status=QueueStatus(row.status))
        return QueueEntryRow(**fields, configured=row.mapping in names)

    def _existing(self, entry_id: int) -> QueueEntryRow:
        entry = self.entry(entry_id)
        if entry is None:
            raise QueueError(f"Job queue entry {entry_id} does not exist (any more).")
        return entry

    # -- a person's actions --------------------------------------------------------------

    def set_on_hold(self, entry_id: int) -> QueueEntryRow:
        """Stop running the entry until it is set ready. A run in progress finishes first."""
        entry = self._existing(entry_id)
        self._change(
            entry,
            "on_hold",
            say(QT_TRANSLATE_NOOP("Messages", "Job queue entry: set on hold")),
            status=QueueStatus.ON_HOLD.value,
        )
        return self._existing(entry_id)

    def set_ready(self, entry_id: int) -> QueueEntryRow:
        """Run the entry again at its next run time (at once when that has passed).

        An entry set on hold while a run was still going goes back to in process, so that run's
        end is recorded and nobody starts a second one meanwhile.
        """
        entry = self._existing(entry_id)
        status = QueueStatus.IN_PROCESS if entry.claimed_by else QueueStatus.READY
        self._change(
            entry,
            "ready",
            say(QT_TRANSLATE_NOOP("Messages", "Job queue entry: set ready")),
            status=status.value,
        )
        return self._existing(entry_id)

    def set_interval(
        self, entry_id: int, minutes: Any, max_backoff_minutes: Any = None
    ) -> QueueEntryRow:
        """Change how often the entry runs, and optionally the longest back-off.

        The back-off starts over, and the next run moves to the last run plus the new interval
        (at once when that has passed), so a shorter interval takes effect now. Without
        `max_backoff_minutes` the cap stays, raised to the interval when it was shorter.
        """
        interval = minutes_of(minutes, "The interval")
        entry = self._existing(entry_id)
        if max_backoff_minutes is None:
            cap = max(entry.max_backoff_minutes, interval)
        else:
            cap = minutes_of(max_backoff_minutes, "The longest back-off")
            if cap < interval:
                raise QueueError(
                    f"The longest back-off ({cap} minutes) cannot be shorter than the interval "
                    f"({interval} minutes); give at least {interval} minutes."
                )
        values: dict[str, Any] = {
            "interval_minutes": interval,
            "max_backoff_minutes": cap,
            "idle_runs": 0,
        }
        if entry.status is not QueueStatus.IN_PROCESS:
            values["next_run"] = (entry.last_run or utcnow()) + timedelta(minutes=interval)
        self._change(
            entry,
            "interval",
            say(
                QT_TRANSLATE_NOOP(
                    "Messages",
                    "Job queue entry: interval set to {interval} minutes, back-off up to {cap} "
                    "minutes",
                ),
                interval=interval,
                cap=cap,
            ),
            **values,
        )
        return self._existing(entry_id)

    def run_now(self, entry_id: int) -> QueueEntryRow:
        """Make the entry due at once (and ready, if it was on hold or in error)."""
        entry = self._existing(entry_id)
        if entry.claimed_by:
            raise QueueError(
                self._running_text(entry) + "; it can run again when that run has finished."
            )
        self._change(
            entry,
            "run_now",
            say(QT_TRANSLATE_NOOP("Messages", "Job queue entry: run now")),
            status=QueueStatus.READY.value,
            next_run=utcnow(),
            guard=QueueEntry.claimed_by.is_(None),
        )
        return self._existing(entry_id)

    def _running_text(self, entry: QueueEntryRow) -> str:
        since = f" since {entry.claimed_at:%Y-%m-%d %H:%M:%S} UTC" if entry.claimed_at else ""
        return f"{entry.mapping} is being run by {entry.claimed_by}{since}"

    def _change(
        self, entry: QueueEntryRow, what: str, message: Message, guard: Any = None, **values: Any
    ) -> None:
        """One entry change and its log line, in one transaction."""
        conditions = [QueueEntry.id == entry.id] + ([guard] if guard is not None else [])
        with self.service.store.session() as session:
            changed = affected(
                session.execute(
                    update(QueueEntry)
                    .where(*conditions)
                    .values(version=QueueEntry.version + 1, **values)
                )
            )
            if not changed:
                raise QueueError(
                    f"{entry.mapping}: the entry changed meanwhile (another runner or person); "
                    "refresh and try again."
                )
            session.execute(
                insert(LogEntry).values(
                    mapping=entry.mapping,
                    at=utcnow(),
                    outcome=f"queue:{what}",
                    **filed(message),
                    user=self.user,
                )
            )

    # -- running -------------------------------------------------------------------------

    def next_wake(self) -> datetime | None:
        """When this runner next has something to do (a due entry, or a claim to take back)."""
        names = [*self._mapping_names(), CLEANUP_ENTRY]  # the entries `claim_due` claims
        return store_queue.next_wake(self.service.store, names, self.claim_timeout)

    def recover(self) -> list[Recovered]:
        """Take back entries of dead runners (also done by every claim)."""
        return recover_dead_claims(self.service.store, utcnow(), self.claim_timeout)

    def claim_due(
        self, runner: str | None = None, due_before: datetime | None = None
    ) -> QueueEntryRow | None:
        """Claim one due entry for `runner` (default: this process's runner id), after taking
        back the entries of dead runners; None when nothing is due.

        Only claims of this process's runner id can be run here (`run_claimed`), because the job
        carries the engine's runner id and a dead claim is matched to its job by that id.
        """
        store = self.service.store
        self.recover()
        names = [*self._mapping_names(), CLEANUP_ENTRY]
        entry_id = store_queue.claim_due(store, runner or self.runner, names, utcnow(), due_before)
        return self.entry(entry_id) if entry_id is not None else None

    def run_due_once(
        self,
        progress: ProgressCallback | None = None,
        cancel: CancelToken | None = None,
        due_before: datetime | None = None,
    ) -> QueueRun | None:
        """Claim one due entry and run it; None when nothing was due."""
        if cancel is not None and cancel.cancelled:
            return None
        entry = self.claim_due(due_before=due_before)
        return self.run_claimed(entry, progress, cancel) if entry is not None else None

    def run_claimed(
        self,
        entry: QueueEntryRow,
        progress: ProgressCallback | None = None,
        cancel: CancelToken | None = None,
    ) -> QueueRun:
        """Run the mapping of an entry this runner claimed, and write the outcome on the entry.

        A MappingBusy means another runner is synchronizing the mapping now (a person, say): the
        entry is given back and tried again after `busy_retry`.
        """
        if entry.claimed_by != self.runner:
            raise QueueError(
                f"{entry.mapping}: the entry is claimed by {entry.claimed_by or 'nobody'}, "
                f"not by this runner ({self.runner})."
            )
        store, runner = self.service.store, self.runner
        started = utcnow()
        if entry.mapping == CLEANUP_ENTRY:  # kind cleanup: history older than keep_days
            return self._cleanup(entry, started, progress, cancel)
        renew = _Renewal(self, entry.id, progress)
        try:
            results = self.service.synchronize(
                [entry.mapping], origin=JobOrigin.QUEUE, progress=renew, cancel=cancel
            )
        except MappingBusy as exc:
            store_queue.release(
                store, entry.id, runner, utcnow() + min(self.busy_retry, entry.interval)
            )
            return QueueRun(self._existing(entry.id), None, str(exc), busy=True)
        except Exception as exc:  # noqa: BLE001 - whatever stops the job, the entry must say so
            message = failure_words(exc)
            outcome = RunOutcome(QueueStatus.ERROR, started, failed_words(message), None, None)
            if is_transient(exc):
                fault = TransientFault.of(exc)
                message = fault.message
                outcome = self._waiting(entry, fault.waiting_for, started, None)
            store_queue.finish(store, entry.id, runner, outcome, utcnow())
            return QueueRun(self._existing(entry.id), None, str(message))
        if not results:  # cancelled before the job started
            store_queue.release(store, entry.id, runner, entry.next_run)
            return QueueRun(self._existing(entry.id), None, "cancelled before it started")
        (result,) = results
        outcome = outcome_of(result, started)
        if result.transient:
            outcome = self._waiting(entry, result.waiting_for, started, result.id)
        store_queue.finish(store, entry.id, runner, outcome, utcnow())
        return QueueRun(self._existing(entry.id), result)

    def _cleanup(
        self,
        entry: QueueEntryRow,
        started: datetime,
        progress: ProgressCallback | None,
        cancel: CancelToken | None,
    ) -> QueueRun:
        done = self.service.cleanup(progress=progress, cancel=cancel)
        text = f"{done.total} old row(s) deleted" + (" (cancelled)" if done.cancelled else "")
        outcome = RunOutcome(QueueStatus.READY, started, text, None, None)
        store_queue.finish(self.service.store, entry.id, self.runner, outcome, utcnow())
        return QueueRun(self._existing(entry.id), None, text)

    def _waiting(
        self, entry: QueueEntryRow, waiting_for: str, started: datetime, job_id: int | None
    ) -> RunOutcome:
        """A run stopped by a fault that passes by itself: the entry stays ready and tries
        again after a back-off (see `store.queue.retry_delay`); never `error`."""
        delay = store_queue.retry_delay(self.service.store, entry.mapping, entry.interval_minutes)
        next_run = utcnow() + delay
        text = say(
            QT_TRANSLATE_NOOP("Messages", "waiting for {what}; next try at {time}"),
            what=waiting_for,
            time=clock_of(next_run),
        )
        return RunOutcome(QueueStatus.READY, started, text, job_id, None, next_run=next_run)


class _Renewal:
    """The progress callback of a queue job: passes progress on, and renews the entry's claim
    at most every `renew_every` (progress comes after every batch, which may be often)."""

    def __init__(
        self, queue: QueueService, entry_id: int, progress: ProgressCallback | None
    ) -> None:
        self.queue, self.entry_id, self.progress = queue, entry_id, progress
        self.every = min(queue.renew_every, queue.claim_timeout / 3)
        self.last = utcnow()

    def __call__(self, p: Progress) -> None:
        now = utcnow()
        if now - self.last >= self.every:
            store_queue.renew(self.queue.service.store, self.entry_id, self.queue.runner, now)
            self.last = now
        if self.progress is not None:
            self.progress(p)
