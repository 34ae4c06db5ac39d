"""Shared fixtures: real SQLite files for both apps and the store, and the database servers.

Tests that need PostgreSQL or MariaDB skip with the reason when no server answers, unless
DESKTOP_SYNC_REQUIRE_SERVERS=1 (set by .ci/run), which turns the skip into a failure.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")

import pytest
from hypothesis import HealthCheck, settings
from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL, make_url

from tests.helpers import World

settings.register_profile(
    "default", max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "thorough", max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

POSTGRES = os.environ.get(
    "DESKTOP_SYNC_TEST_POSTGRES", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
MARIADB = os.environ.get("DESKTOP_SYNC_TEST_MARIADB", "mysql+pymysql://root@127.0.0.1:3306/test")
REQUIRE_SERVERS = os.environ.get("DESKTOP_SYNC_REQUIRE_SERVERS") == "1"


def _server_or_skip(url: str, name: str) -> URL:
    try:
        engine = create_engine(url)
        with engine.connect() as conn:
            conn.execute(text("select 1"))
        engine.dispose()
    except Exception as exc:  # noqa: BLE001
        message = (
            f"{name} at {make_url(url).render_as_string(hide_password=True)} "
            f"does not answer: {exc.__class__.__name__}"
        )
        if REQUIRE_SERVERS:
            pytest.fail(f"{message} (DESKTOP_SYNC_REQUIRE_SERVERS=1 makes it mandatory)")
        pytest.skip(message)
    return make_url(url)


@pytest.fixture
def postgres_db() -> Iterator[URL]:
    """A fresh, empty PostgreSQL database for one test, dropped afterwards."""
    server = _server_or_skip(POSTGRES, "PostgreSQL")
    name = f"ds_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield server.set(database=name)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def mariadb_db() -> Iterator[URL]:
    """A fresh, empty MariaDB database for one test, dropped afterwards."""
    server = _server_or_skip(MARIADB, "MariaDB")
    name = f"ds_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server)
    with admin.begin() as conn:
        conn.execute(text(f"CREATE DATABASE `{name}` CHARACTER SET utf8mb4"))
    try:
        yield server.set(database=name)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS `{name}`"))
        admin.dispose()


@pytest.fixture
def world(tmp_path) -> Iterator[World]:
    """Two SQLite apps (customer / account), a store and a configuration in a temp folder."""
    w = World(tmp_path)
    yield w
    w.close()
