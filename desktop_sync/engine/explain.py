"""Failed records in a clerk's words: which record, which field (by its label, in the app where
it must be fixed), which value, what the other app requires, and what to do.

A write the database rejected (`rejected`) is taken apart by `apps.rejection` (NOT NULL, length,
unique, foreign key, check, type) and mapped back from the destination's column to the field,
its label and the source's value; a check constraint's expression is read from the database to
say what it requires. The engine's own failures (a value without a counterpart in a value map,
a related record not coupled, text that is not text, a value too long found before writing) are
worded here too. The database's own text stays in the error's detail.

    Unit Price -150.00 of item 9002 is not allowed in Dynamics 365 Sales (must be 0 or more).
    Correct it in Business Central, then Retry.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, String

from desktop_sync.apps import rejection as r
from desktop_sync.apps.connection import SideTable
from desktop_sync.config import Config, FieldMapping, TableMapping
from desktop_sync.domain import ErrorKind, Side
from desktop_sync.engine.explain_own import OwnFailures, shown_value
from desktop_sync.engine.items import Item, Problem
from desktop_sync.words import QT_TRANSLATE_NOOP, Message, say

TYPE_WORDS = {
    "number": QT_TRANSLATE_NOOP("Messages", "a number"),
    "whole": QT_TRANSLATE_NOOP("Messages", "a whole number"),
    "date": QT_TRANSLATE_NOOP("Messages", "a date"),
    "moment": QT_TRANSLATE_NOOP("Messages", "a date and time"),
    "time": QT_TRANSLATE_NOOP("Messages", "a time of day"),
    "flag": QT_TRANSLATE_NOOP("Messages", "true or false"),
    "uuid": QT_TRANSLATE_NOOP("Messages", "a UUID"),
}
_KINDS = {
    "whole": ("integer", "int", "smallint", "bigint", "tinyint", "mediumint"),
    "number": ("numeric", "decimal", "double", "double precision", "float", "real", "money"),
    "moment": ("timestamp", "timestamp without time zone", "timestamp with time zone", "datetime"),
    "date": ("date",),
    "time": ("time", "time without time zone"),
    "flag": ("boolean", "bool"),
    "uuid": ("uuid",),
}


@dataclass(frozen=True)
class _Subject:
    """The field a rejected column stands for, and where a person fixes its value."""

    label: str
    value: Any
    where: Message  # "in Business Central", or "in the configuration (mapping ITEM-PRODUCT)"
    mapped: bool  # a field fills the column (else the mapping writes nothing there)


class Explainer(OwnFailures):
    """Words for the failures of one mapping's records (the engine's own: `OwnFailures`)."""

    def __init__(self, config: Config, mapping: TableMapping, tables: dict[Side, SideTable]):
        self.config, self.mapping, self.tables = config, mapping, tables
        self._checks: dict[tuple[Side, str], str | None] = {}

    def rejected(
        self,
        conn: Connection,
        destination: Side,
        values: dict[str, Any],
        source_values: dict[str, Any] | None,
        source_key: str | None,
        exc: BaseException,
    ) -> Message:
        """Why `destination` rejected a write of `values` (a source record's, keyed
        `source_key`), from what the database said."""
        said = r.rejection_of(exc)
        source = destination.other
        record = self.record(source, source_key)
        column = self._column(conn, destination, values, said)
        if said.rule == r.CHECK:
            return self._check(conn, destination, values, source_values, record, said, column)
        if column is None:
            return self.other(destination, record, said.said)
        subject = self._subject(destination, column, values, source_values)
        common = {"field": subject.label, "record": record, "app": self.name(destination)}
        shown = {"value": shown_value(subject.value)}
        where = {"where": subject.where}
        if said.rule == r.NOT_NULL:
            if not subject.mapped:
                return self.unfilled(destination, column, record)
            return say(
                QT_TRANSLATE_NOOP(
                    "Messages",
                    "{field} of {record} is empty, but {app} requires a value. Enter it "
                    "{where}, then Retry.",
                ),
                **common,
                **where,
            )
        if said.rule == r.TOO_LONG:
            limit = said.limit or self.tables[destination].length(column)
            return self.too_long(destination, column, values, source_values, record, limit)
        if said.rule == r.UNIQUE:
            return say(
                QT_TRANSLATE_NOOP(
                    "Messages",
                    "{field} {value} of {record} is already used by another record in {app}, "
                    "where it must be unique. Change it {where} (or couple the two records "
                    "with Set Up Coupling), then Retry.",
                ),
                **common,
                **shown,
                **where,
            )
        if said.rule == r.FOREIGN_KEY:
            return say(
                QT_TRANSLATE_NOOP(
                    "Messages",
                    "{field} {value} of {record} names no record that exists in {app}. "
                    "Correct it {where} (or create that record in {app} first), then Retry.",
                ),
                **common,
                **shown,
                **where,
            )
        if said.rule == r.TYPE:
            return say(
                QT_TRANSLATE_NOOP(
                    "Messages",
                    "{field} {value} of {record} is not {kind}, which {app} requires there. "
                    "Correct it {where}, then Retry.",
                ),
                **common,
                **shown,
                **where,
                kind=self._kind(destination, column, said.kind),
            )
        if said.rule == r.OUT_OF_RANGE:
            return say(
                QT_TRANSLATE_NOOP(
                    "Messages",
                    "{field} {value} of {record} is too large for {app}. Correct it {where}, "
                    "then Retry.",
                ),
                **common,
                **shown,
                **where,
            )
        return self.other(destination, record, said.said)

    def other(self, destination: Side, record: str, said: str) -> Message:
        return say(
            QT_TRANSLATE_NOOP(
                "Messages",
                "{app} rejected {record}: {reason}. Correct the record in {source_app}, "
                "then Retry.",
            ),
            app=self.name(destination),
            record=record,
            reason=said,
            source_app=self.name(destination.other),
        )

    def unfilled(self, destination: Side, column: str, record: str) -> Message:
        return say(
            QT_TRANSLATE_NOOP(
                "Messages",
                "{app} requires a value in {column}, which mapping {mapping} does not fill, "
                "so {record} cannot be written there. Map a field or a value to {column} in "
                "the configuration (or give the column a default in {app}), then Retry.",
            ),
            app=self.name(destination),
            column=column,
            mapping=self.mapping.name,
            record=record,
        )

    def too_long_problem(
        self, item: Item, destination: Side, values: dict[str, Any], found: r.Rejection
    ) -> Problem:
        """The `Problem` of a value longer than `destination`'s column, found before writing."""
        source = item.records.get(destination.other)
        message = self.too_long(
            destination,
            found.column,  # type: ignore[arg-type]
            values,
            source.values if source is not None else None,
            self.record(destination.other, item.key(destination.other)),
            found.limit,
        )
        return Problem(ErrorKind.FAILED, message, found.said)

    def too_long(
        self,
        destination: Side,
        column: str,
        values: dict[str, Any],
        source_values: dict[str, Any] | None,
        record: str,
        limit: int | None,
    ) -> Message:
        """A value longer than `destination`'s column takes (found before writing, or told)."""
        subject = self._subject(destination, column, values, source_values)
        written = values.get(column)
        length = len(written) if isinstance(written, str) else len(str(subject.value or ""))
        common = {
            "field": subject.label,
            "record": record,
            "app": self.name(destination),
            "length": length,
            "where": subject.where,
        }
        if limit is None:
            return say(
                QT_TRANSLATE_NOOP(
                    "Messages",
                    "{field} of {record} is too long for {app} ({length} characters). "
                    "Shorten it {where}, then Retry.",
                ),
                **common,
            )
        return say(
            QT_TRANSLATE_NOOP(
                "Messages",
                "{field} of {record} is {length} characters long; {app} takes at most "
                "{limit}. Shorten it {where}, then Retry.",
            ),
            **common,
            limit=limit,
        )

    def _check(
        self,
        conn: Connection,
        destination: Side,
        values: dict[str, Any],
        source_values: dict[str, Any] | None,
        record: str,
        said: r.Rejection,
        column: str | None,
    ) -> Message:
        expression = said.expression
        if expression is None and said.constraint:
            expression = self._expression(conn, destination, said.constraint)
        wanted = r.requirement(expression) if expression else None
        if column is None and wanted is not None and wanted.column in values:
            column = wanted.column
        requirement = (
            r.requirement_words(wanted)
            if wanted is not None
            else say(
                QT_TRANSLATE_NOOP("Messages", "must meet its rule {rule}"),
                rule=said.constraint or "?",
            )
        )
        if column is None:
            return say(
                QT_TRANSLATE_NOOP(
                    "Messages",
                    "{record} is not allowed in {app} ({requirement}). Correct it in "
                    "{source_app}, then Retry.",
                ),
                record=record,
                app=self.name(destination),
                requirement=requirement,
                source_app=self.name(destination.other),
            )
        subject = self._subject(destination, column, values, source_values)
        return say(
            QT_TRANSLATE_NOOP(
                "Messages",
                "{field} {value} of {record} is not allowed in {app} ({requirement}). "
                "Correct it {where}, then Retry.",
            ),
            field=subject.label,
            value=shown_value(subject.value),
            record=record,
            app=self.name(destination),
            requirement=requirement,
            where=subject.where,
        )

    def _expression(self, conn: Connection, side: Side, constraint: str) -> str | None:
        found = (side, constraint)
        if found not in self._checks:
            table = self.tables[side].table.name
            self._checks[found] = r.read_apart(
                conn, lambda: r.check_expression(conn, table, constraint)
            )
        return self._checks[found]

    # -- which column -----------------------------------------------------------------------

    def _column(
        self, conn: Connection, side: Side, values: dict[str, Any], said: r.Rejection
    ) -> str | None:
        """The destination column the database named, or the one its words point to."""
        table = self.tables[side].table
        if said.column and said.column in table.c:
            return said.column
        if said.constraint:
            columns = r.constraint_columns(table, said.constraint)
            if len(columns) == 1:
                return columns[0]
        if said.value is not None:
            matching = [c for c, v in values.items() if v is not None and str(v) == said.value]
            if len(matching) == 1:
                return matching[0]
        if said.rule == r.FOREIGN_KEY:
            return r.missing_reference(conn, table, values)
        if said.rule == r.TOO_LONG:
            for column, value in values.items():
                limit = self.tables[side].length(column)
                if isinstance(value, str) and limit is not None and len(value) > limit:
                    return column
        if said.rule == r.TYPE:  # text where the column takes something else
            return next((c for c, v in values.items() if _misfit(table, c, v)), None)
        if said.rule == r.TYPE:  # text where the column takes something else
            return next((c for c, v in values.items() if _misfit(table, c, v)), None)
        if said.rule == r.OUT_OF_RANGE:
            return next((c for c, v in values.items() if _too_large(table, c, v)), None)
        return None

    def _subject(
        self,
        destination: Side,
        column: str,
        values: dict[str, Any],
        source_values: dict[str, Any] | None,
    ) -> _Subject:
        source = destination.other
        found: FieldMapping | None = next(
            (f for f in self.mapping.fields if f.column(destination) == column), None
        )
        in_source = say(QT_TRANSLATE_NOOP("Messages", "in {app}"), app=self.name(source))
        if found is None:
            return _Subject(column, values.get(column), in_source, False)
        source_column = found.column(source)
        if source_column is None:  # a constant or an expression the mapping writes
            where = say(
                QT_TRANSLATE_NOOP("Messages", "in the configuration (mapping {mapping})"),
                mapping=self.mapping.name,
            )
            return _Subject(found.label_on(destination), values.get(column), where, True)
        value = (source_values or {}).get(source_column, values.get(column))
        return _Subject(found.label_on(source), value, in_source, True)

    def _kind(self, side: Side, column: str, kind: str | None) -> Message:
        """What the column takes, in words: from the database's word, else the column's type."""
        name = (kind or "").lower()
        if not name:
            try:
                name = str(self.tables[side].table.c[column].type).lower().split("(")[0]
            except (KeyError, NotImplementedError):
                name = ""
        for words, names in _KINDS.items():
            if name in names:
                return say(TYPE_WORDS[words])
        if "int" in name:
            return say(TYPE_WORDS["whole"])
        if name.startswith(("num", "dec", "float", "double", "real")):
            return say(TYPE_WORDS["number"])
        if "time" in name:
            return say(TYPE_WORDS["moment"])
        return say(QT_TRANSLATE_NOOP("Messages", "a valid {kind} value"), kind=name or "?")


def _misfit(table: Any, column: str, value: Any) -> bool:
    """Whether text is written into a column that does not hold text."""
    kind = table.c[column].type if column in table.c else None
    return isinstance(value, str) and kind is not None and not isinstance(kind, String)


def _too_large(table: Any, column: str, value: Any) -> bool:
    """Whether a number has more digits before the point than its NUMERIC column holds."""
    kind = table.c[column].type if column in table.c else None
    precision, scale = getattr(kind, "precision", None), getattr(kind, "scale", None) or 0
    if precision is None or isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return False
    return abs(Decimal(str(value))) >= Decimal(10) ** (precision - scale)


__all__ = ["Explainer", "shown_value"]
