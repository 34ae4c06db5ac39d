"""What `check` predicts: one `Finding` per way a mapping's writes would fail (an error) or do
something a person would not expect (a warning), and the `View` of one mapping the rules read.

A finding names its mapping, the side, and the field by its label (the column beside it when the
label differs) or the column no field maps, then says what happens and how to fix it, so the
command line and the window can show it as one line.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

from sqlalchemy import Column, Table, UniqueConstraint

from desktop_sync.config import Config, FieldMapping, TableMapping
from desktop_sync.domain import Side

Severity = Literal["error", "warning"]
ERROR: Severity = "error"
WARNING: Severity = "warning"


@dataclass(frozen=True)
class Finding:
    """One predicted failure (`error`) or surprise (`warning`) of one mapping."""

    severity: Severity
    mapping: str
    side: Side | None
    app: str  # the side's name ("Dynamics 365 Sales"); "" without a side
    subject: str  # "field 'created on' (createdon)", "column 'createdon'", "table 'account'"
    message: str
    fix: str = ""
    column: str | None = None
    label: str | None = None  # the field's label, when it has one

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    @property
    def where(self) -> str:
        place = f"{self.app} {self.subject}".strip()
        return f"mapping {self.mapping}, {place}" if place else f"mapping {self.mapping}"

    def __str__(self) -> str:
        fix = f"; {self.fix}" if self.fix else ""
        return f"{self.severity}: {self.where}: {self.message}{fix}"


def in_order(findings: list[Finding]) -> list[Finding]:
    """Errors first, then warnings, each in the order they were found."""
    return [f for f in findings if f.is_error] + [f for f in findings if not f.is_error]


@dataclass
class View:
    """One mapping as both apps' databases have it: the reflected tables (None when missing)."""

    config: Config
    mapping: TableMapping
    tables: dict[Side, Table | None]
    related: dict[tuple[str, Side], Table | None] = field(default_factory=dict)  # for lookups
    unique: dict[Side, set[str]] = field(default_factory=dict)  # columns unique on their own
    found: list[Finding] = field(default_factory=list)

    def app(self, side: Side) -> str:
        return self.config.side_name(side)

    def column(self, side: Side, name: str | None) -> Column[Any] | None:
        table = self.tables[side]
        if table is None or name is None or name not in table.c:
            return None
        return table.c[name]

    def flows(self, f: FieldMapping) -> Iterator[tuple[Side, Column[Any], Column[Any]]]:
        """(destination, source column, destination column) for each way `f` copies values,
        where both columns exist."""
        for destination in Side:
            source = destination.other
            src = self.column(source, f.column(source))
            dst = self.column(destination, f.column(destination))
            if f.flows_from(source) and src is not None and dst is not None:
                yield destination, src, dst

    def field_of(self, side: Side, column: str) -> FieldMapping | None:
        for f in self.mapping.fields:
            if f.column(side) == column:
                return f
        return None

    def add(
        self,
        severity: Severity,
        side: Side | None,
        message: str,
        fix: str = "",
        column: str | None = None,
        subject: str | None = None,
    ) -> None:
        """A finding about `column` of `side` (named by its field's label when a field maps
        it), or about `subject` ("table 'account'")."""
        label = None
        if subject is None and side is not None and column is not None:
            f = self.field_of(side, column)
            label = f.label if f is not None else None
            if f is None:
                subject = f"column {column!r}"
            elif label and label != column:
                subject = f"field {label!r} ({column})"
            else:
                subject = f"field {column!r}"
        self.found.append(
            Finding(
                severity,
                self.mapping.name,
                side,
                self.app(side) if side is not None else "",
                subject or "",
                message,
                fix,
                column,
                label,
            )
        )


def unique_alone(table: Table, column: Column[Any]) -> bool:
    """Whether the schema keeps `column` unique on its own (primary key, constraint, index)."""
    alone = [column.name]
    if [c.name for c in table.primary_key.columns] == alone:
        return True
    constraints = [c for c in table.constraints if isinstance(c, UniqueConstraint)]
    if any([c.name for c in u.columns] == alone for u in constraints):
        return True
    return any(i.unique and [c.name for c in i.columns] == alone for i in table.indexes)
