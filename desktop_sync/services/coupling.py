"""Coupling by hand: couple two existing records, uncouple a pair, point a coupling at another
record (Set Up Coupling) — each written to the synchronization log with the person's name.

`Service.couple`, `uncouple` and `recouple` are these verbs; they live here so that the service
class stays a list of verbs, and each write path reads in one place.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, insert, update

from desktop_sync.apps import Record
from desktop_sync.config import TableMapping
from desktop_sync.domain import Action, Outcome, Side
from desktop_sync.engine import Context, Item, Planner, apply_plans, choose
from desktop_sync.services import action_words as words
from desktop_sync.services.actions import ActionError
from desktop_sync.store.models import Coupling, LogEntry, utcnow
from desktop_sync.store.records import (
    CouplingRow,
    coupling_by_key,
    couplings_by_ids,
    resolve_errors_of,
)
from desktop_sync.words import Message, filed

if TYPE_CHECKING:
    from desktop_sync.services.service import Service


class Couplings:
    """The verbs on couplings a person makes by hand; `Service` exposes them."""

    def __init__(self, service: Service) -> None:
        self.service = service

    def couple(
        self,
        mapping_name: str,
        erp_key: str,
        crm_key: str,
        sync_from: Side | None = None,
        comment: str | None = None,
    ) -> str:
        """Couple two existing records; with `sync_from`, make the other side equal at once."""
        mapping = self.service.config.mapping(mapping_name)
        keys = {Side.ERP: erp_key, Side.CRM: crm_key}
        with self.service.manual_context(mapping.name, "coupled") as (ctx, planner):
            records = self._existing_records(ctx, keys)
            with self.service.store.session() as session:
                self._refuse_coupled(session, mapping, keys)
                session.execute(
                    insert(Coupling).values(
                        mapping=mapping.name,
                        erp_key=erp_key,
                        crm_key=crm_key,
                        retry=sync_from is None,
                        created_at=utcnow(),
                    )
                )
                self._log_action(
                    session, mapping.name, keys, Outcome.COUPLED, words.COUPLED_BY_HAND
                )
                coupling = coupling_by_key(session, mapping.name, Side.ERP, erp_key)
            if sync_from is not None:
                self._sync_pair(ctx, planner, coupling, records, sync_from, comment)  # type: ignore[arg-type]
        name = self.service.side_name
        side_names = f"{name(Side.ERP)} {erp_key} and {name(Side.CRM)} {crm_key}"
        return f"{side_names} are coupled" + (
            f" and synchronized from {name(sync_from)}" if sync_from else ""
        )

    def uncouple(self, mapping_name: str, erp_key: str) -> str:
        mapping = self.service.config.mapping(mapping_name)
        with self.service.store.session() as session:
            coupling = coupling_by_key(session, mapping.name, Side.ERP, erp_key)
            if coupling is None:
                raise ActionError(
                    f"{self.service.side_name(Side.ERP)} record "
                    f"{erp_key!r} is not coupled in {mapping.name}."
                )
            resolve_errors_of(
                session, [coupling.id], Action.REMOVE_COUPLING.value, self.service.user
            )
            session.execute(delete(Coupling).where(Coupling.id == coupling.id))
            keys = {Side.ERP: coupling.erp_key, Side.CRM: coupling.crm_key}
            self._log_action(
                session, mapping.name, keys, Outcome.UNCOUPLED, words.UNCOUPLED_BY_HAND
            )
        return (
            f"{self.service.side_name(Side.ERP)} {erp_key} is no longer coupled to "
            f"{self.service.side_name(Side.CRM)} {coupling.crm_key}"
        )

    def recouple(
        self,
        mapping_name: str,
        coupling_id: int,
        side: Side,
        key: str,
        sync_from: Side | None = None,
        resolve: Action = Action.SET_UP_COUPLING,
    ) -> None:
        """Point an existing coupling at another record of `side` (Set Up Coupling)."""
        mapping = self.service.config.mapping(mapping_name)
        with self.service.store.session() as session:
            coupling = couplings_by_ids(session, [coupling_id]).get(coupling_id)
        if coupling is None:
            raise ActionError("The coupling no longer exists.")
        keys = {side: key, side.other: coupling.key(side.other)}
        with self.service.manual_context(mapping.name, resolve.value) as (ctx, planner):
            records = self._existing_records(ctx, {side: key})
            with self.service.store.session() as session:
                self._refuse_coupled(session, mapping, {side: key})
                session.execute(
                    update(Coupling)
                    .where(Coupling.id == coupling_id)
                    .values(
                        {
                            f"{side}_key": key,
                            "base": None,
                            "erp_seen": None,
                            "crm_seen": None,
                            "skipped": False,
                            "retry": sync_from is None,
                            "version": Coupling.version + 1,
                        }
                    )
                )
                resolve_errors_of(session, [coupling_id], resolve.value, self.service.user)
                self._log_action(
                    session,
                    mapping.name,
                    keys,
                    Outcome.COUPLED,
                    words.coupled_to(self.service.side_name(side), key),
                )
                coupling = couplings_by_ids(session, [coupling_id])[coupling_id]
            if sync_from is not None:
                (item,) = self.service.read_items(ctx, [coupling])
                self._sync_pair(ctx, planner, coupling, item.records, sync_from)  # type: ignore[arg-type]
        del records

    def _sync_pair(
        self,
        ctx: Context,
        planner: Planner,
        coupling: CouplingRow,
        records: dict[Side, Record],
        source: Side,
        comment: str | None = None,
    ) -> None:
        mapping = planner.mapping
        result = choose(
            mapping,
            None,
            planner.field_values(Side.ERP, records[Side.ERP].values),
            planner.field_values(Side.CRM, records[Side.CRM].values),
            {f.name: source for f in mapping.value_fields},
        )
        plan = planner.write_plan(
            Item(coupling, dict(records), source, forced=True), result, Outcome.MODIFIED
        )
        plan.message = words.synchronized_when_coupled(self.service.side_name(source))
        plan.journal = {"comment": comment}
        apply_plans(ctx, [plan])
        problem = plan.failure or plan.problem
        if problem is not None:
            raise ActionError(f"Coupled, but writing the values failed: {problem.message}")

    def _existing_records(self, ctx: Context, keys: dict[Side, str]) -> dict[Side, Record]:
        records = {}
        for side, key in keys.items():
            table, conn = ctx.tables[side], ctx.conns[side]
            try:
                table.key_native(key)
            except ValueError:
                raise ActionError(f"{key!r} is not a valid key for {table.display}.") from None
            with conn.begin():
                rows = table.read_by_keys(conn, [key])
            if key not in rows:
                raise ActionError(f"{table.display} has no record with key {key!r}.")
            records[side] = table.to_record(rows[key])
        return records

    def _refuse_coupled(self, session: Any, mapping: TableMapping, keys: dict[Side, str]) -> None:
        for side, key in keys.items():
            existing = coupling_by_key(session, mapping.name, side, key)
            if existing is not None:
                other = existing.key(side.other)
                raise ActionError(
                    f"{self.service.side_name(side)} record {key} is already "
                    f"coupled to {self.service.side_name(side.other)} record "
                    f"{other} in {mapping.name}; remove that coupling first."
                )

    def _log_action(
        self,
        session: Any,
        mapping: str,
        keys: Mapping[Side, str | None],
        outcome: Outcome,
        message: Message,
    ) -> None:
        session.execute(
            insert(LogEntry).values(
                mapping=mapping,
                erp_key=keys.get(Side.ERP),
                crm_key=keys.get(Side.CRM),
                at=utcnow(),
                outcome=outcome.value,
                **filed(message),
                user=self.service.user,
            )
        )
