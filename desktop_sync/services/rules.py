"""Rules the window lists, saves and switches off, and claims a person holds on errors.

A rule (see `config.rules`) comes from the configuration file or was saved from the window into
the store; both are listed as `RuleRow`s. A configured rule is switched off by a store row that
says so (the file stays as it is). Jobs load the rules when they start (`engine.load_rules`).

While a person looks at an error (the Synchronize dialog is open), the window claims it, so that
everybody else's action on it says "being resolved by alice since 10:41" before trying anything.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import delete, insert, select, update

from desktop_sync.config import field_named
from desktop_sync.db import affected
from desktop_sync.domain import Action, ErrorKind, Side
from desktop_sync.services.actions import ActionError
from desktop_sync.store.models import ConflictRule, utcnow

if TYPE_CHECKING:
    from desktop_sync.services.service import Service
    from desktop_sync.services.similar import Decision


@dataclass(frozen=True)
class RuleRow:
    """One rule of a mapping: the conflicting fields it settles and each field's winner."""

    mapping: str
    name: str
    fields: tuple[str, ...]
    winners: dict[str, Side]
    enabled: bool
    source: str  # config (the file) | store (saved from the window)
    created_by: str = ""
    created_at: datetime | None = None
    comment: str | None = None

    def describe(self, side_name: dict[Side, str]) -> str:
        chosen = ", ".join(f"{n} from {side_name[s]}" for n, s in sorted(self.winners.items()))
        return f"{self.name}: {chosen}" + ("" if self.enabled else " (switched off)")

    def as_json(self) -> dict[str, object]:
        return {
            "mapping": self.mapping,
            "name": self.name,
            "fields": list(self.fields),
            "winners": {n: s.value for n, s in self.winners.items()},
            "enabled": self.enabled,
            "source": self.source,
            "created_by": self.created_by,
            "created_at": self.created_at.isoformat() if self.created_at else None,
            "comment": self.comment,
        }


_COLUMNS = (
    ConflictRule.mapping,
    ConflictRule.name,
    ConflictRule.fields,
    ConflictRule.winners,
    ConflictRule.enabled,
    ConflictRule.source,
    ConflictRule.created_by,
    ConflictRule.created_at,
    ConflictRule.comment,
)


def rules(service: Service, mapping: str | None = None) -> list[RuleRow]:
    """Every rule (of one mapping): the file's first, in its order, then the saved ones."""
    names = [mapping] if mapping else [m.name for m in service.config.mappings]
    with service.store.session() as session:
        stored = session.execute(
            select(*_COLUMNS)
            .where(ConflictRule.mapping.in_(names))
            .order_by(ConflictRule.created_at, ConflictRule.id)
        ).all()
    off = {(r.mapping, r.name) for r in stored if r.source == "config" and not r.enabled}
    found = [
        RuleRow(
            m.name,
            r.name,
            tuple(sorted(r.fields)),
            dict(r.winners),
            (m.name, r.name) not in off,
            "config",
        )
        for m in (service.config.mapping(n) for n in names)
        for r in m.rules
    ]
    for r in stored:
        if r.source == "store":
            winners = {n: Side(s) for n, s in (r.winners or {}).items()}
            fields_ = tuple(n for n in r.fields.split(",") if n)
            found.append(
                RuleRow(
                    r.mapping,
                    r.name,
                    fields_,
                    winners,
                    r.enabled,
                    "store",
                    r.created_by,
                    r.created_at,
                    r.comment,
                )
            )
    return found


def save_rule(
    service: Service,
    mapping: str,
    name: str,
    winners: dict[str, Side],
    comment: str | None = None,
) -> RuleRow:
    """Save a rule: for a conflict on exactly these fields (the keys of `winners`: field names,
    either app's column or labels), each field's winner."""
    table = service.config.mapping(mapping)
    name = name.strip()
    if not name:
        raise ActionError("A rule needs a name.")
    if any(r.name == name for r in rules(service, mapping)):
        raise ActionError(f"Mapping {mapping} already has a rule named {name!r}.")
    chosen: dict[str, Side] = {}
    for given, side in winners.items():
        f = field_named(table.value_fields, given)
        if f is None:
            raise ActionError(f"{given!r} is not a field of mapping {mapping}.")
        chosen[f.name] = Side(side)
    if not chosen:
        raise ActionError("A rule needs at least one field and its winner.")
    with service.store.session() as session:
        session.execute(
            insert(ConflictRule).values(
                mapping=mapping,
                name=name,
                fields=",".join(sorted(chosen)),
                winners={n: s.value for n, s in chosen.items()},
                enabled=True,
                source="store",
                created_by=service.user,
                created_at=utcnow(),
                comment=comment,
            )
        )
    return next(r for r in rules(service, mapping) if r.name == name)


def save_rule_from(
    service: Service, error_id: int, decision: Decision, name: str, comment: str | None = None
) -> RuleRow:
    """Save `decision` on a changed_in_both error as a rule for its conflicting fields."""
    error = service.error(error_id)
    if error is None:
        raise ActionError(f"Error {error_id} does not exist (any more).")
    if error.kind != ErrorKind.CHANGED_IN_BOTH.value or not error.conflict_fields:
        raise ActionError(
            f"Error {error_id} is not a record changed in both apps with known conflicting "
            "fields; only such a decision can be a rule."
        )
    if decision.action is not Action.SYNCHRONIZE:
        raise ActionError("Only a Synchronize decision (whose version wins) can be a rule.")
    names = error.conflict_fields.split(",")
    winners = decision.winners(names)
    missing = [n for n in names if n not in winners]
    if missing:
        raise ActionError(f"The decision names no winner for {', '.join(missing)}.")
    return save_rule(service, error.mapping, name, {n: winners[n] for n in names}, comment)


def set_rule_enabled(service: Service, mapping: str, name: str, enabled: bool) -> RuleRow:
    """Switch a rule on or off (a configured one by a store row; the file is not changed)."""
    found = next((r for r in rules(service, mapping) if r.name == name), None)
    if found is None:
        raise ActionError(f"Mapping {mapping} has no rule named {name!r}.")
    with service.store.session() as session:
        changed = affected(
            session.execute(
                update(ConflictRule)
                .where(ConflictRule.mapping == mapping, ConflictRule.name == name)
                .values(enabled=enabled)
            )
        )
        if not changed:
            session.execute(
                insert(ConflictRule).values(
                    mapping=mapping,
                    name=name,
                    fields=",".join(found.fields),
                    winners={n: s.value for n, s in found.winners.items()},
                    enabled=enabled,
                    source="config",
                    created_by=service.user,
                    created_at=utcnow(),
                )
            )
    return next(r for r in rules(service, mapping) if r.name == name)


def delete_rule(service: Service, mapping: str, name: str) -> None:
    """Delete a rule saved from the window (a configured one is switched off instead)."""
    with service.store.session() as session:
        gone = affected(
            session.execute(
                delete(ConflictRule).where(
                    ConflictRule.mapping == mapping,
                    ConflictRule.name == name,
                    ConflictRule.source == "store",
                )
            )
        )
    if not gone:
        raise ActionError(
            f"Mapping {mapping} has no rule named {name!r} saved from the window (a rule of the "
            "configuration file is switched off, not deleted)."
        )
