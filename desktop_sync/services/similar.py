"""One decision for many errors: the errors like a given one, what a decision would leave in
both apps, and the decision applied to all of them in batches with progress and Cancel.

Errors are alike when they are open, of the same mapping and kind, and
- changed_in_both: their conflicting fields are the same set (`sync_error.conflict_fields`);
- deleted_in_erp / deleted_in_crm: always (the same decision suits them all);
- failed: their messages follow the same pattern — the message's template where the store keeps
  one, else the message with its values (quoted text, numbers, keys) replaced by placeholders.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from desktop_sync.apps.values import same
from desktop_sync.domain import Action, CancelToken, ErrorKind, Progress, Side
from desktop_sync.engine import choose
from desktop_sync.services.actions import ActionError, ActionResult
from desktop_sync.services.queries import ErrorRow
from desktop_sync.store.models import SyncError
from desktop_sync.store.records import couplings_by_ids

if TYPE_CHECKING:
    from desktop_sync.services.service import Service

BATCH = 500


@dataclass(frozen=True)
class Decision:
    """A person's decision for errors alike: the action, and for Synchronize whose version
    both apps get — one `winner` for every field, or a winner per field name (`fields`)."""

    action: Action = Action.SYNCHRONIZE
    winner: Side | None = None
    fields: dict[str, Side] = field(default_factory=dict, hash=False)

    def winners(self, names: list[str]) -> dict[str, Side]:
        chosen = dict.fromkeys(names, self.winner) if self.winner else {}
        return {n: s for n, s in (chosen | self.fields).items() if s is not None}


@dataclass(frozen=True)
class SimilarErrors:
    """The open errors alike `error` (itself first) and what makes them alike, in words."""

    error: ErrorRow
    ids: tuple[int, ...]
    alike: str
    fields: tuple[str, ...] = ()  # changed_in_both: the conflicting fields

    @property
    def count(self) -> int:
        return len(self.ids)


@dataclass(frozen=True)
class PreviewField:
    """One field of one record: both apps now, and both after the decision."""

    name: str
    label: str
    erp: Any
    crm: Any
    erp_after: Any
    crm_after: Any

    @property
    def changes(self) -> bool:
        return not (same(self.erp, self.erp_after) and same(self.crm, self.crm_after))


@dataclass(frozen=True)
class PreviewRow:
    error_id: int
    erp_key: str | None
    crm_key: str | None
    fields: tuple[PreviewField, ...]
    note: str = ""  # what happens to the record as a whole ("recreated in the CRM")


@dataclass
class BulkResult:
    """What a decision applied to many errors did; `cancelled` when Cancel stopped it (what was
    done before stays done)."""

    total: int
    done: int = 0
    refused: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    cancelled: bool = False

    @property
    def ok(self) -> bool:
        return not (self.refused or self.failed or self.cancelled)

    @property
    def summary(self) -> str:
        text = f"{self.done} of {self.total} error(s) resolved"
        if self.cancelled:
            text += "; cancelled, the rest are still open"
        problems = len(self.refused) + len(self.failed)
        return text + (f"; {problems} could not be resolved" if problems else "")

    def lines(self) -> list[str]:
        return [self.summary, *self.refused, *self.failed]


_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"")
_UUID = re.compile(
    r"\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b"
)
_WITH_DIGITS = re.compile(r"[\w.+:-]*\d[\w.+:-]*")


def message_pattern(message: str, template: str | None = None) -> str:
    """A failure's message with its values replaced by placeholders (its template, if kept)."""
    if template:
        return template
    text = _QUOTED.sub("'…'", message)
    text = _UUID.sub("{key}", text)
    return _WITH_DIGITS.sub("#", text)


def similar_errors(service: Service, error_id: int) -> SimilarErrors:
    error = service.error(error_id)
    if error is None:
        raise ActionError(f"Error {error_id} does not exist (any more).")
    open_alike = [
        SyncError.resolved_at.is_(None),
        SyncError.mapping == error.mapping,
        SyncError.kind == error.kind,
    ]
    kind = ErrorKind(error.kind)
    names: tuple[str, ...] = ()
    with service.store.session() as session:
        if kind is ErrorKind.CHANGED_IN_BOTH:
            fields_ = SyncError.conflict_fields
            same_fields = (
                fields_.is_(None)
                if error.conflict_fields is None
                else fields_ == error.conflict_fields
            )
            ids = list(
                session.scalars(
                    select(SyncError.id).where(*open_alike, same_fields).order_by(SyncError.id)
                )
            )
            names = tuple(error.conflict_fields.split(",")) if error.conflict_fields else ()
            labels = ", ".join(_labels(service, error.mapping, names)) or "the same fields"
            alike = f"changed in both on {labels}"
        elif kind is ErrorKind.FAILED:
            template = session.scalar(select(SyncError.template).where(SyncError.id == error.id))
            wanted = message_pattern(error.message, template)
            rows = session.execute(
                select(SyncError.id, SyncError.message, SyncError.template)
                .where(*open_alike)
                .order_by(SyncError.id)
            )
            ids = [i for i, m, t in rows if message_pattern(m, t) == wanted]
            alike = f"failed with the same message: {wanted}"
        else:
            ids = list(
                session.scalars(select(SyncError.id).where(*open_alike).order_by(SyncError.id))
            )
            side = kind.deleted_side
            alike = f"deleted in {service.side_name(side)}" if side else kind.value
    ids = [error.id, *(i for i in ids if i != error.id)] if error.resolved_at is None else ids
    return SimilarErrors(error, tuple(ids), alike, names)


def _labels(service: Service, mapping: str, names: tuple[str, ...]) -> list[str]:
    by_name = {f.name: f for f in service.config.mapping(mapping).value_fields}
    return [by_name[n].label_on(Side.ERP) if n in by_name else n for n in names]


def preview(
    service: Service, error_id: int, decision: Decision, offset: int = 0, limit: int = 50
) -> list[PreviewRow]:
    """What both apps will hold after `decision`, for one page of the errors alike."""
    similar = similar_errors(service, error_id)
    ids = list(similar.ids[offset : offset + limit])
    rows = service.errors_by_ids(ids)
    errors = [rows[i] for i in ids if i in rows]
    with service.store.session() as session:
        couplings = couplings_by_ids(
            session, [e.coupling_id for e in errors if e.coupling_id is not None]
        )
    mapping = service.config.mapping(similar.error.mapping)
    found = [e for e in errors if e.coupling_id in couplings]
    out: list[PreviewRow] = []
    with service.manual_context(mapping.name, "preview") as (ctx, planner):
        items = service.read_items(ctx, [couplings[e.coupling_id] for e in found])  # type: ignore[index]
        for error, item in zip(found, items, strict=True):
            values = {
                s: planner.field_values(s, r.values) if r is not None else None
                for s, r in item.records.items()
            }
            out.append(_preview_row(service, planner, error, item, values, decision))
    return out


def _preview_row(
    service: Service,
    planner: Any,
    error: ErrorRow,
    item: Any,
    values: dict[Side, Any],
    decision: Decision,
) -> PreviewRow:
    mapping = planner.mapping
    erp, crm = values[Side.ERP], values[Side.CRM]
    note = ""
    erp_after, crm_after = dict(erp or {}), dict(crm or {})
    if decision.action is Action.SYNCHRONIZE and erp is not None and crm is not None:
        base = item.coupling.base if item.coupling else None
        winners = decision.winners([f.name for f in mapping.value_fields])
        result = choose(mapping, base, erp, crm, winners)
        for f in mapping.value_fields:
            if f.paired(Side.ERP) in result.writes[Side.ERP]:
                erp_after[f.name] = result.writes[Side.ERP][f.paired(Side.ERP)]
            if f.paired(Side.CRM) in result.writes[Side.CRM]:
                crm_after[f.name] = result.writes[Side.CRM][f.paired(Side.CRM)]
    elif decision.action in (Action.RESTORE, Action.SYNCHRONIZE):
        missing = Side.ERP if erp is None else Side.CRM if crm is None else None
        if missing is not None:
            note = f"recreated in {service.side_name(missing)}"
            if missing is Side.ERP:
                erp_after = dict(crm_after)
            else:
                crm_after = dict(erp_after)
    elif decision.action is Action.DELETE:
        remaining = [s for s in Side if values[s] is not None]
        note = "deleted in " + " and ".join(service.side_name(s) for s in remaining)
        erp_after, crm_after = {}, {}
    elif decision.action is Action.REMOVE_COUPLING:
        note = "no longer coupled; both records stay as they are"
    fields_ = tuple(
        PreviewField(
            f.name,
            f.label_on(Side.ERP),
            (erp or {}).get(f.name),
            (crm or {}).get(f.name),
            erp_after.get(f.name),
            crm_after.get(f.name),
        )
        for f in mapping.value_fields
    )
    return PreviewRow(error.id, error.erp_key, error.crm_key, fields_, note)


def apply_to_similar(
    service: Service,
    error_id: int,
    decision: Decision,
    progress: Callable[[Progress], None] | None = None,
    cancel: CancelToken | None = None,
    comment: str | None = None,
    batch: int = BATCH,
) -> BulkResult:
    """`decision` for every error alike `error_id`, a batch at a time: progress after each,
    Cancel honoured between batches (what was done stays done)."""
    similar = similar_errors(service, error_id)
    if decision.action is Action.SYNCHRONIZE and not (decision.winner or decision.fields):
        raise ActionError("Synchronize needs a winning side or a choice per field.")
    verb = _verb(service, decision, comment)
    result = BulkResult(len(similar.ids))
    report = progress or (lambda p: None)
    mapping = similar.error.mapping
    report(Progress(mapping, 0, result.total, similar.alike))
    for start in range(0, len(similar.ids), batch):
        if cancel is not None and cancel.cancelled:
            result.cancelled = True
            break
        done = verb(list(similar.ids[start : start + batch]))
        result.done += done.done
        result.refused += done.refused
        result.failed += done.failed
        report(Progress(mapping, min(start + batch, result.total), result.total, similar.alike))
    return result


def _verb(
    service: Service, decision: Decision, comment: str | None
) -> Callable[[list[int]], ActionResult]:
    actions = service.actions
    if decision.action is Action.SYNCHRONIZE:
        fields_ = decision.fields or None
        return lambda ids: actions.synchronize(ids, decision.winner, fields_, comment)
    verbs: dict[Action, Callable[[list[int]], ActionResult]] = {
        Action.RESTORE: lambda ids: actions.restore(ids, comment),
        Action.DELETE: lambda ids: actions.delete(ids, comment),
        Action.REMOVE_COUPLING: lambda ids: actions.remove_coupling(ids, comment),
        Action.RETRY: lambda ids: actions.retry(ids, comment),
    }
    if decision.action not in verbs:
        raise ActionError(f"{decision.action.value} cannot be applied to errors alike.")
    return verbs[decision.action]
