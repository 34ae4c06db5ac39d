"""The state store's tables: couplings, jobs, errors, the per-record log, watermarks, job queue.

Datetimes are naive UTC throughout; the user interface converts them to local time for display.
Keys of app records are stored as text whatever their type in the app, so one column serves
text, integer and UUID keys alike.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, cast

from sqlalchemy import JSON, ForeignKey, Index, String, Table, Text, UniqueConstraint, text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

KEY_LENGTH = 255
NAME_LENGTH = 100


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def table_of(model: type[Base]) -> Table:
    """A model's table, as SQLAlchemy Core statements take it."""
    return cast(Table, model.__table__)


class Base(DeclarativeBase):
    type_annotation_map = {dict[str, Any]: JSON}


class Coupling(Base):
    """One ERP record paired with one CRM record under a mapping.

    `erp_seen`/`crm_seen` are the last-modified values (normalized text) at the last successful
    synchronization and `base` the mapped values then, for three-way comparison.
    `pending` marks a write the engine announced before making it (`insert:crm`, `delete:erp`…),
    so that a sync killed half-way can be finished without duplicates; `pending_token` is the
    last-modified value that write carries. `retry` asks the next job to look at this coupling
    whatever its timestamps say. A coupling with one key missing only exists while it is pending
    or has an open error that says why.
    """

    __tablename__ = "coupling"

    id: Mapped[int] = mapped_column(primary_key=True)
    mapping: Mapped[str] = mapped_column(String(NAME_LENGTH))
    erp_key: Mapped[str | None] = mapped_column(String(KEY_LENGTH))
    crm_key: Mapped[str | None] = mapped_column(String(KEY_LENGTH))
    erp_seen: Mapped[str | None] = mapped_column(String(40))
    crm_seen: Mapped[str | None] = mapped_column(String(40))
    base: Mapped[dict[str, Any] | None]
    skipped: Mapped[bool] = mapped_column(default=False, server_default=text("false"))
    retry: Mapped[bool] = mapped_column(default=False, server_default=text("false"))
    pending: Mapped[str | None] = mapped_column(String(20))
    pending_token: Mapped[str | None] = mapped_column(String(40))
    # What an announced update will leave (new base, written stamps), for settling it after a kill.
    pending_state: Mapped[dict[str, Any] | None]
    version: Mapped[int] = mapped_column(default=1, server_default=text("1"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    synced_at: Mapped[datetime | None]

    __table_args__ = (
        UniqueConstraint("mapping", "erp_key", name="uq_coupling_erp"),
        UniqueConstraint("mapping", "crm_key", name="uq_coupling_crm"),
        # Partial indexes: only the few couplings waiting for a retry or a pending write are in
        # them, so the thousands of couplings a batch writes cost no entries here.
        Index(
            "ix_coupling_retry",
            "mapping",
            "id",
            sqlite_where=text("retry = 1"),
            postgresql_where=text("retry = true"),
        ),
        Index(
            "ix_coupling_pending",
            "mapping",
            "id",
            sqlite_where=text("pending IS NOT NULL"),
            postgresql_where=text("pending IS NOT NULL"),
        ),
        Index(
            "ix_coupling_skipped",
            "mapping",
            "id",
            sqlite_where=text("skipped = 1"),
            postgresql_where=text("skipped = true"),
        ),
    )


class Job(Base):
    """One run of one mapping: whole table, retried couplings, or one record."""

    __tablename__ = "sync_job"

    id: Mapped[int] = mapped_column(primary_key=True)
    mapping: Mapped[str] = mapped_column(String(NAME_LENGTH))
    scope: Mapped[str] = mapped_column(String(KEY_LENGTH + 20), default="table")
    origin: Mapped[str] = mapped_column(String(20), default="manual")
    user: Mapped[str] = mapped_column(String(NAME_LENGTH), default="")
    runner: Mapped[str] = mapped_column(String(200), default="")
    started: Mapped[datetime] = mapped_column(default=utcnow)
    finished: Mapped[datetime | None]
    heartbeat: Mapped[datetime | None]
    status: Mapped[str] = mapped_column(String(20), default="running")
    inserted: Mapped[int] = mapped_column(default=0)
    modified: Mapped[int] = mapped_column(default=0)
    deleted: Mapped[int] = mapped_column(default=0)
    unchanged: Mapped[int] = mapped_column(default=0)
    skipped: Mapped[int] = mapped_column(default=0)
    failed: Mapped[int] = mapped_column(default=0)
    coupled: Mapped[int] = mapped_column(default=0)
    uncoupled: Mapped[int] = mapped_column(default=0)
    message: Mapped[str] = mapped_column(Text, default="")
    # The message as an English template with {placeholders} and their values (see
    # services.messages), so the window shows it in its language; None for older rows.
    template: Mapped[str | None] = mapped_column(Text)
    params: Mapped[dict[str, Any] | None]

    __table_args__ = (Index("ix_job_started", "started"), Index("ix_job_status", "status"))


class SyncError(Base):
    """A problem with one record in one job; open while `resolved_at` is null."""

    __tablename__ = "sync_error"

    id: Mapped[int] = mapped_column(primary_key=True)
    mapping: Mapped[str] = mapped_column(String(NAME_LENGTH))
    coupling_id: Mapped[int | None] = mapped_column(ForeignKey("coupling.id", ondelete="SET NULL"))
    erp_key: Mapped[str | None] = mapped_column(String(KEY_LENGTH))
    crm_key: Mapped[str | None] = mapped_column(String(KEY_LENGTH))
    kind: Mapped[str] = mapped_column(String(20))
    message: Mapped[str] = mapped_column(Text, default="")
    detail: Mapped[str] = mapped_column(Text, default="")
    # The message as an English template with {placeholders} and their values (see
    # services.messages), so the window shows it in its language; None for older rows.
    template: Mapped[str | None] = mapped_column(Text)
    params: Mapped[dict[str, Any] | None]
    failed_at: Mapped[datetime] = mapped_column(default=utcnow)
    job_id: Mapped[int | None] = mapped_column(ForeignKey("sync_job.id", ondelete="SET NULL"))
    erp_exists: Mapped[bool] = mapped_column(default=True)
    crm_exists: Mapped[bool] = mapped_column(default=True)
    resolved_at: Mapped[datetime | None]
    resolved_by: Mapped[str | None] = mapped_column(String(NAME_LENGTH))
    resolution: Mapped[str | None] = mapped_column(String(30))
    claimed_by: Mapped[str | None] = mapped_column(String(NAME_LENGTH))
    claimed_at: Mapped[datetime | None]
    version: Mapped[int] = mapped_column(default=1, server_default=text("1"))
    # A fault that passes by itself (lost connection, lock timeout): the next job retries it.
    transient: Mapped[bool] = mapped_column(default=False, server_default=text("false"))
    # changed_in_both: the conflicting fields' names, sorted and joined by commas, so errors
    # that need the same decision are found with one equality (see services.similar).
    conflict_fields: Mapped[str | None] = mapped_column(String(500))
    # How many times in a row this coupling failed with this message (Retry, then again).
    fail_count: Mapped[int] = mapped_column(default=1, server_default=text("1"))

    __table_args__ = (
        Index("ix_error_open_failed", "resolved_at", "failed_at", "id"),
        Index("ix_error_open_mapping", "resolved_at", "mapping", "id"),
        Index("ix_error_open_kind", "resolved_at", "kind", "id"),
        Index("ix_error_coupling", "coupling_id"),
        Index("ix_error_job", "job_id"),
        # The dashboard counts each mapping's and kind's errors per day in these indexes alone.
        Index("ix_error_day", "mapping", "kind", "failed_at"),
        Index("ix_error_resolved_day", "mapping", "kind", "resolved_at"),
        Index("ix_error_similar", "mapping", "kind", "conflict_fields", "resolved_at"),
    )


class LogEntry(Base):
    """One line of a record's synchronization log: a job outcome or a person's action."""

    __tablename__ = "sync_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    mapping: Mapped[str] = mapped_column(String(NAME_LENGTH))
    erp_key: Mapped[str | None] = mapped_column(String(KEY_LENGTH))
    crm_key: Mapped[str | None] = mapped_column(String(KEY_LENGTH))
    at: Mapped[datetime] = mapped_column(default=utcnow)
    job_id: Mapped[int | None] = mapped_column(ForeignKey("sync_job.id", ondelete="SET NULL"))
    direction: Mapped[str | None] = mapped_column(String(20))
    outcome: Mapped[str] = mapped_column(String(20))
    message: Mapped[str] = mapped_column(Text, default="")
    # The message as an English template with {placeholders} and their values (see
    # services.messages), so the window shows it in its language; None for older rows.
    template: Mapped[str | None] = mapped_column(Text)
    params: Mapped[dict[str, Any] | None]
    user: Mapped[str | None] = mapped_column(String(NAME_LENGTH))

    __table_args__ = (
        Index("ix_log_erp", "mapping", "erp_key", "id"),
        Index("ix_log_crm", "mapping", "crm_key", "id"),
        Index("ix_log_job", "job_id"),
    )


class Watermark(Base):
    """How far a mapping's incremental reads of one side have come."""

    __tablename__ = "watermark"

    mapping: Mapped[str] = mapped_column(String(NAME_LENGTH), primary_key=True)
    side: Mapped[str] = mapped_column(String(3), primary_key=True)
    modified: Mapped[str] = mapped_column(String(40))
    # Stamps of the engine's own writes newer than the watermark minus the look-back: rows still
    # carrying one of them are its echo and need not be read again.
    own_stamps: Mapped[list[Any] | None] = mapped_column(JSON)


class MappingState(Base):
    """The fields a mapping had at its last job, to notice a field added or turned around."""

    __tablename__ = "mapping_state"

    mapping: Mapped[str] = mapped_column(String(NAME_LENGTH), primary_key=True)
    fingerprint: Mapped[str] = mapped_column(String(64))
    fields: Mapped[dict[str, Any] | None]
    updated_at: Mapped[datetime | None]


class Lease(Base):
    """Who is synchronizing a mapping right now; a lease not renewed in time may be taken over.

    One row per mapping, claimed with a conditional UPDATE or an INSERT, so that two runners
    never synchronize the same mapping at once on any database.
    """

    __tablename__ = "mapping_lease"

    mapping: Mapped[str] = mapped_column(String(NAME_LENGTH), primary_key=True)
    holder: Mapped[str | None] = mapped_column(String(200))
    job_id: Mapped[int | None]
    heartbeat: Mapped[datetime | None]


class QueueEntry(Base):
    """A recurring synchronization of one mapping."""

    __tablename__ = "job_queue_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    mapping: Mapped[str] = mapped_column(String(NAME_LENGTH), unique=True)
    interval_minutes: Mapped[int] = mapped_column(default=30)
    max_backoff_minutes: Mapped[int] = mapped_column(default=240)
    idle_runs: Mapped[int] = mapped_column(default=0)
    next_run: Mapped[datetime] = mapped_column(default=utcnow)
    status: Mapped[str] = mapped_column(String(20), default="ready")
    last_run: Mapped[datetime | None]
    last_result: Mapped[str] = mapped_column(Text, default="")
    result_template: Mapped[str | None] = mapped_column(Text)
    result_params: Mapped[dict[str, Any] | None]
    last_job_id: Mapped[int | None] = mapped_column(ForeignKey("sync_job.id", ondelete="SET NULL"))
    claimed_by: Mapped[str | None] = mapped_column(String(200))
    claimed_at: Mapped[datetime | None]
    version: Mapped[int] = mapped_column(default=1, server_default=text("1"))
    # What a run does: `sync` synchronizes `mapping`; `cleanup` deletes history older than
    # keep_days (its `mapping` is the reserved name CLEANUP_ENTRY).
    kind: Mapped[str] = mapped_column(String(20), default="sync", server_default=text("'sync'"))

    __table_args__ = (Index("ix_queue_due", "status", "next_run"),)


CLEANUP_ENTRY = "(cleanup)"


class JournalEntry(Base):
    """One write to one app: the mapped values of the record before and after it.

    Written in the same store transaction that settles the write's coupling (`engine.journal`).
    Values are canonical JSON by the written app's column names; `before` is None for an insert
    and `after` None for a delete. Who: `user` and `job_id` for a job, the person for an action
    (`action` names it), `rule` for a saved rule's decision. `pair` keeps, for a person's action
    or a rule, the coupling and both records as they were before it, so that an undo can tell
    whether it puts the record back in the same state. `batch` groups the writes of one record
    made together (both apps of one Synchronize). There is no foreign key to the job: its row
    may be cleaned up before the journal's.
    """

    __tablename__ = "journal"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    mapping: Mapped[str] = mapped_column(String(NAME_LENGTH))
    erp_key: Mapped[str | None] = mapped_column(String(KEY_LENGTH))
    crm_key: Mapped[str | None] = mapped_column(String(KEY_LENGTH))
    side: Mapped[str] = mapped_column(String(3))
    kind: Mapped[str] = mapped_column(String(10))  # insert | update | delete | archive
    before: Mapped[dict[str, Any] | None]
    after: Mapped[dict[str, Any] | None]
    user: Mapped[str] = mapped_column(String(NAME_LENGTH), default="")
    job_id: Mapped[int | None]
    action: Mapped[str] = mapped_column(String(30), default="sync")
    rule: Mapped[str | None] = mapped_column(String(NAME_LENGTH))
    comment: Mapped[str | None] = mapped_column(Text)
    error_id: Mapped[int | None]
    undo_of: Mapped[int | None]
    batch: Mapped[str | None] = mapped_column(String(24))
    pair: Mapped[dict[str, Any] | None]

    __table_args__ = (
        Index("ix_journal_erp", "erp_key"),
        Index("ix_journal_crm", "crm_key"),
        Index(
            "ix_journal_undo",
            "undo_of",
            sqlite_where=text("undo_of IS NOT NULL"),
            postgresql_where=text("undo_of IS NOT NULL"),
        ),
    )


class ConflictRule(Base):
    """A decision saved from the window: for a changed_in_both whose conflicting fields are
    exactly `fields`, each field's winner (`winners`, field name -> side). A rule of the
    configuration file switched off in the window is a row too (`source` config, not enabled).
    """

    __tablename__ = "conflict_rule"

    id: Mapped[int] = mapped_column(primary_key=True)
    mapping: Mapped[str] = mapped_column(String(NAME_LENGTH))
    name: Mapped[str] = mapped_column(String(NAME_LENGTH))
    fields: Mapped[str] = mapped_column(String(500), default="")
    winners: Mapped[dict[str, Any] | None]
    enabled: Mapped[bool] = mapped_column(default=True, server_default=text("true"))
    source: Mapped[str] = mapped_column(String(10), default="store")
    created_by: Mapped[str] = mapped_column(String(NAME_LENGTH), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    comment: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (UniqueConstraint("mapping", "name", name="uq_rule_name"),)
