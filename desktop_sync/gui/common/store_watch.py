"""Noticing other people's changes: the open window polls a cheap fingerprint of the store.

Several desktops and workers may share one store. Another person resolving errors, a worker
finishing a job, someone setting a queue entry on hold: none of that passes through this window's
signals. So a timer asks for the store's fingerprint (`services.changes`: a handful of indexed
aggregates in one SELECT) every 2 s on PostgreSQL and every 5 s on SQLite, in the loader thread,
and `changed` fires only when the fingerprint differs from the last one. The window then emits
its `store_changed("elsewhere")` and every view reloads, keeping its selection.

The first fingerprint is read when the watch is made, before the window's first load is queued
in the same loader thread, so a change landing between that load and the first tick is still
noticed. Our own changes move the fingerprint too; the one extra reload they cause is the price of
never mistaking someone else's change for ours.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from desktop_sync.gui.common.tasks import Task, TaskRunner
from desktop_sync.services import Service
from desktop_sync.services.changes import StoreFingerprint, fingerprint

log = logging.getLogger(__name__)

ELSEWHERE = "elsewhere"  # the `store_changed` word for a change made by someone else
POSTGRESQL_MS = 2000
SQLITE_MS = 5000


def poll_interval_ms(service: Service) -> int:
    """How often to look: a shared PostgreSQL store often, a (usually personal) SQLite file less."""
    return POSTGRESQL_MS if service.store.is_postgresql else SQLITE_MS


class StoreWatch(QObject):
    """Polls the store's fingerprint and says when someone changed the store."""

    changed = Signal(str)  # always ELSEWHERE; `parts` tells what changed
    unreachable = Signal(str)  # the store could not be read (once per problem)
    reachable = Signal()  # it can be read again

    def __init__(
        self,
        service: Service,
        loader: TaskRunner,
        interval_ms: int | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.service, self.loader = service, loader
        self.last: StoreFingerprint | None = None
        self.parts: list[str] = []  # the parts of the fingerprint that changed last time
        self.problem = ""
        self.stopped = False
        self._pending = False
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms or poll_interval_ms(service))
        self.timer.timeout.connect(self.poll)
        self.timer.start()
        self.poll()

    @Slot()
    def poll(self) -> None:
        """Ask for the fingerprint in the loader thread (unless the last question is unanswered)."""
        if self._pending or self.stopped:
            return
        self._pending = True
        self.loader.submit(
            Task(lambda: fingerprint(self.service), self._seen, self._failed, "watch the store")
        )

    def stop(self) -> None:
        self.stopped = True
        self.timer.stop()

    def _seen(self, now: StoreFingerprint) -> None:
        self._pending = False
        if self.problem:
            self.problem = ""
            self.reachable.emit()
        before, self.last = self.last, now
        if self.stopped or before is None or now == before:
            return
        self.parts = now.changed_parts(before)
        log.debug("the store changed elsewhere: %s", ", ".join(self.parts))
        self.changed.emit(ELSEWHERE)

    def _failed(self, message: str) -> None:
        self._pending = False
        if message != self.problem:
            self.problem = message
            log.warning("the store cannot be read: %s", message)
            self.unreachable.emit(message)
