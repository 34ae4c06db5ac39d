"""Work off the GUI thread: a worker QObject in its own QThread runs service calls one at a time.

The window submits a callable; the worker runs it in its thread and answers with signals that
carry plain Python data, delivered on the GUI thread. Every exception is caught and sent back as
a readable message, because a QThread would swallow it otherwise. Long jobs get a CancelToken
and a progress callback that emits (throttled) progress signals.
"""

from __future__ import annotations

import itertools
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot

from desktop_sync.domain import CancelToken, Progress
from desktop_sync.services import describe_failure

log = logging.getLogger(__name__)
PROGRESS_INTERVAL = 0.1  # seconds between progress signals, so the GUI is not flooded


@dataclass
class Task:
    """One call to run in the worker thread, and what to do with its outcome on the GUI thread."""

    run: Callable[..., Any]
    done: Callable[[Any], None] = lambda result: None
    failed: Callable[[str], None] | None = None
    label: str = ""
    wants_progress: bool = False
    cancel: CancelToken = field(default_factory=CancelToken)
    key: object = None  # a newer waiting task with the same key replaces this one
    id: int = field(default_factory=itertools.count(1).__next__)


class _Worker(QObject):
    """Lives in the worker thread; runs one task per `start` signal."""

    finished = Signal(int, object)
    failed = Signal(int, str)
    progress = Signal(int, object)

    @Slot(object)
    def run(self, task: Task) -> None:
        last = [0.0]
        said = [""]

        def report(p: Progress) -> None:
            now = time.monotonic()
            new_words = p.message != said[0]  # a new message (a wait, a phase) is never dropped
            if (
                new_words
                or now - last[0] >= PROGRESS_INTERVAL
                or (p.total is not None and p.done >= p.total)
            ):
                last[0], said[0] = now, p.message
                self.progress.emit(task.id, p)

        try:
            result = task.run(report, task.cancel) if task.wants_progress else task.run()
        except Exception as exc:  # every failure becomes a message for the user
            log.exception("background task %s failed", task.label)
            self.failed.emit(task.id, describe_failure(exc))
        else:
            self.finished.emit(task.id, result)


class TaskRunner(QObject):
    """A queue of tasks run one after another in a dedicated thread."""

    started = Signal(object)  # Task
    progressed = Signal(object, object)  # Task, Progress
    ended = Signal(object)  # Task
    _start = Signal(object)

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread = QThread(self)
        self._thread.setObjectName(name)
        self._worker = _Worker()
        self._worker.moveToThread(self._thread)
        self._start.connect(self._worker.run)
        self._worker.finished.connect(self._on_finished)
        self._worker.failed.connect(self._on_failed)
        self._worker.progress.connect(self._on_progress)
        self._thread.finished.connect(self._worker.deleteLater)
        self._tasks: dict[int, Task] = {}
        self._waiting: list[Task] = []
        self._current: Task | None = None
        self._thread.start()

    @property
    def busy(self) -> bool:
        return self._current is not None

    @property
    def current(self) -> Task | None:
        return self._current

    def submit(self, task: Task) -> Task:
        if task.key is not None:
            self._waiting = [t for t in self._waiting if t.key != task.key]
        self._waiting.append(task)
        self._next()
        return task

    def cancel(self) -> None:
        """Ask the running task to stop at its next batch boundary, and drop the waiting ones."""
        if self._current is not None:
            self._current.cancel.cancel()
        self._waiting.clear()

    def stop(self, wait_ms: int = 30000) -> None:
        """Cancel, then end the thread (waiting for the running task to reach a boundary)."""
        self.cancel()
        self._thread.quit()
        self._thread.wait(wait_ms)

    def _next(self) -> None:
        if self._current is None and self._waiting:
            self._current = self._waiting.pop(0)
            self._tasks[self._current.id] = self._current
            self.started.emit(self._current)
            self._start.emit(self._current)

    def _finish(self, task_id: int) -> Task:
        task = self._tasks.pop(task_id)
        self._current = None
        return task

    @Slot(int, object)
    def _on_finished(self, task_id: int, result: Any) -> None:
        task = self._finish(task_id)
        try:
            task.done(result)
        finally:
            self.ended.emit(task)
            self._next()

    @Slot(int, str)
    def _on_failed(self, task_id: int, message: str) -> None:
        task = self._finish(task_id)
        try:
            if task.failed is not None:
                task.failed(message)
        finally:
            self.ended.emit(task)
            self._next()

    @Slot(int, object)
    def _on_progress(self, task_id: int, progress: Progress) -> None:
        task = self._tasks.get(task_id)
        if task is not None:
            self.progressed.emit(task, progress)
