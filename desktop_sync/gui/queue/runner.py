"""The open window runs the job queue itself, as `desktop-sync worker` does without a window.

A single-shot QTimer decides when to look: every `check_ms` (30 s) at most, sooner when the next
entry falls due. Looking and running happen off the GUI thread:

1. the timer fires; when the setting is off, the window is closing, or the jobs thread is busy
   (a person's Synchronize Now, say) nothing is started and the next tick tries again;
2. the loader thread asks the store when the next entry is due (`queue.next_wake`), creating the
   entries of new mappings the first time, as the worker does;
3. when one is due, `host.run_job` hands the run to the jobs thread — the same thread as
   Synchronize Now, so there is only ever one job of this window at a time, shown in the status
   bar with its progress and Cancel. The claim is made there (`queue.claim_due`), the job runs with
   `queue.run_claimed`, and the entry gets its outcome;
4. when the run ends it looks again at once (another entry may be due), or after a tick when the
   person pressed Cancel (the cancelled entry is due again at once; running it straight away would
   undo the Cancel) or the run could not even start.

The setting `queue/run_in_window` (on by default) switches this off for the window; a worker or
another window then runs the queue. Claiming is safe with any number of runners on one store.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QObject, QSettings, QTimer, Signal, Slot

from desktop_sync.domain import CancelToken, JobResult, Progress
from desktop_sync.gui.common.tasks import Task
from desktop_sync.gui.operations import Host
from desktop_sync.services.clock import seconds_until
from desktop_sync.services.queue_rows import QueueRun

log = logging.getLogger(__name__)

RUN_IN_WINDOW_KEY = "queue/run_in_window"
CHECK_MS = 30_000  # the longest wait between two looks at the queue
RETRY_MS = 1_000  # after a claim that found nothing although an entry looked due (another won it)


def run_in_window_setting() -> bool:
    """Whether windows run the job queue (QSettings `queue/run_in_window`, default on)."""
    return bool(QSettings().value(RUN_IN_WINDOW_KEY, True, type=bool))


class QueueRunner(QObject):
    """Runs due job queue entries in the window's jobs thread, one at a time."""

    enabled_changed = Signal(bool)
    ran = Signal(object)  # the QueueRun of a run that ended, or None when none could be claimed

    def __init__(self, host: Host, check_ms: int = CHECK_MS, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.host, self.service = host, host.service
        self.check_ms = check_ms
        self.enabled = run_in_window_setting()
        self.stopped = False
        self.last_run: QueueRun | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.check)
        self._looking = False
        self._ensured = False
        self._task: Task | None = None
        self._outcome: QueueRun | str | None = None  # set by the jobs thread: the run, or "nothing"
        host.runners.jobs.ended.connect(self._on_ended)
        if self.enabled:
            self.schedule(self.check_ms)  # give the window time to show itself first

    # -- state -------------------------------------------------------------------------

    @property
    def running(self) -> bool:
        """Whether a queue run of this window is waiting for or running in the jobs thread."""
        return self._task is not None

    def set_enabled(self, on: bool) -> None:
        """Switch running the queue in this window on or off (remembered in QSettings). Off lets a
        run in progress finish; on looks at once."""
        if on == self.enabled:
            return
        self.enabled = on
        QSettings().setValue(RUN_IN_WINDOW_KEY, on)
        if on:
            self.schedule(0)
        else:
            self.timer.stop()
        self.enabled_changed.emit(on)

    def check_soon(self) -> None:
        """Look at the queue now (an entry was just made due), when this window runs it."""
        if self.enabled and not self.stopped:
            self.schedule(0)

    def schedule(self, ms: float) -> None:
        """The next look in `ms`, but never later than a tick from now."""
        if not self.stopped:
            self.timer.start(int(max(0, min(ms, self.check_ms))))

    def stop(self) -> None:
        """No more looks (the window closes); a run in progress is the jobs thread's to cancel."""
        self.stopped = True
        self.timer.stop()

    # -- looking -----------------------------------------------------------------------

    @Slot()
    def check(self) -> None:
        """The timer's slot: look for a due entry, unless nothing may start now."""
        if self.stopped or not self.enabled or self._looking or self._task is not None:
            return
        if self.host.runners.jobs.busy:  # never beside a person's synchronization: next tick
            self.schedule(self.check_ms)
            return
        self._looking = True
        self.host.runners.loader.submit(
            Task(self._look, self._looked, self._look_failed, "look at the job queue")
        )

    def _look(self) -> tuple[bool, datetime | None]:
        """In the loader thread: (entries were created, when the next entry is due)."""
        created = False
        if not self._ensured:
            created = bool(self.service.queue.ensure_entries())
            self._ensured = True
        return created, self.service.queue.next_wake()

    def _looked(self, answer: tuple[bool, datetime | None]) -> None:
        self._looking = False
        created, wake = answer
        if created:
            self.host.notify_changed("queue")
        if self.stopped or not self.enabled:
            return
        if wake is None:
            self.schedule(self.check_ms)
            return
        wait_ms = seconds_until(wake) * 1000
        if wait_ms <= 0:
            self._start()
        else:
            self.schedule(wait_ms + 20)  # just after it falls due

    def _look_failed(self, message: str) -> None:
        self._looking = False
        log.warning("the job queue cannot be read: %s", message)
        self.host.show_status(
            self.tr("The job queue cannot be read: {message}").format(message=message)
        )
        self.schedule(self.check_ms)

    # -- running -----------------------------------------------------------------------

    def _start(self) -> None:
        if self.host.runners.jobs.busy:
            self.schedule(self.check_ms)
            return
        self._outcome = None
        queue = self.service.queue

        def work(
            progress: Callable[[Progress], None] | None = None, cancel: CancelToken | None = None
        ) -> list[JobResult]:
            """In the jobs thread: claim one due entry and run it."""
            if cancel is not None and cancel.cancelled:
                self._outcome = "nothing"
                return []
            entry = queue.claim_due()
            if entry is None:
                self._outcome = "nothing"
                return []
            run = queue.run_claimed(entry, progress, cancel)
            self._outcome = run
            return [run.job] if run.job is not None else []

        self._task = self.host.run_job(self.tr("Job queue"), work)

    def _on_ended(self, task: Task) -> None:
        if task is not self._task:
            return
        self._task = None
        outcome, self._outcome = self._outcome, None
        run = outcome if isinstance(outcome, QueueRun) else None
        self.last_run = run
        self.ran.emit(run)
        if run is not None and run.job is None:
            self.host.show_status(
                self.tr("Job queue: {mapping} did not run — {why}").format(
                    mapping=run.entry.mapping, why=run.note
                )
            )
        if self.stopped or not self.enabled:
            return
        if task.cancel.cancelled:
            self.host.show_status(
                self.tr(
                    "Job queue run cancelled; the rest is done at "
                    "the next look at the queue, in {seconds} s."
                ).format(seconds=self.check_ms // 1000)
            )
            self.schedule(self.check_ms)
        elif outcome is None:  # the run failed before it could say anything; the window showed why
            self.schedule(self.check_ms)
        elif run is None:  # nothing could be claimed although something looked due
            self.schedule(RETRY_MS)
        else:
            self.schedule(0)  # another entry may be due

    # -- words -------------------------------------------------------------------------

    def describe(self) -> str:
        """What this window does with the job queue, in a sentence for the Job Queue tab."""
        if self.enabled:
            return self.tr(
                "This window runs due entries, one at a time, in the status bar with progress and "
                "Cancel; it looks at the queue at least every {seconds} s."
            ).format(seconds=self.check_ms // 1000)
        return self.tr(
            "This window does not run the job queue: a desktop-sync worker or another window must."
        )
