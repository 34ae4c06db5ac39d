"""Rules: saved per-field decisions that jobs apply to conflicts by themselves.

A job loads its mapping's rules once (`load_rules`): the configuration's `[[mapping.rule]]`
tables, less those switched off in the window, and the rules saved from the window (store table
`conflict_rule`). When a record changed in both apps and its conflicting fields are exactly a
rule's, `settle_by_rule` turns the conflict into the rule's writes: each conflicting field from
its winner, every field changed in one app only from that app. The plan's journal rows name the
rule, and the log line says so.
"""

from __future__ import annotations

from sqlalchemy import select

from desktop_sync.config import Rule, TableMapping
from desktop_sync.domain import ErrorKind, Outcome, Side, UpdateConflict
from desktop_sync.engine.compare import choose, compare
from desktop_sync.engine.items import Plan
from desktop_sync.engine.plan import Planner
from desktop_sync.store import Store
from desktop_sync.store.models import ConflictRule


def load_rules(store: Store, mapping: TableMapping) -> list[Rule]:
    """The rules a job of `mapping` applies: configured ones not switched off, then saved ones."""
    with store.session() as session:
        rows = session.execute(
            select(
                ConflictRule.name,
                ConflictRule.fields,
                ConflictRule.winners,
                ConflictRule.enabled,
                ConflictRule.source,
            ).where(ConflictRule.mapping == mapping.name)
        ).all()
    switched_off = {r.name for r in rows if r.source == "config" and not r.enabled}
    rules = [r for r in mapping.rules if r.name not in switched_off]
    for row in rows:
        if row.source == "store" and row.enabled:
            winners = {name: Side(side) for name, side in (row.winners or {}).items()}
            fields = frozenset(n for n in row.fields.split(",") if n)
            rules.append(Rule(row.name, fields, winners, True, "store"))
    return rules


def settle_by_rule(planner: Planner, rules: list[Rule], plan: Plan) -> Plan | None:
    """The plan of a rule whose fields are exactly `plan`'s conflicting fields; None when no
    rule matches (the conflict stays a person's)."""
    problem = plan.problem
    if problem is None or problem.kind is not ErrorKind.CHANGED_IN_BOTH or not problem.fields:
        return None
    conflicting = frozenset(problem.fields)
    rule = next((r for r in rules if r.enabled and r.fields == conflicting), None)
    item = plan.item
    erp, crm = item.records[Side.ERP], item.records[Side.CRM]
    if rule is None or erp is None or crm is None:
        return None
    mapping = planner.mapping
    base = item.coupling.base if item.coupling else None
    erp_values = planner.field_values(Side.ERP, erp.values)
    crm_values = planner.field_values(Side.CRM, crm.values)
    seen = compare(mapping, base, erp_values, crm_values, UpdateConflict.MANUAL)
    winners = {name: side for side in Side for name in seen.changed[side]}
    winners |= {name: side for name, side in rule.winners.items() if name in conflicting}
    ruled = planner.write_plan(
        item, choose(mapping, base, erp_values, crm_values, winners), Outcome.MODIFIED
    )
    if ruled.problem is not None:
        return ruled
    chosen = ", ".join(f"{n} from {planner.name(s)}" for n, s in sorted(rule.winners.items()))
    ruled.message = f"changed in both; settled by rule {rule.name!r}: {chosen}"
    ruled.journal = {"action": "rule", "rule": rule.name}
    return ruled
