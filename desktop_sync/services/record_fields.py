"""One record beside its coupled record, field by field, as the record window shows it: which way
each mapped field flows and whether the two values differ by the engine's own comparison, so the
window never compares app values itself."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from desktop_sync.apps.values import normalize_modified, same
from desktop_sync.config import TableMapping
from desktop_sync.domain import Side
from desktop_sync.services.record_view import RecordView


@dataclass(frozen=True)
class FieldLine:
    """One mapped field of a record and its coupled record."""

    name: str  # this side's column
    other_name: str  # the other side's column
    value: Any
    other: Any
    flows: str  # "both", "out" (this side → other), "in" (other → this side)
    differs: bool
    stamp: bool = False  # the last-modified line, not a mapped field


def field_lines(view: RecordView, mapping: TableMapping, side: Side) -> list[FieldLine]:
    """Every mapped field of the record on `side` beside the coupled record's, then the
    last-modified values of both."""
    this, other = side, side.other
    lines = []
    for f in mapping.value_fields:
        mine = view.record.values.get(f.paired(this)) if view.record else None
        theirs = view.other.values.get(f.paired(other)) if view.other else None
        flows = (
            "both"
            if f.flows_from(this) and f.flows_from(other)
            else "out"
            if f.flows_from(this)
            else "in"
        )
        differs = view.record is not None and view.other is not None and not same(mine, theirs)
        lines.append(FieldLine(f.paired(this), f.paired(other), mine, theirs, flows, differs))
    if mapping.modified(this) is None and mapping.modified(other) is None:
        return lines  # neither table keeps a last-modified value: compared by value
    lines.append(
        FieldLine(
            mapping.modified(this) or "—",
            mapping.modified(other) or "—",
            view.record.raw_modified if view.record else None,
            view.other.raw_modified if view.other else None,
            "",
            False,
            stamp=True,
        )
    )
    return lines


def modified_moment(raw: Any) -> datetime | None:
    """A last-modified value as a moment (naive UTC), None when empty; ValueError when the app
    keeps something that is not a timestamp (a counter, say)."""
    normalized = normalize_modified(raw)
    return datetime.fromisoformat(normalized) if normalized else None
