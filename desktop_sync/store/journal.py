"""Set-based writes of the journal and of what errors remember about earlier ones.

`add_journal` writes a batch's journal rows with one driver `executemany` (see `bulk`), inside
the transaction that settles the batch. `count_repeated_failures` gives each `failed` error
about to be filed how many times in a row its coupling failed with the same message.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Column, MetaData, String, Table, select
from sqlalchemy.orm import Session

from desktop_sync.bulk import insert_many
from desktop_sync.domain import ErrorKind
from desktop_sync.store.models import JournalEntry, SyncError, table_of
from desktop_sync.store.records import KEYS_PER_QUERY

JOURNAL_COLUMNS = (
    "at",
    "mapping",
    "erp_key",
    "crm_key",
    "side",
    "kind",
    "before",
    "after",
    "user",
    "job_id",
    "action",
    "rule",
    "comment",
    "error_id",
    "undo_of",
    "batch",
    "pair",
)


def add_journal(session: Session, rows: list[tuple[Any, ...]]) -> None:
    """Insert journal rows (tuples in `JOURNAL_COLUMNS` order) with one executemany.

    The rows of one batch share their time: it is bound once as the database takes it (where
    `insert_many` would convert it for every row).
    """
    if not rows:
        return
    conn = session.connection()
    at = rows[0][0]
    if all(row[0] is at for row in rows):
        column = table_of(JournalEntry).c.at
        process = column.type._cached_bind_processor(conn.dialect)
        if process is not None:
            bound = process(at)
            rows = [(bound, *row[1:]) for row in rows]
            table = _TEXT_AT.get(conn.dialect.name)
            if table is None:
                table = _TEXT_AT[conn.dialect.name] = _journal_with_plain_at()
            insert_many(conn, table, JOURNAL_COLUMNS, rows)
            return
    insert_many(conn, table_of(JournalEntry), JOURNAL_COLUMNS, rows)


_TEXT_AT: dict[str, Table] = {}


def _journal_with_plain_at() -> Table:
    """The journal table as `insert_many` sees it, with `at` already bound (no processor)."""
    columns = [
        Column(c.name, String() if c.name == "at" else c.type) for c in table_of(JournalEntry).c
    ]
    return Table("journal", MetaData(), *columns)


def count_repeated_failures(session: Session, errors: list[dict[str, Any]]) -> None:
    """Set `fail_count` on `failed` error rows about to be inserted: one more than the coupling's
    latest earlier error when that one failed with the same message, else 1. One query."""
    failed = [e for e in errors if e.get("kind") == ErrorKind.FAILED.value and e.get("coupling_id")]
    for error in errors:
        error.setdefault("fail_count", 1)
    if not failed:
        return
    ids = list({e["coupling_id"] for e in failed})
    latest: dict[int, tuple[str, int]] = {}
    for start in range(0, len(ids), KEYS_PER_QUERY):
        query = (
            select(SyncError.coupling_id, SyncError.kind, SyncError.message, SyncError.fail_count)
            .where(SyncError.coupling_id.in_(ids[start : start + KEYS_PER_QUERY]))
            .order_by(SyncError.id)
        )
        for coupling_id, kind, message, count in session.execute(query):
            if coupling_id is not None:
                latest[coupling_id] = (message if kind == ErrorKind.FAILED.value else "", count)
    for error in failed:
        message, count = latest.get(error["coupling_id"], ("", 0))
        error["fail_count"] = count + 1 if message and message == error["message"] else 1
