"""What the planner decides about and what it decides: an `Item` (a coupling and the records of
both sides as read now), a `Problem` (an error to file), and a `Plan` (what to write where, which
error to raise, what to log) — plain data that every step of a batch passes on."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from desktop_sync.apps.connection import Record
from desktop_sync.domain import Direction, ErrorKind, Outcome, Side
from desktop_sync.store.records import CouplingRow
from desktop_sync.words import Message


@dataclass
class Item:
    """One record to look at: its coupling (if any) and both sides' rows as read now."""

    coupling: CouplingRow | None
    records: dict[Side, Record | None]
    source: Side  # the side whose change brought this record in
    forced: bool = False  # a person asked for it, or a retry: look whatever the stamps say
    problem: Problem | None = None  # the other side's record cannot be read (fails alone)
    compare_values: bool = False  # compare the values even where the stamps say unchanged

    def key(self, side: Side) -> str | None:
        record = self.records.get(side)
        if record is not None:
            return record.key
        return self.coupling.key(side) if self.coupling else None

    def changed(self, side: Side) -> bool:
        """Whether `side`'s record may have changed since the last synchronization: its token
        differs from the one its coupling saw (earlier or later: clocks go back too)."""
        record = self.records.get(side)
        seen = self.coupling.seen(side) if self.coupling else None
        return record is not None and record.modified != seen


@dataclass
class Problem:
    """An error of one record: its kind, the message (words the window translates, or plain
    text) and the technical detail (the database's own text)."""

    kind: ErrorKind
    message: str | Message
    detail: str = ""
    fields: tuple[str, ...] = ()  # changed_in_both: the conflicting fields' names, sorted


@dataclass
class Plan:
    """What to do with one item. Writes are column -> value dicts of the destination side."""

    item: Item
    outcome: Outcome
    inserts: dict[Side, dict[str, Any]] = field(default_factory=dict)
    updates: dict[Side, dict[str, Any]] = field(default_factory=dict)
    delete: Side | None = None
    uncouple: bool = False
    couple_to: tuple[Side, str] | None = None  # couple an uncoupled record to this existing one
    problem: Problem | None = None
    base: dict[str, Any] | None = None
    message: str | Message = ""  # the log line's (words the window translates, or text)
    resolves_errors: bool = False  # a person's action: close the coupling's open errors
    # What its journal rows say besides the write (see `journal`): action, rule, comment…
    journal: dict[str, Any] = field(default_factory=dict)
    # filled while applying:
    new_keys: dict[Side, str] = field(default_factory=dict)
    failure: Problem | None = None
    not_landed: bool = False
    written: set[Side] = field(default_factory=set)  # the apps a write landed in

    def key(self, side: Side) -> str | None:
        if side in self.new_keys:
            return self.new_keys[side]
        if self.couple_to and self.couple_to[0] is side:
            return self.couple_to[1]
        return self.item.key(side)

    @property
    def direction(self) -> str | None:
        written = set(self.inserts) | {s for s, v in self.updates.items() if v}
        if self.delete:
            written.add(self.delete)
        if len(written) == 1:
            return Direction.towards(written.pop()).value
        return "both" if written else None
