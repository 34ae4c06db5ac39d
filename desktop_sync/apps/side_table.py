"""One side of one table mapping: the reflected table, its key and last-modified stamps, and the
batched reads the engine makes (changed since a moment, without a stamp, by keys).

Every statement is built with SQLAlchemy Core from reflected tables, so identifiers are quoted by
the dialect and never pasted into SQL text.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    Column,
    Connection,
    Table,
    func,
    or_,
    select,
)
from sqlalchemy import types as sqltypes
from sqlalchemy.exc import OperationalError

from desktop_sync.apps.finding import unique_alone
from desktop_sync.apps.record import STAMP, AppError, BadRow, Record, chunked
from desktop_sync.apps.stamps import Stamps
from desktop_sync.apps.table_writes import TableWrites
from desktop_sync.apps.values import same
from desktop_sync.bulk import uuid4_texts
from desktop_sync.config import TableMapping
from desktop_sync.words import QT_TRANSLATE_NOOP, say

if TYPE_CHECKING:
    from desktop_sync.apps.connection import AppConnection

KEYS_AT_ONCE = 1000


class SideTable(TableWrites):
    """One side of one table mapping: the reflected table, its key and last-modified stamps."""

    def __init__(self, app: AppConnection, mapping: TableMapping, table: Table) -> None:
        side = app.side
        self.app, self.side, self.mapping, self.table = app, side, mapping, table
        self.key: Column[Any] = table.c[mapping.key(side)]
        self.field_columns = {f.name: f.paired(side) for f in mapping.value_fields}
        self.filter = mapping.filter(side)
        self.archive = mapping.archive(side)
        others = [*self.field_columns.values(), *self.filter]
        others += [self.archive.column] if self.archive else []
        self.value_columns = [table.c[c] for c in dict.fromkeys(others) if c != self.key.name]
        dialect = app.engine.dialect
        self.stamps = Stamps(
            table,
            mapping.modified_columns(side),
            dialect.name,
            app.timezone,
            hashed=list(dict.fromkeys(self.field_columns.values())),
        )
        self.modified = self.stamps.expression
        self._names = [self.key.name, STAMP, *(c.name for c in self.value_columns)]
        self.key_type = _python_type(self.key)
        self.identity_key = table.autoincrement_column is self.key
        self.key_is_unique = unique_alone(table, self.key)
        self._keys: list[str] = []  # new text keys, made many at a time
        # Set once a read met text that is not UTF-8 (see `_rows`): records are checked since.
        self.check_text = False
        self.sane_multi_rowcount = dialect.supports_sane_multi_rowcount
        self.returning_in_order = dialect.insert_executemany_returning_sort_by_parameter_order
        # What an empty value becomes in each column that cannot take one of the two kinds.
        self._empties = {
            c.name: "" if isinstance(c.type, sqltypes.String) else None
            for c in table.c
            if isinstance(c.type, sqltypes.String) != bool(c.nullable)
            or not isinstance(c.type, sqltypes.String)
        }
        # Length limits of the columns this mapping writes, checked before every write.
        written = {f.column(side) for f in mapping.fields if f.column(side)} | {self.key.name}
        self._lengths: dict[str, int] = {
            c.name: length
            for c in table.c
            if c.name in written
            and isinstance(c.type, sqltypes.String)
            and (length := c.type.length) is not None
        }

    @property
    def display(self) -> str:
        return f"{self.app.name} table {self.table.name!r}"

    def name_of(self, key: str) -> str:
        """How messages name a record of this table."""
        return f"{self.app.name} record {key} (table {self.table.name!r})"

    @property
    def stamp_column(self) -> str | None:
        """The column the engine stamps its writes into; None when the table has none."""
        return self.stamps.written.name if self.stamps.written is not None else None

    # -- keys --------------------------------------------------------------------------

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
            if not self._keys:
                self._keys = uuid4_texts(KEYS_AT_ONCE)
            return self._keys.pop()
        raise AppError(
            say(
                QT_TRANSLATE_NOOP(
                    "Messages",
                    "{app} table {table}: cannot create a key for a new record: {column} is "
                    "neither text, a UUID nor an identity column the database fills",
                ),
                app=self.app.name,
                table=repr(self.table.name),
                column=repr(self.key.name),
            )
        )

    # -- reads -------------------------------------------------------------------------

    @property
    def columns(self) -> list[Any]:
        """What every read selects: the key, the stamp (labelled `STAMP`), the mapped columns."""
        return [self.key, self.modified.label(STAMP), *self.value_columns]

    @property
    def text_columns(self) -> list[Column[Any]]:
        """The key and mapped columns that hold text, for searching."""
        columns = [self.key, *self.value_columns]
        return [c for c in columns if isinstance(c.type, sqltypes.String)]

    def _live(self) -> Any:
        """Rows not archived (see `TableMapping.archive`); None when the mapping deletes."""
        if self.archive is None:
            return None
        return self.table.c[self.archive.column].is_distinct_from(self.archive.value)

    def is_archived(self, record: Record) -> bool:
        """Whether the record is archived: it counts as deleted for the other app."""
        return self.archive is not None and same(
            record.values.get(self.archive.column), self.archive.value
        )

    def _select(self, with_filter: bool = False, live: bool = False):  # type: ignore[no-untyped-def]
        query = select(*self.columns)
        if live and self.archive is not None:
            query = query.where(self._live())
        if with_filter:
            for name, value in self.filter.items():
                column = self.table.c[name]
                query = query.where(
                    column.in_(value) if isinstance(value, list) else column == value
                )
        return query

    def to_record(self, row: Any) -> Record:
        """A row as a record; raises BadRow for a row without a key and StampError (a
        ValueError) when its last-modified value is not a timestamp."""
        key, raw = row[0], row[1]
        values = dict(zip(self._names, row, strict=True))
        if key is None:
            shown = [(c, v) for c, v in values.items() if c != STAMP and v not in (None, "")]
            what = ", ".join(f"{c} {v!r}" for c, v in shown[:3]) or "no values"
            raise BadRow(
                f"A {self.display} row has no {self.key.name!r}, so it cannot be synchronized "
                f"({what}). Give it a key in {self.app.name}; the next run synchronizes it."
            )
        if self.check_text:
            _check_text(values)
        return Record(str(key), self.stamps.token(raw, values), raw, values)

    def _changed(self, query, bound: Any, exclude: Sequence[Any]):  # type: ignore[no-untyped-def]
        query = query.where(self.modified.is_not(None))
        if bound is not None:
            query = query.where(self.modified >= bound)
        if exclude and self.stamps.unique_per_batch:
            # Rows still carrying a stamp of the engine's own writes are its echo; such a stamp
            # is the engine's alone, so they need not even be read.
            query = query.where(self.modified.not_in(list(exclude)))
        return query

    def read_changed(
        self,
        conn: Connection,
        bound: Any,
        after: tuple[Any, Any] | None,
        limit: int,
        exclude: Sequence[Any] = (),
    ) -> list[Any]:
        """Rows within the mapping's filter stamped at or after `bound` (all stamped rows when
        None), in (stamp, key) order, resuming after the `(stamp, key)` pair `after`."""
        query = self._changed(self._select(with_filter=True), bound, exclude)
        if after is not None:
            last_modified, last_key = after
            query = query.where(
                self.modified >= last_modified,
                or_(self.modified > last_modified, self.key > last_key),
            )
        query = query.order_by(self.modified, self.key).limit(limit)
        return self._rows(conn, query)

    def _rows(self, conn: Connection, query: Any) -> list[Any]:
        """The rows of a read. SQLite keeps whatever bytes an app wrote into TEXT, and bytes
        that are not UTF-8 would fail the whole read: such a read is done again with those
        bytes kept as surrogates, and records are checked for them from then on, so that one
        record fails alone, naming the column and the bytes (see `_check_text`)."""
        try:
            return list(conn.execute(query).all())
        except OperationalError as exc:
            if conn.dialect.name != "sqlite" or "decode" not in str(exc.orig):
                raise
        self.check_text = True
        driver = conn.connection.driver_connection
        driver.text_factory = _any_text  # type: ignore[union-attr]
        try:
            return list(conn.execute(query).all())
        finally:
            driver.text_factory = str  # type: ignore[union-attr]

    def read_unstamped(self, conn: Connection, after: Any, limit: int) -> list[Any]:
        """Rows within the filter without a last-modified value (every row, when the table has
        no such column), in key order: they are compared by value on every run."""
        query = self._select(with_filter=True)
        if self.stamps.present:
            query = query.where(self.modified.is_(None))
        if after is not None:
            query = query.where(self.key > after)
        return self._rows(conn, query.order_by(self.key).limit(limit))

    def read_by_keys(
        self, conn: Connection, keys: Iterable[str], with_filter: bool = False, live: bool = False
    ) -> dict[str, Any]:
        """Rows by key text; keys with no row are absent from the result (so are archived rows,
        with `live`: for the engine they are deleted)."""
        natives = [self.key_native(k) for k in dict.fromkeys(keys)]
        found: dict[str, Any] = {}
        for part in chunked(natives):
            query = self._select(with_filter, live).where(self.key.in_(part))
            for row in self._rows(conn, query):
                found[self.key_text(row[0])] = row
        return found

    def doubled_keys(self, conn: Connection, keys: Iterable[str]) -> dict[str, int]:
        """Of these keys, those more than one row carries, with how many (for a key column
        that the schema does not keep unique)."""
        natives = [self.key_native(k) for k in dict.fromkeys(keys)]
        found: dict[str, int] = {}
        for part in chunked(natives):
            query = (
                select(self.key, func.count())
                .where(self.key.in_(part))
                .group_by(self.key)
                .having(func.count() > 1)
            )
            found.update((self.key_text(k), n) for k, n in conn.execute(query))
        return found

    def existing_keys(self, conn: Connection, keys: Iterable[str]) -> set[str]:
        """Which of these keys name a row that is there (and not archived)."""
        natives = [self.key_native(k) for k in dict.fromkeys(keys)]
        found: set[str] = set()
        for part in chunked(natives):
            query = select(self.key).where(self.key.in_(part))
            if self.archive is not None:
                query = query.where(self._live())
            found.update(self.key_text(k) for k in conn.scalars(query))
        return found

    def read_by_values(self, conn: Connection, column: str, values: Iterable[Any]) -> list[Any]:
        """Rows whose `column` holds one of `values` (for coupling to an equal existing record)."""
        wanted = [v for v in dict.fromkeys(values) if v is not None]
        rows: list[Any] = []
        for part in chunked(wanted):
            rows.extend(self._rows(conn, self._select().where(self.table.c[column].in_(part))))
        return rows

    def read_stamped(self, conn: Connection, stamp: Any) -> list[Any]:
        """Rows carrying exactly this last-modified value: the engine's own writes of one batch."""
        return list(conn.execute(self._select().where(self.modified == stamp)).all())

    def search(self, conn: Connection, text: str, limit: int = 50) -> list[Any]:
        """Rows whose key or a mapped text column contains `text` (to pick a record to couple)."""
        query = self._select()
        if text:
            pattern = f"%{text}%"
            searchable = self.text_columns
            key_match = [self.key == self.key_native(text)] if self._parses_as_key(text) else []
            query = query.where(or_(*key_match, *(c.ilike(pattern) for c in searchable)))
        return list(conn.execute(query.order_by(self.key).limit(limit)).all())

    def count_changed(self, conn: Connection, bound: Any, exclude: Sequence[Any] = ()) -> int:
        """How many rows `read_changed` and `read_unstamped` will give together (two counts,
        so that each can use the index on the stamp)."""
        count = self._select(with_filter=True).with_only_columns(
            func.count(), maintain_column_froms=True
        )
        if not self.stamps.present:
            return conn.scalar(count) or 0
        unstamped = conn.scalar(count.where(self.modified.is_(None))) or 0
        return unstamped + (conn.scalar(self._changed(count, bound, exclude)) or 0)

    def _parses_as_key(self, text: str) -> bool:
        try:
            self.key_native(text)
            return True
        except ValueError:
            return False


def _any_text(data: bytes) -> str:
    return data.decode("utf-8", "surrogateescape")


def _check_text(values: dict[str, Any]) -> None:
    """Raises BadRow for text that was not UTF-8 in the database (read with surrogates)."""
    for column, value in values.items():
        if type(value) is str and not value.isascii():
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                raw = value.encode("utf-8", "surrogateescape")
                raise BadRow(
                    f"column {column!r} holds {raw!r}, which is not UTF-8 text; correct it in "
                    "the app, then Retry",
                    column,
                    raw,
                ) from None


def _python_type(column: Column[Any]) -> type:
    if isinstance(column.type, sqltypes.Uuid):
        return uuid.UUID
    try:
        kind = column.type.python_type
    except NotImplementedError:
        return str
    return int if issubclass(kind, int) else kind if kind is uuid.UUID else str
