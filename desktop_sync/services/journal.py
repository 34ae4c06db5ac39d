"""The journal's verbs: list the writes made to the apps (`journal`), and undo a person's
resolution (`undo`).

Rows come back as frozen dataclasses a page at a time (newest first, keyset paging by id), so
the window can show a journal of millions of writes as fast as a short one.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, select

from desktop_sync.domain import Side
from desktop_sync.engine import UndoOutcome, Written, undo_written
from desktop_sync.services.actions import ActionError
from desktop_sync.services.clock import in_local, when_text
from desktop_sync.services.queries import ERROR_COLUMNS, ErrorRow
from desktop_sync.store.models import JournalEntry, SyncError
from desktop_sync.store.records import coupling_by_key

if TYPE_CHECKING:
    from desktop_sync.services.service import Service

PAGE = 200


@dataclass(frozen=True)
class Page:
    """One page of a newest-first list: at most `limit` rows older than `before_id`."""

    limit: int = PAGE
    before_id: int | None = None


@dataclass(frozen=True)
class JournalFilter:
    """Which journal rows a list shows. Empty fields do not filter; `key` needs `side`."""

    mapping: str | None = None
    side: Side | None = None
    key: str | None = None
    since: datetime | None = None  # naive UTC, as the store keeps times
    until: datetime | None = None
    user: str | None = None
    action: str | None = None  # sync | rule | synchronize | restore | delete | coupled | undo …
    job_id: int | None = None

    def criteria(self) -> list[ColumnElement[bool]]:
        where: list[ColumnElement[bool]] = []
        if self.mapping:
            where.append(JournalEntry.mapping == self.mapping)
        if self.key is not None:
            column = JournalEntry.erp_key if self.side is not Side.CRM else JournalEntry.crm_key
            where.append(column == self.key)
        if self.since is not None:
            where.append(JournalEntry.at >= self.since)
        if self.until is not None:
            where.append(JournalEntry.at < self.until)
        if self.user:
            where.append(JournalEntry.user == self.user)
        if self.action:
            where.append(JournalEntry.action == self.action)
        if self.job_id is not None:
            where.append(JournalEntry.job_id == self.job_id)
        return where


@dataclass(frozen=True)
class JournalRow:
    """One write to one app: values before and after (canonical JSON by column name)."""

    id: int
    at: datetime
    mapping: str
    erp_key: str | None
    crm_key: str | None
    side: str
    kind: str  # insert | update | delete | archive
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    user: str
    job_id: int | None
    action: str
    rule: str | None
    comment: str | None
    error_id: int | None
    undo_of: int | None

    @property
    def who(self) -> str:
        """Who wrote: the rule, the job, or the person."""
        if self.rule:
            return f"rule {self.rule}"
        if self.action == "sync" and self.job_id is not None:
            return f"job {self.job_id}"
        return self.user

    @property
    def undoable(self) -> bool:
        """A person's resolution or a rule's decision; a job's own writes are not undone."""
        return self.action != "sync"

    def changes(self) -> list[tuple[str, Any, Any]]:
        """(column, before, after) for every column the write touched."""
        before, after = self.before or {}, self.after or {}
        return [(c, before.get(c), after.get(c)) for c in dict.fromkeys([*before, *after])]

    def as_json(self) -> dict[str, object]:
        data = {f.name: getattr(self, f.name) for f in fields(self)}
        data["at"] = self.at.isoformat()
        data["who"] = self.who
        return data


@dataclass(frozen=True)
class JournalPage:
    rows: tuple[JournalRow, ...]
    next: Page | None  # the page after this one; None at the oldest row


@dataclass(frozen=True)
class UndoResult:
    """What an undo did, in words (`message`), and what it left."""

    entry_id: int
    written: bool
    message: str
    conflict: bool = False  # refused into a changed_in_both error: the record changed since
    reopened_error: int | None = None


JOURNAL_COLUMNS = tuple(getattr(JournalEntry, f.name) for f in fields(JournalRow))


def journal_page(service: Service, where: JournalFilter, page: Page) -> JournalPage:
    query = select(*JOURNAL_COLUMNS).where(*where.criteria())
    if page.before_id is not None:
        query = query.where(JournalEntry.id < page.before_id)
    query = query.order_by(JournalEntry.id.desc()).limit(page.limit + 1)
    with service.store.session() as session:
        rows = [JournalRow(*r) for r in session.execute(query)]
    more = len(rows) > page.limit
    rows = rows[: page.limit]
    following = Page(page.limit, rows[-1].id) if more and rows else None
    return JournalPage(tuple(rows), following)


def journal_entry(service: Service, entry_id: int) -> JournalRow | None:
    with service.store.session() as session:
        row = session.execute(select(*JOURNAL_COLUMNS).where(JournalEntry.id == entry_id)).first()
    return JournalRow(*row) if row else None


def undo_entry(service: Service, entry_id: int, comment: str | None = None) -> UndoResult:
    """Undo the resolution journal entry `entry_id` belongs to (every app it wrote)."""
    entry = journal_entry(service, entry_id)
    if entry is None:
        raise ActionError(f"Journal entry {entry_id} does not exist (any more).")
    if not entry.undoable:
        raise ActionError(
            f"Journal entry {entry_id} is job {entry.job_id}'s own synchronization, not a "
            "resolution: a job's writes are not undone by hand. Change the record in its app, "
            "or resolve an error it caused."
        )
    entries = _group(service, entry)
    _refuse_undone(service, entries)
    _refuse_open_errors(service, entry)
    with service.manual_context(entry.mapping, "undo") as (ctx, planner):
        done: UndoOutcome = undo_written(ctx, planner, entries, comment)
    if done.conflict:
        return UndoResult(entry_id, False, done.conflict + ".", conflict=True)
    message = "; ".join(done.notes) or f"Journal entry {entry_id} undone"
    return UndoResult(entry_id, True, message, reopened_error=done.reopened_error)


def _group(service: Service, entry: JournalRow) -> list[Written]:
    """The rows written together with `entry` for the same record (both apps of a Synchronize)."""
    columns = [*JOURNAL_COLUMNS, JournalEntry.batch, JournalEntry.pair]
    with service.store.session() as session:
        batch = session.scalar(select(JournalEntry.batch).where(JournalEntry.id == entry.id))
        criteria = [JournalEntry.id == entry.id]
        if batch is not None:
            criteria = [
                JournalEntry.batch == batch,
                JournalEntry.mapping == entry.mapping,
                _same(JournalEntry.erp_key, entry.erp_key),
                _same(JournalEntry.crm_key, entry.crm_key),
            ]
        rows = session.execute(select(*columns).where(*criteria).order_by(JournalEntry.id)).all()
    return [
        Written(
            id=r.id,
            at=r.at,
            mapping=r.mapping,
            erp_key=r.erp_key,
            crm_key=r.crm_key,
            side=Side(r.side),
            kind=r.kind,
            before=r.before,
            after=r.after,
            user=r.user,
            action=r.action,
            rule=r.rule,
            error_id=r.error_id,
            pair=r.pair,
        )
        for r in rows
    ]


def _same(column: Any, value: Any) -> ColumnElement[bool]:
    return column.is_(None) if value is None else column == value


def _refuse_undone(service: Service, entries: list[Written]) -> None:
    ids = [e.id for e in entries]
    with service.store.session() as session:
        done = session.execute(
            select(JournalEntry.id, JournalEntry.user, JournalEntry.at)
            .where(JournalEntry.undo_of.in_(ids))
            .limit(1)
        ).first()
    if done is not None:
        raise ActionError(
            f"Journal entry {ids[0]} was already undone by {done.user} at {when_text(done.at)} "
            f"(journal entry {done.id}); undo that entry to have it back."
        )


def _refuse_open_errors(service: Service, entry: JournalRow) -> None:
    """An open error on the record is somebody's to resolve first; a claimed one says by whom."""
    with service.store.session() as session:
        coupling = None
        for side in Side:
            key = entry.erp_key if side is Side.ERP else entry.crm_key
            coupling = coupling or (
                coupling_by_key(session, entry.mapping, side, key) if key else None
            )
        if coupling is None:
            return
        found = session.execute(
            select(*ERROR_COLUMNS).where(
                SyncError.coupling_id == coupling.id, SyncError.resolved_at.is_(None)
            )
        ).first()
    if found is None:
        return
    error = ErrorRow(*found)
    if error.claimed_by and error.claimed_by != service.user:
        raise ActionError(
            f"The record of journal entry {entry.id} is being resolved by {error.claimed_by}"
            f"{_since(error.claimed_at)} (error {error.id}); try again when they are done."
        )
    raise ActionError(
        f"The record of journal entry {entry.id} has an open error ({error.id}, {error.kind}): "
        "resolve it first, then undo."
    )


def _since(moment: datetime | None) -> str:
    if moment is None:
        return ""
    return f" since {in_local(moment):%H:%M}"
