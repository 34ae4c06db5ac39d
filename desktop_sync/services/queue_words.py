"""How a run of a job queue entry leaves it: its last result and why a run failed, in words
the window translates (see `desktop_sync.words`), and whether the run changed anything."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.exc import SQLAlchemyError

from desktop_sync.apps.connection import db_words
from desktop_sync.domain import JobResult, JobStatus, QueueStatus
from desktop_sync.services.clock import in_local
from desktop_sync.store.queue import RunOutcome
from desktop_sync.words import QT_TRANSLATE_NOOP, Message, say


def outcome_of(result: JobResult, started: datetime) -> RunOutcome:
    """How a finished, failed or cancelled job leaves its entry (a job stopped by a passing
    fault: see `QueueService._waiting`)."""
    changed = wrote_something(result)
    said: Message | str = (
        Message(result.template, dict(result.params or {})) if result.template else result.message
    )
    if result.status is JobStatus.FAILED:
        return RunOutcome(QueueStatus.ERROR, started, failed_words(said), result.id, None)
    if result.status is JobStatus.CANCELLED:
        text = say(
            QT_TRANSLATE_NOOP(
                "Messages", "cancelled: {counters}; the rest is done by the next run"
            ),
            counters=counters_words(result),
        )
        return RunOutcome(
            QueueStatus.READY, started, text, result.id, True if changed else None, due_now=True
        )
    done = counters_words(result)
    if result.message:
        done = say(
            QT_TRANSLATE_NOOP("Messages", "{counters} — {message}"), counters=done, message=said
        )
    return RunOutcome(QueueStatus.READY, started, done, result.id, changed)


def failed_words(reason: Message | str) -> Message:
    return say(QT_TRANSLATE_NOOP("Messages", "failed: {reason}"), reason=reason)


COUNTER_WORDS = {
    "inserted": QT_TRANSLATE_NOOP("Messages", "{n} inserted"),
    "modified": QT_TRANSLATE_NOOP("Messages", "{n} modified"),
    "deleted": QT_TRANSLATE_NOOP("Messages", "{n} deleted"),
    "unchanged": QT_TRANSLATE_NOOP("Messages", "{n} unchanged"),
    "skipped": QT_TRANSLATE_NOOP("Messages", "{n} skipped"),
    "failed": QT_TRANSLATE_NOOP("Messages", "{n} failed"),
    "coupled": QT_TRANSLATE_NOOP("Messages", "{n} coupled"),
    "uncoupled": QT_TRANSLATE_NOOP("Messages", "{n} uncoupled"),
}


def counters_words(result: JobResult) -> Message:
    """A job's counters in words the window translates: "3 inserted, 1 modified", or
    "nothing to do"."""
    said = [say(COUNTER_WORDS[name], n=n) for name, n in result.counters.as_dict().items() if n]
    if not said:
        return say(QT_TRANSLATE_NOOP("Messages", "nothing to do"))
    words = said[-1]
    for earlier in reversed(said[:-1]):
        words = say(QT_TRANSLATE_NOOP("Messages", "{first}, {rest}"), first=earlier, rest=words)
    return words


def wrote_something(result: JobResult) -> bool:
    """Whether a job changed anything (a write, a coupling made or removed): such a run resets
    the back-off. Skipped and failed records do not count: they wait for a person, and a record
    skipped again at every run must not keep an otherwise idle entry from backing off."""
    c = result.counters
    return bool(c.inserted or c.modified or c.deleted or c.coupled or c.uncoupled)


def clock_of(moment: datetime) -> str:
    """A naive UTC time from the store as the local time of day, "14:05"."""
    return f"{in_local(moment):%H:%M}"


def failure_words(exc: Exception) -> Message | str:
    """Why a queue run failed, in the words of the error (a database's in a clerk's words)."""
    if isinstance(exc, SQLAlchemyError):
        return db_words(exc)
    return getattr(exc, "words", None) or str(exc) or exc.__class__.__name__
