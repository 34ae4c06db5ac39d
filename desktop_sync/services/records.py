"""The records of one side of a mapping as a list with their coupling state (one record beside
its coupled record is `record_view`).

The app tables live in the apps' databases and the couplings in the store, so the two are never
joined in SQL. A list page is searched, sorted and cut in the app's database (keyset paging on the
sort column and the key), then the page's couplings — and the errors of the skipped ones — are
looked up by key in one store query per page.

A state filter ("only not coupled", "only skipped"…) asks the store for the keys in that state
first. When they fit in one key list (`KEYS_PER_QUERY`), the app query is restricted with
`key IN (…)` — or `key NOT IN (…)` for "not coupled" — and stays exact, counted and paged in SQL.
When they do not (a million coupled records), the page *scans* the app table in display order
and keeps the rows in the wanted state: one call reads at most `SCAN_ROWS` rows and returns a
cursor, so the window asks again while the person scrolls and is never blocked by a whole table;
the total is then unknown until the scan reaches the end. Sorting by state is not offered.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, and_, case, func, or_, select
from sqlalchemy.orm import Session

from desktop_sync.apps import SideTable
from desktop_sync.domain import Side
from desktop_sync.store.models import Coupling, SyncError
from desktop_sync.store.records import KEYS_PER_QUERY, LAST_SYNCED, key_column

if TYPE_CHECKING:
    from desktop_sync.config import TableMapping
    from desktop_sync.services.service import Service

PAGE = 200
SCAN_BATCH = 1000  # app rows read per step of a state scan
SCAN_ROWS = 5000  # app rows one call of a state scan reads at most


class RecordState(StrEnum):
    """A record's coupling state, as the record lists show and filter it."""

    NOT_COUPLED = "not_coupled"
    COUPLED = "coupled"  # coupled and synchronizing (an unfinished write included)
    SKIPPED = "skipped"  # coupled, but left out until a person resolves its error


@dataclass(frozen=True)
class RecordFilter:
    """Which records of one side of a mapping a list shows, and in which order."""

    mapping: str
    side: Side
    search: str = ""
    state: RecordState | None = None
    sort: str | None = None  # an app column: the key (default), last-modified, or a mapped field's
    descending: bool = False


@dataclass(frozen=True)
class RecordRow:
    """One line of a record list: the record's mapped values and its coupling state."""

    key: str
    values: tuple[Any, ...]  # the mapping's value fields on this side, in configuration order
    modified: Any  # the last-modified value as the app keeps it
    state: RecordState
    other_key: str | None = None
    pending: bool = False  # an interrupted synchronization left a write of this record unfinished
    error_kind: str | None = None
    error_message: str | None = None
    synced_at: datetime | None = None


@dataclass(frozen=True)
class RecordCursor:
    """Where a page ended: the sort column's value and the key of the last row read."""

    value: Any
    key: Any


@dataclass(frozen=True)
class RecordPage:
    rows: tuple[RecordRow, ...]
    cursor: RecordCursor | None  # pass back as `after` for the next page
    exhausted: bool  # True when no row follows


def sort_columns(mapping: TableMapping, side: Side) -> list[str]:
    """The app columns a record list of `side` may be sorted by, key first."""
    names = [
        mapping.key(side),
        *(f.paired(side) for f in mapping.value_fields),
        mapping.modified(side),
    ]
    return list(dict.fromkeys(n for n in names if n))


class _Lister:
    """The SQL of one record list: search, state restriction, order and keyset."""

    def __init__(self, service: Service, where: RecordFilter) -> None:
        self.service, self.where = service, where
        self.mapping = service.config.mapping(where.mapping)
        self.side = where.side
        self.table = service.apps[where.side].side_table(self.mapping)
        name = where.sort or self.mapping.key(where.side)
        if name not in sort_columns(self.mapping, where.side):
            raise ValueError(
                f"{name!r} is not a column records of {self.mapping.name} can be sorted by"
            )
        self.sort = self.table.table.c[name]
        self.key = self.table.key
        self.sort_is_key = self.sort.name == self.key.name
        self.nullable = not self.sort_is_key and bool(self.sort.nullable)
        self.fields = [f.paired(where.side) for f in self.mapping.value_fields]

    # -- SQL ---------------------------------------------------------------------------

    def select(self, restriction: _Keys | None = None) -> Any:
        columns = self.table.columns
        if self.sort.name not in {c.name for c in columns}:
            columns = [*columns, self.sort]  # the stamp column, read under its own name too
        query = select(*columns)
        text = self.where.search.strip()
        if text:
            pattern = f"%{text}%"
            searchable = self.table.text_columns
            key_match = (
                [self.key == self.table.key_native(text)] if _parses(self.table, text) else []
            )
            query = query.where(or_(*key_match, *(c.ilike(pattern) for c in searchable)))
        if restriction is not None and restriction.natives is not None:
            natives = restriction.natives
            query = query.where(
                self.key.in_(natives) if restriction.keep else self.key.not_in(natives)
            )
        return query

    def ordered(self, query: Any, after: RecordCursor | None) -> Any:
        """Display order, NULLs last either way, the key breaking ties; resumed after `after`."""
        desc = self.where.descending
        column, key = self.sort, self.key
        if after is not None:
            query = query.where(self._after(after))
        order = [] if not self.nullable else [case((column.is_(None), 1), else_=0)]
        if not self.sort_is_key:
            order.append(column.desc() if desc else column.asc())
        order.append(key.desc() if desc else key.asc())
        return query.order_by(*order)

    def _after(self, after: RecordCursor) -> Any:
        desc = self.where.descending
        column, key = self.sort, self.key

        def beyond(c: Any, v: Any) -> Any:
            return c < v if desc else c > v

        if self.sort_is_key:
            return beyond(key, after.key)
        if after.value is None:  # already among the NULLs, which come last
            return and_(column.is_(None), beyond(key, after.key))
        following = or_(
            beyond(column, after.value), and_(column == after.value, beyond(key, after.key))
        )
        return or_(following, column.is_(None)) if self.nullable else following

    def cursor(self, row: Any) -> RecordCursor:
        return RecordCursor(row._mapping[self.sort.name], row[0])

    # -- state restriction ---------------------------------------------------------------

    def restriction(self, session: Session) -> _Keys | None:
        """The keys a state filter restricts the app query to (or excludes); None without one."""
        state = self.where.state
        if state is None:
            return None
        column = key_column(self.side)
        query = select(column).where(Coupling.mapping == self.mapping.name, column.is_not(None))
        if state is RecordState.SKIPPED:
            query = query.where(Coupling.skipped == True)  # noqa: E712 (the partial index ix_coupling_skipped)
        elif state is RecordState.COUPLED:
            query = query.where(Coupling.skipped.is_(False))
        keep = state is not RecordState.NOT_COUPLED
        keys = list(session.scalars(query.limit(KEYS_PER_QUERY + 1)))
        if len(keys) > KEYS_PER_QUERY:
            return _Keys(keep, None)
        natives = []
        for k in keys:
            try:
                natives.append(self.table.key_native(k))
            except ValueError:
                continue  # a stray key that cannot name a record of this table
        return _Keys(keep, natives)

    # -- rows ----------------------------------------------------------------------------

    def rows(self, session: Session, app_rows: Sequence[Any]) -> list[RecordRow]:
        keys = [self.table.key_text(r[0]) for r in app_rows]
        states = coupling_states(session, self.mapping.name, self.side, keys)
        return [self.row(r, states.get(k)) for r, k in zip(app_rows, keys, strict=True)]

    def row(self, app_row: Any, state: _CouplingState | None) -> RecordRow:
        values = app_row._mapping
        fields = tuple(values[c] for c in self.fields)
        key = self.table.key_text(app_row[0])
        if state is None:
            return RecordRow(key, fields, app_row[1], RecordState.NOT_COUPLED)
        return RecordRow(
            key,
            fields,
            app_row[1],
            state.state,
            state.other_key,
            state.pending,
            state.error_kind,
            state.error_message,
            state.synced_at,
        )


@dataclass(frozen=True)
class _Keys:
    """Native app keys a list keeps (`keep`) or leaves out; `natives` None: too many for one
    key list, so the list must scan."""

    keep: bool
    natives: list[Any] | None

    @property
    def scan(self) -> bool:
        return self.natives is None


@dataclass(frozen=True)
class _CouplingState:
    state: RecordState
    other_key: str | None
    pending: bool
    error_kind: str | None
    error_message: str | None
    synced_at: datetime | None


def coupling_states(
    session: Session, mapping: str, side: Side, keys: Iterable[str]
) -> dict[str, _CouplingState]:
    """The coupling state of records of `side` by key, with the newest open error of the skipped."""
    mine, other = key_column(side), key_column(side.other)
    wanted = list(dict.fromkeys(keys))
    found: dict[str, tuple[Any, ...]] = {}
    for start in range(0, len(wanted), KEYS_PER_QUERY):
        part = wanted[start : start + KEYS_PER_QUERY]
        query = select(
            mine, other, Coupling.id, Coupling.skipped, Coupling.pending, LAST_SYNCED
        ).where(Coupling.mapping == mapping, mine.in_(part))
        for row in session.execute(query):
            found[row[0]] = tuple(row)
    skipped = [row[2] for row in found.values() if row[3]]
    errors: dict[int, tuple[str | None, str | None]] = {}
    for start in range(0, len(skipped), KEYS_PER_QUERY):
        query = (
            select(SyncError.coupling_id, SyncError.kind, SyncError.message)
            .where(
                SyncError.coupling_id.in_(skipped[start : start + KEYS_PER_QUERY]),
                SyncError.resolved_at.is_(None),
            )
            .order_by(SyncError.id)
        )
        for coupling_id, kind, message in session.execute(query):
            if coupling_id is not None:
                errors[coupling_id] = (kind, message)  # the newest wins
    states = {}
    for key, (_, other_key, coupling_id, is_skipped, pending, synced_at) in found.items():
        error_kind, error_message = errors.get(coupling_id, (None, None))
        state = RecordState.SKIPPED if is_skipped else RecordState.COUPLED
        states[key] = _CouplingState(
            state, other_key, pending is not None, error_kind, error_message, synced_at
        )
    return states


def records_page(
    service: Service, where: RecordFilter, after: RecordCursor | None = None, limit: int = PAGE
) -> RecordPage:
    """One page of a record list, starting after `after` (the previous page's cursor)."""
    lister = _Lister(service, where)
    app = service.apps[where.side]
    with service.store.session() as session, app.connect() as conn:
        restriction = lister.restriction(session)
        if restriction is not None and restriction.scan:
            return _scan(lister, session, conn, after, limit)
        query = lister.ordered(lister.select(restriction), after).limit(limit + 1)
        with conn.begin():
            app_rows = conn.execute(query).all()
        exhausted = len(app_rows) <= limit
        app_rows = app_rows[:limit]
        cursor = lister.cursor(app_rows[-1]) if app_rows else after
        return RecordPage(tuple(lister.rows(session, app_rows)), cursor, exhausted)


def _scan(
    lister: _Lister, session: Session, conn: Connection, after: RecordCursor | None, limit: int
) -> RecordPage:
    """A state filter over too many keys: read the app table in display order and keep the rows
    in the wanted state, until the page is full, the table ends, or `SCAN_ROWS` rows were read."""
    kept: list[RecordRow] = []
    cursor, read = after, 0
    while read < SCAN_ROWS:
        with conn.begin():
            batch = conn.execute(lister.ordered(lister.select(), cursor).limit(SCAN_BATCH)).all()
        for app_row, row in zip(batch, lister.rows(session, batch), strict=True):
            cursor = lister.cursor(app_row)
            if row.state is lister.where.state:
                kept.append(row)
                if len(kept) == limit:
                    return RecordPage(tuple(kept), cursor, False)
        read += len(batch)
        if len(batch) < SCAN_BATCH:
            return RecordPage(tuple(kept), cursor, True)
    return RecordPage(tuple(kept), cursor, False)


def count_records(service: Service, where: RecordFilter) -> int | None:
    """How many records the list shows; None when a state filter must scan (unknown up front)."""
    lister = _Lister(service, where)
    app = service.apps[where.side]
    with service.store.session() as session:
        restriction = lister.restriction(session)
    if restriction is not None and restriction.scan:
        return None
    query = select(func.count()).select_from(lister.select(restriction).subquery())
    with app.connect() as conn:
        return conn.scalar(query) or 0


def record_rows(
    service: Service, mapping_name: str, side: Side, keys: Sequence[str]
) -> dict[str, RecordRow]:
    """The list rows of these records as they are now; a key with no record is absent."""
    lister = _Lister(service, RecordFilter(mapping_name, side))
    app = service.apps[side]
    valid = [k for k in keys if _parses(lister.table, k)]
    with app.connect() as conn, conn.begin():
        found = lister.table.read_by_keys(conn, valid)
    with service.store.session() as session:
        rows = lister.rows(session, list(found.values()))
    return {row.key: row for row in rows}


def _parses(table: SideTable, text: str) -> bool:
    try:
        table.key_native(text)
    except ValueError:
        return False
    return True


__all__ = [
    "PAGE",
    "RecordCursor",
    "RecordFilter",
    "RecordPage",
    "RecordRow",
    "RecordState",
    "count_records",
    "coupling_states",
    "record_rows",
    "records_page",
    "sort_columns",
]
