"""Opening one of our databases (the state store or an app's): an engine with timeouts.

Every connection fails in bounded time, whatever the network does:

- connecting: the driver's connect timeout (`[settings] connect_timeout`);
- each statement: the server's own statement timeout (`[settings] statement_timeout`), which ends
  a slow statement with the server's message;
- a silent network, where the peer's TCP stack still acknowledges but the server never answers
  (psycopg 3 has no client-side read timeout): a deadline a little longer than the statement
  timeout, armed around every statement, commit, rollback and ping. When it passes, the
  connection's socket is shut down, so the blocked call fails at once; the error then carries
  how long it waited (`no_answer_after`) and every error carries the name of the database it
  came from (`database_name`), so that a message can say "no answer from <app> within N s".

This module is the base layer under `store` and `apps`; it imports neither.
"""

from __future__ import annotations

import contextlib
import logging
import os
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import CursorResult, Engine, create_engine, event
from sqlalchemy.engine import URL

from desktop_sync.secrets import with_password
from desktop_sync.sqlite_apps import open_existing_only

log = logging.getLogger(__name__)

DEFAULT_CONNECT_TIMEOUT = 15
DEFAULT_STATEMENT_TIMEOUT = 300
# How much longer than the server's statement timeout the client waits before it gives up on an
# answer: long enough for the server's own timeout to arrive first when the server is there.
DEADLINE_GRACE = 2.0
_WATCH_EVERY = 0.25  # seconds between two looks at the armed deadlines

# Attributes set on a failed statement's exception (the SQLAlchemy one and the driver's).
DATABASE_NAME = "database_name"
NO_ANSWER_AFTER = "no_answer_after"


@dataclass(frozen=True)
class Timeouts:
    """How long a connection may take to open, and a statement to run, in seconds."""

    connect: float = DEFAULT_CONNECT_TIMEOUT
    statement: float = DEFAULT_STATEMENT_TIMEOUT

    @property
    def deadline(self) -> float:
        """How long the client waits for any answer before it closes the connection."""
        return self.statement + DEADLINE_GRACE


def create_db_engine(
    url: URL, purpose: str, timeouts: Timeouts | None = None, name: str | None = None
) -> Engine:
    """An engine for the state store (`purpose` "store") or an app ("erp", "crm").

    `name` is how messages call this database (the app's name; "the state store" by default
    for the store). SQLite waits for a busy database up to the statement timeout, enforces
    foreign keys and, for the store, keeps a write-ahead log.
    """
    timeouts = timeouts or Timeouts()
    name = name or ("the state store" if purpose == "store" else purpose.upper())
    url = with_password(url, purpose)
    backend = url.get_backend_name()
    if backend == "sqlite":
        engine = create_engine(url, connect_args={"timeout": timeouts.statement})
        event.listen(engine, "connect", _sqlite_pragmas(purpose))
        if purpose != "store":
            open_existing_only(engine, name, purpose)
    else:
        engine = create_engine(url, pool_pre_ping=True, connect_args=_connect_args(url, timeouts))
        if backend in ("mysql", "mariadb"):
            event.listen(engine, "connect", _mysql_session(timeouts))
        elif url.get_driver_name() == "pyodbc":
            event.listen(engine, "connect", _pyodbc_query_timeout(timeouts))
        _Deadlines(engine, timeouts, name).install()
    event.listen(engine, "handle_error", _name_errors(name))
    return engine


def database_name(exc: BaseException) -> str | None:
    """The name of the database a failed statement went to, when the error came through here."""
    return _tag(exc, DATABASE_NAME)


def no_answer_after(exc: BaseException) -> float | None:
    """Seconds the client waited before it gave up on an answer; None when it did not."""
    return _tag(exc, NO_ANSWER_AFTER)


def _tag(exc: BaseException, attribute: str) -> Any:
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        value = getattr(current, attribute, None)
        if value is not None:
            return value
        orig = getattr(current, "orig", None)
        if isinstance(orig, BaseException) and getattr(orig, attribute, None) is not None:
            return getattr(orig, attribute)
        current = current.__cause__ or current.__context__
    return None


def _set_tag(context: Any, attribute: str, value: Any) -> None:
    for exc in (context.sqlalchemy_exception, context.original_exception):
        if exc is not None:
            # An exception type that takes no attributes: the other one carries it.
            with contextlib.suppress(AttributeError, TypeError):
                setattr(exc, attribute, value)


def _name_errors(name: str) -> Callable[[Any], None]:
    def handle_error(context: Any) -> None:
        _set_tag(context, DATABASE_NAME, name)

    return handle_error


# -- per driver ----------------------------------------------------------------------------


def _connect_args(url: URL, timeouts: Timeouts) -> dict[str, Any]:
    """Timeouts in the driver's own words; a value the URL sets itself is left to the URL."""
    query = url.query
    driver = url.get_driver_name()
    args: dict[str, Any] = {}
    if url.get_backend_name() == "postgresql" and driver in ("psycopg", "psycopg2"):
        statement_ms = int(timeouts.statement * 1000)
        options = f"-c statement_timeout={statement_ms}"
        if "options" in query:
            options = f"{query['options']} {options}"
        args = {
            "connect_timeout": max(int(round(timeouts.connect)), 2),  # libpq's least is 2
            "options": options,
            "keepalives": 1,
            "keepalives_idle": 30,
            "keepalives_interval": 10,
            "keepalives_count": 3,
            "tcp_user_timeout": int(timeouts.deadline * 1000),
        }
    elif driver == "pymysql":
        # The socket's own timeouts are a backstop behind the deadline (see `_Deadlines`).
        args = {
            "connect_timeout": timeouts.connect,
            "read_timeout": timeouts.deadline + 1,
            "write_timeout": timeouts.deadline + 1,
        }
    elif driver == "pyodbc":
        args = {"timeout": int(timeouts.connect)}
    return {k: v for k, v in args.items() if k not in query or k == "options"}


def _mysql_session(timeouts: Timeouts) -> Callable[[Any, Any], None]:
    def connect(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        try:
            # MariaDB ends a statement that runs longer; MySQL has no such variable (1193).
            cursor.execute(f"SET SESSION max_statement_time = {float(timeouts.statement):g}")
        except Exception as exc:  # noqa: BLE001 - only a server without the variable gets here
            log.debug("max_statement_time not set: %s", exc)
        finally:
            cursor.close()

    return connect


def _pyodbc_query_timeout(timeouts: Timeouts) -> Callable[[Any, Any], None]:
    def connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.timeout = int(timeouts.statement)

    return connect


def _sqlite_pragmas(purpose: str) -> Callable[[Any, Any], None]:
    def connect(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        # Key indexes of random UUIDs outgrow SQLite's 2 MB default page cache at ~20,000
        # records, after which every insert pays for page misses; 64 MB keeps them warm.
        cursor.execute("PRAGMA cache_size=-65536")
        if purpose == "store":
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    return connect


# -- the client-side deadline ----------------------------------------------------------------


def _raw(connection: Any) -> Any:
    """The driver's connection behind a pool entry (or the driver's connection itself)."""
    return getattr(connection, "dbapi_connection", connection)


def _shut_socket(dbapi_connection: Any) -> bool:
    """Shut down the connection's socket, so that a call blocked on it fails at once."""
    pgconn = getattr(dbapi_connection, "pgconn", None)  # psycopg 3
    if pgconn is not None:
        try:
            fd = pgconn.socket
        except Exception:  # noqa: BLE001 - a connection already closed has no socket
            return False
        sock = socket.socket(fileno=os.dup(fd))
        with sock, contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)
        return True
    pymysql_sock = getattr(dbapi_connection, "_sock", None)  # PyMySQL
    if isinstance(pymysql_sock, socket.socket):
        with contextlib.suppress(OSError):
            pymysql_sock.shutdown(socket.SHUT_RDWR)
        return True
    return False


class _Watchdog:
    """One thread for the whole process that shuts the sockets of calls past their deadline.

    Arming and disarming are a dictionary write under a lock, so every statement can afford
    them; the thread looks at the deadlines a few times a second while any is armed, and ends
    after a quiet minute (the next arm starts it again).
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._armed: dict[int, tuple[float, float, Any]] = {}  # id -> (due, seconds, conn)
        self._expired: dict[int, tuple[float, float]] = {}  # id -> (when, seconds)
        self._thread: threading.Thread | None = None

    def arm(self, dbapi_connection: Any, seconds: float) -> None:
        with self._lock:
            self._armed[id(dbapi_connection)] = (
                time.monotonic() + seconds,
                seconds,
                dbapi_connection,
            )
            if self._thread is None:
                self._thread = threading.Thread(target=self._watch, name="db-deadline", daemon=True)
                self._thread.start()

    def disarm(self, dbapi_connection: Any) -> None:
        with self._lock:
            self._armed.pop(id(dbapi_connection), None)

    def expired(self, dbapi_connection: Any) -> float | None:
        """Seconds waited, when this connection's deadline passed lately (asked once)."""
        with self._lock:
            found = self._expired.pop(id(dbapi_connection), None)
        if found is None or time.monotonic() - found[0] > 60:
            return None
        return found[1]

    def _watch(self) -> None:
        quiet_since = time.monotonic()
        while True:
            time.sleep(_WATCH_EVERY)
            now = time.monotonic()
            with self._lock:
                due = [(k, v) for k, v in self._armed.items() if v[0] <= now]
                for key, (_, seconds, _conn) in due:
                    del self._armed[key]
                    self._expired[key] = (now, seconds)
                for key in [k for k, (at, _) in self._expired.items() if now - at > 60]:
                    del self._expired[key]
                if self._armed or due:
                    quiet_since = now
                elif now - quiet_since > 60:
                    self._thread = None
                    return
            for _key, (_, seconds, conn) in due:
                log.info("no answer within %g s: closing the connection", seconds)
                try:
                    _shut_socket(conn)
                except Exception:  # noqa: BLE001 - the watchdog must outlive any one connection
                    log.exception("could not close a connection that gave no answer")


WATCHDOG = _Watchdog()


class _Deadlines:
    """Arms the watchdog around everything that waits for the server on one engine."""

    def __init__(self, engine: Engine, timeouts: Timeouts, name: str) -> None:
        self.engine, self.timeouts, self.name = engine, timeouts, name

    def install(self) -> None:
        engine, dialect = self.engine, self.engine.dialect
        statement, connect = self.timeouts.deadline, self.timeouts.connect + DEADLINE_GRACE
        event.listen(engine, "before_cursor_execute", self._before)
        event.listen(engine, "after_cursor_execute", self._after)
        event.listen(engine, "handle_error", self._error)
        for method, seconds in (
            ("do_commit", statement),
            ("do_rollback", statement),
            ("do_ping", connect),
        ):
            setattr(dialect, method, self._guard(getattr(dialect, method), seconds))
        # The dialect's first look at the server runs without events; it waits like a connect.
        initialize = dialect.initialize

        def guarded_initialize(connection: Any) -> None:
            raw = _raw(connection.connection)
            WATCHDOG.arm(raw, connect)
            try:
                initialize(connection)
            finally:
                WATCHDOG.disarm(raw)

        dialect.initialize = guarded_initialize  # type: ignore[method-assign]

    def _guard(self, call: Callable[[Any], Any], seconds: float) -> Callable[[Any], Any]:
        def guarded(connection: Any) -> Any:
            raw = _raw(connection)
            WATCHDOG.arm(raw, seconds)
            try:
                return call(connection)
            finally:
                WATCHDOG.disarm(raw)

        return guarded

    def _before(self, conn: Any, _cursor: Any, *_args: Any) -> None:
        WATCHDOG.arm(_raw(conn.connection), self.timeouts.deadline)

    def _after(self, conn: Any, _cursor: Any, *_args: Any) -> None:
        WATCHDOG.disarm(_raw(conn.connection))

    def _error(self, context: Any) -> None:
        raw = None
        if context.connection is not None:
            raw = getattr(context.connection, "_dbapi_connection", None)
        if raw is None:
            return
        raw = _raw(raw)
        WATCHDOG.disarm(raw)
        seconds = WATCHDOG.expired(raw)
        if seconds is not None:
            context.is_disconnect = True
            _set_tag(context, NO_ANSWER_AFTER, seconds)


def affected(result: Any) -> int:
    """How many rows an UPDATE or DELETE changed (its cursor's row count), for code that asks
    `session.execute(...)`, whose result type does not promise one."""
    return cast("CursorResult[Any]", result).rowcount
