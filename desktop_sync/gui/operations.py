"""One way to run an operation from a window, as Anki's `aqt/operations` does.

A window that runs operations is a *host* (`Host`): the main window and the record window both
are. The action classes (`errors.actions`, `queue.actions`, `record.actions`) and the job queue's
runner take a host, never a particular window, so they import nothing of the windows and each
window imports them — no import cycle, and no window needs building in a particular order.

What running an operation means is written once, in `Operations`:

- an *action* is a person's service call (Retry, Remove Coupling…) in the actions thread: the
  status bar says it is running, its `ActionResult` or message is shown when it ends, a failure
  in a box, and afterwards every view hears that the store changed;
- a *job* is synchronization-like work in the jobs thread, with progress and Cancel (the main
  window shows both in its status bar): when it ends its counters are shown, failed jobs in a box,
  and every view hears that the jobs changed.

`Runners` are a window's three worker threads; a record window opened from the main window shares
the main window's, so there is only ever one action and one job at a time.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

import shiboken6
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop_sync.domain import JobResult, JobStatus
from desktop_sync.gui.common import words
from desktop_sync.gui.common.tasks import Task, TaskRunner
from desktop_sync.services import ActionResult, Service

STATUS_TIMEOUT_MS = 15000

Work = Callable[[], Any]
JobWork = Callable[..., list[JobResult]]  # called with progress= and cancel=
Summary = Callable[[list[JobResult]], str]


class LastResultShown(Protocol):
    """Where the last result stays readable (the main window's status bar)."""

    def show(self, text: str, job_id: int | None, problems: bool = False) -> None: ...


class Runners(QObject):
    """A window's worker threads: `loader` reads for the views, `actions` runs a person's actions
    one at a time, `jobs` runs synchronization with progress and Cancel."""

    def __init__(
        self,
        names: tuple[str, str, str] = ("loader", "actions", "jobs"),
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        loader, actions, jobs = names
        self.loader = TaskRunner(loader, self)
        self.actions = TaskRunner(actions, self)
        self.jobs = TaskRunner(jobs, self)

    def stop(self) -> None:
        """End the threads: a running job stops at its next batch, waiting tasks are dropped."""
        for runner in (self.jobs, self.actions, self.loader):
            runner.stop()


class Host(Protocol):
    """What the action classes and the job queue's runner need of the window they work in."""

    service: Service
    runners: Runners

    def run_action(self, label: str, work: Work, done: Callable[[Any], None] | None = None) -> Task:
        """Run a person's action off the GUI thread; `done` replaces the default showing of the
        result (the store-changed notice is then `done`'s to give)."""
        ...

    def run_job(
        self,
        label: str,
        work: JobWork,
        done: Callable[[list[JobResult]], None] | None = None,
        summary: Summary | None = None,
    ) -> Task:
        """Run synchronization with progress and Cancel; `done` gets the results after they
        were shown; `summary` says in one line what they mean (default: each job's counters)."""
        ...

    def confirm(self, title: str, text: str, destructive: bool = True) -> bool: ...

    def show_problem(self, title: str, message: str) -> None: ...

    def show_result(self, result: ActionResult) -> None: ...

    def show_status(self, message: str, timeout_ms: int = STATUS_TIMEOUT_MS) -> None:
        """A line in the window's status bar; `timeout_ms` 0 keeps it until the next one."""
        ...

    def notify_changed(self, what: str) -> None:
        """The store changed ("errors", "jobs", "queue"): every view that shows it reads again."""
        ...


class Operations(QObject):
    """Runs a host's actions and jobs: the one implementation of `Host.run_action` and `run_job`.

    It reports through the host (`show_status`, `show_problem`, `notify_changed`), so whatever a
    host does with those — or a test puts in their place — applies to every operation alike.
    Answers can arrive after a record window has closed: then nothing is shown there, but the
    other views still hear that the store changed.
    """

    def __init__(self, host: Host, window: QWidget) -> None:
        super().__init__()  # no parent: it must outlive a window that closes while work runs
        self.host, self.window = host, window
        self.last_action: ActionResult | None = None
        self.last_results: list[JobResult] = []
        self.last_result: LastResultShown | None = None  # set by a window that keeps one

    def shown(self) -> bool:
        """Whether the window is still there to show an answer in."""
        return shiboken6.isValid(self.window)

    # -- actions -----------------------------------------------------------------------

    def run_action(self, label: str, work: Work, done: Callable[[Any], None] | None = None) -> Task:
        """Run a person's action in the actions thread; show what it did; refresh."""
        host = self.host
        host.show_status(label + "…", 0)

        def finished(result: Any) -> None:
            if done is not None:
                done(result)
                return
            if self.shown():
                if isinstance(result, ActionResult):
                    host.show_result(result)
                elif isinstance(result, str):
                    host.show_status(result)
            host.notify_changed("errors")

        def failed(message: str) -> None:
            if self.shown():
                host.show_status("", 0)
                host.show_problem(label, message)
            host.notify_changed("errors")

        return host.runners.actions.submit(Task(work, finished, failed, label))

    def show_result(self, result: ActionResult) -> None:
        """What an action did, in the status bar; a box lists what was refused or failed."""
        self.last_action = result
        summary = words.action_summary(result.action, result.done, result.summary)
        self.host.show_status(summary)
        if self.last_result is not None:
            self.last_result.show(summary, None, problems=not result.ok)
        if not result.ok:
            box = QMessageBox(
                QMessageBox.Icon.Information,
                self.tr("Not everything was done"),
                summary,
                QMessageBox.StandardButton.Ok,
                self.window,
            )
            box.setInformativeText("\n".join(result.refused + result.failed))
            box.open()

    # -- jobs --------------------------------------------------------------------------

    def run_job(
        self,
        label: str,
        work: JobWork,
        done: Callable[[list[JobResult]], None] | None = None,
        summary: Summary | None = None,
    ) -> Task:
        """Run synchronization-like work in the jobs thread, with progress and Cancel; `done`
        gets the results after they were shown (the record window's Synchronize Now); `summary`
        words them (Find Deleted counts what it found)."""
        host = self.host

        def finished(results: list[JobResult]) -> None:
            self.last_results = results
            text = (summary or self.describe_results)(results)
            if self.shown():
                host.show_status(text)
                if self.last_result is not None:
                    job, problems = self.job_to_show(results), self.had_problems(results)
                    self.last_result.show(text, job, problems)
                failed_jobs = [r for r in results if r.status is JobStatus.FAILED]
                if failed_jobs:
                    host.show_problem(
                        label,
                        "\n".join(
                            f"{r.mapping}: {words.said(r.message, r.template, r.params)}"
                            for r in failed_jobs
                        ),
                    )
            host.notify_changed("jobs")
            if done is not None:
                done(results)

        def failed(message: str) -> None:
            if self.shown():
                host.show_problem(label, message)
            host.notify_changed("jobs")

        task = Task(
            lambda progress, cancel: work(progress=progress, cancel=cancel),
            finished,
            failed,
            label,
            wants_progress=True,
        )
        return host.runners.jobs.submit(task)

    @staticmethod
    def had_problems(results: list[JobResult]) -> bool:
        return any(r.had_problems for r in results)

    @staticmethod
    def job_to_show(results: list[JobResult]) -> int | None:
        """The job a click on the last result opens: the first with problems, else the last."""
        troubled = [r for r in results if r.had_problems]
        chosen = troubled[0] if troubled else results[-1] if results else None
        return chosen.id if chosen is not None else None

    def describe_results(self, results: list[JobResult]) -> str:
        """One line for the status bar: what each job did, its counters in words."""
        if not results:
            return self.tr("Nothing was synchronized.")
        parts = []
        for r in results:
            c = r.counters
            status = (
                "" if r.status is JobStatus.FINISHED else f" ({words.job_status(r.status.value)})"
            )
            counts = [
                text
                for n, text in (
                    (c.inserted, self.tr("%n inserted", "", c.inserted)),
                    (c.modified, self.tr("%n modified", "", c.modified)),
                    (c.deleted, self.tr("%n deleted", "", c.deleted)),
                    (c.coupled, self.tr("%n coupled", "", c.coupled)),
                    (c.uncoupled, self.tr("%n uncoupled", "", c.uncoupled)),
                    (c.skipped, self.tr("%n skipped", "", c.skipped)),
                    (c.failed, self.tr("%n failed", "", c.failed)),
                )
                if n
            ]
            parts.append(
                self.tr("{mapping}{status}: {counts}").format(
                    mapping=r.mapping,
                    status=status,
                    counts=", ".join(counts) if counts else self.tr("nothing to change"),
                )
            )
        return "; ".join(parts)
