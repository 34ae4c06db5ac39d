"""Reaching one business app's database: reflected tables, batched reads and writes.

Every statement is built with SQLAlchemy Core from reflected tables, so identifiers are quoted by
the dialect and never pasted into SQL text. Reads come in batches (changed since a value, or by a
list of keys); writes go out with `executemany`, and updates are optimistic: a row is only
updated while its last-modified value is still the one the engine read.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import (
    Column,
    Connection,
    MetaData,
    Table,
    bindparam,
    delete,
    func,
    insert,
    or_,
    select,
    update,
)
from sqlalchemy import types as sqltypes
from sqlalchemy.exc import DBAPIError, NoSuchTableError, SQLAlchemyError

from desktop_sync.apps.faults import is_transient
from desktop_sync.apps.values import normalize_modified, same
from desktop_sync.config import AppConfig, TableMapping
from desktop_sync.db import Timeouts, create_db_engine
from desktop_sync.secrets import display_url

# A key list longer than this is split; stays well under every database's parameter limit.
KEYS_PER_QUERY = 900


class AppError(Exception):
    """An app database cannot be reached or does not have what the configuration names."""


def chunked(items: Sequence[Any], size: int = KEYS_PER_QUERY) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def db_message(exc: BaseException) -> str:
    """The database's own words for a failed statement, without SQLAlchemy's decoration."""
    original = getattr(exc, "orig", None) or exc
    text = str(original).strip() or original.__class__.__name__
    return text.splitlines()[0] if isinstance(exc, DBAPIError) and "\n" in text else text


@dataclass(frozen=True)
class Record:
    """One app row as the engine sees it: key as text, last-modified, and mapped column values."""

    key: str
    modified: str | None  # normalized, comparable as text
    raw_modified: Any  # exactly as read, for the optimistic update
    values: dict[str, Any]  # column name -> value


class AppConnection:
    """One side's database: an engine and the reflected tables the mappings use."""

    def __init__(self, config: AppConfig, timeouts: Timeouts | None = None) -> None:
        self.side = config.side
        self.name = config.name
        self.url = config.url
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
        return [
            f"mapping {mapping.name}: {self.name} table {table.name!r} has no column {c!r}"
            for c in missing
        ]

    def dispose(self) -> None:
        self.engine.dispose()


class SideTable:
    """One side of one table mapping: the reflected table, its key and last-modified columns."""

    def __init__(self, app: AppConnection, mapping: TableMapping, table: Table) -> None:
        side = app.side
        self.app, self.side, self.mapping, self.table = app, side, mapping, table
        self.key: Column[Any] = table.c[mapping.key(side)]
        self.modified: Column[Any] = table.c[mapping.modified(side)]
        self.field_columns = {f.name: f.column(side) for f in mapping.value_fields}
        self.filter = mapping.filter(side)
        others = [*self.field_columns.values(), *self.filter]
        self.columns = [self.key, self.modified] + [
            table.c[c]
            for c in dict.fromkeys(others)
            if c not in (self.key.name, self.modified.name)
        ]
        self._names = [c.name for c in self.columns]
        dialect = app.engine.dialect
        self.key_type = _python_type(self.key)
        self.identity_key = table.autoincrement_column is self.key
        self.modified_is_text = isinstance(self.modified.type, sqltypes.String)
        self.modified_has_tz = bool(getattr(self.modified.type, "timezone", False))
        self.modified_whole_seconds = (
            dialect.name in ("mysql", "mariadb")
            and not self.modified_is_text  # ISO text keeps whatever precision it is given
            and not getattr(self.modified.type, "fsp", None)
        )
        self.db_fills_modified = (
            "on update" in str(getattr(self.modified.server_default, "arg", "")).lower()
        )
        self.sane_multi_rowcount = dialect.supports_sane_multi_rowcount
        self.returning_in_order = dialect.insert_executemany_returning_sort_by_parameter_order
        # Length limits of the columns this mapping writes, checked before every write.
        written = {f.column(side) for f in mapping.fields if f.column(side)} | {self.key.name}
        self._lengths = {
            c.name: c.type.length
            for c in table.c
            if c.name in written
            and isinstance(c.type, sqltypes.String)
            and getattr(c.type, "length", None)
        }

    @property
    def display(self) -> str:
        return f"{self.app.name} table {self.table.name!r}"

    # -- keys and stamps ---------------------------------------------------------------

    def key_text(self, value: Any) -> str:
        return str(value)  # to_record inlines this for speed

    def key_native(self, text: str) -> Any:
        if self.key_type is int:
            return int(text)
        if self.key_type is uuid.UUID:
            return uuid.UUID(text)
        return text

    def new_key(self) -> Any:
        """A key for a row the engine inserts; None when the database assigns it."""
        if self.identity_key:
            return None
        if self.key_type is uuid.UUID:
            return uuid.uuid4()
        if self.key_type is str:
            return str(uuid.uuid4())
        raise AppError(
            f"{self.display}: cannot create a key for a new record: {self.key.name!r} is neither "
            "text, a UUID nor an identity column the database fills"
        )

    def stamp(self, now: datetime) -> Any:
        """`now` in the form this last-modified column keeps."""
        if self.modified_whole_seconds:
            now = now.replace(microsecond=0)
        if self.modified_is_text:
            return now.isoformat(timespec="microseconds")
        if isinstance(self.modified.type, (sqltypes.Integer, sqltypes.Numeric, sqltypes.Float)):
            return now.replace(tzinfo=UTC).timestamp()
        return now.replace(tzinfo=UTC) if self.modified_has_tz else now

    def write_stamp(self, now: datetime) -> Any:
        """The stamp the engine's writes of a batch made at `now` carry.

        A column of whole seconds gets the second *before* `now`: a person's edit after the
        engine's write, even within the same second, then carries a later value than the
        engine's own and is seen as a change, instead of being taken for the engine's echo.
        """
        return self.stamp(now - timedelta(seconds=1) if self.modified_whole_seconds else now)

    def watermark_native(self, text: str) -> Any:
        """A stored watermark (see `watermark_text`) back in the column's own form."""
        if self.modified_is_text:
            return text
        moment = datetime.fromisoformat(text)
        return self.stamp(moment) if not self.modified_whole_seconds else moment

    def watermark_text(self, raw: Any) -> str:
        if self.modified_is_text:
            return str(raw)
        return normalize_modified(raw) or ""

    # -- reads -------------------------------------------------------------------------

    def _select(self, with_filter: bool = False):  # type: ignore[no-untyped-def]
        query = select(*self.columns)
        if with_filter:
            for name, value in self.filter.items():
                column = self.table.c[name]
                query = query.where(
                    column.in_(value) if isinstance(value, list) else column == value
                )
        return query

    def to_record(self, row: Any) -> Record:
        """Raises ValueError when the last-modified value is not a timestamp."""
        return Record(
            key=str(row[0]),
            modified=normalize_modified(row[1]),
            raw_modified=row[1],
            values=dict(zip(self._names, row, strict=True)),
        )

    def _changed(self, query, since: str | None, own_stamps: Sequence[Any]):  # type: ignore[no-untyped-def]
        query = query.where(self.modified.is_not(None))
        if since is not None:
            query = query.where(self.modified >= self.watermark_native(since))
        if own_stamps and not self.modified_whole_seconds and not self.db_fills_modified:
            # Rows carrying a stamp of this job's own writes are its echo; a microsecond stamp
            # is the engine's alone, so they need not even be read.
            query = query.where(self.modified.not_in(list(own_stamps)))
        return query

    def read_changed(
        self,
        conn: Connection,
        since: str | None,
        after: tuple[Any, Any] | None,
        limit: int,
        own_stamps: Sequence[Any] = (),
    ) -> list[Any]:
        """Rows within the mapping's filter whose last-modified is at or after `since`, in
        (last-modified, key) order, resuming after the `(modified, key)` pair `after`."""
        query = self._changed(self._select(with_filter=True), since, own_stamps)
        if after is not None:
            last_modified, last_key = after
            query = query.where(
                self.modified >= last_modified,
                or_(self.modified > last_modified, self.key > last_key),
            )
        query = query.order_by(self.modified, self.key).limit(limit)
        return conn.execute(query).all()

    def read_unstamped(self, conn: Connection, after: Any, limit: int) -> list[Any]:
        """Rows within the filter that have no last-modified value at all, in key order."""
        query = self._select(with_filter=True).where(self.modified.is_(None))
        if after is not None:
            query = query.where(self.key > after)
        return conn.execute(query.order_by(self.key).limit(limit)).all()

    def read_by_keys(
        self, conn: Connection, keys: Iterable[str], with_filter: bool = False
    ) -> dict[str, Any]:
        """Rows by key text; keys with no row are absent from the result."""
        natives = [self.key_native(k) for k in dict.fromkeys(keys)]
        found: dict[str, Any] = {}
        for part in chunked(natives):
            for row in conn.execute(self._select(with_filter).where(self.key.in_(part))):
                found[self.key_text(row[0])] = row
        return found

    def existing_keys(self, conn: Connection, keys: Iterable[str]) -> set[str]:
        natives = [self.key_native(k) for k in dict.fromkeys(keys)]
        found: set[str] = set()
        for part in chunked(natives):
            found.update(
                self.key_text(k) for k in conn.scalars(select(self.key).where(self.key.in_(part)))
            )
        return found

    def read_by_values(self, conn: Connection, column: str, values: Iterable[Any]) -> list[Any]:
        """Rows whose `column` holds one of `values` (for coupling to an equal existing record)."""
        wanted = [v for v in dict.fromkeys(values) if v is not None]
        rows: list[Any] = []
        for part in chunked(wanted):
            rows.extend(conn.execute(self._select().where(self.table.c[column].in_(part))))
        return rows

    def read_stamped(self, conn: Connection, stamp: Any) -> list[Any]:
        """Rows carrying exactly this last-modified value: the engine's own writes of one batch."""
        return conn.execute(self._select().where(self.modified == stamp)).all()

    def search(self, conn: Connection, text: str, limit: int = 50) -> list[Any]:
        """Rows whose key or a mapped text column contains
        `text` (for picking a record to couple)."""
        query = self._select()
        if text:
            pattern = f"%{text}%"
            searchable = [c for c in self.columns if isinstance(c.type, sqltypes.String)]
            key_match = [self.key == self.key_native(text)] if self._parses_as_key(text) else []
            query = query.where(or_(*key_match, *(c.ilike(pattern) for c in searchable)))
        return conn.execute(query.order_by(self.key).limit(limit)).all()

    def count_changed(
        self, conn: Connection, since: str | None, own_stamps: Sequence[Any] = ()
    ) -> int:
        """How many rows `read_changed` will give (and `read_unstamped`, when `since` is None)."""
        query = self._select(with_filter=True).with_only_columns(
            func.count(), maintain_column_froms=True
        )
        if since is not None:
            query = self._changed(query, since, own_stamps)
        return conn.scalar(query) or 0

    def _parses_as_key(self, text: str) -> bool:
        try:
            self.key_native(text)
            return True
        except ValueError:
            return False

    # -- checks before writing ---------------------------------------------------------

    def problems(self, values: dict[str, Any]) -> str | None:
        """Why the database would reject `values`, found before sending them; None when fine.

        SQLite does not enforce VARCHAR lengths, so the engine checks them itself and every
        database reports a too-long value the same way.
        """
        for name, limit in self._lengths.items():
            value = values.get(name)
            if isinstance(value, str) and len(value) > limit:
                return (
                    f"value too long for {self.display} column {name!r}: "
                    f"{len(value)} characters, at most {limit} allowed"
                )
        return None

    # -- writes ------------------------------------------------------------------------

    def insert_rows(self, conn: Connection, rows: list[dict[str, Any]]) -> list[str]:
        """Insert rows (key already set, or left to the database) and return their keys as text."""
        if not rows:
            return []
        if not self.identity_key:
            conn.execute(insert(self.table), rows)
            return [self.key_text(r[self.key.name]) for r in rows]
        if self.returning_in_order:
            statement = insert(self.table).returning(self.key, sort_by_parameter_order=True)
            return [self.key_text(k) for k in conn.execute(statement, rows).scalars()]
        keys = []
        for row in rows:
            result = conn.execute(insert(self.table), row)
            keys.append(self.key_text(result.inserted_primary_key[0]))
        return keys

    def update_rows(
        self, conn: Connection, rows: list[tuple[str, Any, dict[str, Any]]]
    ) -> set[str]:
        """Optimistic updates: (key, last-modified as read, new values) each.

        All rows of one call must set the same columns. Returns the keys whose update landed;
        a row changed or deleted since it was read is left alone.
        """
        if not rows:
            return set()
        columns = list(rows[0][2])
        statement = (
            update(self.table)
            .where(
                self.key == bindparam("_key"),
                self.modified.is_not_distinct_from(bindparam("_seen")),
            )
            .values({c: bindparam(f"_v_{c}") for c in columns})
        )
        params = [
            {"_key": self.key_native(key), "_seen": seen} | {f"_v_{c}": values[c] for c in columns}
            for key, seen, values in rows
        ]
        if len(params) == 1 or not self.sane_multi_rowcount:
            landed = set()
            for (key, _, _), param in zip(rows, params, strict=True):
                if conn.execute(statement, param).rowcount:
                    landed.add(key)
            return landed
        if conn.execute(statement, params).rowcount == len(params):
            return {key for key, _, _ in rows}
        return self._landed(conn, rows)

    def _landed(self, conn: Connection, rows: list[tuple[str, Any, dict[str, Any]]]) -> set[str]:
        """Which of a batch's optimistic updates landed, when the row count says not all did."""
        current = self.read_by_keys(conn, [key for key, _, _ in rows])
        landed = set()
        for key, seen, values in rows:
            row = current.get(key)
            if row is None:
                continue
            now = row._mapping
            # When the engine stamped the row, the stamp is among `values`; it may equal the one
            # read (whole seconds), so only a stamp the database fills must have moved.
            moved = self.modified.name in values or normalize_modified(
                now[self.modified]
            ) != normalize_modified(seen)
            if moved and all(same(now[self.table.c[c]], v) for c, v in values.items()):
                landed.add(key)
        return landed

    def delete_rows(self, conn: Connection, keys: Sequence[str]) -> int:
        deleted = 0
        for part in chunked([self.key_native(k) for k in keys]):
            deleted += conn.execute(delete(self.table).where(self.key.in_(part))).rowcount
        return deleted

    def stamps_of(self, conn: Connection, keys: Iterable[str]) -> dict[str, Any]:
        """Current last-modified values by key, for reading back what the database stored."""
        natives = [self.key_native(k) for k in dict.fromkeys(keys)]
        found: dict[str, Any] = {}
        for part in chunked(natives):
            for key, stamp in conn.execute(
                select(self.key, self.modified).where(self.key.in_(part))
            ):
                found[self.key_text(key)] = stamp
        return found


def _python_type(column: Column[Any]) -> type:
    if isinstance(column.type, sqltypes.Uuid):
        return uuid.UUID
    try:
        kind = column.type.python_type
    except NotImplementedError:
        return str
    return int if issubclass(kind, int) else kind if kind is uuid.UUID else str
