"""The words of the product as Python types.

Everything here is plain data with no database, Qt or I/O, so every layer can import it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from enum import StrEnum
from typing import Any


class Side(StrEnum):
    """One of the two business apps."""

    ERP = "erp"
    CRM = "crm"

    @property
    def other(self) -> Side:
        return Side.CRM if self is Side.ERP else Side.ERP


class Direction(StrEnum):
    """Which way values may flow, for a table mapping or one field."""

    BIDIRECTIONAL = "bidirectional"
    TO_CRM = "to_crm"
    TO_ERP = "to_erp"

    @classmethod
    def towards(cls, destination: Side) -> Direction:
        return cls.TO_CRM if destination is Side.CRM else cls.TO_ERP

    def allows(self, source: Side) -> bool:
        """True when values may flow out of `source` into the other side."""
        return self is Direction.BIDIRECTIONAL or self is Direction.towards(source.other)

    def narrows(self, wider: Direction) -> bool:
        """True when this direction is `wider` itself or a one-way part of it."""
        return self is wider or wider is Direction.BIDIRECTIONAL


class UpdateConflict(StrEnum):
    """Policy for a record changed on both sides since the last synchronization."""

    MANUAL = "manual"
    ERP_WINS = "erp_wins"
    CRM_WINS = "crm_wins"
    MERGE = "merge"


class DeletionConflict(StrEnum):
    """Policy for a coupled record deleted on one side only."""

    MANUAL = "manual"
    RESTORE = "restore"
    DELETE = "delete"
    REMOVE_COUPLING = "remove_coupling"


class ErrorKind(StrEnum):
    """Why a coupling became skipped."""

    CHANGED_IN_BOTH = "changed_in_both"
    DELETED_IN_ERP = "deleted_in_erp"
    DELETED_IN_CRM = "deleted_in_crm"
    FAILED = "failed"

    @classmethod
    def deleted_in(cls, side: Side) -> ErrorKind:
        return cls.DELETED_IN_ERP if side is Side.ERP else cls.DELETED_IN_CRM

    @property
    def deleted_side(self) -> Side | None:
        """The side a `deleted_*` error's record is missing from; None for other kinds."""
        return {self.DELETED_IN_ERP: Side.ERP, self.DELETED_IN_CRM: Side.CRM}.get(self)


class Outcome(StrEnum):
    """What happened to one record, as written to its synchronization log."""

    INSERTED = "inserted"
    MODIFIED = "modified"
    UNCHANGED = "unchanged"
    DELETED = "deleted"
    SKIPPED = "skipped"
    FAILED = "failed"
    COUPLED = "coupled"
    UNCOUPLED = "uncoupled"
    RESTORED = "restored"
    RETRIED = "retried"
    RESOLVED = "resolved"


class Action(StrEnum):
    """A person's action on synchronization errors."""

    RETRY = "retry"
    REMOVE_COUPLING = "remove-coupling"
    SYNCHRONIZE = "synchronize"
    RESTORE = "restore"
    DELETE = "delete"
    SET_UP_COUPLING = "set-up-coupling"

    def applies_to(self, kind: ErrorKind) -> bool:
        if self is Action.SYNCHRONIZE:
            return kind in (ErrorKind.CHANGED_IN_BOTH, ErrorKind.FAILED)
        if self in (Action.RESTORE, Action.DELETE):
            return kind.deleted_side is not None
        return True


class JobStatus(StrEnum):
    RUNNING = "running"
    FINISHED = "finished"
    CANCELLED = "cancelled"
    INTERRUPTED = "interrupted"
    FAILED = "failed"


class JobOrigin(StrEnum):
    MANUAL = "manual"
    QUEUE = "queue"


class QueueStatus(StrEnum):
    READY = "ready"
    IN_PROCESS = "in_process"
    ERROR = "error"
    ON_HOLD = "on_hold"


@dataclass
class Counters:
    """The numbers a synchronization job reports."""

    inserted: int = 0
    modified: int = 0
    deleted: int = 0
    unchanged: int = 0
    skipped: int = 0
    failed: int = 0
    coupled: int = 0
    uncoupled: int = 0

    def add(self, other: Counters) -> None:
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))

    def as_dict(self) -> dict[str, int]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


COUNTER_NAMES = tuple(f.name for f in fields(Counters))  # in the order jobs report them


@dataclass(frozen=True)
class Progress:
    """How far a long operation has come; `total` is None while unknown."""

    mapping: str
    done: int
    total: int | None
    message: str = ""


@dataclass
class CancelToken:
    """Set by the user interface; checked by long work between batches."""

    cancelled: bool = False

    def cancel(self) -> None:
        self.cancelled = True


@dataclass(frozen=True)
class JobResult:
    """One finished synchronization job, as plain data."""

    id: int
    mapping: str
    status: JobStatus
    counters: Counters = field(default_factory=Counters)
    message: str = ""
    # Stopped by a fault that passes by itself (an app that cannot be reached, a deadlock): the
    # job runs again by itself. `waiting_for` says for what: "Dynamics 365 Sales: connection
    # refused".
    transient: bool = False
    waiting_for: str = ""
    # The message as an English template and its values (see `desktop_sync.words`), so the
    # window can show it in its language; None when it is plain text.
    template: str | None = None
    params: dict[str, Any] | None = None

    @property
    def had_problems(self) -> bool:
        return (
            bool(self.counters.failed or self.counters.skipped) or self.status is JobStatus.FAILED
        )
