"""Writing rows of one side of a mapping: inserts, optimistic updates, deletes (or archiving),
and the values a write puts into columns that take only one kind of empty value. A part of
`SideTable`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    Connection,
    bindparam,
    delete,
    insert,
    update,
)
from sqlalchemy import types as sqltypes

from desktop_sync.apps.record import STAMP, Record, chunked
from desktop_sync.apps.rejection import TOO_LONG, Rejection
from desktop_sync.apps.values import same
from desktop_sync.bulk import insert_many

if TYPE_CHECKING:
    from sqlalchemy import Column, Table

    from desktop_sync.apps.stamps import Stamps
    from desktop_sync.config import Archive


class TableWrites:
    """The writes of a `SideTable`, which holds the table, its key and stamps they use."""

    if TYPE_CHECKING:  # what `SideTable` provides
        table: Table
        key: Column[Any]
        modified: Any
        stamps: Stamps
        archive: Archive | None
        identity_key: bool
        returning_in_order: bool
        sane_multi_rowcount: bool
        _empties: dict[str, Any]
        _lengths: dict[str, int]

        @property
        def display(self) -> str: ...
        @property
        def stamp_column(self) -> str | None: ...
        def name_of(self, key: str) -> str: ...
        def key_text(self, value: Any) -> str: ...
        def key_native(self, text: str) -> Any: ...
        def to_record(self, row: Any) -> Record: ...
        def read_by_keys(
            self,
            conn: Connection,
            keys: Iterable[str],
            with_filter: bool = False,
            live: bool = False,
        ) -> dict[str, Any]: ...

    # -- values written ------------------------------------------------------------------

    def fit(self, values: dict[str, Any]) -> dict[str, Any]:
        """Empty values as the destination column takes them: NULL into a NOT NULL text column
        becomes '', '' into a column that is not text becomes NULL (the apps count both as
        empty; see `same`)."""
        for column, empty in self._empties.items():  # a few columns: cheaper than a set
            if column in values:
                value = values[column]
                if value is None or value == "":
                    values[column] = empty
        return values

    def moment_value(self, column: str, moment: datetime, expression: str) -> Any:
        """`now` or `today` (`expression`) as `column` keeps it, by this database's zone."""
        kind = self.table.c[column].type
        local = moment.astimezone(self.stamps.zone)
        if expression == "today":
            day = local.date()
            if isinstance(kind, sqltypes.DateTime):
                return datetime(day.year, day.month, day.day)
            return day.isoformat() if isinstance(kind, sqltypes.String) else day
        if isinstance(kind, sqltypes.String):
            return moment.astimezone(UTC).isoformat(timespec="seconds")
        if isinstance(kind, sqltypes.Date) and not isinstance(kind, sqltypes.DateTime):
            return local.date()
        if isinstance(kind, sqltypes.Integer | sqltypes.Numeric | sqltypes.Float):
            return int(moment.timestamp())
        if getattr(kind, "timezone", False):
            return moment
        return local.replace(tzinfo=None)

    # -- checks before writing ---------------------------------------------------------

    def problems(
        self, values: dict[str, Any], limited: Iterable[str] | None = None
    ) -> Rejection | None:
        """Why the database would reject `values`, found before sending them; None when fine.

        SQLite does not enforce VARCHAR lengths, so the engine checks them itself and every
        database reports a too-long value the same way. `limited` names the columns to check
        (all that have a length by default): a caller that knows a value cannot be too long
        (it comes from a column no longer than this one) leaves it out.
        """
        for name in self._lengths if limited is None else limited:
            value = values.get(name)
            limit = self._lengths[name]
            if isinstance(value, str) and len(value) > limit:
                return Rejection(
                    TOO_LONG,
                    column=name,
                    limit=limit,
                    said=(
                        f"value too long for {self.display} column {name!r}: "
                        f"{len(value)} characters, at most {limit} allowed"
                    ),
                )
        return None

    @property
    def limited_columns(self) -> list[str]:
        """The columns this mapping writes that hold text of a set length."""
        return list(self._lengths)

    def length(self, column: str) -> int | None:
        """The most characters `column` holds; None when it is not text of a set length."""
        kind = self.table.c[column].type if column in self.table.c else None
        return getattr(kind, "length", None) if isinstance(kind, sqltypes.String) else None

    # -- writes ------------------------------------------------------------------------

    def insert_rows(self, conn: Connection, rows: list[dict[str, Any]]) -> list[str]:
        """Insert rows (key already set, or left to the database) and return their keys as text."""
        if not rows:
            return []
        if not self.identity_key:
            groups: dict[tuple[str, ...], list[dict[str, Any]]] = {}
            for row in rows:
                groups.setdefault(tuple(row), []).append(row)
            for columns, group in groups.items():
                insert_many(conn, self.table, columns, [tuple(r.values()) for r in group])
            return [self.key_text(r[self.key.name]) for r in rows]
        if self.returning_in_order:
            statement = insert(self.table).returning(self.key, sort_by_parameter_order=True)
            return [self.key_text(k) for k in conn.execute(statement, rows).scalars()]
        keys = []
        for row in rows:
            primary_key = conn.execute(insert(self.table), row).inserted_primary_key
            assert primary_key is not None, "an INSERT names the key it made"
            keys.append(self.key_text(primary_key[0]))
        return keys

    def update_rows(self, conn: Connection, rows: list[tuple[Record, dict[str, Any]]]) -> set[str]:
        """Optimistic updates: (the record as read, new values) each.

        A row is updated only while it is as the engine read it: its stamp unchanged, or for a
        row without a stamp, every mapped value unchanged. All rows of one call must set the
        same columns. Returns the keys whose update landed; a row changed or deleted since it
        was read is left alone.
        """
        landed: set[str] = set()
        stamped = [r for r in rows if r[0].raw_modified is not None]
        unstamped = [r for r in rows if r[0].raw_modified is None]
        for part, guard in ((stamped, self._stamp_guard), (unstamped, self._value_guard)):
            if part:
                landed |= self._update(conn, part, guard())
        return landed

    def _stamp_guard(self) -> list[Any]:
        return [self.modified.is_not_distinct_from(bindparam("_g_stamp"))]

    def _value_guard(self) -> list[Any]:
        guard = [self.table.c[c].is_not_distinct_from(bindparam(f"_g_{c}")) for c in self._hashed]
        return guard + ([self.modified.is_(None)] if self.stamps.present else [])

    @property
    def _hashed(self) -> list[str]:
        return self.stamps.hashed

    def _update(
        self, conn: Connection, rows: list[tuple[Record, dict[str, Any]]], guard: list[Any]
    ) -> set[str]:
        columns = list(rows[0][1])
        statement = (
            update(self.table)
            .where(self.key == bindparam("_key"), *guard)
            .values({c: bindparam(f"_v_{c}") for c in columns})
        )
        params = []
        for record, values in rows:
            param = {"_key": self.key_native(record.key), "_g_stamp": record.raw_modified}
            param |= {f"_g_{c}": record.values.get(c) for c in self._hashed}
            params.append(param | {f"_v_{c}": values[c] for c in columns})
        if len(params) == 1 or not self.sane_multi_rowcount:
            landed = set()
            for (record, _), param in zip(rows, params, strict=True):
                if conn.execute(statement, param).rowcount:
                    landed.add(record.key)
            return landed
        if conn.execute(statement, params).rowcount == len(params):
            return {record.key for record, _ in rows}
        return self._landed(conn, rows)

    def _landed(self, conn: Connection, rows: list[tuple[Record, dict[str, Any]]]) -> set[str]:
        """Which of a batch's optimistic updates landed, when the row count says not all did."""
        current = self.read_by_keys(conn, [record.key for record, _ in rows])
        landed = set()
        for record, values in rows:
            row = current.get(record.key)
            if row is None:
                continue
            now = row._mapping
            # When the engine stamped the row, the stamp is among `values`; it may equal the one
            # read (whole seconds), so only a stamp the database fills must have moved.
            moved = self.stamp_column in values or now[STAMP] != record.raw_modified
            written = [(c, v) for c, v in values.items() if c != self.stamp_column]
            if moved and all(c in now and same(now[c], v) for c, v in written):
                landed.add(record.key)
        return landed

    def delete_rows(self, conn: Connection, keys: Sequence[str], stamp: Any = None) -> int:
        """Delete rows, or archive them where the mapping says so (stamped like any write)."""
        deleted = 0
        for part in chunked([self.key_native(k) for k in keys]):
            if self.archive is None:
                statement: Any = delete(self.table)
            else:
                values = {self.archive.column: self.archive.value}
                if stamp is not None and not self.stamps.db_fills and self.stamp_column:
                    values[self.stamp_column] = stamp
                statement = update(self.table).values(values)
            deleted += conn.execute(statement.where(self.key.in_(part))).rowcount
        return deleted

    def tokens_of(self, conn: Connection, keys: Iterable[str]) -> dict[str, str]:
        """The current tokens of rows by key (see `Stamps.token`), for reading back what the
        database stored after the engine's writes."""
        return {k: self.to_record(row).modified for k, row in self.read_by_keys(conn, keys).items()}
