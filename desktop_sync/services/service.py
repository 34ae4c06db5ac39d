"""`Service`: one configuration's verbs, for the command line and the window alike.

Nothing here imports Qt. A `Service` holds one configuration's store and app connections; its
methods take and return plain data (dataclasses, ids, counters), never live ORM objects, so the
window can call them from worker threads and show the results on the GUI thread. Groups of verbs
live in their own modules (`actions`, `coupling`, `comparison`, `queue`, `records`, `diagnose`);
the methods here are the one list of them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from desktop_sync.apps import Apps, Record
from desktop_sync.apps import Finding as CheckFinding
from desktop_sync.config import Config, load_config
from desktop_sync.domain import Action, CancelToken, JobOrigin, JobResult, Side
from desktop_sync.engine import (
    FIND_DELETED,
    FULL,
    TABLE,
    Context,
    Engine,
    Item,
    Lookups,
    Planner,
    ProgressCallback,
    Scope,
    read_items,
)
from desktop_sync.services import diagnose as diagnosis
from desktop_sync.services import naming, queries
from desktop_sync.services import records as record_lists
from desktop_sync.services.actions import ActionError, ActionResult, Actions
from desktop_sync.services.comparison import RecordComparison, compare
from desktop_sync.services.coupling import Couplings
from desktop_sync.services.diagnose import Finding
from desktop_sync.services.journal_verbs import JournalVerbs
from desktop_sync.services.naming import ErrorNames
from desktop_sync.services.queries import ALL_ERRORS, ErrorFilter, ErrorRow, JobRow, LogRow
from desktop_sync.services.queue import QueueService
from desktop_sync.services.record_view import RecordView, record_view
from desktop_sync.services.records import (
    RecordCursor,
    RecordFilter,
    RecordPage,
    RecordRow,
)
from desktop_sync.services.waits import waits_in_progress
from desktop_sync.store import Store
from desktop_sync.store.records import CouplingRow, couplings_by_keys


class Service(JournalVerbs):
    """One configuration's verbs (those of the journal, undo, similar errors, rules, export,
    history and the dashboard in `JournalVerbs`)."""

    def __init__(self, config: Config, store: Store, apps: Apps, user: str | None = None) -> None:
        self.config, self.store, self.apps = config, store, apps
        self.user = user or config.user
        self.engine = Engine(config, store, apps, self.user)
        self.actions = Actions(self)
        self.queue = QueueService(self)
        self.couplings = Couplings(self)

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
        full: bool = False,
    ) -> list[JobResult]:
        """Run jobs now; `full` also compares every coupled pair by value (see `compare_all`)."""
        scope = Scope.record(*record) if record else FULL if full else TABLE
        names = list(mappings) if mappings is not None else None
        with waits_in_progress(progress, self._first(names)) as told:  # a service's limit
            return self.engine.run(names, scope, origin, told, cancel)

    def find_deleted(
        self,
        mappings: Iterable[str] | None = None,
        progress: ProgressCallback | None = None,
        cancel: CancelToken | None = None,
    ) -> list[JobResult]:
        names = list(mappings) if mappings is not None else None
        with waits_in_progress(progress, self._first(names)) as told:
            return self.engine.run(names, FIND_DELETED, JobOrigin.MANUAL, told, cancel)

    def _first(self, names: list[str] | None) -> str:
        """The mapping a run of `names` starts with (all of them when None)."""
        return next(iter(names or [m.name for m in self.config.mappings]), "")

    def check(self) -> list[CheckFinding]:
        """What writes under this configuration would meet, predicted before any write: errors
        (a missing column, inserts that fail) first, then warnings (a table read whole on
        every run, inserted rows hidden by a default)."""
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

    def with_record_matches(self, where: ErrorFilter) -> ErrorFilter:
        """`where`, its search also finding the errors of records whose key or a mapped text
        value (a name, an e-mail…) matches in either app. An app that cannot be searched now
        leaves the search to the store's own columns."""
        try:
            return replace(where, records=naming.matching_keys(self, where.search))
        except Exception:  # noqa: BLE001 - the store's columns still answer
            return replace(where, records=())

    def error_names(self, errors: Sequence[ErrorRow]) -> dict[int, ErrorNames]:
        """How a person knows each error's records: table, key and name (for questions)."""
        return naming.error_names(self, errors)

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

    def jobs(
        self,
        limit: int = 50,
        offset: int = 0,
        mapping: str | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
    ) -> list[JobRow]:
        """The newest jobs first, of one mapping and started in [since, until) if given."""
        with self.store.session() as session:
            return queries.jobs(session, limit, offset, mapping, since, until)

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

    # Each takes the person's optional `comment`, kept in the journal and the log line.

    def retry(self, ids: Iterable[int], comment: str | None = None) -> ActionResult:
        return self.actions.retry(ids, comment)

    def retry_all(
        self, where: ErrorFilter = ALL_ERRORS, comment: str | None = None
    ) -> ActionResult:
        return self.actions.retry_all(where, comment)

    def remove_coupling(self, ids: Iterable[int], comment: str | None = None) -> ActionResult:
        return self.actions.remove_coupling(ids, comment)

    def restore(self, ids: Iterable[int], comment: str | None = None) -> ActionResult:
        return self.actions.restore(ids, comment)

    def delete_records(self, ids: Iterable[int], comment: str | None = None) -> ActionResult:
        return self.actions.delete(ids, comment)

    def synchronize_errors(
        self,
        ids: Iterable[int],
        winner: Side | None = None,
        fields: dict[str, Side] | None = None,
        comment: str | None = None,
    ) -> ActionResult:
        return self.actions.synchronize(ids, winner, fields, comment)

    def set_up_coupling(
        self, error_id: int, side: Side, key: str, sync_from: Side | None = None
    ) -> ActionResult:
        return self.actions.set_up_coupling(error_id, side, key, sync_from)

    def act(
        self,
        action: Action,
        ids: Iterable[int],
        winner: Side | None = None,
        comment: str | None = None,
    ) -> ActionResult:
        """Dispatch one of the error actions by name (for the command line)."""
        verbs = {
            Action.RETRY: self.retry,
            Action.REMOVE_COUPLING: self.remove_coupling,
            Action.RESTORE: self.restore,
            Action.DELETE: self.delete_records,
        }
        if action is Action.SYNCHRONIZE:
            return self.synchronize_errors(ids, winner, comment=comment)
        if action not in verbs:
            raise ActionError(f"{action.value} is not an action on a list of errors")
        return verbs[action](ids, comment)

    # -- comparing a pair ---------------------------------------------------------------

    def comparison(self, error_id: int) -> RecordComparison:
        """Both versions of an error's record beside the last synchronized values."""
        return compare(self, error_id)

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
        self,
        mapping_name: str,
        erp_key: str,
        crm_key: str,
        sync_from: Side | None = None,
        comment: str | None = None,
    ) -> str:
        """Couple two existing records; with `sync_from`, make the other side equal at once."""
        return self.couplings.couple(mapping_name, erp_key, crm_key, sync_from, comment)

    def uncouple(self, mapping_name: str, erp_key: str) -> str:
        return self.couplings.uncouple(mapping_name, erp_key)

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
        self.couplings.recouple(mapping_name, coupling_id, side, key, sync_from, resolve)

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
            lookups = Lookups(self.store, self.config)
            yield ctx, Planner(self.config, mapping, tables, lookups, ctx.now)
        finally:
            for conn in conns.values():
                conn.close()

    def read_items(self, ctx: Context, couplings: list[CouplingRow]) -> list[Item]:
        """Couplings with both sides' records as they are now (None where a record is gone)."""
        return read_items(ctx, couplings)
