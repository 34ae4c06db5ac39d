"""Both versions of an error's record beside the last synchronized values, for the Synchronize
dialog: per mapped field the value at the last synchronization, the ERP's and the CRM's now, which
side changed it, and which sides may win."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from desktop_sync.apps.values import same
from desktop_sync.domain import Side
from desktop_sync.engine.compare import MISSING, field_values
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

    @property
    def differs(self) -> bool:
        return not same(self.erp, self.crm)


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
        )  # type: ignore[list-item]
    if coupling is None:
        raise ActionError(f"Error {error_id}: its coupling no longer exists.")
    with service.manual_context(mapping.name, "compare") as (ctx, _):
        (item,) = service.read_items(ctx, [coupling])
    values = {
        s: field_values(mapping, s, item.records[s].values) if item.records[s] else None
        for s in Side
    }
    base = coupling.base or {}
    diffs = []
    for f in mapping.value_fields:
        b = base.get(f.name, MISSING)
        e = values[Side.ERP][f.name] if values[Side.ERP] else None
        c = values[Side.CRM][f.name] if values[Side.CRM] else None
        diffs.append(
            FieldDiff(
                name=f.name,
                erp_column=f.erp,
                crm_column=f.crm,  # type: ignore[arg-type]
                base=None if b is MISSING else b,
                erp=e,
                crm=c,
                erp_changed=values[Side.ERP] is not None and (b is MISSING or not same(e, b)),
                crm_changed=values[Side.CRM] is not None and (b is MISSING or not same(c, b)),
                can_win=tuple(s for s in Side if f.flows_from(s)),
            )
        )
    return RecordComparison(
        error,
        item.records[Side.ERP] is not None,
        item.records[Side.CRM] is not None,
        tuple(diffs),
    )
