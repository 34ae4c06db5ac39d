"""What one job (or one person's action) works with: the context, both sides' records of a
list of couplings, the watermark of each side, and the errors of rows that have no key.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Connection, select, update
from sqlalchemy.orm import Session

from desktop_sync.apps.connection import Record, SideTable
from desktop_sync.apps.stamps import DbClock, row_token
from desktop_sync.config import Config, TableMapping
from desktop_sync.db import affected
from desktop_sync.domain import Counters, ErrorKind, Progress, Side
from desktop_sync.engine.explain import Explainer
from desktop_sync.engine.items import Item, Problem
from desktop_sync.store import Store
from desktop_sync.store.models import (
    SyncError,
    Watermark,
    utcnow,
)
from desktop_sync.store.records import (
    CouplingRow,
    add_errors,
)


@dataclass
class Context:
    """Everything one job (or one person's action) needs to apply plans."""

    config: Config
    mapping: TableMapping
    store: Store
    tables: dict[Side, SideTable]
    conns: dict[Side, Connection]
    user: str
    job_id: int | None = None
    counters: Counters = field(default_factory=Counters)
    resolution: str = "resolved"  # how errors this context closes are marked
    manual: bool = (
        False  # a person's action: a failure is reported to them, not filed as a new error
    )
    skipped_couplings: set[int] = field(default_factory=set)  # counted once per job, not per pass
    # Tokens of the stamps this job wrote, by side: rows still carrying one are its echo.
    written_stamps: dict[Side, list[str]] = field(
        default_factory=lambda: {Side.ERP: [], Side.CRM: []}
    )
    lease_holder: str | None = None  # renewed with every batch settled
    clocks: dict[Side, DbClock] = field(default_factory=dict)
    # Whether a side's database puts its own stamp on the engine's writes (a trigger, say);
    # None until the first write tells.
    restamps: dict[Side, bool | None] = field(default_factory=lambda: dict.fromkeys(Side))

    def now(self, side: Side) -> datetime:
        """The time by `side`'s database clock (read once per job, see `DbClock`)."""
        if side not in self.clocks:
            conn = self.conns[side]
            with conn.begin():
                self.clocks[side] = self.tables[side].stamps.read_clock(conn)
        return self.clocks[side].now()


def read_items(ctx: Context, couplings: Sequence[CouplingRow], forced: bool = True) -> list[Item]:
    """Couplings with both sides' records as they are now (None where a record is gone),
    one key query per side. A row that cannot be taken as a record (text that is not text,
    say) is read as it is and gives its item the problem."""
    found: dict[Side, dict[str, Record]] = {}
    problems: dict[tuple[Side, str], Problem] = {}
    for side in Side:
        table, conn = ctx.tables[side], ctx.conns[side]
        with conn.begin():
            keys = [c.key(side) for c in couplings if c.key(side)]
            rows = table.read_by_keys(conn, keys, live=True)  # type: ignore[arg-type]
        found[side] = {}
        for key, row in rows.items():
            try:
                found[side][key] = table.to_record(row)
            except ValueError as exc:
                found[side][key] = Record(key, row_token(row), row[1], dict(row._mapping))
                words = Explainer(ctx.config, ctx.mapping, ctx.tables).unreadable(side, key, exc)
                problems[side, key] = Problem(ErrorKind.FAILED, words)
    items = []
    for c in couplings:
        records = {side: found[side].get(c.key(side) or "") for side in Side}
        source = Side.ERP if records[Side.ERP] is not None else Side.CRM
        item = Item(c, records, source, forced=forced)
        item.problem = next(
            (problems[s, k] for s in Side if (k := c.key(s)) is not None and (s, k) in problems),
            None,
        )
        items.append(item)
    return items


def file_keyless_rows(ctx: Context, side: Side, messages: list[str]) -> None:
    """File rows that have no key as errors of their own: they cannot be coupled, so they are
    read again on every run; an open error with the same message is not filed twice."""
    if not messages or ctx.manual:
        return
    wanted = list(dict.fromkeys(messages))
    with ctx.store.session() as session:
        open_ = set(
            session.scalars(
                select(SyncError.message).where(
                    SyncError.mapping == ctx.mapping.name,
                    SyncError.resolved_at.is_(None),
                    SyncError.erp_key.is_(None),
                    SyncError.crm_key.is_(None),
                    SyncError.message.in_(wanted),
                )
            )
        )
        new = [m for m in wanted if m not in open_]
        at = utcnow()
        add_errors(
            session,
            [
                {
                    "mapping": ctx.mapping.name,
                    "kind": ErrorKind.FAILED.value,
                    "message": message,
                    "detail": "A record needs a key to be coupled and synchronized.",
                    "failed_at": at,
                    "job_id": ctx.job_id,
                    "erp_exists": side is Side.ERP,
                    "crm_exists": side is Side.CRM,
                }
                for message in new
            ],
        )
    ctx.counters.failed += len(new)


@dataclass(frozen=True)
class WatermarkState:
    """How far the incremental reads of one side have come.

    `reached` is the database's time (UTC text) when the last complete pass started: every row
    committed before it minus the look-back was read. `own` holds the tokens of the engine's own
    write stamps that are still inside the look-back, so the next job need not read them back.
    """

    reached: str | None = None
    own: tuple[str, ...] = ()


def save_watermark(session: Session, mapping: str, side: Side, state: WatermarkState) -> None:
    if state.reached is None:
        return
    values = {"modified": state.reached, "own_stamps": list(state.own)}
    statement = update(Watermark).where(Watermark.mapping == mapping, Watermark.side == side.value)
    if not affected(session.execute(statement.values(values))):
        session.add(Watermark(mapping=mapping, side=side.value, **values))


def load_watermark(session: Session, mapping: str, side: Side) -> WatermarkState:
    row = session.get(Watermark, (mapping, side.value))
    if row is None:
        return WatermarkState()
    return WatermarkState(row.modified, tuple(row.own_stamps or ()))


ProgressCallback = Callable[[Progress], None]


class JobError(Exception):
    """A job cannot do what was asked (a record that does not exist, say); the message says why."""


@dataclass(frozen=True)
class Scope:
    """What a job covers: the whole table, one record, or the scan for deleted records."""

    kind: str = "table"  # table | full (every pair compared by value) | record | find_deleted
    side: Side | None = None
    key: str | None = None

    @classmethod
    def record(cls, side: Side, key: str) -> Scope:
        return cls("record", side, key)

    def describe(self) -> str:
        return f"record {self.side} {self.key}" if self.kind == "record" else self.kind


TABLE = Scope()
FULL = Scope("full")
FIND_DELETED = Scope("find_deleted")
