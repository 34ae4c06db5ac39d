"""A person's actions on synchronization errors and couplings.

Each action first claims the errors it works on (see `claims`), so when two people act on the
same error at once exactly one of them gets it and the other is told who has it. Actions that
write to the apps go through the engine's `apply_plans`, with the same announce/write/settle
steps as a job; the rest are one store transaction. Every action writes the affected record's
log with the user's name.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, delete, insert, literal, select, update

from desktop_sync.apps import AppError
from desktop_sync.domain import Action, ErrorKind, Outcome, Side
from desktop_sync.engine import Item, Plan, Planner, choose
from desktop_sync.services import action_words as words
from desktop_sync.services.claims import claim, describe, release
from desktop_sync.services.queries import ErrorFilter, ErrorRow
from desktop_sync.store.models import Coupling, LogEntry, SyncError, utcnow
from desktop_sync.store.records import KEYS_PER_QUERY, CouplingRow, couplings_by_ids
from desktop_sync.words import QT_TRANSLATE_NOOP, Message, filed, say

if TYPE_CHECKING:
    from desktop_sync.services.service import Service


class ActionError(Exception):
    """An action cannot be carried out as asked; the message says why and what to do."""


@dataclass
class ActionResult:
    """What an action did: how many records, and each refusal or failure in plain words."""

    action: str
    done: int = 0
    refused: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    summary: str = ""

    @property
    def ok(self) -> bool:
        return not (self.refused or self.failed)

    def lines(self) -> list[str]:
        return [self.summary, *self.refused, *self.failed]


PAST_TENSE = {
    Action.RETRY: "{n} record(s) will be retried at the next synchronization",
    Action.REMOVE_COUPLING: "{n} coupling(s) removed",
    Action.SYNCHRONIZE: "{n} record(s) synchronized",
    Action.RESTORE: "{n} record(s) restored",
    Action.DELETE: "{n} record(s) deleted",
    Action.SET_UP_COUPLING: "{n} record(s) coupled",
}


class Actions:
    """The verbs on errors; `Service` exposes them."""

    def __init__(self, service: Service) -> None:
        self.service = service

    @property
    def user(self) -> str:
        return self.service.user

    def _run(
        self,
        ids: Iterable[int],
        action: Action,
        work: Callable[[list[ErrorRow], ActionResult], None],
    ) -> ActionResult:
        result = ActionResult(action.value)
        ids = list(dict.fromkeys(ids))
        claimed, refusals = claim(self.service.store, self.user, ids, action)
        result.refused.extend(refusals)
        try:
            if claimed:
                work(claimed, result)
        finally:
            release(self.service.store, [r.id for r in claimed])
        result.summary = PAST_TENSE[action].format(n=result.done)
        return result

    # -- store-only actions ------------------------------------------------------------

    def retry(self, ids: Iterable[int], comment: str | None = None) -> ActionResult:
        return self._run(ids, Action.RETRY, lambda rows, result: self._retry(rows, result, comment))

    def _retry(self, rows: list[ErrorRow], result: ActionResult, comment: str | None) -> None:
        now = utcnow()
        with self.service.store.session() as session:
            ids = [r.id for r in rows]
            coupling_ids = [r.coupling_id for r in rows if r.coupling_id is not None]
            for start in range(0, len(coupling_ids), KEYS_PER_QUERY):
                session.execute(
                    update(Coupling)
                    .where(Coupling.id.in_(coupling_ids[start : start + KEYS_PER_QUERY]))
                    .values(skipped=False, retry=True, version=Coupling.version + 1)
                )
            self._resolve(session, ids, Action.RETRY, now)
            self._log(session, rows, Outcome.RETRIED, _with(comment, words.RETRIED), now)
        result.done = len(rows)

    def retry_all(self, where: ErrorFilter, comment: str | None = None) -> ActionResult:
        """Retry every open error the filter shows, set-based however many there are."""
        with self.service.store.session() as session:
            criteria = where.criteria(session.get_bind().dialect.name)
            ids = list(
                session.scalars(
                    select(SyncError.id).where(*criteria, SyncError.resolved_at.is_(None))
                )
            )
        return self.retry(ids, comment)

    def remove_coupling(self, ids: Iterable[int], comment: str | None = None) -> ActionResult:
        def work(rows: list[ErrorRow], result: ActionResult) -> None:
            now = utcnow()
            with self.service.store.session() as session:
                self._resolve(session, [r.id for r in rows], Action.REMOVE_COUPLING, now)
                coupling_ids = [r.coupling_id for r in rows if r.coupling_id is not None]
                for start in range(0, len(coupling_ids), KEYS_PER_QUERY):
                    session.execute(
                        delete(Coupling).where(
                            Coupling.id.in_(coupling_ids[start : start + KEYS_PER_QUERY])
                        )
                    )
                self._log(session, rows, Outcome.UNCOUPLED, _with(comment, words.UNCOUPLED), now)
            result.done = len(rows)

        return self._run(ids, Action.REMOVE_COUPLING, work)

    def _resolve(self, session: Any, ids: list[int], action: Action, now: Any) -> None:
        for start in range(0, len(ids), KEYS_PER_QUERY):
            session.execute(
                update(SyncError)
                .where(SyncError.id.in_(ids[start : start + KEYS_PER_QUERY]))
                .values(
                    resolved_at=now,
                    resolved_by=self.user,
                    resolution=action.value,
                    claimed_by=None,
                    claimed_at=None,
                )
            )

    def _log(
        self, session: Any, rows: list[ErrorRow], outcome: Outcome, message: str | Message, now: Any
    ) -> None:
        """One log line per error, written by the database from the error rows themselves."""
        ids = [r.id for r in rows]
        said = filed(message)
        for start in range(0, len(ids), KEYS_PER_QUERY):
            source = select(
                SyncError.mapping,
                SyncError.erp_key,
                SyncError.crm_key,
                literal(now),
                literal(outcome.value),
                literal(said["message"]),
                literal(said["template"]),
                literal(said["params"], JSON()),
                literal(self.user),
            ).where(SyncError.id.in_(ids[start : start + KEYS_PER_QUERY]))
            columns = ["mapping", "erp_key", "crm_key", "at", "outcome"]
            columns += ["message", "template", "params", "user"]
            session.execute(insert(LogEntry).from_select(columns, source))

    # -- actions that write to the apps ------------------------------------------------

    def restore(self, ids: Iterable[int], comment: str | None = None) -> ActionResult:
        def plan(planner: Planner, item: Item, row: ErrorRow) -> Plan:
            deleted = ErrorKind(row.kind).deleted_side
            assert deleted is not None
            if item.records[deleted.other] is None:
                return Plan(
                    item,
                    Outcome.UNCOUPLED,
                    uncouple=True,
                    message=words.DELETED_IN_BOTH,
                )
            p = planner.insert_plan(item, deleted.other, Outcome.RESTORED)
            p.message = words.restored(self.service.config.side_name(deleted))
            return p

        return self._run(
            ids,
            Action.RESTORE,
            lambda rows, result: self._apply(rows, result, Action.RESTORE, plan, comment),
        )

    def delete(self, ids: Iterable[int], comment: str | None = None) -> ActionResult:
        def plan(planner: Planner, item: Item, row: ErrorRow) -> Plan:
            deleted = ErrorKind(row.kind).deleted_side
            assert deleted is not None
            remaining = deleted.other
            if item.records[remaining] is None:
                return Plan(
                    item,
                    Outcome.UNCOUPLED,
                    uncouple=True,
                    message=words.DELETED_IN_BOTH,
                )
            return Plan(
                item,
                Outcome.DELETED,
                delete=remaining,
                uncouple=True,
                message=words.deleted(self.service.config.side_name(remaining)),
            )

        return self._run(
            ids,
            Action.DELETE,
            lambda rows, result: self._apply(rows, result, Action.DELETE, plan, comment),
        )

    def synchronize(
        self,
        ids: Iterable[int],
        winner: Side | None = None,
        fields: dict[str, Side] | None = None,
        comment: str | None = None,
    ) -> ActionResult:
        """Write the chosen version to both apps: one winning side, or a winner per field name."""
        if winner is None and not fields:
            raise ActionError(
                "Synchronize needs a winning side (--winner erp|crm) or a choice per field."
            )

        def plan(planner: Planner, item: Item, row: ErrorRow) -> Plan:
            mapping = planner.mapping
            present = [s for s in Side if item.records[s] is not None]
            if not present:  # deleted in both apps since: nothing to choose between
                p = Plan(item, Outcome.UNCOUPLED, uncouple=True, resolves_errors=True)
                p.message = "deleted in both apps; coupling removed"
                return p
            if len(present) == 1:
                # the other record was deleted since: it comes back whole, as Restore does
                p = planner.insert_plan(item, present[0], Outcome.RESOLVED, restoring=True)
            else:
                winners = {f.name: (fields or {}).get(f.name, winner) for f in mapping.value_fields}
                result = choose(
                    mapping,
                    item.coupling.base if item.coupling else None,
                    planner.field_values(Side.ERP, item.records[Side.ERP].values),  # type: ignore[union-attr]
                    planner.field_values(Side.CRM, item.records[Side.CRM].values),  # type: ignore[union-attr]
                    {n: s for n, s in winners.items() if s is not None},
                )
                p = planner.write_plan(item, result, Outcome.RESOLVED)
            p.message = words.synchronized(_choice(self.service, winner, fields))
            return p

        return self._run(
            ids,
            Action.SYNCHRONIZE,
            lambda rows, result: self._apply(rows, result, Action.SYNCHRONIZE, plan, comment),
        )

    def _apply(
        self,
        rows: list[ErrorRow],
        result: ActionResult,
        action: Action,
        make_plan: Callable[[Planner, Item, ErrorRow], Plan],
        comment: str | None = None,
    ) -> None:
        """Plan each error's record with `make_plan` and apply the plans, a mapping at a time."""
        with self.service.store.session() as session:
            couplings = couplings_by_ids(
                session, [r.coupling_id for r in rows if r.coupling_id is not None]
            )
        by_mapping: dict[str, list[ErrorRow]] = {}
        for row in rows:
            if row.coupling_id not in couplings:
                result.failed.append(
                    f"{describe(row)}: its coupling no longer "
                    "exists; use Remove Coupling to close it."
                )
                continue
            by_mapping.setdefault(row.mapping, []).append(row)
        for mapping_name, group in by_mapping.items():
            with self.service.manual_context(mapping_name, action.value) as (ctx, planner):
                items = self.service.read_items(ctx, [couplings[r.coupling_id] for r in group])  # type: ignore[index]
                plans = []
                for row, item in zip(group, items, strict=True):
                    p = make_plan(planner, item, row)
                    p.resolves_errors = True
                    p.journal = {"error_id": row.id, "comment": comment}
                    p.message = _with(comment, p.message)
                    plans.append(p)
                from desktop_sync.engine import apply_plans

                apply_plans(ctx, plans)
            for row, p in zip(group, plans, strict=True):
                problem = p.failure or p.problem
                if problem is not None:
                    result.failed.append(f"{describe(row)}: {problem.message}")
                elif p.not_landed:
                    result.failed.append(
                        f"{describe(row)}: the record changed while you decided; look at it again."
                    )
                else:
                    result.done += 1

    # -- coupling ----------------------------------------------------------------------

    def set_up_coupling(
        self, error_id: int, side: Side, key: str, sync_from: Side | None = None
    ) -> ActionResult:
        """Couple the error's record to another record of `side` instead."""

        def work(rows: list[ErrorRow], result: ActionResult) -> None:
            row = rows[0]
            if row.coupling_id is None:
                raise ActionError(
                    f"{describe(row)}: its coupling no longer "
                    "exists; use Couple on the record instead."
                )
            self.service.recouple(
                row.mapping, row.coupling_id, side, key, sync_from, resolve=Action.SET_UP_COUPLING
            )
            result.done = 1

        return self._run([error_id], Action.SET_UP_COUPLING, work)


def _with(comment: str | None, message: str | Message) -> str | Message:
    """A log line with the person's comment after it (the comment is not translated)."""
    if not comment or not comment.strip():
        return message
    if isinstance(message, Message):
        template = QT_TRANSLATE_NOOP("Messages", "{action} — {comment}")
        return say(template, action=message, comment=comment.strip())
    return f"{message} — {comment.strip()}"


def _choice(service: Service, winner: Side | None, fields: dict[str, Side] | None) -> Message:
    name = service.config.side_name
    if not fields:
        return words.version_chosen(name(winner) if winner else "?")
    return words.chosen_per_field({field: name(side) for field, side in fields.items()})


__all__ = ["ActionError", "ActionResult", "Actions", "AppError", "CouplingRow"]
