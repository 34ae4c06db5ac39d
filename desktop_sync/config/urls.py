"""Database URLs in the configuration: read without ever echoing a password, and only with a
driver this installation has.

SQLAlchemy's own errors are no help to a person here: a port of `54x2` is a bare `ValueError`,
an unknown driver says "Can't load plugin: sqlalchemy.dialects:postgresql.nosuchdriver", and a
missing driver only shows up as an `ImportError` when the first connection opens. Each becomes a
`ConfigError` naming the key and the fix; a URL is only ever shown with its password hidden.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError

from desktop_sync.config.model import ConfigError
from desktop_sync.secrets import hide_password

# The databases desktop-sync is made for, and their drivers with the module each one needs;
# the first is the one to suggest. SQLAlchemy's default driver of each kind comes first in its
# own list (psycopg2 for "postgresql://", mysqldb for "mysql://"), which is not always ours.
DRIVERS: dict[str, tuple[tuple[str, str], ...]] = {
    "sqlite": (("pysqlite", "sqlite3"),),
    "postgresql": (("psycopg", "psycopg"), ("psycopg2", "psycopg2"), ("pg8000", "pg8000")),
    "mysql": (
        ("pymysql", "pymysql"),
        ("mysqldb", "MySQLdb"),
        ("mariadbconnector", "mariadb"),
        ("mysqlconnector", "mysql.connector"),
    ),
    "mssql": (("pyodbc", "pyodbc"), ("pymssql", "pymssql")),
}
DRIVERS["mariadb"] = DRIVERS["mysql"]
EXAMPLES = {
    "sqlite": "sqlite:///{purpose}.db",
    "postgresql": "postgresql+{driver}://user@host/database",
    "mysql": "mysql+{driver}://user@host/database",
    "mariadb": "mariadb+{driver}://user@host/database",
    "mssql": "mssql+{driver}://user@host/database?driver=ODBC+Driver+18+for+SQL+Server",
}


def parse_url(text: str, key: str, path: Path | None, purpose: str) -> URL:
    """`text` as a URL with a usable driver; every problem a ConfigError that hides passwords."""
    shown = hide_password(text)
    try:
        url = make_url(text)
    except ArgumentError:
        raise ConfigError(
            path,
            key,
            f"{hide_password(text, whole=True)!r} is not a database URL; expected "
            "kind+driver://user@host:port/database, "
            f"e.g. sqlite:///{purpose}.db or postgresql+psycopg://user@host/database",
        ) from None
    except ValueError:  # SQLAlchemy's int(port)
        port = _port_text(text)
        what = f"the port {port!r} is not a number" if port else "the host and port cannot be read"
        raise ConfigError(
            path,
            key,
            f"in {shown!r} {what}; write host:port with the port in digits (e.g. dbhost:5432), "
            "or leave the port out for the database's usual one",
        ) from None
    if url.port is not None and not 0 < url.port < 65536:
        raise ConfigError(
            path, key, f"in {shown!r} the port {url.port} is not a port; expected 1 to 65535"
        )
    check_driver(url, key, path, purpose)
    return url


def check_driver(url: URL, key: str, path: Path | None, purpose: str) -> None:
    """A ConfigError unless SQLAlchemy knows the URL's kind and driver and the driver is
    installed; the message says which drivers are."""
    backend, _, driver = url.drivername.partition("+")
    shown = url.render_as_string(hide_password=True)
    try:
        dialect = url.get_dialect()
    except NoSuchModuleError:
        if backend in DRIVERS:
            problem = f"{backend} has no driver {driver!r}"
        else:
            problem = f"{backend!r} is no kind of database desktop-sync knows"
        raise ConfigError(
            path, key, f"in {shown!r}: {problem}; {known_drivers(backend, purpose)}"
        ) from None
    if getattr(dialect, "is_async", False):
        raise ConfigError(
            path,
            key,
            f"in {shown!r}: {dialect.driver} is a driver for asyncio programs, which desktop-sync "
            f"is not; {known_drivers(backend, purpose)}",
        )
    try:
        dialect.import_dbapi()
    except ImportError:
        which = f"the driver {driver}" if driver else f"{backend}'s default driver {dialect.driver}"
        raise ConfigError(
            path, key, f"in {shown!r}: {which} is not installed; {known_drivers(backend, purpose)}"
        ) from None


def known_drivers(backend: str, purpose: str = "erp") -> str:
    """Which drivers of `backend` are installed and which are known, with a URL to copy."""
    if backend not in DRIVERS:
        kinds = ", ".join(_example(b, _installed(b)[0], purpose) for b in DRIVERS if _installed(b))
        return f"desktop-sync works with {kinds}"
    installed = _installed(backend)
    missing = [d for d, _ in DRIVERS[backend] if d not in installed]
    if not installed:
        return f"no {backend} driver is installed (known: {', '.join(missing)}); install one"
    more = f"; known but not installed: {', '.join(missing)}" if missing else ""
    return (
        f"installed {backend} drivers: {', '.join(installed)}{more}; "
        f"e.g. {_example(backend, installed[0], purpose)}"
    )


def _installed(backend: str) -> list[str]:
    found = []
    for driver, module in DRIVERS.get(backend, ()):
        try:
            if importlib.util.find_spec(module) is not None:
                found.append(driver)
        except (ImportError, ValueError):
            continue
    return found


def _example(backend: str, driver: str, purpose: str) -> str:
    return EXAMPLES[backend].format(driver=driver, purpose=purpose)


def _port_text(text: str) -> str:
    """The part of a URL where its port is written (after the host, before the database)."""
    rest = text.partition("://")[2] or text
    host = rest.rpartition("@")[2].partition("/")[0].partition("?")[0]
    if host.startswith("["):
        host = host.partition("]")[2]
    port = host.partition(":")[2]
    return port if port and ":" not in port else ""
