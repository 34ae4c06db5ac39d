"""The one interface through which the engine, the services and `check` reach an app, whatever
it is: a database (`connection.AppConnection`, SQL) or a web API (`odata.ServiceConnection`:
Business Central, Dataverse, any OData v4 service).

The engine already spoke to apps through `AppConnection` and `SideTable`; these protocols name
what it uses of them, and the OData connector implements the same. A `Session` is what
`connect()` gives: the engine wraps each step in `with conn.begin():` (a transaction for a
database; nothing for a web API, whose writes are guarded by ETags instead).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager
from datetime import datetime
from typing import Any, Protocol

from sqlalchemy import Column, Table

from desktop_sync.apps.record import Record
from desktop_sync.apps.stamps import DbClock
from desktop_sync.config import AppConfig, Archive, Config, TableMapping
from desktop_sync.db import Timeouts
from desktop_sync.domain import Side
from desktop_sync.words import Message


class Session(Protocol):
    """One connection to an app, held for a job."""

    def begin(self) -> AbstractContextManager[Any]: ...
    def close(self) -> None: ...
    def __enter__(self) -> Any: ...
    def __exit__(self, *exc: object) -> Any: ...


class Clocked(Protocol):
    """How a side keeps last-modified stamps (`apps.stamps.Stamps`, `ServiceStamps`)."""

    present: bool  # the side has a last-modified column
    unique_per_batch: bool  # a stamp the engine writes is its own (rows carrying it are its echo)
    db_fills: bool  # the app stamps writes itself: the engine reads back what it left
    hashed: list[str]

    def read_clock(self, conn: Any) -> DbClock: ...  # the app's own clock, never the desktop's
    def token(self, raw: Any, values: dict[str, Any]) -> str: ...
    def moment(self, raw: Any) -> datetime | None: ...
    def bound(self, moment: datetime) -> Any: ...  # `stamp >= bound` for every stamp since then
    def write_value(self, moment: datetime) -> Any: ...
    def from_token(self, token: str) -> Any: ...
    def token_moment(self, token: str) -> datetime: ...


class SideAccess(Protocol):
    """Everything the engine asks of one side of one mapping (`SideTable`, `ServiceTable`).

    Reads return rows: tuples of (key, stamp as read, mapped values…) with `_mapping` naming
    them, which `to_record` turns into `Record`s. Writes are given the records as read: an
    update lands only while the record is as read (its stamp, its values, or its ETag).
    """

    side: Side
    mapping: TableMapping
    table: Table  # the columns (types, lengths, NOT NULL) as SQLAlchemy describes them
    key: Column[Any]
    key_type: type  # int, uuid.UUID or str
    identity_key: bool  # the app makes the keys of inserted records
    key_is_unique: bool
    stamps: Clocked
    archive: Archive | None
    check_text: bool

    @property
    def app(self) -> Any: ...  # its `Connector`: `.name`, `.engine.dialect.name`
    @property
    def display(self) -> str: ...
    @property
    def stamp_column(self) -> str | None: ...
    @property
    def limited_columns(self) -> list[str]: ...
    @property
    def columns(self) -> list[Any]: ...
    @property
    def text_columns(self) -> list[Column[Any]]: ...

    def name_of(self, key: str) -> str: ...
    def key_text(self, value: Any) -> str: ...
    def key_native(self, text: str) -> Any: ...
    def new_key(self) -> Any: ...
    def to_record(self, row: Any) -> Record: ...
    def is_archived(self, record: Record) -> bool: ...
    # reads
    def read_changed(
        self,
        conn: Any,
        bound: Any,
        after: tuple[Any, Any] | None,
        limit: int,
        exclude: Sequence[Any] = (),
    ) -> list[Any]: ...
    def read_unstamped(self, conn: Any, after: Any, limit: int) -> list[Any]: ...
    def read_by_keys(
        self, conn: Any, keys: Iterable[str], with_filter: bool = False, live: bool = False
    ) -> dict[str, Any]: ...
    def doubled_keys(self, conn: Any, keys: Iterable[str]) -> dict[str, int]: ...
    def existing_keys(self, conn: Any, keys: Iterable[str]) -> set[str]: ...
    def read_by_values(self, conn: Any, column: str, values: Iterable[Any]) -> list[Any]: ...
    def search(self, conn: Any, text: str, limit: int = 50) -> list[Any]: ...
    def count_changed(self, conn: Any, bound: Any, exclude: Sequence[Any] = ()) -> int: ...
    # values and writes
    def fit(self, values: dict[str, Any]) -> dict[str, Any]: ...
    def moment_value(self, column: str, moment: datetime, expression: str) -> Any: ...
    def problems(
        self, values: dict[str, Any], limited: Iterable[str] | None = None
    ) -> str | None: ...
    def length(self, column: str) -> int | None: ...
    def insert_rows(self, conn: Any, rows: list[dict[str, Any]]) -> list[str]: ...
    def update_rows(self, conn: Any, rows: list[tuple[Record, dict[str, Any]]]) -> set[str]: ...
    def delete_rows(self, conn: Any, keys: Sequence[str], stamp: Any = None) -> int: ...
    def tokens_of(self, conn: Any, keys: Iterable[str]) -> dict[str, str]: ...


class Connector(Protocol):
    """One side's app (`AppConnection` for a database, `ServiceConnection` for a web API)."""

    side: Side
    name: str

    @property
    def engine(self) -> Any: ...  # `.dialect.name`: sqlite, postgresql, …, business_central, …

    def connect(self) -> Any: ...  # a `Session`
    def side_table(self, mapping: TableMapping) -> Any: ...  # a `SideAccess`
    def table(self, name: str) -> Table: ...  # for `check`
    def check(self, mapping: TableMapping) -> list[str]: ...
    def unreachable(self, exc: BaseException) -> str | Message: ...
    def forget(self) -> None: ...  # reflect again at the next use (after a failure)
    def dispose(self) -> None: ...


def lookup_tables(config: Config, side: Side) -> dict[str, str]:
    """Each mapping's table on `side`: where a lookup field's keys point."""
    return {m.name: m.table(side) for m in config.mappings}


def connect_app(
    config: AppConfig, timeouts: Timeouts | None = None, tables: dict[str, str] | None = None
) -> Connector:
    """The connector of one side: its database, or its web API."""
    if config.service is None:
        from desktop_sync.apps.connection import AppConnection

        return AppConnection(config, timeouts)
    from desktop_sync.apps.odata import ServiceConnection

    return ServiceConnection(config, timeouts, tables)
