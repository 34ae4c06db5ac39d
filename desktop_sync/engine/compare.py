"""Three-way comparison of one coupled pair: last synchronized values, ERP now, CRM now.

Pure functions over plain values, so every rule can be tested without a database.
A side counts as changed when one of its mapped values that may flow out of it differs
from the base; a change to unmapped columns alone moves the last-modified stamp but is
not a change here, so it never makes a conflict.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from desktop_sync.apps.values import canonical, same
from desktop_sync.config import FieldMapping, TableMapping
from desktop_sync.domain import Side, UpdateConflict

MISSING = object()


@dataclass
class Comparison:
    """What one pair needs: values to write into each side, or the fields in conflict."""

    writes: dict[Side, dict[str, Any]] = field(default_factory=lambda: {Side.ERP: {}, Side.CRM: {}})
    changed: dict[Side, list[str]] = field(default_factory=lambda: {Side.ERP: [], Side.CRM: []})
    conflicts: list[str] = field(default_factory=list)
    base: dict[str, Any] = field(default_factory=dict)  # the base once the writes have landed

    @property
    def in_conflict(self) -> bool:
        return bool(self.conflicts)


def compare(
    mapping: TableMapping,
    base: dict[str, Any] | None,
    erp: dict[str, Any],
    crm: dict[str, Any],
    policy: UpdateConflict | None = None,
) -> Comparison:
    """Decide, field by field, which value each side should get.

    `erp` and `crm` are field values (see `Planner.field_values`). With no base (a pair
    coupled by hand)
    every differing field counts as changed on both sides.
    """
    policy = policy or mapping.update_conflict
    result = Comparison()
    differing: list[FieldMapping] = []
    for f in mapping.value_fields:
        e, c = erp[f.name], crm[f.name]
        b = (base or {}).get(f.name, MISSING)
        if b is MISSING and (_empty(e) or _empty(c)):
            # No last synchronized value (a field new to the mapping, a pair just coupled):
            # an empty side did not change, so the other side's value is taken.
            b = e if _empty(e) else c
        if same(e, c):
            result.base[f.name] = canonical(e)
            continue
        differing.append(f)
        erp_moved = b is MISSING or not same(e, b)
        crm_moved = b is MISSING or not same(c, b)
        if erp_moved and f.flows_from(Side.ERP) and (not crm_moved or not f.flows_from(Side.CRM)):
            result.changed[Side.ERP].append(f.name)
        elif crm_moved and f.flows_from(Side.CRM) and (not erp_moved or not f.flows_from(Side.ERP)):
            result.changed[Side.CRM].append(f.name)
        elif erp_moved and crm_moved:
            result.conflicts.append(f.name)
        if b is not MISSING:
            result.base[f.name] = b
    both_changed = bool(result.conflicts) or (result.changed[Side.ERP] and result.changed[Side.CRM])
    if both_changed:
        _resolve(mapping, policy, result, erp, crm, differing)
    else:
        _take_changes(mapping, result, erp, crm)
    return result


def _empty(value: Any) -> bool:
    return value is None or value == ""


def _take_changes(
    mapping: TableMapping, result: Comparison, erp: dict[str, Any], crm: dict[str, Any]
) -> None:
    values = {Side.ERP: erp, Side.CRM: crm}
    by_name = {f.name: f for f in mapping.value_fields}
    for source in Side:
        for name in result.changed[source]:
            value = values[source][name]
            result.writes[source.other][by_name[name].paired(source.other)] = value
            result.base[name] = canonical(value)


def _resolve(
    mapping: TableMapping,
    policy: UpdateConflict,
    result: Comparison,
    erp: dict[str, Any],
    crm: dict[str, Any],
    differing: list[FieldMapping],
) -> None:
    """Both sides changed: apply the mapping's conflict policy; leave `conflicts` set for manual."""
    if policy is UpdateConflict.MANUAL:
        result.conflicts = result.conflicts or [n for s in Side for n in result.changed[s]]
        return
    if policy is UpdateConflict.MERGE:
        if not result.conflicts:
            _take_changes(mapping, result, erp, crm)
        return
    winner = Side.ERP if policy is UpdateConflict.ERP_WINS else Side.CRM
    apply_choice(mapping, result, erp, crm, {f.name: winner for f in differing})


def apply_choice(
    mapping: TableMapping,
    result: Comparison,
    erp: dict[str, Any],
    crm: dict[str, Any],
    winners: dict[str, Side],
) -> None:
    """Fill `result` from a winning side per field; a field that cannot flow from its winner keeps
    the value of the side it may flow from."""
    values = {Side.ERP: erp, Side.CRM: crm}
    result.conflicts = []
    result.writes = {Side.ERP: {}, Side.CRM: {}}
    for f in mapping.value_fields:
        winner = winners.get(f.name)
        if winner is None or same(erp[f.name], crm[f.name]):
            continue
        if not f.flows_from(winner):
            winner = winner.other
        value = values[winner][f.name]
        result.writes[winner.other][f.paired(winner.other)] = value
        result.base[f.name] = canonical(value)


def choose(
    mapping: TableMapping,
    base: dict[str, Any] | None,
    erp: dict[str, Any],
    crm: dict[str, Any],
    winners: dict[str, Side],
) -> Comparison:
    """A comparison settled by a choice of winning side per field (a person's, or a policy's)."""
    result = Comparison()
    for f in mapping.value_fields:
        if same(erp[f.name], crm[f.name]):
            result.base[f.name] = canonical(erp[f.name])
        elif base and f.name in base:
            result.base[f.name] = base[f.name]
    apply_choice(mapping, result, erp, crm, winners)
    return result
