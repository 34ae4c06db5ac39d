"""What a database said when it rejected a write, taken apart: which rule (NOT NULL, length,
unique, foreign key, check, type), which column or constraint, which value.

Each driver says it its own way: SQLite in its message text, PostgreSQL (psycopg) in the
error's `diag` (column, constraint, table) and SQLSTATE, MariaDB and MySQL by error number and
message. `rejection_of` reads all three; `check_expression` reads a check constraint's
expression back from the database, so a message can say what the column requires.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, inspect, select, text
from sqlalchemy.exc import SQLAlchemyError

from desktop_sync.words import QT_TRANSLATE_NOOP, Message, say

NOT_NULL, TOO_LONG, UNIQUE, FOREIGN_KEY, CHECK, TYPE, OUT_OF_RANGE, OTHER = (
    "not_null",
    "too_long",
    "unique",
    "foreign_key",
    "check",
    "type",
    "out_of_range",
    "other",
)


@dataclass(frozen=True)
class Rejection:
    """A rejected write, as far as the database's words tell."""

    rule: str  # one of the names above
    column: str | None = None
    constraint: str | None = None
    value: str | None = None  # the value as the database quoted it
    kind: str | None = None  # for TYPE: the type the database wanted (numeric, date …)
    limit: int | None = None  # for TOO_LONG: the most characters the column takes
    expression: str | None = None  # for CHECK: the expression, when the message has it
    said: str = ""  # the database's first line


def rejection_of(exc: BaseException) -> Rejection:
    """The rule a failed write broke, from the driver's error (`exc` or the one it wraps)."""
    orig: Any = getattr(exc, "orig", None) or exc
    said = (str(orig).strip().splitlines() or [orig.__class__.__name__])[0]
    diag = getattr(orig, "diag", None)
    sqlstate = getattr(orig, "sqlstate", None)
    if diag is not None and sqlstate:
        return _postgresql(sqlstate, diag, said)
    args: tuple[Any, ...] = tuple(getattr(orig, "args", ()))
    if len(args) >= 2 and isinstance(args[0], int) and not isinstance(args[0], bool):
        return _mysql(args[0], str(args[1]), said)
    return _sqlite(said)


# -- SQLite ------------------------------------------------------------------------------------


def _sqlite(said: str) -> Rejection:
    found = re.match(r"(NOT NULL|UNIQUE) constraint failed: (.+)", said)
    if found:
        rule = NOT_NULL if found.group(1) == "NOT NULL" else UNIQUE
        columns = [c.strip().rpartition(".")[2] for c in found.group(2).split(",")]
        return Rejection(rule, column=columns[0], said=said)
    if said.startswith("FOREIGN KEY constraint failed"):
        return Rejection(FOREIGN_KEY, said=said)
    found = re.match(r"CHECK constraint failed: (.+)", said)
    if found:
        named = found.group(1).strip()
        if re.fullmatch(r"\w+", named):
            return Rejection(CHECK, constraint=named, said=said)
        return Rejection(CHECK, expression=named, said=said)
    found = re.match(r"cannot store (\w+) value in (\w+) column [\w\"]+\.(\w+)", said)
    if found:  # a STRICT table
        return Rejection(TYPE, column=found.group(3), kind=found.group(2).lower(), said=said)
    return _driver_side(said)


def _driver_side(said: str) -> Rejection:
    """A value the driver itself could not bind (before the database saw it)."""
    found = re.search(r"SQLite (\w+) type only accepts", said)
    if found:
        return Rejection(TYPE, kind=found.group(1).lower(), said=said)
    if re.search(r"invalid literal for int|could not convert string to float|decimal", said, re.I):
        return Rejection(TYPE, kind="numeric", said=said)
    return Rejection(OTHER, said=said)


# -- PostgreSQL --------------------------------------------------------------------------------

_PG_TYPE = re.compile(r'invalid input (?:syntax|value) for (?:type )?([\w ]+?)(?:\(\d+\))?: "(.*)"')


def _postgresql(sqlstate: str, diag: Any, said: str) -> Rejection:
    column = getattr(diag, "column_name", None)
    constraint = getattr(diag, "constraint_name", None)
    detail = getattr(diag, "message_detail", None) or ""
    key = re.match(r"Key \(([^)]+)\)=\((.*)\)", detail)
    key_column, key_value = (key.group(1), key.group(2)) if key else (None, None)
    if sqlstate == "23502":
        return Rejection(NOT_NULL, column=column, said=said)
    if sqlstate == "23505":
        return Rejection(UNIQUE, key_column, constraint, key_value, said=said)
    if sqlstate == "23503":
        return Rejection(FOREIGN_KEY, key_column, constraint, key_value, said=said)
    if sqlstate == "23514":
        return Rejection(CHECK, column, constraint, said=said)
    if sqlstate == "22001":
        found = re.search(r"\((\d+)\)", said)
        return Rejection(TOO_LONG, column, limit=int(found.group(1)) if found else None, said=said)
    if sqlstate == "22003":
        return Rejection(OUT_OF_RANGE, column, said=said)
    if sqlstate.startswith("22"):
        found = _PG_TYPE.search(said)
        if found:
            return Rejection(
                TYPE, column, value=found.group(2), kind=found.group(1).strip(), said=said
            )
        found = re.search(r'date/time field value out of range: "(.*)"', said)
        return Rejection(
            TYPE, column, value=found.group(1) if found else None, kind="timestamp", said=said
        )
    if sqlstate == "42804":
        found = re.search(r'column "(\w+)" is of type ([\w ]+?)(?:\(\d+\))? but', said)
        if found:
            return Rejection(TYPE, found.group(1), kind=found.group(2), said=said)
    return Rejection(OTHER, column, constraint, said=said)


# -- MariaDB and MySQL -------------------------------------------------------------------------

_QUOTED = r"[`'\"]"


def _last_name(quoted: str) -> str:
    """`db`.`table`.`column` or 'column' -> column."""
    return re.split(r"[`'\"]?\.[`'\"]?", quoted.strip("`'\""))[-1].strip("`'\"")


def _mysql(code: int, message: str, said: str) -> Rejection:
    column = re.search(rf"column ({_QUOTED}?[\w`'\".]+{_QUOTED}?)", message, re.I)
    name = _last_name(column.group(1)) if column else None
    if code in (1048, 1364):
        found = re.search(rf"(?:Column|Field) {_QUOTED}(\w+){_QUOTED}", message)
        return Rejection(NOT_NULL, column=found.group(1) if found else name, said=said)
    if code == 1062:
        found = re.search(rf"Duplicate entry '(.*)' for key {_QUOTED}([\w.]+){_QUOTED}", message)
        if found:
            key = found.group(2).rpartition(".")[2]
            return Rejection(UNIQUE, constraint=key, value=found.group(1), said=said)
        return Rejection(UNIQUE, said=said)
    if code == 1406:
        return Rejection(TOO_LONG, column=name, said=said)
    if code in (1451, 1452, 1216, 1217):
        found = re.search(r"CONSTRAINT `(\w+)` FOREIGN KEY \(`(\w+)`\)", message)
        if found:
            return Rejection(FOREIGN_KEY, found.group(2), found.group(1), said=said)
        return Rejection(FOREIGN_KEY, said=said)
    if code in (3819, 4025):
        found = re.search(rf"(?:Check constraint|CONSTRAINT) {_QUOTED}(\w+){_QUOTED}", message)
        return Rejection(CHECK, constraint=found.group(1) if found else None, said=said)
    if code in (1366, 1292, 1265, 1367):
        found = re.search(r"Incorrect (\w+) value: '(.*?)'", message)
        if found:
            return Rejection(
                TYPE, name, value=found.group(2), kind=found.group(1).lower(), said=said
            )
        return Rejection(TYPE, name, said=said)
    if code == 1264:
        return Rejection(OUT_OF_RANGE, name, said=said)
    return Rejection(OTHER, name, said=said)


# -- check constraints -------------------------------------------------------------------------


def check_expression(conn: Connection, table: str, constraint: str) -> str | None:
    """The expression of `table`'s check constraint `constraint`, read from the database
    (PostgreSQL's `pg_get_constraintdef`, the table's own SQL elsewhere); None when unknown."""
    try:
        if conn.dialect.name == "postgresql":
            found = conn.scalar(
                text(
                    "SELECT pg_get_constraintdef(c.oid) FROM pg_constraint c "
                    "JOIN pg_class t ON t.oid = c.conrelid "
                    "WHERE c.conname = :name AND t.relname = :table AND c.contype = 'c'"
                ),
                {"name": constraint, "table": table},
            )
            return _unwrap(re.sub(r"^CHECK\s*", "", found)) if found else None
        for check in inspect(conn).get_check_constraints(table):
            if check.get("name") == constraint:
                return _unwrap(str(check.get("sqltext") or "")) or None
    except SQLAlchemyError:
        return None
    return None


def _unwrap(expression: str) -> str:
    """Without PostgreSQL's casts and the parentheses around the whole."""
    expression = re.sub(r"::[a-z ]+(?:\(\d+(?:,\d+)?\))?", "", expression.strip())
    expression = re.sub(r"\((-?[\d.]+|'[^']*')\)", r"\1", expression)
    while expression.startswith("(") and _closes_at_end(expression):
        expression = expression[1:-1].strip()
    return expression.replace("`", "").replace('"', "")


def _closes_at_end(expression: str) -> bool:
    depth = 0
    for i, char in enumerate(expression):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth == 0:
            return i == len(expression) - 1
    return False


@dataclass(frozen=True)
class Requirement:
    """What a check expression on one column asks, as a comparison or a list."""

    column: str | None
    operator: str  # >=, >, <=, <, =, <>, in, between, length<=, other
    values: tuple[str, ...] = ()


def requirement(expression: str) -> Requirement:
    """`price >= 0` -> Requirement('price', '>=', ('0',)); anything else: operator 'other'."""
    e = expression.strip()
    found = re.fullmatch(r"(-?[\d.]+)\s*(<=|<)\s*([A-Za-z_]\w*)", e)
    if found:
        return Requirement(
            found.group(3), ">=" if found.group(2) == "<=" else ">", (found.group(1),)
        )
    found = re.fullmatch(r"([A-Za-z_]\w*)\s*(>=|<=|<>|!=|>|<|=)\s*'?(-?[\w.]*)'?", e)
    if found:
        operator = "<>" if found.group(2) == "!=" else found.group(2)
        return Requirement(found.group(1), operator, (found.group(3),))
    found = re.fullmatch(r"(\w+)\s+IN\s*\((.*)\)", e, re.I)
    if found:
        values = tuple(v.strip().strip("'") for v in found.group(2).split(","))
        return Requirement(found.group(1), "in", values)
    found = re.fullmatch(r"(\w+)\s*=\s*ANY\s*\(ARRAY\[(.*)\]\)", e, re.I)
    if found:
        values = tuple(v.strip().strip("'") for v in found.group(2).split(","))
        return Requirement(found.group(1), "in", values)
    found = re.fullmatch(r"(\w+)\s+BETWEEN\s+'?(-?[\w.]+)'?\s+AND\s+'?(-?[\w.]+)'?", e, re.I)
    if found:
        return Requirement(found.group(1), "between", (found.group(2), found.group(3)))
    found = re.fullmatch(
        r"(\w+)\s*>=\s*'?(-?[\w.]+)'?\s+AND\s+\(?(\w+)\s*<=\s*'?(-?[\w.]+)'?\)?", e, re.I
    )
    if found and found.group(1) == found.group(3):
        return Requirement(found.group(1), "between", (found.group(2), found.group(4)))
    found = re.fullmatch(r"(?:char_)?length\((\w+)\)\s*(<=|<)\s*(\d+)", e, re.I)
    if found:
        limit = int(found.group(3)) - (1 if found.group(2) == "<" else 0)
        return Requirement(found.group(1), "length<=", (str(limit),))
    words = re.findall(r"[A-Za-z_]\w*", e)
    columns = [w for w in words if w.upper() not in _SQL_WORDS]
    return Requirement(columns[0] if len(set(columns)) == 1 else None, "other", (e,))


_SQL_WORDS = {"AND", "OR", "NOT", "NULL", "IS", "IN", "LIKE", "BETWEEN", "TRUE", "FALSE"}


def requirement_words(wanted: Requirement) -> Message:
    """What a check expression requires, in words ("must be 0 or more")."""
    values = wanted.values
    first = values[0] if values else ""
    by_operator = {
        ">=": QT_TRANSLATE_NOOP("Messages", "must be {n} or more"),
        ">": QT_TRANSLATE_NOOP("Messages", "must be more than {n}"),
        "<=": QT_TRANSLATE_NOOP("Messages", "must be {n} or less"),
        "<": QT_TRANSLATE_NOOP("Messages", "must be less than {n}"),
        "=": QT_TRANSLATE_NOOP("Messages", "must be {n}"),
        "length<=": QT_TRANSLATE_NOOP("Messages", "must be at most {n} characters long"),
    }
    if wanted.operator in by_operator:
        return say(by_operator[wanted.operator], n=first)
    if wanted.operator == "<>":
        if first == "":
            return say(QT_TRANSLATE_NOOP("Messages", "must not be empty"))
        return say(QT_TRANSLATE_NOOP("Messages", "must not be {n}"), n=first)
    if wanted.operator == "in":
        return say(
            QT_TRANSLATE_NOOP("Messages", "must be one of {values}"), values=", ".join(values)
        )
    if wanted.operator == "between":
        return say(
            QT_TRANSLATE_NOOP("Messages", "must be from {low} to {high}"), low=first, high=values[1]
        )
    return say(QT_TRANSLATE_NOOP("Messages", "must meet the rule {rule}"), rule=first)


def constraint_columns(table: Any, constraint: str) -> list[str]:
    """The columns of a reflected constraint or index named `constraint`."""
    for c in table.constraints:
        if c.name == constraint and hasattr(c, "columns"):
            return [col.name for col in c.columns]
    for index in table.indexes:
        if index.name == constraint:
            return [col.name for col in index.columns]
    if constraint.upper() == "PRIMARY":
        return [col.name for col in table.primary_key.columns]
    return []


def missing_reference(conn: Connection, table: Any, values: dict[str, Any]) -> str | None:
    """The column whose value names no row of the table its foreign key refers to (SQLite
    does not say which one failed)."""
    for fk in table.foreign_key_constraints:
        if len(fk.elements) != 1:
            continue
        (element,) = fk.elements
        column = element.parent.name
        value = values.get(column)
        if value is None:
            continue
        query = select(element.column).where(element.column == value).limit(1)
        try:
            found = read_apart(conn, functools.partial(_first, conn, query))
        except SQLAlchemyError:
            return None
        if found is None:
            return column
    return None


def read_apart(conn: Connection, work: Callable[[], Any]) -> Any:
    """`work` in a transaction of its own (the failed write's was rolled back)."""
    if conn.in_transaction():
        conn.rollback()
    with conn.begin():
        return work()


__all__ = [
    "CHECK",
    "FOREIGN_KEY",
    "NOT_NULL",
    "OTHER",
    "OUT_OF_RANGE",
    "TOO_LONG",
    "TYPE",
    "UNIQUE",
    "Rejection",
    "Requirement",
    "check_expression",
    "constraint_columns",
    "missing_reference",
    "read_apart",
    "requirement_words",
    "rejection_of",
    "requirement",
]


def _first(conn: Connection, query: Any) -> Any:
    return conn.execute(query).first()
