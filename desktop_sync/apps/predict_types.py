"""`check`'s rules about the kinds of values a field carries: types, value maps, constants,
lengths and lookups. Pure functions over a `View`; see `predict` for the rules about inserts."""

from __future__ import annotations

import uuid
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import Column
from sqlalchemy import types as sqltypes

from desktop_sync.apps.finding import ERROR, WARNING, Severity, View
from desktop_sync.config import NO_DEFAULT, FieldMapping
from desktop_sync.domain import Side

TEXT, INTEGER, NUMBER, BOOLEAN = "text", "integer", "number", "boolean"
DATE, DATETIME, TIME, UUID = "date", "datetime", "time", "uuid"
KIND_WORDS = {
    TEXT: "text",
    INTEGER: "whole numbers",
    NUMBER: "numbers",
    BOOLEAN: "true/false",
    DATE: "dates",
    DATETIME: "timestamps",
    TIME: "times of day",
    UUID: "UUIDs",
}
ONE_OF = {
    TEXT: "text",
    INTEGER: "a whole number",
    NUMBER: "a number",
    BOOLEAN: "true or false",
    DATE: "a date",
    DATETIME: "a timestamp",
    TIME: "a time of day",
    UUID: "a UUID",
}
MOMENTS = (DATE, DATETIME, TIME)


def kind(column: Column[Any]) -> str | None:
    """What a column holds, in the words of these rules; None when the rules leave it alone
    (binary, JSON, types of one database only)."""
    t = column.type
    if isinstance(t, sqltypes.Boolean):
        return BOOLEAN
    if isinstance(t, sqltypes.Integer):
        # MariaDB/MySQL keep BOOLEAN as TINYINT(1).
        tiny = type(t).__name__ == "TINYINT" and getattr(t, "display_width", None) == 1
        return BOOLEAN if tiny else INTEGER
    if isinstance(t, sqltypes.Numeric):  # Float too
        return NUMBER
    if isinstance(t, sqltypes.DateTime):
        return DATETIME
    if isinstance(t, sqltypes.Date):
        return DATE
    if isinstance(t, sqltypes.Time):
        return TIME
    if isinstance(t, sqltypes.Uuid):
        return UUID
    if isinstance(t, sqltypes.String):
        return TEXT
    return None


# (source kind, destination kind) -> severity and what goes wrong; absent pairs are fine.
_ALWAYS, _TEXT = "every value", "text"
_MISMATCH: dict[tuple[str, str], tuple[Severity, str]] = {
    (BOOLEAN, TEXT): (ERROR, "true/false arrives as text ('1', 'true') the other app reads as "
                      "a different value, so the record looks changed on every run"),
    (NUMBER, INTEGER): (WARNING, "decimals are cut off or rounded, so such a record never "
                        "compares equal and is written again on every run"),
    (DATETIME, DATE): (WARNING, "the time of day is dropped, so a timestamp with a time never "
                       "compares equal and is written again on every run"),
}  # fmt: skip
for _kind in (INTEGER, NUMBER, BOOLEAN, *MOMENTS, UUID):
    _MISMATCH[TEXT, _kind] = (ERROR, _TEXT)
_NEVER = (
    *((a, BOOLEAN) for a in (INTEGER, NUMBER, *MOMENTS, UUID)),
    *((BOOLEAN, b) for b in (*MOMENTS, UUID)),  # into whole numbers true/false is 1/0: fine
    *((a, b) for a in (INTEGER, NUMBER, UUID) for b in (*MOMENTS, UUID) if a != b),
    *((a, b) for a in MOMENTS for b in (INTEGER, NUMBER, UUID)),
    (DATE, TIME), (TIME, DATE), (TIME, DATETIME), (DATETIME, TIME), (UUID, INTEGER), (UUID, NUMBER),
)  # fmt: skip
for _pair in _NEVER:
    _MISMATCH[_pair] = (ERROR, _ALWAYS)


def mismatch(source: str | None, destination: str | None) -> tuple[Severity, str] | None:
    if source is None or destination is None or source == destination:
        return None
    return _MISMATCH.get((source, destination))


def value_fits(value: Any, into: str | None, length: int | None) -> str | None:
    """Why `value` (from the configuration) cannot be written into a column of kind `into`
    holding at most `length` characters; None when it can."""
    if value is None or into is None:
        return None
    what = f"{value!r} is not {ONE_OF[into]}"
    if into == TEXT:
        if isinstance(value, bool):
            return f"{value!r} is true/false, not text"
        if length is not None and len(str(value)) > length:
            return f"{value!r} is longer than the {length} characters the column holds"
        return None
    if into == BOOLEAN:
        return None if isinstance(value, bool) or value in (0, 1) else what
    if into in (INTEGER, NUMBER):
        numeric = isinstance(value, int | float) and not isinstance(value, bool)
        whole = numeric and (into == NUMBER or float(value).is_integer())
        return None if whole else what
    if into == UUID:
        try:
            uuid.UUID(str(value))
            return None
        except ValueError:
            return what
    kinds = {DATE: (date,), DATETIME: (datetime, date), TIME: (time,)}[into]
    if isinstance(value, kinds):
        return None
    parse = {DATE: date.fromisoformat, DATETIME: datetime.fromisoformat, TIME: time.fromisoformat}
    try:
        parse[into](str(value))
        return None
    except ValueError:
        return what


def _length(column: Column[Any] | None) -> int | None:
    if column is None or not isinstance(column.type, sqltypes.String):
        return None
    return getattr(column.type, "length", None)


def _key(side: Side) -> str:
    return f"transform_to_{side.value}"


def type_findings(view: View) -> None:
    """Each pair of columns a field copies between, by kind; a value map's values (and
    constants) checked against the column they are written into instead."""
    for f in view.mapping.value_fields:
        if f.lookup is not None:
            continue  # see lookup_findings
        for destination, src, dst in view.flows(f):
            source = destination.other
            if f.values:
                _map_findings(view, f, destination, dst)
                continue
            found = mismatch(kind(src), kind(dst))
            if found is not None:
                severity, why = found
                if why == _ALWAYS:
                    why = "every record with a value there fails"
                elif why == _TEXT:
                    why = f"every record whose text is not {ONE_OF[kind(dst)]} fails"  # type: ignore[index]
                view.add(
                    severity,
                    destination,
                    f"{view.app(destination)} column {dst.name!r} holds {KIND_WORDS[kind(dst)]}"  # type: ignore[index]
                    f" but gets {KIND_WORDS[kind(src)]} from {view.app(source)} column "  # type: ignore[index]
                    f"{src.name!r}: {why}",
                    "map a column of the same kind, or give the field a value map "
                    "(`values = [[ERP value, CRM value], …]`)",
                    column=dst.name,
                )
    for destination in Side:
        for f in view.mapping.written_to(destination, insert=True):
            column = view.column(destination, f.column(destination))
            if column is None or f.expression is not None:
                continue
            refusal = value_fits(f.constant, kind(column), _length(column))
            if refusal:
                view.add(
                    ERROR,
                    destination,
                    f"the constant {refusal}, so every write of it fails",
                    "give a constant of the column's kind",
                    column=column.name,
                )


def _map_findings(view: View, f: FieldMapping, destination: Side, column: Column[Any]) -> None:
    index = 0 if destination is Side.ERP else 1
    values = [pair[index] for pair in f.values]
    default = f.default(destination)
    values += [] if default is NO_DEFAULT else [default]
    into, length = kind(column), _length(column)
    for value in dict.fromkeys(v for v in values if not isinstance(v, list | dict)):
        why = value_fits(value, into, length)
        if why:
            view.add(
                ERROR,
                destination,
                f"the value map writes {value!r} into {view.app(destination)} column "
                f"{column.name!r}, but {why}: records mapped to it fail",
                f"give the map's {destination.value} values as {KIND_WORDS.get(into or '', into)}",
                column=column.name,
            )


def length_findings(view: View) -> None:
    """Text copied from a longer column into a shorter one, unless cut by `max_length:N`."""
    for f in view.mapping.value_fields:
        if f.lookup is not None or f.values:
            continue  # keys: see lookup_findings; mapped values: checked one by one
        for destination, src, dst in view.flows(f):
            source = destination.other
            given, limit = _length(src), _length(dst)
            if given is None or limit is None or given <= limit:
                continue
            cuts = [
                int(t.text.partition(":")[2])
                for t in f.transforms(destination)
                if t.text.startswith("max_length:")
            ]
            if any(n <= limit for n in cuts):
                continue
            view.add(
                WARNING,
                destination,
                f"{view.app(source)} column {f.paired(source)!r} holds up to {given} characters, "
                f"{view.app(destination)} column {f.paired(destination)!r} at most {limit}: the "
                "engine fails each record with a longer value, with a message naming the record "
                "and the field",
                f"make the {view.app(destination)} column longer, or cut the text: "
                f'{_key(destination)} = ["max_length:{limit}"]',
                column=f.paired(destination),
            )


def lookup_findings(view: View) -> None:
    """A lookup column on each side against the key column of the mapping it looks up."""
    for f in view.mapping.value_fields:
        if f.lookup is None:
            continue
        related = view.config.mapping(f.lookup)
        for side in Side:
            column = view.column(side, f.column(side))
            table = view.related.get((f.lookup, side))
            key_name = related.key(side)
            if column is None or table is None or key_name not in table.c:
                continue
            key = table.c[key_name]
            written = f.flows_from(side.other)
            problem = _lookup_problem(kind(key), kind(column), _length(key), _length(column))
            if problem is None:
                continue
            severity, why = problem
            view.add(
                severity if written else WARNING,
                side,
                f"it holds keys of mapping {f.lookup}'s {view.app(side)} records (column "
                f"{key_name!r} of table {table.name!r}), but {why}",
                f"look up through a column of the same kind as {key_name!r}",
                column=column.name,
            )


def _lookup_problem(
    key: str | None, column: str | None, key_length: int | None, length: int | None
) -> tuple[Severity, str] | None:
    if key is None or column is None:
        return None
    if column == TEXT:
        if key == UUID and length is not None and length < 36:
            return ERROR, f"a UUID has 36 characters and the column holds {length}"
        if key == TEXT and length is not None and (key_length is None or key_length > length):
            most = f"up to {key_length}" if key_length else "any number of"
            return WARNING, f"keys have {most} characters and the column holds {length}"
        return None
    if key == column:
        return None
    if column == UUID and key == TEXT:
        return WARNING, "keys are text, and only those that are UUIDs fit"
    return ERROR, f"keys are {KIND_WORDS[key]} and the column holds {KIND_WORDS[column]}"
