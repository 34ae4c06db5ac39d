"""Synchronization jobs: one mapping, whole table, every pair by value, one record, or the scan
for deleted records. Runs headless; the window and the command line both call `Engine`.

A job finds what changed on each side (`changes`), decides what to do with each record (`plan`)
and applies a batch at a time (`batch`); `run.JobRun` holds one job's state. Progress is
reported after every batch, and a cancel request is honoured there, so what was committed stays
committed.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from sqlalchemy import update
from sqlalchemy.exc import SQLAlchemyError

from desktop_sync.apps import AppError, Apps
from desktop_sync.apps.connection import db_words
from desktop_sync.apps.faults import TransientFault, is_transient
from desktop_sync.config import Config, TableMapping
from desktop_sync.domain import (
    CancelToken,
    JobOrigin,
    JobResult,
    JobStatus,
)
from desktop_sync.engine.context import TABLE, JobError, ProgressCallback, Scope
from desktop_sync.engine.run import JobRun
from desktop_sync.store import Store, lease
from desktop_sync.store.models import Job, utcnow
from desktop_sync.words import QT_TRANSLATE_NOOP, Message, filed, say

log = logging.getLogger(__name__)


class Engine:
    """Runs synchronization jobs of one configuration."""

    def __init__(self, config: Config, store: Store, apps: Apps, user: str | None = None) -> None:
        self.config, self.store, self.apps = config, store, apps
        self.user = user or config.user
        self.runner = lease.runner_id()

    def run(
        self,
        mappings: Iterable[str] | None = None,
        scope: Scope = TABLE,
        origin: JobOrigin = JobOrigin.MANUAL,
        progress: ProgressCallback | None = None,
        cancel: CancelToken | None = None,
    ) -> list[JobResult]:
        """One job per mapping (all of them by default), each after the mappings its lookups
        translate keys through."""
        wanted = list(mappings) if mappings else None
        for name in wanted or ():
            self.config.mapping(name)  # an unknown name is a configuration error
        names = self.config.in_order(wanted)
        results = []
        for name in names:
            if cancel and cancel.cancelled:
                break
            results.append(self.run_job(self.config.mapping(name), scope, origin, progress, cancel))
        return results

    def run_job(
        self,
        mapping: TableMapping,
        scope: Scope = TABLE,
        origin: JobOrigin = JobOrigin.MANUAL,
        progress: ProgressCallback | None = None,
        cancel: CancelToken | None = None,
    ) -> JobResult:
        """Run one job; raises MappingBusy when another runner has the mapping.

        Every other failure ends the job with status `failed` and a readable message. A fault
        that passes by itself (see `apps.faults`) is one message, no record's error, and the
        result says `transient`: what this job announced stays pending for the next one.
        """
        lease.acquire(self.store, mapping.name, self.runner)
        job_id = self._start_job(mapping, scope, origin)
        run = JobRun(
            self, mapping, scope, job_id, progress or (lambda p: None), cancel or CancelToken()
        )
        status = JobStatus.FINISHED
        message: str | Message | None = None
        fault: TransientFault | None = None
        try:
            run.run()
            if run.cancel.cancelled:
                status, message = (
                    JobStatus.CANCELLED,
                    say(
                        QT_TRANSLATE_NOOP(
                            "Messages", "cancelled by the user; what was done before is kept"
                        )
                    ),
                )
        except (TransientFault, AppError, JobError, SQLAlchemyError) as exc:
            status = JobStatus.FAILED
            # The app's tables are reflected again next time: it may come back changed.
            self.apps.forget()
            if is_transient(exc):
                fault = TransientFault.of(exc)
                message = fault.words
                log.info("job %s stopped: %s", job_id, fault.summary, exc_info=True)
            elif isinstance(exc, SQLAlchemyError):
                message = db_words(exc)
                log.exception("job %s failed", job_id)
            else:
                message = getattr(exc, "words", None) or str(exc)
        except Exception as exc:  # a job must end with a status, whatever happened
            self.apps.forget()
            status = JobStatus.FAILED
            message = say(
                QT_TRANSLATE_NOOP("Messages", "internal error: {kind}: {reason}"),
                kind=exc.__class__.__name__,
                reason=str(exc),
            )
            log.exception("job %s failed", job_id)
        finally:
            run.close()
            said = message or run.message
            self._finish_job(job_id, status, run, said)
            lease.release(self.store, mapping.name, self.runner)
        words = filed(said)
        return JobResult(
            job_id,
            mapping.name,
            status,
            run.ctx_counters(),
            words["message"],
            transient=fault is not None,
            waiting_for=fault.waiting_for if fault else "",
            template=words["template"],
            params=words["params"],
        )

    def _start_job(self, mapping: TableMapping, scope: Scope, origin: JobOrigin) -> int:
        with self.store.session() as session:
            job = Job(
                mapping=mapping.name,
                scope=scope.describe(),
                origin=origin.value,
                user=self.user,
                runner=self.runner,
                started=utcnow(),
                heartbeat=utcnow(),
                status=JobStatus.RUNNING.value,
            )
            session.add(job)
            session.flush()
            job_id = job.id
        lease.attach_job(self.store, mapping.name, self.runner, job_id)
        return job_id

    def _finish_job(
        self, job_id: int, status: JobStatus, run: JobRun, message: str | Message
    ) -> None:
        with self.store.session() as session:
            session.execute(
                update(Job)
                .where(Job.id == job_id)
                .values(
                    status=status.value,
                    finished=utcnow(),
                    **filed(message),
                    **run.ctx_counters().as_dict(),
                )
            )
