"""Both versions of an error's record beside the last synchronized values, for the Synchronize
dialog: per mapped field the value at the last synchronization, the ERP's and the CRM's now, which
side changed it, and which sides may win."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from desktop_sync.apps import Record
from desktop_sync.apps.values import same
from desktop_sync.config import TableMapping
from desktop_sync.domain import ErrorKind, Side
from desktop_sync.engine import MISSING, Planner, TranslationError
from desktop_sync.services.actions import ActionError
from desktop_sync.services.queries import ErrorRow
from desktop_sync.store.records import couplings_by_ids

if TYPE_CHECKING:
    from desktop_sync.services.service import Service


@dataclass(frozen=True)
class FieldDiff:
    """One mapped field of a coupled pair, for the Synchronize dialog."""

    name: str
    erp_column: str
    crm_column: str
    base: Any
    erp: Any
    crm: Any
    erp_changed: bool
    crm_changed: bool
    can_win: tuple[Side, ...]  # sides whose value may be written to the other side
    differs: bool = False  # by the engine's comparison (through lookups, value maps…)
    label: str = ""


@dataclass(frozen=True)
class RecordComparison:
    error: ErrorRow
    erp_exists: bool
    crm_exists: bool
    fields: tuple[FieldDiff, ...]


def compare(service: Service, error_id: int) -> RecordComparison:
    """Both versions of an error's record beside the last synchronized values."""
    error = service.error(error_id)
    if error is None:
        raise ActionError(f"Error {error_id} does not exist (any more).")
    mapping = service.config.mapping(error.mapping)
    with service.store.session() as session:
        coupling = (
            couplings_by_ids(session, [error.coupling_id]).get(error.coupling_id)
            if error.coupling_id
            else None
        )
    if coupling is None:
        raise ActionError(f"Error {error_id}: its coupling no longer exists.")
    with service.manual_context(mapping.name, "compare") as (ctx, planner):
        (item,) = service.read_items(ctx, [coupling])
        compared = {s: _compared_of(planner, s, item.records[s]) for s in Side}
    values = {s: _field_values(mapping, s, item.records[s]) for s in Side}
    erp_values, crm_values = values[Side.ERP], values[Side.CRM]
    erp_compared, crm_compared = compared[Side.ERP], compared[Side.CRM]
    base = coupling.base or {}
    diffs = []
    for f in mapping.value_fields:
        b = base.get(f.name, MISSING)
        e = erp_values[f.name] if erp_values is not None else None
        c = crm_values[f.name] if crm_values is not None else None
        ce = erp_compared[f.name] if erp_compared is not None else e
        cc = crm_compared[f.name] if crm_compared is not None else c
        diffs.append(
            FieldDiff(
                name=f.name,
                erp_column=f.paired(Side.ERP),
                crm_column=f.paired(Side.CRM),
                base=None if b is MISSING else b,
                erp=e,
                crm=c,
                erp_changed=erp_values is not None and (b is MISSING or not same(ce, b)),
                crm_changed=crm_values is not None and (b is MISSING or not same(cc, b)),
                can_win=tuple(s for s in Side if f.flows_from(s)),
                differs=not same(ce, cc),
                label=f.label or "",
            )
        )
    return RecordComparison(
        error,
        item.records[Side.ERP] is not None,
        item.records[Side.CRM] is not None,
        tuple(diffs),
    )


def _field_values(
    mapping: TableMapping, side: Side, record: Record | None
) -> dict[str, Any] | None:
    """A record's value of each mapped field by field name; None when the record is gone."""
    if record is None:
        return None
    return {f.name: record.values[f.paired(side)] for f in mapping.value_fields}


def _compared_of(planner: Planner, side: Side, record: Record | None) -> dict[str, Any] | None:
    """`_compared` of a record that may be gone."""
    return _compared(planner, side, record.values) if record is not None else None


def _compared(planner: Planner, side: Side, columns: dict[str, Any]) -> dict[str, Any] | None:
    """A record's values as the engine compares them; None when one has no counterpart (the
    dialog then compares them as they are)."""
    try:
        return planner.field_values(side, columns)
    except TranslationError:
        return None


def nothing_to_choose(
    error: ErrorRow, mapping: TableMapping | None = None, view: Any = None
) -> bool:
    """Whether Synchronize… has nothing to offer on a failed error: its record exists in one
    app only (a failed insert, or a record gone since), or, when both records are at hand
    (`view`, a `RecordView` of `mapping`), both apps hold the same values in every field."""
    if error.kind != ErrorKind.FAILED.value:
        return False
    if not (error.erp_exists and error.crm_exists and error.erp_key and error.crm_key):
        return True
    if view is None or mapping is None:
        return False
    if view.record is None or view.other is None:
        return True
    here, there = view.side, view.side.other
    return all(
        same(view.record.values.get(f.paired(here)), view.other.values.get(f.paired(there)))
        for f in mapping.value_fields
    )
