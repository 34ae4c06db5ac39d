"""Set-based reads and writes of couplings, errors and log lines.

The engine works on thousands of records per batch, so these functions take and return lists:
one statement per list, never one flush per record. Rows come back as frozen snapshots, never
live ORM objects, so they can cross sessions and threads.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import (
    ColumnElement,
    DateTime,
    Integer,
    String,
    and_,
    bindparam,
    case,
    delete,
    func,
    insert,
    literal,
    select,
    update,
)
from sqlalchemy.orm import Session

from desktop_sync.bulk import insert_many
from desktop_sync.db import affected
from desktop_sync.domain import ErrorKind, Outcome, Side
from desktop_sync.store.models import Coupling, LogEntry, SyncError, table_of, utcnow

KEYS_PER_QUERY = 900


@dataclass(frozen=True)
class CouplingRow:
    id: int
    mapping: str
    erp_key: str | None
    crm_key: str | None
    erp_seen: str | None
    crm_seen: str | None
    base: dict[str, Any] | None
    skipped: bool
    retry: bool
    pending: str | None
    pending_token: str | None
    version: int
    pending_state: dict[str, Any] | None = None

    def key(self, side: Side) -> str | None:
        return self.erp_key if side is Side.ERP else self.crm_key

    def seen(self, side: Side) -> str | None:
        return self.erp_seen if side is Side.ERP else self.crm_seen


_TABLE = table_of(Coupling)
_COLUMNS = tuple(
    _TABLE.c[name]
    for name in ("id", "mapping", "erp_key", "crm_key", "erp_seen", "crm_seen", "base")
    + ("skipped", "retry", "pending", "pending_token", "version", "pending_state")
)


def key_column(side: Side) -> Any:
    return Coupling.erp_key if side is Side.ERP else Coupling.crm_key


def _rows(session: Session, *criteria: ColumnElement[bool]) -> list[CouplingRow]:
    # Core on the session's connection: plain rows, without the ORM's per-row bookkeeping.
    return [
        CouplingRow(*row)
        for row in session.connection().execute(select(*_COLUMNS).where(*criteria))
    ]


def couplings_by_keys(
    session: Session, mapping: str, side: Side, keys: Iterable[str]
) -> dict[str, CouplingRow]:
    """The couplings of `mapping` whose `side` key is one of `keys`, by that key."""
    column = key_column(side)
    wanted = list(dict.fromkeys(keys))
    found: dict[str, CouplingRow] = {}
    for start in range(0, len(wanted), KEYS_PER_QUERY):
        part = wanted[start : start + KEYS_PER_QUERY]
        for row in _rows(session, Coupling.mapping == mapping, column.in_(part)):
            found[row.key(side)] = row  # type: ignore[index]
    return found


def coupling_by_key(session: Session, mapping: str, side: Side, key: str) -> CouplingRow | None:
    return couplings_by_keys(session, mapping, side, [key]).get(key)


def couplings_by_ids(session: Session, ids: Sequence[int]) -> dict[int, CouplingRow]:
    found: dict[int, CouplingRow] = {}
    for start in range(0, len(ids), KEYS_PER_QUERY):
        for row in _rows(session, Coupling.id.in_(ids[start : start + KEYS_PER_QUERY])):
            found[row.id] = row
    return found


def couplings_page(
    session: Session, mapping: str, after_id: int, limit: int, *criteria: ColumnElement[bool]
) -> list[CouplingRow]:
    """Couplings of `mapping` in id order after `after_id`: keyset paging for scans."""
    query = (
        select(*_COLUMNS)
        .where(Coupling.mapping == mapping, Coupling.id > after_id, *criteria)
        .order_by(Coupling.id)
        .limit(limit)
    )
    return [CouplingRow(*row) for row in session.connection().execute(query)]


def insert_couplings(session: Session, rows: list[dict[str, Any]]) -> None:
    """Insert couplings with one driver `executemany`; every dict must have the same keys."""
    if rows:
        columns = list(rows[0])
        insert_many(session.connection(), _TABLE, columns, [tuple(r.values()) for r in rows])


def insert_couplings_returning_ids(session: Session, rows: list[dict[str, Any]]) -> list[int]:
    if not rows:
        return []
    statement = insert(_TABLE).returning(_TABLE.c.id, sort_by_parameter_order=True)
    return list(session.connection().execute(statement, rows).scalars())


def update_couplings(
    session: Session, rows: list[dict[str, Any]], by: str = "id", mapping: str | None = None
) -> None:
    """Bulk update, one `executemany` per set of columns; each dict holds the column `by`
    (the primary key, or a side's key together with `mapping`) and the columns to set."""
    groups: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for row in rows:
        groups.setdefault(tuple(sorted(c for c in row if c != by)), []).append(row)
    for columns, group in groups.items():
        where = [_TABLE.c[by] == bindparam("_by")] + (
            [_TABLE.c.mapping == mapping] if mapping else []
        )
        statement = update(_TABLE).where(*where).values({c: bindparam(f"_v_{c}") for c in columns})
        params = [{"_by": r[by]} | {f"_v_{c}": r[c] for c in columns} for r in group]
        session.connection().execute(statement, params)


def delete_couplings(session: Session, ids: Sequence[int]) -> None:
    for start in range(0, len(ids), KEYS_PER_QUERY):
        session.execute(
            delete(Coupling).where(Coupling.id.in_(ids[start : start + KEYS_PER_QUERY]))
        )


def add_log(session: Session, rows: list[dict[str, Any]]) -> None:
    if rows:
        session.connection().execute(insert(table_of(LogEntry)), rows)


def add_errors(session: Session, rows: list[dict[str, Any]]) -> None:
    if rows:
        session.connection().execute(insert(table_of(SyncError)), rows)


def resolve_errors_of(
    session: Session,
    coupling_ids: Sequence[int],
    resolution: str,
    user: str,
    at: datetime | None = None,
) -> None:
    """Close every open error of these couplings (the problem they describe has gone away)."""
    at = at or utcnow()
    for start in range(0, len(coupling_ids), KEYS_PER_QUERY):
        session.execute(
            update(SyncError)
            .where(
                SyncError.coupling_id.in_(coupling_ids[start : start + KEYS_PER_QUERY]),
                SyncError.resolved_at.is_(None),
            )
            .values(
                resolved_at=at,
                resolved_by=user,
                resolution=resolution,
                version=SyncError.version + 1,
            )
        )


def retry_transient_errors(
    session: Session,
    mapping: str,
    user: str,
    job_id: int | None,
    at: datetime,
    claimed_within: timedelta = timedelta(minutes=5),
) -> int:
    """Retry every open `failed` error of `mapping` that a passing fault caused (`transient`):
    the error is resolved as `retried` by `user`, its coupling is no longer skipped and asks the
    job for a retry, and the record's log says so. Errors a person is acting on right now
    (claimed within `claimed_within`) are left to them. Set-based; returns how many."""
    open_transient = (
        SyncError.mapping == mapping,
        SyncError.kind == ErrorKind.FAILED.value,
        SyncError.transient.is_(True),
        SyncError.resolved_at.is_(None),
        SyncError.claimed_at.is_(None) | (SyncError.claimed_at < at - claimed_within),
    )
    session.execute(
        update(Coupling)
        .where(Coupling.id.in_(select(SyncError.coupling_id).where(*open_transient)))
        .values(skipped=False, retry=True, version=Coupling.version + 1)
        .execution_options(synchronize_session=False)
    )
    lines = select(
        SyncError.mapping,
        SyncError.erp_key,
        SyncError.crm_key,
        literal(at, DateTime()),
        literal(job_id, Integer()),
        literal(Outcome.RETRIED.value, String()),
        literal("retried by itself: the fault that stopped it has passed", String()),
        literal(user, String()),
    ).where(*open_transient)
    session.execute(
        insert(LogEntry).from_select(
            ["mapping", "erp_key", "crm_key", "at", "job_id", "outcome", "message", "user"], lines
        )
    )
    return affected(
        session.execute(
            update(SyncError)
            .where(*open_transient)
            .values(
                resolved_at=at,
                resolved_by=user,
                resolution="retried",
                version=SyncError.version + 1,
            )
            .execution_options(synchronize_session=False)
        )
    )


# When a coupling was last synchronized: the engine stamps `synced_at` when it compares or updates
# a pair; a pair it created by inserting carries the stamps of both records (`*_seen`) from then on,
# so its creation time is that synchronization.
_BOTH_SEEN = and_(
    Coupling.erp_key.is_not(None),
    Coupling.crm_key.is_not(None),
    Coupling.erp_seen.is_not(None),
    Coupling.crm_seen.is_not(None),
)
LAST_SYNCED = func.coalesce(Coupling.synced_at, case((_BOTH_SEEN, Coupling.created_at)))
