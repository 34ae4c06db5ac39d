"""Inserting many rows at driver speed, and making many keys at once.

SQLAlchemy's `execute(insert(table), list_of_dicts)` builds and processes a parameter dict per
row, which costs more than the database's own work for the thousands of rows an initial
synchronization inserts per batch. `insert_many` compiles the statement once and hands the
driver plain tuples, passing each value through its column type's bind processor (dates to text
on SQLite, JSON to text, …) exactly as SQLAlchemy would, but only for the columns that have one.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import Any

import orjson
from sqlalchemy import JSON, Connection, Table, bindparam, insert


def insert_many(
    conn: Connection, table: Table, columns: Sequence[str], rows: Sequence[Sequence[Any]]
) -> None:
    """Insert `rows` (tuples in the order of `columns`) with one driver `executemany`."""
    if not rows:
        return
    dialect = conn.dialect
    compiled = insert(table).values({c: bindparam(c) for c in columns}).compile(dialect=dialect)
    order = list(compiled.positiontup or ()) if dialect.positional else list(compiled.params)
    # Columns with a Python-side default (a version, a creation time) take it once per call.
    defaults = [c for c in order if c not in columns]
    if defaults:
        columns = [*columns, *defaults]
        extra = tuple(_default(table, c) for c in defaults)
        rows = [(*row, *extra) for row in rows]
    prepared: list[Any] = [list(row) for row in rows]
    for i, column in enumerate(columns):  # column by column: far fewer Python steps per value
        process = _processor(table, column, dialect)
        if process is not None:
            for row in prepared:
                if row[i] is not None:
                    row[i] = process(row[i])
    if order != list(columns):
        position = {c: i for i, c in enumerate(columns)}
        indexes = [position[c] for c in order]
        prepared = [[row[i] for i in indexes] for row in prepared]
    if dialect.positional:
        prepared = [tuple(row) for row in prepared]
    else:
        prepared = [dict(zip(order, row, strict=True)) for row in prepared]
    conn.exec_driver_sql(compiled.string, prepared)


def _default(table: Table, column: str) -> Any:
    default = table.c[column].default
    if default is None:
        return None
    arg = default.arg  # type: ignore[attr-defined]
    return arg(None) if callable(arg) else arg


def _processor(table: Table, column: str, dialect: Any) -> Callable[[Any], Any] | None:
    kind = table.c[column].type
    if isinstance(kind, JSON):
        return _json_text  # the same text SQLAlchemy's JSON type writes, made faster
    return kind._cached_bind_processor(dialect)


def _json_text(value: Any) -> str:
    return orjson.dumps(value).decode()


def uuid4_texts(count: int) -> list[str]:
    """`count` random (version 4) UUIDs as text, made from one read of the system's random
    source instead of one `uuid.uuid4()` object each."""
    data = bytearray(os.urandom(16 * count))
    keys = []
    for start in range(0, 16 * count, 16):
        data[start + 6] = (data[start + 6] & 0x0F) | 0x40
        data[start + 8] = (data[start + 8] & 0x3F) | 0x80
        h = data[start : start + 16].hex()
        keys.append(f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}")
    return keys
