"""`check`: the write failures a configuration would meet, predicted before anything is written.

Both apps' tables are reflected (SQLAlchemy), then each rule — a pure function over one
mapping's `View` — adds its `Finding`s: mapped tables and columns that do not exist, NOT NULL
columns an insert leaves empty, database defaults that hide inserted rows, constants written into
unique columns, NULL copied into a NOT NULL column, and (in `predict_types`) kinds, lengths, value
maps and lookups that do not fit. The rules follow how the engine writes (`SideTable`): it makes
text and UUID keys itself (the database an identity key), stamps the first last-modified column,
writes '' for NULL into a NOT NULL text column and NULL for '' into any other column.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from typing import Any, Protocol

from sqlalchemy import Column, Engine, Table, inspect
from sqlalchemy import types as sqltypes
from sqlalchemy.exc import SQLAlchemyError

from desktop_sync.apps.finding import ERROR, WARNING, Finding, View, in_order, unique_alone
from desktop_sync.apps.predict_types import length_findings, lookup_findings, type_findings
from desktop_sync.config import Config, TableMapping
from desktop_sync.domain import Side

# Columns that say whether a row is shown at all: a default of false hides an inserted row.
SHOWN = re.compile(r"^(is_)?(active|enabled|visible|published)$|_active$", re.IGNORECASE)
FALSE_DEFAULTS = {"false", "0", "f", "n", "no", "b'0"}  # as `_default_text` leaves them


class Tables(Protocol):
    """What the rules need of one side's connection (an `AppConnection`)."""

    name: str

    @property
    def engine(self) -> Engine: ...

    def table(self, name: str) -> Table: ...


def predict(config: Config, apps: Callable[[Side], Tables]) -> list[Finding]:
    """Every finding for every mapping of `config`, errors first; `apps(side)` is the side's
    connection. Raises AppError when an app cannot be reached."""
    found: list[Finding] = []
    for name in config.in_order():
        mapping = config.mapping(name)
        tables = {side: _table(apps(side), mapping.table(side)) for side in Side}
        view = View(config, mapping, tables)
        view.unique = {side: _unique_columns(apps(side), tables[side]) for side in Side}
        for f in mapping.value_fields:
            if f.lookup is not None:
                related = config.mapping(f.lookup)
                for side in Side:
                    view.related[f.lookup, side] = _table(apps(side), related.table(side))
        for rule in RULES:
            rule(view)
        found += view.found
    return in_order(found)


def _table(app: Tables, name: str) -> Table | None:
    from desktop_sync.apps.connection import AppError

    try:
        return app.table(name)
    except AppError as exc:
        if isinstance(exc.__cause__, SQLAlchemyError):
            raise  # cannot be reached: no prediction at all
        return None


def _unique_columns(app: Tables, table: Table | None) -> set[str]:
    """The columns `table` keeps unique on their own. SQLAlchemy does not reflect SQLite's
    `col TEXT UNIQUE` (an automatic index), so SQLite's indexes are asked for as well."""
    if table is None:
        return set()
    names = {c.name for c in table.c if unique_alone(table, c)}
    if app.engine.dialect.name == "sqlite":
        try:
            with app.engine.connect() as conn:
                indexes = inspect(conn).get_indexes(table.name, include_auto_indexes=True)
        except SQLAlchemyError:
            return names
        names |= {
            name
            for i in indexes
            if i["unique"] and len(i["column_names"]) == 1 and (name := i["column_names"][0])
        }
    return names


# -- the mapped tables and columns ---------------------------------------------------------


def schema_findings(view: View) -> None:
    """Tables and columns the mapping names that do not exist; stamps that cannot tell edits
    apart; a side read whole on every run."""
    m = view.mapping
    for side in Side:
        table = view.tables[side]
        if table is None:
            view.add(
                ERROR,
                side,
                f"{view.app(side)} has no table {m.table(side)!r}",
                f"correct {side.value}_table, or create the table in {view.app(side)}",
                subject=f"table {m.table(side)!r}",
            )
            continue
        for column in m.columns(side):
            if column not in table.c:
                view.add(
                    ERROR,
                    side,
                    f"{view.app(side)} table {table.name!r} has no column {column!r}",
                    "correct the column's name in the configuration",
                    column=column,
                )
        for name in m.modified_columns(side):
            kind = table.c[name].type if name in table.c else None
            if isinstance(kind, sqltypes.Date) and not isinstance(kind, sqltypes.DateTime):
                view.add(
                    ERROR,
                    side,
                    "it holds dates without a time, which cannot tell two edits of a day apart",
                    "name a timestamp column as last-modified, or leave it out to compare by value",
                    column=name,
                )
        if not m.modified_columns(side):
            view.add(
                WARNING,
                side,
                f"no last-modified column ({side.value}_modified is not set), so every run reads "
                "its whole table and compares it by value; the cost grows with the table",
                f"name {view.app(side)}'s last-modified column as {side.value}_modified",
                subject=f"table {table.name!r}",
            )


# -- inserts ---------------------------------------------------------------------------------


def insert_sides(m: TableMapping) -> list[tuple[Side, bool]]:
    """The sides `m` may insert into, each with True when new records are inserted there and
    False when only Restore Records does (it writes every field)."""
    return [(side, m.direction.allows(side.other) and not m.sync_only_coupled) for side in Side]


def filled_on_insert(view: View, side: Side, new_records: bool) -> set[str]:
    """The columns of `side` an insert writes (or the database fills: an identity key)."""
    m = view.mapping
    fields = [f for f in m.value_fields if f.flows_from(side.other) or not new_records]
    filled = {f.paired(side) for f in fields} | {f.column(side) for f in m.written_to(side, True)}
    filled |= {m.key(side), *m.modified_columns(side)[:1]}
    return {c for c in filled if c is not None}


def key_findings(view: View) -> None:
    """A key the engine cannot make for a new record, or makes too long for the column."""
    for side, new_records in insert_sides(view.mapping):
        table, key = view.tables[side], view.column(side, view.mapping.key(side))
        if table is None or key is None or table.autoincrement_column is key:
            continue
        what = "every insert" if new_records else "Restore Records"
        if _key_type(key) is int:
            view.add(
                ERROR if new_records else WARNING,
                side,
                f"the key is a whole number the database does not assign (no identity or "
                f"auto-increment), and the engine makes only text or UUID keys, so {what} into "
                f"{view.app(side)} fails",
                "make the key an identity column, or synchronize only coupled records",
                column=key.name,
            )
        length = getattr(key.type, "length", None)
        if _key_type(key) is str and length is not None and length < 36:
            view.add(
                ERROR if new_records else WARNING,
                side,
                f"the engine makes keys of 36 characters (UUIDs) and the column holds {length}, "
                f"so {what} into {view.app(side)} fails",
                "make the key column at least 36 characters long, or an identity column",
                column=key.name,
            )


def unfilled_findings(view: View) -> None:
    """NOT NULL columns without a default that an insert leaves empty."""
    for side, new_records in insert_sides(view.mapping):
        table = view.tables[side]
        if table is None:
            continue
        filled = filled_on_insert(view, side, new_records)
        for column in table.c:
            if column.name in filled or column.nullable or _has_default(table, column):
                continue
            what = "every insert" if new_records else "Restore Records"
            view.add(
                ERROR if new_records else WARNING,
                side,
                f"NOT NULL without a default, and no field fills it, so {what} into "
                f"{view.app(side)} fails",
                f"map a field to it, or write a value on insert: a field with {side.value} = "
                f'"{column.name}" and constant = … (or value = "now", "today" or "user")',
                column=column.name,
            )


def hidden_findings(view: View) -> None:
    """A column like `active` whose default (false) hides every row the engine inserts."""
    for side, new_records in insert_sides(view.mapping):
        table = view.tables[side]
        if table is None:
            continue
        filled = filled_on_insert(view, side, new_records)
        archive = view.mapping.archive(side)
        for column in table.c:
            if column.name in filled or not SHOWN.search(column.name):
                continue
            if not _boolean_like(column) or _default_text(column) not in FALSE_DEFAULTS:
                continue
            archived = archive is not None and archive.column == column.name
            if archived and archive.value in (False, 0):  # type: ignore[union-attr]
                message = (
                    "it defaults to false, the value that marks a record archived, so every row "
                    "the engine inserts counts as deleted at once"
                )
            else:
                message = (
                    "it defaults to false, so rows the engine inserts are hidden in "
                    f"{view.app(side)} (inactive) until someone switches them on"
                )
            view.add(
                ERROR if archived else WARNING,
                side,
                message,
                f'write true on insert: a field with {side.value} = "{column.name}" and '
                "constant = true",
                column=column.name,
            )


def unique_constant_findings(view: View) -> None:
    """A constant (or `user`, `today`) written into a column that must be unique by itself."""
    for side in Side:
        table = view.tables[side]
        for f in view.mapping.written_to(side, insert=True):
            column = view.column(side, f.column(side))
            if table is None or column is None or f.expression == "now":
                continue
            if column.name in view.unique[side]:
                value = f"the {f.expression} expression" if f.expression else repr(f.constant)
                view.add(
                    ERROR,
                    side,
                    f"it must be unique, and every record gets the same value ({value}), so the "
                    "second record written fails",
                    "write it from a field of the other app instead, or drop the constant",
                    column=column.name,
                )


def null_findings(view: View) -> None:
    """A column that may be NULL copied into a NOT NULL column that is not text."""
    for f in view.mapping.value_fields:
        for destination, src, dst in view.flows(f):
            if not src.nullable or src.primary_key or dst.nullable:
                continue
            if isinstance(dst.type, sqltypes.String) or dst.computed is not None:
                continue  # text: the engine writes '' for NULL
            source = destination.other
            view.add(
                WARNING,
                destination,
                f"NOT NULL, and {view.app(source)} column {src.name!r} may be NULL: the engine "
                "writes the NULL (a database default does not replace it), so such records fail",
                f"make {view.app(source)}'s column NOT NULL, or allow NULL in "
                f"{view.app(destination)}",
                column=dst.name,
            )


RULES: list[Callable[[View], None]] = [
    schema_findings,
    key_findings,
    unfilled_findings,
    hidden_findings,
    unique_constant_findings,
    null_findings,
    type_findings,
    length_findings,
    lookup_findings,
]


# -- columns -----------------------------------------------------------------------------------


def _key_type(column: Column[Any]) -> type:
    """As the engine takes a key (see `SideTable.key_type`): int, UUID or text."""
    if isinstance(column.type, sqltypes.Uuid):
        return uuid.UUID
    try:
        kind = column.type.python_type
    except NotImplementedError:
        return str
    return int if issubclass(kind, int) else uuid.UUID if kind is uuid.UUID else str


def _has_default(table: Table, column: Column[Any]) -> bool:
    """Whether the database fills `column` when an insert leaves it out."""
    return (
        column.server_default is not None
        or column.computed is not None
        or column.identity is not None
        or table.autoincrement_column is column
    )


def _default_text(column: Column[Any]) -> str | None:
    default = column.server_default
    if default is None:
        return None
    arg = getattr(default, "arg", None)
    text = str(getattr(arg, "text", arg)).strip().lower()
    text = text.split("::", 1)[0]  # PostgreSQL: 'false'::boolean
    while len(text) > 1 and text[0] == "(" and text[-1] == ")":
        text = text[1:-1].strip()
    return text.strip("'\"")


def _boolean_like(column: Column[Any]) -> bool:
    return isinstance(column.type, sqltypes.Boolean | sqltypes.Integer)
