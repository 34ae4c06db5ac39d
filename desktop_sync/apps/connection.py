"""Reaching one business app's database: its engine, its reflected tables, and the side of
each mapping on it (`side_table.SideTable`).

Reads come in batches (changed since a value, or by a list of keys); writes go out with
`executemany`, and updates are optimistic: a row is only updated while its last-modified value
is still the one the engine read.
"""

from __future__ import annotations

from sqlalchemy import (
    Connection,
    MetaData,
    Table,
)
from sqlalchemy import types as sqltypes
from sqlalchemy.exc import DBAPIError, NoSuchTableError, SQLAlchemyError

from desktop_sync.apps.faults import is_transient
from desktop_sync.apps.record import KEYS_PER_QUERY, STAMP, AppError, BadRow, Record, chunked
from desktop_sync.apps.side_table import SideTable
from desktop_sync.config import AppConfig, TableMapping
from desktop_sync.db import Timeouts, create_db_engine, database_name
from desktop_sync.secrets import display_url
from desktop_sync.sqlite_apps import MissingDatabase
from desktop_sync.words import QT_TRANSLATE_NOOP, Message, say


def db_message(exc: BaseException) -> str:
    """The database's own words for a failed statement, without SQLAlchemy's decoration."""
    original = getattr(exc, "orig", None) or exc
    text = str(original).strip() or original.__class__.__name__
    return text.splitlines()[0] if isinstance(exc, DBAPIError) and "\n" in text else text


def db_words(exc: BaseException, app: str | None = None) -> Message:
    """A failed statement in words that name the app it went to (when known)."""
    missing = getattr(exc, "orig", None)
    if isinstance(missing, MissingDatabase):
        return missing.words
    name = database_name(exc) or app
    if name is None:
        return say(
            QT_TRANSLATE_NOOP("Messages", "database error: {reason}"), reason=db_message(exc)
        )
    return say(
        QT_TRANSLATE_NOOP("Messages", "database error in {app}: {reason}"),
        app=name,
        reason=db_message(exc),
    )


class AppConnection:
    """One side's database: an engine and the reflected tables the mappings use."""

    def __init__(self, config: AppConfig, timeouts: Timeouts | None = None) -> None:
        self.side = config.side
        self.name = config.name
        self.url = config.url
        self.timezone = config.timezone
        self.engine = create_db_engine(config.url, config.side.value, timeouts, config.name)
        self.metadata = MetaData()
        self._side_tables: dict[str, SideTable] = {}

    def connect(self) -> Connection:
        try:
            return self.engine.connect()
        except SQLAlchemyError as exc:
            self.forget()
            raise AppError(self.unreachable(exc)) from exc

    def unreachable(self, exc: BaseException) -> Message:
        missing = getattr(exc, "orig", None)
        if isinstance(missing, MissingDatabase):
            return missing.words
        return say(
            QT_TRANSLATE_NOOP("Messages", "{app} ({url}) cannot be reached: {reason}"),
            app=self.name,
            url=display_url(self.url),
            reason=db_message(exc),
        )

    def forget(self) -> None:
        """Drop the reflected tables and the mappings' sides: the database failed, and may come
        back as another file or schema, so the next use reflects it again."""
        self.metadata = MetaData()
        self._side_tables.clear()

    def table(self, name: str) -> Table:
        if name in self.metadata.tables:
            return self.metadata.tables[name]
        try:
            return Table(name, self.metadata, autoload_with=self.engine)
        except NoSuchTableError:
            self.forget()
            raise AppError(
                say(
                    QT_TRANSLATE_NOOP("Messages", "{app} has no table {table}"),
                    app=self.name,
                    table=repr(name),
                )
            ) from None
        except SQLAlchemyError as exc:
            self.forget()
            raise AppError(self.unreachable(exc)) from exc

    def side_table(self, mapping: TableMapping) -> SideTable:
        """The reflected table of `mapping` on this side; checks every mapped column first."""
        if mapping.name not in self._side_tables:
            try:
                self.table(mapping.table(self.side))
            except AppError as exc:
                if is_transient(exc) or exc.__cause__ is not None:
                    raise  # the database failed (unreachable, missing), not the configuration
            problems = self.check(mapping)
            if problems:
                raise AppError("; ".join(problems))
            self._side_tables[mapping.name] = SideTable(
                self, mapping, self.table(mapping.table(self.side))
            )
        return self._side_tables[mapping.name]

    def check(self, mapping: TableMapping) -> list[str]:
        """Every reason this side cannot serve `mapping`, naming mapping, table and column."""
        try:
            table = self.table(mapping.table(self.side))
        except AppError as exc:
            return [f"mapping {mapping.name}: {exc}"]
        missing = [c for c in mapping.columns(self.side) if c not in table.c]
        problems = [
            f"mapping {mapping.name}: {self.name} table {table.name!r} has no column {c!r}"
            for c in missing
        ]
        for name in mapping.modified_columns(self.side):
            kind = table.c[name].type if name in table.c else None
            if isinstance(kind, sqltypes.Date) and not isinstance(kind, sqltypes.DateTime):
                problems.append(
                    f"mapping {mapping.name}: {self.name} column {name!r} holds dates without a "
                    "time, which cannot tell two edits of a day apart; name a timestamp column "
                    "as last-modified, or leave it out to compare by value"
                )
        return problems

    def dispose(self) -> None:
        self.engine.dispose()


__all__ = [
    "KEYS_PER_QUERY",
    "STAMP",
    "AppConnection",
    "AppError",
    "BadRow",
    "Record",
    "SideTable",
    "chunked",
]
