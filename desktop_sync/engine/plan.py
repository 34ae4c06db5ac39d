"""Deciding what to do with each record of a batch: the synchronization rules as code.

`decide` turns an `Item` (a coupling and the records on both sides as read now) into a `Plan`:
plain data saying what to write where, which error to raise, and what to log. Nothing here
touches a database, so the rules read top to bottom and are tested one by one.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from desktop_sync.apps.connection import Record, SideTable
from desktop_sync.apps.values import canonical, same
from desktop_sync.config import Config, FieldMapping, TableMapping
from desktop_sync.domain import DeletionConflict, ErrorKind, Outcome, Side
from desktop_sync.engine import rule_words as words
from desktop_sync.engine.compare import Comparison, compare
from desktop_sync.engine.explain import Explainer
from desktop_sync.engine.items import Item, Plan, Problem
from desktop_sync.engine.translate import Lookups, Translator
from desktop_sync.words import Message


class _Carried:
    """The fields a record of one side carries to the other, split once into those copied as
    they are (name, source column, destination column) and those that translate."""

    def __init__(self, source: Side, fields_: list[FieldMapping]) -> None:
        self.plain = [
            (f.name, f.paired(source), f.paired(source.other)) for f in fields_ if not f.translates
        ]
        self.translated = [f for f in fields_ if f.translates]


class Planner:
    """The synchronization rules for one mapping."""

    def __init__(
        self,
        config: Config,
        mapping: TableMapping,
        tables: dict[Side, SideTable],
        lookups: Lookups | None = None,
        now: Callable[[Side], datetime] | None = None,
    ) -> None:
        self.config, self.mapping, self.tables = config, mapping, tables
        self.translator = Translator(config, mapping, lookups)
        self.explainer = Explainer(config, mapping, tables)
        self.now = now or (lambda side: datetime.now(UTC))
        # The fields each side's record carries to the other, worked out once: planning runs
        # for every record of a table.
        fields_ = mapping.value_fields
        self._flows = {s: _Carried(s, [f for f in fields_ if f.flows_from(s)]) for s in Side}
        self._every = {s: _Carried(s, list(fields_)) for s in Side}
        self._by_column = {s: {f.paired(s): f for f in fields_} for s in Side}
        self._limited = {s: self._lengths_to_check(s) for s in Side}
        self._one_sided = {
            (s, insert): mapping.written_to(s, insert) for s in Side for insert in (True, False)
        }

    def _lengths_to_check(self, destination: Side) -> list[str]:
        """The columns of `destination` whose length a write must check: all with a length
        but those filled from a column of the other app that is no longer (copied as is, from a
        database that keeps to its column lengths)."""
        source, table = destination.other, self.tables[destination]
        safe = set()
        # SQLite keeps text of any length whatever the column says: only a server's word counts.
        trusted = self.tables[source].app.engine.dialect.name != "sqlite"
        for f in self.mapping.value_fields if trusted else ():
            column = f.paired(destination)
            limit, given = table.length(column), self.tables[source].length(f.paired(source))
            if not f.translates and limit is not None and given is not None and given <= limit:
                safe.add(column)
        if table.key_type is str and (table.length(table.key.name) or 36) >= 36:
            safe.add(table.key.name)  # the engine's keys are UUIDs of 36 characters
        return [c for c in table.limited_columns if c not in safe]

    def field_values(self, side: Side, columns: dict[str, Any]) -> dict[str, Any]:
        """A record's mapped values by field name, as the rules compare them (see
        `translate`); raises TranslationError for a value without a counterpart."""
        return self.translator.field_values(side, columns)

    def written(self, destination: Side, insert: bool) -> dict[str, Any]:
        """The one-sided values an insert (or every write) puts into `destination`:
        constants, and `now`, `today` and `user` worked out now."""
        values = {}
        table = self.tables[destination]
        for f in self._one_sided[destination, insert]:
            column = f.paired(destination)  # a one-sided field's own column
            if f.expression == "user":
                value: Any = self.config.user
            elif f.expression in ("now", "today"):
                value = table.moment_value(column, self.now(destination), f.expression)
            else:
                value = f.constant
            values[column] = value
        return values

    def name(self, side: Side) -> str:
        return self.config.side_name(side)

    def decide(self, item: Item) -> Plan | None:
        """The plan for one item, or None when there is nothing to do (the engine's own echo)."""
        coupling = item.coupling
        if coupling is None:
            return self._new_record(item)
        if coupling.skipped:
            return Plan(item, Outcome.SKIPPED, message=words.SKIPPED)
        erp, crm = item.records[Side.ERP], item.records[Side.CRM]
        if coupling.erp_key is None or coupling.crm_key is None:
            return self._complete_half_coupling(item)
        if erp is None and crm is None:
            return Plan(item, Outcome.UNCOUPLED, uncouple=True, message=words.DELETED_IN_BOTH)
        if erp is None or crm is None:
            return self._deleted(item, Side.ERP if erp is None else Side.CRM)
        if not (item.forced or item.compare_values) and not any(item.changed(s) for s in Side):
            return None
        return self._coupled(item, erp, crm)

    # -- rule 1: new records ---------------------------------------------------------

    def _new_record(self, item: Item) -> Plan | None:
        source = item.source
        record = item.records[source]
        assert record is not None
        if self.mapping.sync_only_coupled:
            return self._ignored(item, words.ONLY_COUPLED)
        if not self.mapping.direction.allows(source):
            return self._ignored(item, words.direction_is(self.mapping.direction.value))
        excluded = self.excluded_by_filter(source, record)
        if excluded:
            return self._ignored(item, excluded)
        return self.insert_plan(item, source, Outcome.INSERTED)

    def _ignored(self, item: Item, why: Message) -> Plan | None:
        if not item.forced:
            return None
        return Plan(item, Outcome.UNCHANGED, message=words.not_synchronized(why))

    def excluded_by_filter(self, side: Side, record: Record) -> Message | None:
        for column, wanted in self.mapping.filter(side).items():
            value = record.values.get(column)
            allowed = wanted if isinstance(wanted, list) else [wanted]
            if not any(same(value, w) for w in allowed):
                return words.filter_excludes(self.name(side), column, wanted, value)
        return None

    def insert_plan(
        self, item: Item, source: Side, outcome: Outcome, restoring: bool = False
    ) -> Plan:
        """Create `source`'s record on the other side (a new record, or one restored there).

        A restored record (`restoring`, or outcome RESTORED) gets every mapped field, whatever
        the field's direction: it is the deleted record coming back, and the other side holds
        its last synchronized values.
        """
        record = item.records[source]
        assert record is not None
        destination = source.other
        table = self.tables[destination]
        restoring = restoring or outcome is Outcome.RESTORED
        carried = self._every[source] if restoring else self._flows[source]
        columns = record.values
        values = {dst: columns[src] for _, src, dst in carried.plain}
        base = {name: canonical(columns[src]) for name, src, _ in carried.plain}
        to_side, project = self.translator.to_side, self.translator.project
        for f in carried.translated:
            value = columns[f.paired(source)]
            values[f.paired(destination)] = to_side(f, value, destination)
            base[f.name] = canonical(project(f, source, value))
        values = table.fit(values | self.written(destination, insert=True))
        plan = Plan(item, outcome, inserts={destination: values}, base=base)
        try:
            key = table.new_key()
        except Exception as exc:  # noqa: BLE001 - an AppError saying why no key can be made
            plan.inserts = {}
            plan.problem = Problem(ErrorKind.FAILED, getattr(exc, "words", None) or str(exc))
            return plan
        if key is not None:
            values[table.key.name] = key
        too_long = table.problems(values, self._limited[destination])
        if too_long:
            plan.inserts = {}
            plan.problem = self.explainer.too_long_problem(item, destination, values, too_long)
        return plan

    def _complete_half_coupling(self, item: Item) -> Plan | None:
        """A coupling whose insert failed or was interrupted: insert again from the side it has."""
        coupling = item.coupling
        assert coupling is not None
        source = Side.ERP if coupling.erp_key is not None else Side.CRM
        if item.records[source] is None:
            return Plan(
                item,
                Outcome.UNCOUPLED,
                uncouple=True,
                message=words.deleted_before_synchronized(self.name(source)),
            )
        return self.insert_plan(item, source, Outcome.INSERTED)

    # -- rule 4: deleted on one side -------------------------------------------------

    def _deleted(self, item: Item, deleted: Side) -> Plan:
        remaining = deleted.other
        policy = self.mapping.deletion_conflict
        changed = item.changed(remaining)
        if policy is DeletionConflict.RESTORE and self.mapping.direction.allows(remaining):
            return self.insert_plan(item, remaining, Outcome.RESTORED)
        if (
            policy is DeletionConflict.DELETE
            and self.mapping.direction.allows(deleted)
            and not changed
        ):
            return Plan(
                item,
                Outcome.DELETED,
                delete=remaining,
                uncouple=True,
                message=words.deleted_there_too(self.name(deleted), self.name(remaining)),
            )
        if policy is DeletionConflict.REMOVE_COUPLING:
            return Plan(
                item,
                Outcome.UNCOUPLED,
                uncouple=True,
                message=words.deleted_coupling_removed(self.name(deleted)),
            )
        return Plan(item, Outcome.SKIPPED, problem=self.deleted_problem(item, deleted, changed))

    def deleted_problem(self, item: Item, deleted: Side, changed: bool = False) -> Problem:
        names = {side: self.name(side) for side in Side}
        keys = {side: item.key(side) for side in Side}
        return Problem(
            ErrorKind.deleted_in(deleted),
            words.deleted(names, keys, deleted, changed),
            "Restore it, delete the other record, or remove the coupling.",
        )

    # -- rules 2 and 3: changed on one side or both ------------------------------------

    def _coupled(self, item: Item, erp: Record, crm: Record) -> Plan:
        base = item.coupling.base if item.coupling else None
        result = compare(
            self.mapping,
            base,
            self.field_values(Side.ERP, erp.values),
            self.field_values(Side.CRM, crm.values),
        )
        if result.in_conflict:
            return Plan(
                item, Outcome.SKIPPED, problem=self.conflict_problem(item, result), base=base
            )
        return self.write_plan(item, result, Outcome.MODIFIED)

    def write_plan(self, item: Item, result: Comparison, outcome: Outcome) -> Plan:
        """Writes of a settled comparison; constants go with every write to their side."""
        updates = {
            side: self._from_space(side, values) for side, values in result.writes.items() if values
        }
        for side in updates:
            updates[side] = self.tables[side].fit(updates[side] | self.written(side, False))
        if not updates and outcome is Outcome.MODIFIED:
            outcome = Outcome.UNCHANGED
        plan = Plan(item, outcome, updates=updates, base=result.base)
        for side, values in updates.items():
            too_long = self.tables[side].problems(values)
            if too_long:
                plan.updates = {}
                plan.problem = self.explainer.too_long_problem(item, side, values, too_long)
                break
        return plan

    def _from_space(self, side: Side, writes: dict[str, Any]) -> dict[str, Any]:
        """Values a comparison decided to write into `side`, as `side` keeps them."""
        fields_ = self._by_column[side]
        from_space = self.translator.from_space
        return {column: from_space(fields_[column], v, side) for column, v in writes.items()}

    def conflict_problem(self, item: Item, result: Comparison) -> Problem:
        by_name = {f.name: f for f in self.mapping.value_fields}
        base = (item.coupling.base if item.coupling else None) or {}
        names = {side: self.name(side) for side in Side}
        fields_ = [by_name[n] for n in result.conflicts]
        return Problem(
            ErrorKind.CHANGED_IN_BOTH,
            words.changed_in_both(
                names[Side.ERP], names[Side.CRM], [f.label_on(Side.ERP) for f in fields_]
            ),
            words.conflict_detail(names, item.records, base, fields_),
            tuple(sorted(result.conflicts)),
        )

    # -- rule 1 with match_on: couple to an equal existing record ----------------------

    def couple_plan(self, item: Item, destination_record: Record) -> Plan:
        """Couple a new record to an existing equal one.

        Nothing the mapping does not pair is written (a one-sided value is written on insert
        only, unless `on = "always"`). Paired fields follow the three-way rule without a base:
        where the two records differ, the field's direction decides, and a field both sides may
        write to is a conflict for the mapping's policy (`manual`: a person decides).
        """
        source = item.source
        destination = source.other
        item.records[destination] = destination_record
        erp, crm = item.records[Side.ERP], item.records[Side.CRM]
        result = compare(
            self.mapping,
            None,
            self.field_values(Side.ERP, erp.values),  # type: ignore[union-attr]
            self.field_values(Side.CRM, crm.values),  # type: ignore[union-attr]
        )
        if result.in_conflict:
            plan = Plan(item, Outcome.SKIPPED, problem=self.conflict_problem(item, result))
        else:
            plan = self.write_plan(item, result, Outcome.COUPLED)
            plan.message = words.coupled_to_equal(self.name(destination), destination_record.key)
        plan.couple_to = (destination, destination_record.key)
        return plan

    def matches(self, source: Side, record: Record, candidate: Record) -> bool:
        project = self.translator.project
        return all(
            same(
                project(f, source, record.values[f.paired(source)]),
                project(f, source.other, candidate.values[f.paired(source.other)]),
            )
            for f in self.mapping.match_fields()
        )
