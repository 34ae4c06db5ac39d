"""`desktop-sync worker`: runs the job queue without a window, for a server or a scheduled task.

It claims due entries one at a time and runs them (see `services.queue`), prints one line per
entry it ran, and sleeps until the next entry is due, but never longer than the poll interval,
because a person or another runner may change the queue meanwhile. SIGTERM or SIGINT stop it
after the current batch: the running job is cancelled through the engine's CancelToken, which
keeps everything committed so far, and its entry is due again at once for the next runner.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable
from datetime import datetime
from types import FrameType
from typing import TYPE_CHECKING

from sqlalchemy.exc import SQLAlchemyError

from desktop_sync.apps.connection import db_message
from desktop_sync.domain import CancelToken
from desktop_sync.services.clock import local_text
from desktop_sync.services.queue_rows import QueueRun
from desktop_sync.store.models import utcnow

if TYPE_CHECKING:
    from desktop_sync.services import Service

Echo = Callable[[str], None]
IDLE_PAUSE = (
    0.2  # seconds; a claim that found nothing although something looked due waits this long
)


class Worker:
    """The queue loop of one service; `stop()` may be called from a signal handler or a thread."""

    def __init__(
        self, service: Service, echo: Echo, notice: Echo | None = None, poll: float = 60.0
    ) -> None:
        self.service, self.echo, self.poll = service, echo, poll
        self.notice = notice or (lambda line: None)
        self.cancel = CancelToken()
        self._wake = threading.Event()

    @property
    def stopping(self) -> bool:
        return self.cancel.cancelled

    def stop(self) -> None:
        """Finish the current batch, then stop (a running job ends as cancelled)."""
        self.cancel.cancel()
        self._wake.set()

    def run_once(self) -> list[QueueRun]:
        """Run every entry that is due now (not those that fall due while these run)."""
        start = utcnow()
        runs = []
        while not self.stopping:
            run = self.service.queue.run_due_once(cancel=self.cancel, due_before=start)
            if run is None:
                break
            self._report(run)
            runs.append(run)
        return runs

    def run_forever(self) -> None:
        """Run due entries and sleep in between until stopped; a store that cannot be reached
        is reported and tried again after the poll interval instead of ending the worker."""
        while not self.stopping:
            try:
                ran = self.run_once()
                pause = self._pause(bool(ran))
            except SQLAlchemyError as exc:
                self.echo(
                    f"{_stamp()} the state store cannot be reached: "
                    f"{db_message(exc)}; trying again in {self.poll:g} s"
                )
                pause = self.poll
            if pause > 0:
                self._wake.wait(pause)

    def _pause(self, ran: bool) -> float:
        wake = self.service.queue.next_wake()
        if wake is None:
            return self.poll
        seconds = (wake - utcnow()).total_seconds()
        return min(self.poll, max(seconds, 0.0 if ran else IDLE_PAUSE))

    def _report(self, run: QueueRun) -> None:
        entry = run.entry
        after = (
            f"next run {local_text(entry.next_run)}"
            if entry.status.value == "ready"
            else f"now {entry.status.value}"
        )
        if run.job is None:
            self.echo(f"{_stamp()} {entry.mapping}: not run — {run.note}; {after}")
            return
        job = run.job
        if job.transient and entry.status.value == "ready":
            after = ""  # the result says when it tries again: "…; next try at 14:05"
        self.echo(
            f"{_stamp()} job {job.id} {entry.mapping}: "
            f"{job.status.value} — {entry.last_result}" + (f"; {after}" if after else "")
        )


def run_worker(
    service: Service, once: bool, poll: float, echo: Echo, notice: Echo | None = None
) -> int:
    """Run the queue until stopped (or, with `once`, until nothing is due); the exit status.

    0, or with `once` 1 when a job had failed or skipped records or failed itself, as
    `desktop-sync sync` does. SIGTERM and SIGINT stop the worker cleanly while it runs here.
    """
    worker = Worker(service, echo, notice, poll)
    service.queue.ensure_entries()
    previous = _install_handlers(worker)
    try:
        if once:
            runs = worker.run_once()
            return 1 if any(r.had_problems for r in runs) else 0
        worker.notice(
            f"worker {service.queue.runner} runs the job queue of {len(service.config.mappings)} "
            "mapping(s); stop it with Ctrl+C or SIGTERM"
        )
        worker.run_forever()
        worker.notice("worker stopped")
        return 0
    finally:
        _restore_handlers(previous)


def _install_handlers(worker: Worker) -> dict[int, object]:
    """SIGTERM/SIGINT stop the worker; only the main thread may install signal handlers."""
    if threading.current_thread() is not threading.main_thread():
        return {}

    def handle(signum: int, _frame: FrameType | None) -> None:
        if not worker.stopping:
            worker.notice(f"{signal.Signals(signum).name}: stopping after the current batch")
        worker.stop()

    return {sig: signal.signal(sig, handle) for sig in (signal.SIGTERM, signal.SIGINT)}


def _restore_handlers(previous: dict[int, object]) -> None:
    for sig, handler in previous.items():
        signal.signal(sig, handler)  # type: ignore[arg-type]


def _stamp() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")
