"""Read-only views of the store for lists: errors, jobs, log lines, couplings.

Sorting, filtering and paging happen in SQL; rows come back as frozen dataclasses. The errors
grid asks for the ordered ids of every matching error (one index scan), then for the rows of the
ids it shows, so a million errors open, sort and scroll as fast as ten.
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, or_, select
from sqlalchemy.orm import Session

from desktop_sync.domain import COUNTER_NAMES, Side
from desktop_sync.services.clock import in_local
from desktop_sync.store.models import Job, LogEntry, SyncError, table_of
from desktop_sync.store.records import KEYS_PER_QUERY


@dataclass(frozen=True)
class ErrorRow:
    id: int
    mapping: str
    erp_key: str | None
    crm_key: str | None
    erp_exists: bool
    crm_exists: bool
    kind: str
    message: str
    detail: str
    failed_at: datetime
    job_id: int | None
    coupling_id: int | None
    version: int
    resolved_at: datetime | None
    resolved_by: str | None
    resolution: str | None
    claimed_by: str | None
    claimed_at: datetime | None = None  # who is acting on it, since when (see `claimed_text`)
    transient: bool = False  # a passing fault: the next job retries it by itself
    fail_count: int = 1  # times in a row its coupling failed with this message
    conflict_fields: str | None = None  # changed_in_both: the conflicting fields, sorted
    # The message as an English template and its values (see `desktop_sync.words`); None for
    # rows written before they were kept.
    template: str | None = None
    params: dict[str, Any] | None = None

    @property
    def needs_person(self) -> bool:
        """Whether only a person can resolve it (everything but a passing fault)."""
        return not self.transient

    def claimed_text(self) -> str:
        """ "being resolved by alice since 10:41", or empty when nobody has it."""
        if not self.claimed_by or self.resolved_at is not None:
            return ""
        since = ""
        if self.claimed_at is not None:
            since = f" since {in_local(self.claimed_at):%H:%M}"
        return f"being resolved by {self.claimed_by}{since}"

    def key(self, side: Side) -> str | None:
        return self.erp_key if side is Side.ERP else self.crm_key

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "mapping": self.mapping,
            "erp_key": self.erp_key,
            "crm_key": self.crm_key,
            "kind": self.kind,
            "message": self.message,
            "detail": self.detail,
            "failed_at": self.failed_at.isoformat(),
            "job_id": self.job_id,
            "claimed_by": self.claimed_by if self.resolved_at is None else None,
            "claimed_at": self.claimed_at.isoformat() if self.claimed_at else None,
            "fail_count": self.fail_count,
            "transient": self.transient,
            "needs_person": self.needs_person,
            "conflict_fields": self.conflict_fields.split(",") if self.conflict_fields else [],
        }


@dataclass(frozen=True)
class JobRow:
    id: int
    mapping: str
    scope: str
    origin: str
    user: str
    runner: str
    started: datetime
    finished: datetime | None
    status: str
    inserted: int
    modified: int
    deleted: int
    unchanged: int
    skipped: int
    failed: int
    coupled: int
    uncoupled: int
    message: str
    template: str | None = None
    params: dict[str, Any] | None = None

    def as_json(self) -> dict[str, object]:
        data = {f.name: getattr(self, f.name) for f in fields(self)}
        del data["template"], data["params"]
        data["started"] = self.started.isoformat()
        data["finished"] = self.finished.isoformat() if self.finished else None
        return data

    @property
    def counters_text(self) -> str:
        return ", ".join(f"{n} {getattr(self, n)}" for n in COUNTER_NAMES)


@dataclass(frozen=True)
class LogRow:
    id: int
    mapping: str
    erp_key: str | None
    crm_key: str | None
    at: datetime
    job_id: int | None
    direction: str | None
    outcome: str
    message: str
    user: str | None
    template: str | None = None
    params: dict[str, Any] | None = None

    def as_json(self) -> dict[str, object]:
        return {
            "at": self.at.isoformat(),
            "job_id": self.job_id,
            "direction": self.direction,
            "outcome": self.outcome,
            "message": self.message,
            "user": self.user,
        }


@dataclass(frozen=True)
class ErrorFilter:
    """Which errors a list shows. Empty fields do not filter."""

    mapping: str | None = None
    kind: str | None = None
    search: str = ""
    job_id: int | None = None
    include_resolved: bool = False
    needs_person: bool = False  # only errors a person must resolve (no passing faults)
    # Errors open at this instant (naive UTC, as the store keeps it): failed before it and not
    # resolved before it, those resolved since included. The dashboard's bar of a day counts
    # the errors open at the day's end: `open_at` is the next day's midnight (`day_end`).
    open_at: datetime | None = None
    # Records whose mapped values match `search` (see `naming.matching_keys`): per mapping and
    # side ("erp" | "crm"), their keys; their errors match too.
    records: tuple[tuple[str, str, tuple[str, ...]], ...] = ()

    def criteria(self, dialect: str = "sqlite") -> list[ColumnElement[bool]]:
        """The WHERE clauses; free text uses LIKE, which SQLite already matches without regard
        to case (ILIKE there would wrap every value in lower() and cost a scan of its own)."""
        where: list[ColumnElement[bool]] = []
        if self.open_at is not None:  # a range of ix_error_day with the mapping and kind
            where.append(SyncError.failed_at < self.open_at)
            if not self.include_resolved:
                resolved = SyncError.resolved_at
                where.append(or_(resolved.is_(None), resolved >= self.open_at))
        elif not self.include_resolved:
            where.append(SyncError.resolved_at.is_(None))
        if self.mapping:
            where.append(SyncError.mapping == self.mapping)
        if self.kind:
            where.append(SyncError.kind == self.kind)
        if self.job_id is not None:
            where.append(SyncError.job_id == self.job_id)
        if self.needs_person:
            where.append(SyncError.transient.is_(False))
        text = self.search.strip()
        if text:
            pattern = f"%{text}%"
            columns = (SyncError.message, SyncError.erp_key, SyncError.crm_key, SyncError.mapping)
            matches: list[ColumnElement[bool]] = [
                c.like(pattern) if dialect == "sqlite" else c.ilike(pattern) for c in columns
            ]
            for mapping, side, keys in self.records:
                column = SyncError.erp_key if side == Side.ERP.value else SyncError.crm_key
                matches.append(and_(SyncError.mapping == mapping, column.in_(keys)))
            where.append(or_(*matches))
        return where


ALL_ERRORS = ErrorFilter()


def day_end(day: date) -> datetime:
    """The end of a UTC day (the next day's midnight, naive UTC): `ErrorFilter.open_at` of the
    errors open at the end of `day`, as the dashboard counts them."""
    return datetime(day.year, day.month, day.day) + timedelta(days=1)


ERROR_COLUMNS = tuple(getattr(SyncError, f.name) for f in fields(ErrorRow))
JOB_COLUMNS = tuple(getattr(Job, f.name) for f in fields(JobRow))
LOG_COLUMNS = tuple(getattr(LogEntry, f.name) for f in fields(LogRow))

# Sort keys the errors grid offers; each ends with the id so the order is total and stable.
ERROR_SORTS = {
    "mapping": SyncError.mapping,
    "erp_key": SyncError.erp_key,
    "erp_exists": SyncError.erp_exists,
    "crm_key": SyncError.crm_key,
    "crm_exists": SyncError.crm_exists,
    "kind": SyncError.kind,
    "message": SyncError.message,
    "failed_at": SyncError.failed_at,
    "job_id": SyncError.job_id,
    "claimed_by": SyncError.claimed_by,
    "fail_count": SyncError.fail_count,
}


def error_ids(
    session: Session, where: ErrorFilter, sort: str = "failed_at", descending: bool = True
) -> array:
    """The ids of every matching error in display order, as a compact array."""
    connection = session.connection()
    column = ERROR_SORTS[sort]
    order = (
        (column.desc(), SyncError.id.desc()) if descending else (column.asc(), SyncError.id.asc())
    )
    query = (
        select(table_of(SyncError).c.id)
        .where(*where.criteria(connection.dialect.name))
        .order_by(*order)
    )
    ids = array("q")
    result = connection.execute(query)
    cursor = result.cursor  # the DBAPI cursor: a million ids need no Row objects, only integers
    while chunk := cursor.fetchmany(50000):
        ids.extend(row[0] for row in chunk)
    result.close()
    return ids


def errors_by_ids(session: Session, ids: Sequence[int]) -> dict[int, ErrorRow]:
    found: dict[int, ErrorRow] = {}
    for start in range(0, len(ids), KEYS_PER_QUERY):
        part = list(ids[start : start + KEYS_PER_QUERY])
        for row in session.execute(select(*ERROR_COLUMNS).where(SyncError.id.in_(part))):
            found[row.id] = ErrorRow(*row)
    return found


def errors(
    session: Session,
    where: ErrorFilter,
    limit: int | None = None,
    offset: int = 0,
    sort: str = "failed_at",
    descending: bool = True,
) -> list[ErrorRow]:
    column = ERROR_SORTS[sort]
    order = (
        (column.desc(), SyncError.id.desc()) if descending else (column.asc(), SyncError.id.asc())
    )
    query = (
        select(*ERROR_COLUMNS)
        .where(*where.criteria(session.get_bind().dialect.name))
        .order_by(*order)
        .offset(offset)
    )
    if limit is not None:
        query = query.limit(limit)
    return [ErrorRow(*row) for row in session.execute(query)]


def count_errors(session: Session, where: ErrorFilter) -> int:
    criteria = where.criteria(session.get_bind().dialect.name)
    return session.scalar(select(func.count()).select_from(SyncError).where(*criteria)) or 0


def open_errors_of_record(session: Session, mapping: str, side: Side, key: str) -> list[ErrorRow]:
    column = SyncError.erp_key if side is Side.ERP else SyncError.crm_key
    query = (
        select(*ERROR_COLUMNS)
        .where(SyncError.mapping == mapping, column == key, SyncError.resolved_at.is_(None))
        .order_by(SyncError.id.desc())
    )
    return [ErrorRow(*row) for row in session.execute(query)]


def jobs(
    session: Session,
    limit: int = 50,
    offset: int = 0,
    mapping: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
) -> list[JobRow]:
    """The newest jobs first; `since`/`until` (naive UTC) bound when they started, as the
    dashboard's days do (`until` excluded)."""
    query: Select = select(*JOB_COLUMNS).order_by(Job.id.desc()).limit(limit).offset(offset)
    if mapping:
        query = query.where(Job.mapping == mapping)
    if since is not None:
        query = query.where(Job.started >= since)
    if until is not None:
        query = query.where(Job.started < until)
    return [JobRow(*row) for row in session.execute(query)]


def job(session: Session, job_id: int) -> JobRow | None:
    row = session.execute(select(*JOB_COLUMNS).where(Job.id == job_id)).first()
    return JobRow(*row) if row else None


def record_log(
    session: Session,
    mapping: str,
    side: Side,
    key: str,
    limit: int = 500,
    before_id: int | None = None,
) -> list[LogRow]:
    """A record's log, newest first; `before_id` pages further back. Served by ix_log_erp/crm."""
    column = LogEntry.erp_key if side is Side.ERP else LogEntry.crm_key
    query = select(*LOG_COLUMNS).where(LogEntry.mapping == mapping, column == key)
    if before_id is not None:
        query = query.where(LogEntry.id < before_id)
    query = query.order_by(LogEntry.id.desc()).limit(limit)
    return [LogRow(*row) for row in session.execute(query)]
