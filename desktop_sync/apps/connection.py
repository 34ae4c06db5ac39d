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
from desktop_sync.db import Timeouts, create_db_engine
from desktop_sync.secrets import display_url


def db_message(exc: BaseException) -> str:
    """The database's own words for a failed statement, without SQLAlchemy's decoration."""
    original = getattr(exc, "orig", None) or exc
    text = str(original).strip() or original.__class__.__name__
    return text.splitlines()[0] if isinstance(exc, DBAPIError) and "\n" in text else text


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
            raise AppError(self.unreachable(exc)) from exc

    def unreachable(self, exc: BaseException) -> str:
        return f"{self.name} ({display_url(self.url)}) cannot be reached: {db_message(exc)}"

    def table(self, name: str) -> Table:
        if name in self.metadata.tables:
            return self.metadata.tables[name]
        try:
            return Table(name, self.metadata, autoload_with=self.engine)
        except NoSuchTableError:
            raise AppError(f"{self.name} has no table {name!r}") from None
        except SQLAlchemyError as exc:
            raise AppError(self.unreachable(exc)) from exc

    def side_table(self, mapping: TableMapping) -> SideTable:
        """The reflected table of `mapping` on this side; checks every mapped column first."""
        if mapping.name not in self._side_tables:
            try:
                self.table(mapping.table(self.side))
            except AppError as exc:
                if is_transient(exc):
                    raise  # an unreachable database, not a configuration problem
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
