"""Comparing every coupled pair by value, whatever the stamps say.

Two things need it. `sync --full` (Compare All Records in the window) repairs what stamps could
not show: an app that changed a row without stamping it, an edit committed later than the
look-back. And a mapping that gains a field, or turns one around, must fill that field for the
pairs coupled before: the store keeps the fields of each mapping's last job, and the next job
back-fills what changed. Both go through the same rules as any job (copy where one side changed,
`changed_in_both` where both hold different values under `manual`).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select

from desktop_sync.config import TableMapping
from desktop_sync.engine.batch import apply_plans
from desktop_sync.engine.context import read_items
from desktop_sync.engine.items import Plan
from desktop_sync.engine.scan import count_couplings, settled_pages
from desktop_sync.store import Store
from desktop_sync.store.models import Coupling, MappingState, utcnow

if TYPE_CHECKING:
    from desktop_sync.engine.run import JobRun


@dataclass
class Comparison:
    """How a comparison of all pairs went."""

    compared: int = 0
    differed: int = 0

    def text(self) -> str:
        pairs = "pair" if self.compared == 1 else "pairs"
        return f"{self.compared} coupled {pairs} compared by value, {self.differed} differed"


def field_directions(mapping: TableMapping) -> dict[str, str]:
    """Each paired field of the mapping with its direction: what a back-fill looks at."""
    return {f.name: f.direction.value for f in mapping.value_fields}


def new_fields(store: Store, mapping: TableMapping) -> list[str]:
    """Fields added to the mapping, or turned around, since its last job.

    A store that never kept the mapping's fields (made before it did) is asked one coupling's
    last synchronized values instead: a field missing there is new.
    """
    current = field_directions(mapping)
    with store.session() as session:
        state = session.get(MappingState, mapping.name)
        if state is not None:
            before = state.fields or {}
        else:
            base = session.scalar(
                select(Coupling.base)
                .where(Coupling.mapping == mapping.name, Coupling.base.is_not(None))
                .limit(1)
            )
            before = {name: current[name] for name in current if name in (base or current)}
    return [name for name, direction in current.items() if before.get(name) != direction]


def remember_fields(store: Store, mapping: TableMapping) -> None:
    fields = field_directions(mapping)
    fingerprint = hashlib.sha256(json.dumps(fields, sort_keys=True).encode()).hexdigest()
    with store.session() as session:
        state = session.get(MappingState, mapping.name)
        if state is None:
            session.add(MappingState(mapping=mapping.name, fingerprint=fingerprint, fields=fields))
        elif state.fingerprint != fingerprint:
            state.fingerprint, state.fields, state.updated_at = fingerprint, fields, utcnow()


def compare_all(run: JobRun, what: str) -> Comparison:
    """Compare every coupled pair of the run's mapping by value, a page at a time."""
    ctx = run.ctx
    assert ctx is not None
    summary = Comparison()
    total = count_couplings(ctx)
    run.report(0, total, what)
    for page in settled_pages(ctx, run.batch_size, run.cancel):
        items = read_items(ctx, page, forced=False)
        for item in items:
            item.compare_values = True
        plans = [p for p in map(run.decide, items) if p is not None and not _settled(p)]
        apply_plans(ctx, plans)
        summary.compared += len(page)
        summary.differed += sum(1 for p in plans if p.updates or p.problem or p.failure)
        run.report(summary.compared, total, what, renew=not plans)
    return summary


def _settled(plan: Plan) -> bool:
    """A pair found as its coupling remembers it: nothing to write, not even the coupling."""
    item, coupling = plan.item, plan.item.coupling
    if coupling is None or plan.updates or plan.problem or plan.delete or plan.uncouple:
        return False
    same_tokens = not any(item.changed(side) for side in item.records)
    return same_tokens and plan.base == coupling.base
