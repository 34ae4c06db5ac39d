"""Faults that pass by themselves: a lost, refused or silent connection, a lock or statement
timeout, a deadlock, a serialization failure.

Such a fault is not a problem of one record: the job stops with one message, runs again by
itself later, and files no synchronization error. `is_transient` tells them apart by the
database's own codes (PostgreSQL's SQLSTATE, MySQL's error numbers) and never by a constraint or
data error, which would fail again the same way. `TransientFault` carries the message a person
reads, naming the app.
"""

from __future__ import annotations

import re

from sqlalchemy.exc import DataError, DBAPIError, IntegrityError, ProgrammingError

from desktop_sync.db import database_name, no_answer_after
from desktop_sync.words import QT_TRANSLATE_NOOP, Message, say

LOST, BUSY, NO_ANSWER = "lost", "busy", "no_answer"


# The reasons below in words the window translates (pyside6-lupdate reads these markers).
_REASONS = (
    QT_TRANSLATE_NOOP("Messages", "a serialization failure"),
    QT_TRANSLATE_NOOP("Messages", "a deadlock"),
    QT_TRANSLATE_NOOP("Messages", "a lock could not be taken in time"),
    QT_TRANSLATE_NOOP("Messages", "a statement took longer than the statement timeout"),
    QT_TRANSLATE_NOOP("Messages", "the server is shutting down"),
    QT_TRANSLATE_NOOP("Messages", "the server is restarting after a crash"),
    QT_TRANSLATE_NOOP("Messages", "the server is starting up"),
    QT_TRANSLATE_NOOP("Messages", "too many connections"),
    QT_TRANSLATE_NOOP("Messages", "cannot connect"),
    QT_TRANSLATE_NOOP("Messages", "the connection was lost"),
    QT_TRANSLATE_NOOP("Messages", "a lock wait timed out"),
    QT_TRANSLATE_NOOP("Messages", "the database is locked"),
    QT_TRANSLATE_NOOP("Messages", "the connection failed"),
    QT_TRANSLATE_NOOP("Messages", "connection refused"),
    QT_TRANSLATE_NOOP("Messages", "connecting timed out"),
    QT_TRANSLATE_NOOP("Messages", "the connection timed out"),
    QT_TRANSLATE_NOOP("Messages", "unknown host name"),
)

# SQLSTATE of PostgreSQL (class 08, connection exception, is handled as a whole).
_SQLSTATES = {
    "40001": (BUSY, "a serialization failure"),
    "40P01": (BUSY, "a deadlock"),
    "55P03": (BUSY, "a lock could not be taken in time"),
    "57014": (BUSY, "a statement took longer than the statement timeout"),
    "57P01": (LOST, "the server is shutting down"),
    "57P02": (LOST, "the server is restarting after a crash"),
    "57P03": (LOST, "the server is starting up"),
    "53300": (LOST, "too many connections"),
}
# Error numbers of MySQL and MariaDB (client 2xxx, server 1xxx and 3xxx).
_MYSQL = {
    2002: (LOST, "cannot connect"),
    2003: (LOST, "cannot connect"),
    2006: (LOST, "the connection was lost"),
    2013: (LOST, "the connection was lost"),
    2055: (LOST, "the connection was lost"),
    1040: (LOST, "too many connections"),
    1205: (BUSY, "a lock wait timed out"),
    1213: (BUSY, "a deadlock"),
    1969: (BUSY, "a statement took longer than the statement timeout"),
    3024: (BUSY, "a statement took longer than the statement timeout"),
}
_SQLITE = ("database is locked", "database table is locked")
# Errors that say something about the data or the schema: they would fail again the same way.
_NEVER = {"IntegrityError", "DataError", "ProgrammingError", "NotSupportedError"}
_TAIL = "The job stopped and will run again by itself; nothing was lost."


class TransientFault(Exception):
    """A job stopped by a fault that passes by itself; the message is for a person."""

    def __init__(self, app: str, reason: str, kind: str = LOST) -> None:
        self.app, self.reason, self.kind = app, reason, kind
        super().__init__(self.message)

    @classmethod
    def of(cls, exc: BaseException, app: str | None = None) -> TransientFault:
        """The fault behind `exc`, which `is_transient` said is one."""
        if isinstance(exc, TransientFault):
            return exc
        kind, reason = _classify_chain(exc) or (LOST, "the connection failed")
        return cls(database_name(exc) or app or "the database", reason, kind)

    @property
    def summary(self) -> str:
        if self.kind == NO_ANSWER:
            return f"No answer from {self.app} {self.reason.removeprefix('no answer ')}"
        verb = "is busy" if self.kind == BUSY else "cannot be reached"
        return _capital(f"{self.app} {verb}: {self.reason}")

    @property
    def message(self) -> str:
        return f"{self.summary}. {_TAIL}"

    @property
    def words(self) -> Message:
        """`message` as words the window can translate (the app's name stays as configured)."""
        seconds = re.search(r"[\d.]+", self.reason)
        if self.kind == NO_ANSWER and seconds:
            return say(
                QT_TRANSLATE_NOOP(
                    "Messages",
                    "No answer from {app} within {seconds} s. The job stopped and will run again "
                    "by itself; nothing was lost.",
                ),
                app=self.app,
                seconds=seconds.group(0),
            )
        reason = say(self.reason) if self.reason in _REASONS else self.reason
        template = (
            QT_TRANSLATE_NOOP(
                "Messages",
                "{app} is busy: {reason}. The job stopped and will run again by itself; "
                "nothing was lost.",
            )
            if self.kind == BUSY
            else QT_TRANSLATE_NOOP(
                "Messages",
                "{app} cannot be reached: {reason}. The job stopped and will run again by "
                "itself; nothing was lost.",
            )
        )
        return say(template, app=self.app, reason=reason)

    @property
    def waiting_for(self) -> str:
        """What the next try waits for, in words: "Dynamics 365 Sales: connection refused"."""
        return f"{self.app}: {self.reason}"


def is_transient(exc: BaseException | None) -> bool:
    """True when `exc` (or the error it was raised from) is a fault that passes by itself."""
    return exc is not None and _classify_chain(exc) is not None


def _classify_chain(exc: BaseException) -> tuple[str, str] | None:
    """The first classification along `exc` and its causes (an AppError raised from a failed
    connect, say); a constraint or data error anywhere on the way is never transient."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, (IntegrityError, DataError, ProgrammingError)):
            return None
        found = _classify(current)
        if found is not None:
            return found
        current = current.__cause__
    return None


def _classify(exc: BaseException) -> tuple[str, str] | None:
    if isinstance(exc, TransientFault):
        return exc.kind, exc.reason
    seconds = no_answer_after(exc)
    if seconds is not None:
        return NO_ANSWER, f"no answer within {seconds:g} s"
    orig = exc.orig if isinstance(exc, DBAPIError) else exc
    if orig is None or any(c.__name__ in _NEVER for c in type(orig).__mro__):
        return None
    text = str(orig).lower()
    args = getattr(orig, "args", ())
    if args and isinstance(args[0], int) and not isinstance(args[0], bool):  # MySQL's number
        found = _MYSQL.get(args[0])
        return (found[0], _connection_words(text, found[1])) if found else None
    sqlstate = getattr(orig, "sqlstate", None) or getattr(orig, "pgcode", None)
    if isinstance(sqlstate, str):
        if sqlstate.startswith("08"):
            return LOST, _connection_words(text)
        return _SQLSTATES.get(sqlstate)
    if any(words in text for words in _SQLITE):
        return BUSY, "the database is locked"
    # psycopg's own errors about the connection (refused, closed, timed out) carry no SQLSTATE.
    client_side = type(orig).__module__.startswith("psycopg") and any(
        c.__name__ == "OperationalError" for c in type(orig).__mro__
    )
    if client_side or getattr(exc, "connection_invalidated", False):
        return LOST, _connection_words(text)
    return None


def _connection_words(text: str, default: str = "the connection was lost") -> str:
    """The driver's message about a connection in a few plain words."""
    if "refused" in text:
        return "connection refused"
    if "timeout expired" in text:
        return "connecting timed out"
    if "timed out" in text:
        return "the connection timed out"
    if "could not translate host name" in text or "name or service not known" in text:
        return "unknown host name"
    if "connection failed" in text or "can't connect" in text:
        return "cannot connect"
    return default


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
