"""Every database connection fails in bounded time, and faults that pass by themselves are told
apart from a record's own errors — on real servers, reached through `tests.faultproxy`."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from collections.abc import Iterator

import pytest
from sqlalchemy import Column, Integer, MetaData, String, Table, create_engine, insert, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import SQLAlchemyError

from desktop_sync.apps.faults import TransientFault, is_transient
from desktop_sync.db import Timeouts, create_db_engine, database_name, no_answer_after
from tests.faultproxy import FaultProxy

SERVERS = [
    pytest.param("postgres", marks=pytest.mark.postgres, id="postgres"),
    pytest.param("mariadb", marks=pytest.mark.mariadb, id="mariadb"),
]
SLEEP = {"postgresql": "SELECT pg_sleep(10)", "mysql": "SELECT SLEEP(10)"}


@pytest.fixture(params=SERVERS)
def server(request: pytest.FixtureRequest) -> URL:
    return request.getfixturevalue(f"{request.param}_db")


@pytest.fixture
def proxy(server: URL) -> Iterator[FaultProxy]:
    proxy = FaultProxy.for_url(server)
    yield proxy
    proxy.close()


def failure(run) -> tuple[SQLAlchemyError, float]:  # type: ignore[no-untyped-def]
    started = time.monotonic()
    with pytest.raises(SQLAlchemyError) as caught:
        run()
    return caught.value, time.monotonic() - started


def test_apps_reach_their_databases_without_the_store() -> None:
    code = (
        "import sys, desktop_sync.apps, desktop_sync.apps.faults; "
        "sys.exit(any(m.startswith('desktop_sync.store') for m in sys.modules))"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_the_server_ends_a_statement_longer_than_the_statement_timeout(server: URL) -> None:
    engine = create_db_engine(server, "crm", Timeouts(connect=2, statement=1), "Sales")
    try:
        with engine.connect() as conn:
            exc, took = failure(lambda: conn.execute(text(SLEEP[engine.dialect.name])))
    finally:
        engine.dispose()
    assert took < 1 + 2, "the server's own timeout, before the client's deadline"
    assert no_answer_after(exc) is None and database_name(exc) == "Sales"
    assert is_transient(exc)
    assert TransientFault.of(exc).message.startswith(
        "Sales is busy: a statement took longer than the statement timeout. The job stopped"
    )


def test_a_silent_server_fails_at_the_deadline_and_says_so(server: URL, proxy: FaultProxy) -> None:
    engine = create_db_engine(proxy.url(server), "crm", Timeouts(connect=2, statement=2), "Sales")
    try:
        conn = engine.connect()
        conn.execute(text("SELECT 1"))
        conn.commit()
        proxy.blackhole()
        exc, took = failure(lambda: conn.execute(text("SELECT 2")))
        conn.close()
        assert 4 <= took < 4 + 2, "statement timeout + 2 s grace"
        assert no_answer_after(exc) == 4 and exc.connection_invalidated
        assert TransientFault.of(exc).summary == "No answer from Sales within 4 s"

        # A new connection into the silence fails within the connect timeout (PyMySQL reads
        # the server's greeting with its read timeout, a second past the deadline).
        exc, took = failure(engine.connect)
        assert took < 4 + 1 + 2 and is_transient(exc)

        proxy.pass_through()
        with engine.connect() as conn:
            assert conn.execute(text("SELECT 3")).scalar() == 3, "it recovers by itself"
    finally:
        engine.dispose()


def test_a_commit_with_no_answer_fails_at_the_deadline(server: URL, proxy: FaultProxy) -> None:
    engine = create_db_engine(proxy.url(server), "erp", Timeouts(connect=2, statement=1), "ERP")
    try:
        conn = engine.connect()
        conn.execute(text("SELECT 1"))
        proxy.blackhole()
        exc, took = failure(conn.commit)
        conn.close()
    finally:
        engine.dispose()
    assert took < 3 + 2 and no_answer_after(exc) == 3
    assert "No answer from ERP within 3 s" in str(TransientFault.of(exc))


def test_refused_and_cut_connections_are_transient(server: URL, proxy: FaultProxy) -> None:
    engine = create_db_engine(proxy.url(server), "crm", Timeouts(connect=2, statement=5), "Sales")
    try:
        conn = engine.connect()
        conn.execute(text("SELECT 1"))
        proxy.outage()
        exc, _ = failure(lambda: conn.execute(text("SELECT 2")))
        conn.close()
        assert is_transient(exc) and TransientFault.of(exc).kind == "lost"
        exc, took = failure(engine.connect)
        assert took < 2 and is_transient(exc)
        assert TransientFault.of(exc).summary == "Sales cannot be reached: connection refused"
    finally:
        engine.dispose()


def test_deadlocks_are_transient_and_constraint_errors_are_not(server: URL) -> None:
    engine = create_db_engine(server, "crm", Timeouts(connect=2, statement=10), "Sales")
    md = MetaData()
    table = Table("t", md, Column("id", Integer, primary_key=True), Column("v", String(3)))
    md.create_all(engine)
    try:
        with engine.begin() as conn:
            conn.execute(insert(table), [{"id": 1, "v": "a"}, {"id": 2, "v": "b"}])
        errors = []
        for statement in (
            insert(table).values(id=1, v="c"),  # duplicate key
            insert(table).values(id=3, v="toolong"),  # too long (strict mode on MariaDB)
            text("SELECT * FROM no_such_table"),
        ):
            with engine.connect() as conn:
                errors.append(failure(lambda s=statement, c=conn: c.execute(s))[0])
        assert not any(is_transient(e) for e in errors), [str(e.orig) for e in errors]

        # Two transactions that each wait for the other's row: one is chosen as the victim.
        first, second = engine.connect(), engine.connect()
        first.execute(text("UPDATE t SET v = 'x' WHERE id = 1"))
        second.execute(text("UPDATE t SET v = 'y' WHERE id = 2"))
        victims: list[SQLAlchemyError] = []
        threads = [
            threading.Thread(target=_update, args=(conn, key, victims))
            for conn, key in ((first, 2), (second, 1))
        ]
        for thread in threads:
            thread.start()
            time.sleep(0.3)
        for thread in threads:
            thread.join(30)
        for conn in (first, second):
            conn.rollback()
            conn.close()
        assert len(victims) == 1 and is_transient(victims[0])
        assert TransientFault.of(victims[0]).reason == "a deadlock"
    finally:
        md.drop_all(engine)
        engine.dispose()


def _update(conn, key: int, victims: list[SQLAlchemyError]) -> None:  # type: ignore[no-untyped-def]
    try:
        conn.execute(text(f"UPDATE t SET v = 'z' WHERE id = {key}"))
    except SQLAlchemyError as exc:
        victims.append(exc)


def test_sqlite_locked_is_transient_and_a_missing_table_is_not(tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 'app.db'}"
    holder = create_engine(url)
    engine = create_db_engine(holder.url, "crm", Timeouts(connect=1, statement=1), "Sales")
    try:
        with holder.connect() as lock:
            lock.execute(text("CREATE TABLE t (id INTEGER)"))
            lock.commit()
            lock.execute(text("BEGIN EXCLUSIVE"))
            # Even opening a connection waits for the lock (its pragmas are statements).
            locked, took = failure(lambda: engine.connect().execute(text("SELECT * FROM t")))
            lock.rollback()
        with engine.connect() as conn:
            missing, _ = failure(lambda: conn.execute(text("SELECT * FROM nope")))
    finally:
        engine.dispose()
        holder.dispose()
    assert took < 3, "the busy timeout is the statement timeout"
    assert is_transient(locked) and not is_transient(missing)
    assert TransientFault.of(locked).summary == "Sales is busy: the database is locked"
