"""The service layer: every verb a user can do, for the command line and the window alike.

Nothing here imports Qt. A `Service` holds one configuration's store and app connections; its
methods take and return plain data (dataclasses, ids, counters), never live ORM objects, so the
window can call them from worker threads and show the results on the GUI thread.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import delete, insert, update

from desktop_sync.apps import AppError, Apps, Record
from desktop_sync.apps.values import canonical, same
from desktop_sync.config import Config, TableMapping, load_config
from desktop_sync.domain import Action, CancelToken, ErrorKind, JobOrigin, JobResult, Outcome, Side
from desktop_sync.engine.batch import Context, apply_plans, read_items
from desktop_sync.engine.compare import MISSING, choose, field_values
from desktop_sync.engine.plan import Item, Planner
from desktop_sync.engine.runner import FIND_DELETED, TABLE, Engine, ProgressCallback, Scope
from desktop_sync.services import diagnose as diagnosis
from desktop_sync.services import queries
from desktop_sync.services import records as record_lists
from desktop_sync.services.actions import ActionError, ActionResult, Actions
from desktop_sync.services.diagnose import Finding
from desktop_sync.services.queries import ALL_ERRORS, ErrorFilter, ErrorRow, JobRow, LogRow
from desktop_sync.services.queue import QueueService
from desktop_sync.services.records import (
    RecordCursor,
    RecordFilter,
    RecordPage,
    RecordRow,
    RecordView,
    record_view,
)
from desktop_sync.store import Store
from desktop_sync.store.models import Coupling, LogEntry, utcnow
from desktop_sync.store.records import (
    CouplingRow,
    coupling_by_key,
    couplings_by_ids,
    couplings_by_keys,
    resolve_errors_of,
)


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


class Service:
    """One configuration's verbs."""

    def __init__(self, config: Config, store: Store, apps: Apps, user: str | None = None) -> None:
        self.config, self.store, self.apps = config, store, apps
        self.user = user or config.user
        self.engine = Engine(config, store, apps, self.user)
        self.actions = Actions(self)
        self.queue = QueueService(self)

    @classmethod
    def open(
        cls,
        config: Config | Path | str | None = None,
        user: str | None = None,
        upgrade: bool = True,
    ) -> Service:
        """Open the store (upgrading its schema) and prepare the app connections."""
        if not isinstance(config, Config):
            config = load_config(config)
        store = Store.open(config.store_url, upgrade=upgrade, timeouts=config.timeouts)
        return cls(config, store, Apps(config), user)

    def close(self) -> None:
        self.apps.dispose()
        self.store.dispose()

    def side_name(self, side: Side) -> str:
        return self.config.side_name(side)

    # -- synchronization -------------------------------------------------------------

    def synchronize(
        self,
        mappings: Iterable[str] | None = None,
        record: tuple[Side, str] | None = None,
        origin: JobOrigin = JobOrigin.MANUAL,
        progress: ProgressCallback | None = None,
        cancel: CancelToken | None = None,
    ) -> list[JobResult]:
        scope = Scope.record(*record) if record else TABLE
        return self.engine.run(mappings, scope, origin, progress, cancel)

    def find_deleted(
        self,
        mappings: Iterable[str] | None = None,
        progress: ProgressCallback | None = None,
        cancel: CancelToken | None = None,
    ) -> list[JobResult]:
        return self.engine.run(mappings, FIND_DELETED, JobOrigin.MANUAL, progress, cancel)

    def check(self) -> list[str]:
        """Every mapped table or column missing in either app, naming mapping and column."""
        return self.apps.check(self.config)

    # -- lists -------------------------------------------------------------------------

    def errors(
        self,
        where: ErrorFilter = ALL_ERRORS,
        limit: int | None = None,
        offset: int = 0,
        sort: str = "failed_at",
        descending: bool = True,
    ) -> list[ErrorRow]:
        with self.store.session() as session:
            return queries.errors(session, where, limit, offset, sort, descending)

    def error(self, error_id: int) -> ErrorRow | None:
        with self.store.session() as session:
            return queries.errors_by_ids(session, [error_id]).get(error_id)

    def error_ids(
        self, where: ErrorFilter, sort: str = "failed_at", descending: bool = True
    ) -> Sequence[int]:
        with self.store.session() as session:
            return queries.error_ids(session, where, sort, descending)

    def errors_by_ids(self, ids: Sequence[int]) -> dict[int, ErrorRow]:
        with self.store.session() as session:
            return queries.errors_by_ids(session, ids)

    def count_errors(self, where: ErrorFilter = ALL_ERRORS) -> int:
        with self.store.session() as session:
            return queries.count_errors(session, where)

    def jobs(self, limit: int = 50, offset: int = 0, mapping: str | None = None) -> list[JobRow]:
        with self.store.session() as session:
            return queries.jobs(session, limit, offset, mapping)

    def job(self, job_id: int) -> JobRow | None:
        with self.store.session() as session:
            return queries.job(session, job_id)

    def log(
        self, mapping: str, side: Side, key: str, limit: int = 500, before_id: int | None = None
    ) -> list[LogRow]:
        """A record's synchronization log, newest first; `before_id` pages further back."""
        self.config.mapping(mapping)
        with self.store.session() as session:
            return queries.record_log(session, mapping, side, key, limit, before_id)

    def records(
        self, where: RecordFilter, after: RecordCursor | None = None, limit: int = record_lists.PAGE
    ) -> RecordPage:
        """One page of the records of one side of a mapping
        with their coupling state (see `records`)."""
        return record_lists.records_page(self, where, after, limit)

    def count_records(self, where: RecordFilter) -> int | None:
        return record_lists.count_records(self, where)

    def record_rows(
        self, mapping_name: str, side: Side, keys: Sequence[str]
    ) -> dict[str, RecordRow]:
        """Record-list rows of these records as they are now (to refresh a list's states)."""
        return record_lists.record_rows(self, mapping_name, side, keys)

    # -- actions on errors -------------------------------------------------------------

    def retry(self, ids: Iterable[int]) -> ActionResult:
        return self.actions.retry(ids)

    def retry_all(self, where: ErrorFilter = ALL_ERRORS) -> ActionResult:
        return self.actions.retry_all(where)

    def remove_coupling(self, ids: Iterable[int]) -> ActionResult:
        return self.actions.remove_coupling(ids)

    def restore(self, ids: Iterable[int]) -> ActionResult:
        return self.actions.restore(ids)

    def delete_records(self, ids: Iterable[int]) -> ActionResult:
        return self.actions.delete(ids)

    def synchronize_errors(
        self, ids: Iterable[int], winner: Side | None = None, fields: dict[str, Side] | None = None
    ) -> ActionResult:
        return self.actions.synchronize(ids, winner, fields)

    def set_up_coupling(
        self, error_id: int, side: Side, key: str, sync_from: Side | None = None
    ) -> ActionResult:
        return self.actions.set_up_coupling(error_id, side, key, sync_from)

    def act(self, action: Action, ids: Iterable[int], winner: Side | None = None) -> ActionResult:
        """Dispatch one of the error actions by name (for the command line)."""
        verbs = {
            Action.RETRY: self.retry,
            Action.REMOVE_COUPLING: self.remove_coupling,
            Action.RESTORE: self.restore,
            Action.DELETE: self.delete_records,
        }
        if action is Action.SYNCHRONIZE:
            return self.synchronize_errors(ids, winner)
        if action not in verbs:
            raise ActionError(f"{action.value} is not an action on a list of errors")
        return verbs[action](ids)

    # -- comparing a pair ---------------------------------------------------------------

    def comparison(self, error_id: int) -> RecordComparison:
        """Both versions of an error's record beside the last synchronized values."""
        error = self.error(error_id)
        if error is None:
            raise ActionError(f"Error {error_id} does not exist (any more).")
        mapping = self.config.mapping(error.mapping)
        with self.store.session() as session:
            coupling = (
                couplings_by_ids(session, [error.coupling_id]).get(error.coupling_id)
                if error.coupling_id
                else None
            )  # type: ignore[list-item]
        if coupling is None:
            raise ActionError(f"Error {error_id}: its coupling no longer exists.")
        with self.manual_context(mapping.name, "compare") as (ctx, _):
            (item,) = self.read_items(ctx, [coupling])
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

    def record(self, mapping_name: str, side: Side, key: str) -> RecordView:
        """One record with its coupled record and coupling state (for the record window)."""
        return record_view(self, mapping_name, side, key)

    def diagnose(
        self, mapping_name: str, side: Side, key: str, view: RecordView | None = None
    ) -> list[Finding]:
        """Why this record is not synchronizing: findings in plain words, the most serious first."""
        return diagnosis.diagnose(self, mapping_name, side, key, view)

    def search_records(
        self, mapping_name: str, side: Side, text: str, limit: int = 50
    ) -> list[Record]:
        """Records of one side whose key or a mapped text column contains `text` (one page)."""
        mapping = self.config.mapping(mapping_name)
        table = self.apps[side].side_table(mapping)
        with self.apps[side].connect() as conn:
            return [table.to_record(row) for row in table.search(conn, text.strip(), limit)]

    def coupled_keys(
        self, mapping_name: str, side: Side, keys: Sequence[str]
    ) -> dict[str, str | None]:
        """For records of `side`, the key of the record each is coupled to (absent: not coupled)."""
        with self.store.session() as session:
            found = couplings_by_keys(session, mapping_name, side, keys)
        return {k: c.key(side.other) for k, c in found.items()}

    # -- coupling by hand --------------------------------------------------------------

    def couple(
        self, mapping_name: str, erp_key: str, crm_key: str, sync_from: Side | None = None
    ) -> str:
        """Couple two existing records; with `sync_from`, make the other side equal at once."""
        mapping = self.config.mapping(mapping_name)
        keys = {Side.ERP: erp_key, Side.CRM: crm_key}
        with self.manual_context(mapping.name, "coupled") as (ctx, planner):
            records = self._existing_records(ctx, keys)
            with self.store.session() as session:
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
                self._log_action(session, mapping.name, keys, Outcome.COUPLED, "coupled by hand")
                coupling = coupling_by_key(session, mapping.name, Side.ERP, erp_key)
            if sync_from is not None:
                self._sync_pair(ctx, planner, coupling, records, sync_from)  # type: ignore[arg-type]
        side_names = (
            f"{self.side_name(Side.ERP)} {erp_key} and {self.side_name(Side.CRM)} {crm_key}"
        )
        return f"{side_names} are coupled" + (
            f" and synchronized from {self.side_name(sync_from)}" if sync_from else ""
        )

    def uncouple(self, mapping_name: str, erp_key: str) -> str:
        mapping = self.config.mapping(mapping_name)
        with self.store.session() as session:
            coupling = coupling_by_key(session, mapping.name, Side.ERP, erp_key)
            if coupling is None:
                raise ActionError(
                    f"{self.side_name(Side.ERP)} record "
                    f"{erp_key!r} is not coupled in {mapping.name}."
                )
            resolve_errors_of(session, [coupling.id], Action.REMOVE_COUPLING.value, self.user)
            session.execute(delete(Coupling).where(Coupling.id == coupling.id))
            keys = {Side.ERP: coupling.erp_key, Side.CRM: coupling.crm_key}
            self._log_action(session, mapping.name, keys, Outcome.UNCOUPLED, "uncoupled by hand")
        return (
            f"{self.side_name(Side.ERP)} {erp_key} is no longer coupled to "
            f"{self.side_name(Side.CRM)} {coupling.crm_key}"
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
        mapping = self.config.mapping(mapping_name)
        with self.store.session() as session:
            coupling = couplings_by_ids(session, [coupling_id]).get(coupling_id)
        if coupling is None:
            raise ActionError("The coupling no longer exists.")
        keys = {side: key, side.other: coupling.key(side.other)}
        with self.manual_context(mapping.name, resolve.value) as (ctx, planner):
            records = self._existing_records(ctx, {side: key})
            with self.store.session() as session:
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
                resolve_errors_of(session, [coupling_id], resolve.value, self.user)
                self._log_action(
                    session,
                    mapping.name,
                    keys,
                    Outcome.COUPLED,  # type: ignore[arg-type]
                    f"Set Up Coupling: coupled to {self.side_name(side)} record {key}",
                )
                coupling = couplings_by_ids(session, [coupling_id])[coupling_id]
            if sync_from is not None:
                (item,) = self.read_items(ctx, [coupling])
                self._sync_pair(ctx, planner, coupling, item.records, sync_from)  # type: ignore[arg-type]
        del records

    def _sync_pair(
        self,
        ctx: Context,
        planner: Planner,
        coupling: CouplingRow,
        records: dict[Side, Record],
        source: Side,
    ) -> None:
        mapping = planner.mapping
        result = choose(
            mapping,
            None,
            field_values(mapping, Side.ERP, records[Side.ERP].values),
            field_values(mapping, Side.CRM, records[Side.CRM].values),
            {f.name: source for f in mapping.value_fields},
        )
        plan = planner.write_plan(
            Item(coupling, dict(records), source, forced=True), result, Outcome.MODIFIED
        )
        plan.message = f"synchronized from {self.side_name(source)} when coupled"
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
                    f"{self.side_name(side)} record {key} is already "
                    f"coupled to {self.side_name(side.other)} record "
                    f"{other} in {mapping.name}; remove that coupling first."
                )

    def _log_action(
        self,
        session: Any,
        mapping: str,
        keys: dict[Side, str | None],
        outcome: Outcome,
        message: str,
    ) -> None:
        session.execute(
            insert(LogEntry).values(
                mapping=mapping,
                erp_key=keys.get(Side.ERP),
                crm_key=keys.get(Side.CRM),
                at=utcnow(),
                outcome=outcome.value,
                message=message,
                user=self.user,
            )
        )

    # -- shared by actions ---------------------------------------------------------------

    @contextmanager
    def manual_context(
        self, mapping_name: str, resolution: str
    ) -> Iterator[tuple[Context, Planner]]:
        """A context for a person's action on one mapping: tables, connections, no job."""
        mapping = self.config.mapping(mapping_name)
        tables = {side: self.apps[side].side_table(mapping) for side in Side}
        conns = {}
        try:
            for side in Side:
                conns[side] = self.apps[side].connect()
            ctx = Context(
                self.config,
                mapping,
                self.store,
                tables,
                conns,
                self.user,
                resolution=resolution,
                manual=True,
            )
            yield ctx, Planner(self.config, mapping, tables)
        finally:
            for conn in conns.values():
                conn.close()

    def read_items(self, ctx: Context, couplings: list[CouplingRow]) -> list[Item]:
        """Couplings with both sides' records as they are now (None where a record is gone)."""
        return read_items(ctx, couplings)


__all__ = [
    "ActionError",
    "ActionResult",
    "AppError",
    "ErrorFilter",
    "ErrorKind",
    "FieldDiff",
    "RecordComparison",
    "Service",
    "canonical",
]
