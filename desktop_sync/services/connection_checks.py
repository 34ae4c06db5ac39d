"""The checks of Connect my apps that need connections: can desktop-sync keep its store where the
form says, does each app answer and hold the mapping's table and every column it names, and what
would the mapping's writes meet (`check`'s findings: errors block saving, warnings do not). They
run in a worker thread of the window (a slow server never freezes it) and never raise: every
problem becomes a `Message`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.engine import URL

from desktop_sync.apps.finding import Finding
from desktop_sync.config import AppConfig, Config
from desktop_sync.domain import Side
from desktop_sync.services.failures import describe_failure
from desktop_sync.services.messages import QT_TRANSLATE_NOOP, Message, say


@dataclass
class CheckResult:
    problems: list[Message] = field(default_factory=list)
    tables: list[tuple[str, str, int]] = field(default_factory=list)  # app, table, records
    findings: list[Finding] = field(default_factory=list)  # what writes would meet

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.is_error]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if not f.is_error]

    @property
    def ok(self) -> bool:
        """Nothing stands in the way of saving (warnings do not)."""
        return not self.problems and not self.errors


def _with_password(url: URL, password: str | None) -> URL:
    return url.set(password=password) if password else url


def _sqlite_file(url: URL) -> Path | None:
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    return Path(url.database)


# What a driver says when a server cannot be reached, and the same in a person's words.
REACH_WORDS = (
    (
        ("connection refused", "can't connect to mysql server", "could not connect to server"),
        QT_TRANSLATE_NOOP(
            "ConnectDialog",
            "nothing answers at {host}{port}. Is the database server running there, and does it "
            "accept connections from this computer?",
        ),
    ),
    (
        (
            "could not translate host name",
            "name or service not known",
            "nodename nor servname",
            "unknown mysql server host",
            "getaddrinfo failed",
            "no address associated",
            "temporary failure in name resolution",
        ),
        QT_TRANSLATE_NOOP(
            "ConnectDialog",
            "the server name “{host}” is not known. Check its spelling, or use its IP address.",
        ),
    ),
    (
        (
            "password authentication failed",
            "access denied for user",
            "no password supplied",
            "fe_sendauth",
            "authentication failed",
        ),
        QT_TRANSLATE_NOOP(
            "ConnectDialog",
            "the server refused the user “{user}”. Check the user name in the URL and the "
            "password.",
        ),
    ),
    (
        ("does not exist", "unknown database"),
        QT_TRANSLATE_NOOP(
            "ConnectDialog",
            "the server has no database “{database}”. Check the name at the end of the URL.",
        ),
    ),
    (
        ("timeout expired", "timed out", "no answer"),
        QT_TRANSLATE_NOOP(
            "ConnectDialog",
            "no answer from {host} in time. Check the address, and any firewall or VPN between.",
        ),
    ),
)


def reach_words(exc: BaseException, url: URL) -> Message | str:
    """Why a database cannot be reached, in a person's words where the driver's are known;
    else the driver's own (`describe_failure`)."""
    raw = describe_failure(exc)
    text = str(getattr(exc, "orig", None) or exc).lower() + " " + raw.lower()
    for needles, template in REACH_WORDS:
        if any(n in text for n in needles):
            return say(
                template,
                host=url.host or "localhost",
                port=f":{url.port}" if url.port else "",
                user=url.username or "",
                database=url.database or "",
            )
    return raw


def check_store(config: Config, password: str | None) -> list[Message]:
    """Can desktop-sync keep its store there? (A new
    SQLite file is fine: it is made at the start.)"""
    from desktop_sync.store.database import create_db_engine

    url = config.store_url
    path = _sqlite_file(url)
    if path is not None:
        ancestor = path.parent
        while not ancestor.exists() and ancestor != ancestor.parent:
            ancestor = ancestor.parent
        if not ancestor.is_dir() or not os.access(ancestor, os.W_OK):
            return [
                say(
                    QT_TRANSLATE_NOOP(
                        "ConnectDialog",
                        "Store: cannot create {path}: {folder} is not a folder you may write to.",
                    ),
                    path=path,
                    folder=ancestor,
                )
            ]
        if not path.exists():
            return []
    engine = create_db_engine(_with_password(url, password), "store")
    try:
        with engine.connect() as conn:
            conn.execute(text("select 1"))
    except Exception as exc:  # noqa: BLE001 - every failure becomes a message
        return [
            say(
                QT_TRANSLATE_NOOP("ConnectDialog", "Store: cannot be reached: {reason}"),
                reason=reach_words(exc, url),
            )
        ]
    finally:
        engine.dispose()
    return []


def check_app(config: Config, side: Side, password: str | None) -> CheckResult:
    """Reach one app, find the mapping's table and every column it names."""
    from desktop_sync.apps.connection import AppConnection, AppError

    app = config.app(side)
    mapping = config.mappings[0]
    result = CheckResult()
    if app.service is not None:  # a web API: signed in, answering, every entity set and field
        from desktop_sync.services.service_checks import check_service_app

        result.problems += check_service_app(config, side, password)
        return result
    path = _sqlite_file(app.url)
    if path is not None and not path.is_file():  # connecting would create an empty database there
        result.problems.append(
            say(
                QT_TRANSLATE_NOOP("ConnectDialog", "{app}: there is no database file {path}."),
                app=app.name,
                path=path,
            )
        )
        return result
    connection = AppConnection(AppConfig(side, app.name, _with_password(app.url, password)))
    try:
        try:
            connection.connect().close()
        except AppError as exc:
            result.problems.append(
                say(
                    QT_TRANSLATE_NOOP("ConnectDialog", "{app} cannot be reached: {reason}"),
                    app=app.name,
                    reason=reach_words(exc.__cause__ or exc, app.url),
                )
            )
            return result
        table_name = mapping.table(side)
        try:
            table = connection.table(table_name)
        except AppError:
            result.problems.append(
                say(
                    QT_TRANSLATE_NOOP("ConnectDialog", "{app} has no table “{table}”."),
                    app=app.name,
                    table=table_name,
                )
            )
            return result
        roles = [
            (mapping.key(side), QT_TRANSLATE_NOOP("ConnectDialog", "key column")),
            (mapping.modified(side), QT_TRANSLATE_NOOP("ConnectDialog", "last-modified column")),
        ]
        roles += [
            (f.column(side), QT_TRANSLATE_NOOP("ConnectDialog", "field"))
            for f in mapping.value_fields
        ]
        for column, role in roles:
            if column is not None and column not in table.c:
                result.problems.append(
                    say(
                        QT_TRANSLATE_NOOP(
                            "ConnectDialog",
                            "{app} table “{table}” has no column “{column}” ({role}).",
                        ),
                        app=app.name,
                        table=table_name,
                        column=column,
                        role=say(role),
                    )
                )
        if not result.problems:  # the engine's own check has the last word
            result.problems += [say("{problem}", problem=p) for p in connection.check(mapping)]
        if not result.problems:
            with connection.connect() as conn:
                count = conn.execute(select(func.count()).select_from(table)).scalar_one()
            result.tables.append((app.name, table_name, count))
    except Exception as exc:  # noqa: BLE001 - a check never crashes the form
        result.problems.append(
            say(
                QT_TRANSLATE_NOOP("ConnectDialog", "{app}: {reason}"),
                app=app.name,
                reason=describe_failure(exc),
            )
        )
    finally:
        connection.dispose()
    return result


def predict_writes(config: Config, passwords: dict[str, str]) -> CheckResult:
    """`check`'s findings for the mapping, once both apps answered and have every column."""
    from desktop_sync.apps.connection import AppConnection
    from desktop_sync.apps.predict import predict

    result = CheckResult()
    connections: dict[Side, Any] = {}
    for side in Side:
        app = config.app(side)
        if app.service is not None:
            from desktop_sync.services.signin import connection as service_connection

            connections[side] = service_connection(app, passwords.get(side.value))
            continue
        url = _with_password(app.url, passwords.get(side.value))
        connections[side] = AppConnection(AppConfig(side, app.name, url, app.timezone))
    try:
        result.findings = predict(config, connections.__getitem__)
    except Exception as exc:  # noqa: BLE001 - a check never crashes the form
        result.problems.append(say("{problem}", problem=describe_failure(exc)))
    finally:
        for connection in connections.values():
            connection.dispose()
    return result


def check_connections(config: Config, passwords: dict[str, str]) -> CheckResult:
    result = CheckResult(problems=check_store(config, passwords.get("store")))
    for side in Side:
        one = check_app(config, side, passwords.get(side.value))
        result.problems += one.problems
        result.tables += one.tables
    if not result.problems:
        predicted = predict_writes(config, passwords)
        result.problems += predicted.problems
        result.findings = predicted.findings
    return result
