"""Finishing what a killed job announced but may not have done.

`apply_plans` announces every insert and delete as a pending coupling before making it. At the
start of the next job for the mapping, each pending coupling is checked against the app:

- an insert that landed is kept (the key is known, or for a key the database assigns, the row is
  found by the job's last-modified stamp and its values);
- an insert that did not land loses its key on that side and is marked for retry, so this job
  inserts it (exactly once);
- an announced delete is carried out, and the coupling removed.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from desktop_sync.apps.values import same
from desktop_sync.domain import Outcome, Side
from desktop_sync.engine.batch import Context
from desktop_sync.engine.compare import field_values
from desktop_sync.store.models import Coupling, utcnow
from desktop_sync.store.records import (
    CouplingRow,
    add_log,
    couplings_page,
    delete_couplings,
    resolve_errors_of,
    update_couplings,
)

PAGE = 1000


def recover(ctx: Context) -> int:
    """Settle every pending coupling of the context's mapping; returns how many were settled."""
    settled = 0
    after = 0
    while True:
        with ctx.store.session() as session:
            page = couplings_page(
                session, ctx.mapping.name, after, PAGE, Coupling.pending.is_not(None)
            )
        if not page:
            return settled
        after = page[-1].id
        inserts = [c for c in page if c.pending and c.pending.startswith("insert:")]
        deletes = [c for c in page if c.pending and c.pending.startswith("delete:")]
        for side in Side:
            _finish_inserts(ctx, side, [c for c in inserts if c.pending == f"insert:{side}"])
            _finish_deletes(ctx, side, [c for c in deletes if c.pending == f"delete:{side}"])
        settled += len(page)


def _finish_inserts(ctx: Context, side: Side, couplings: list[CouplingRow]) -> None:
    if not couplings:
        return
    table, conn = ctx.tables[side], ctx.conns[side]
    known = [c for c in couplings if c.key(side) is not None]
    with conn.begin():
        existing = table.existing_keys(conn, [c.key(side) for c in known])  # type: ignore[misc]
        adopted = _adopt_assigned_keys(ctx, side, [c for c in couplings if c.key(side) is None])
    landed = {c.id: c.key(side) for c in known if c.key(side) in existing} | adopted
    changes: list[dict[str, Any]] = []
    log: list[dict[str, Any]] = []
    now = utcnow()
    for c in couplings:
        if c.id in landed:
            changes.append(
                {"id": c.id, f"{side}_key": landed[c.id], "pending": None, "pending_token": None}
            )
            keys = {"erp_key": c.erp_key, "crm_key": c.crm_key} | {f"{side}_key": landed[c.id]}
            log.append(
                _log_row(
                    ctx,
                    keys,
                    now,
                    Outcome.INSERTED,
                    "inserted by a job that was interrupted; completed now",
                )
            )
        else:
            changes.append(
                {
                    "id": c.id,
                    f"{side}_key": None,
                    "pending": None,
                    "pending_token": None,
                    "retry": True,
                }
            )
    with ctx.store.session() as session:
        update_couplings(session, changes)
        add_log(session, log)


def _adopt_assigned_keys(ctx: Context, side: Side, couplings: list[CouplingRow]) -> dict[int, str]:
    """Find rows the database keyed itself: same stamp as the announced insert, same values."""
    table, conn = ctx.tables[side], ctx.conns[side]
    adopted: dict[int, str] = {}
    taken: set[str] = set()
    by_stamp: dict[str | None, list[CouplingRow]] = {}
    for c in couplings:
        by_stamp.setdefault(c.seen(side), []).append(c)
    for stamp, group in by_stamp.items():
        if stamp is None:
            continue
        rows = table.read_stamped(conn, table.stamp(datetime.fromisoformat(stamp)))
        records = [table.to_record(r) for r in rows]
        for c in group:
            for record in records:
                values = field_values(ctx.mapping, side, record.values)
                if record.key not in taken and all(
                    same(values[n], v) for n, v in (c.base or {}).items()
                ):
                    adopted[c.id] = record.key
                    taken.add(record.key)
                    break
    return adopted


def _finish_deletes(ctx: Context, side: Side, couplings: list[CouplingRow]) -> None:
    if not couplings:
        return
    table, conn = ctx.tables[side], ctx.conns[side]
    with conn.begin():
        table.delete_rows(conn, [c.key(side) for c in couplings if c.key(side) is not None])  # type: ignore[misc]
    now = utcnow()
    log = [
        _log_row(
            ctx,
            {"erp_key": c.erp_key, "crm_key": c.crm_key},
            now,
            Outcome.DELETED,
            f"deleted in {ctx.config.side_name(side)} by a job that was interrupted; completed now",
        )
        for c in couplings
    ]
    ids = [c.id for c in couplings]
    with ctx.store.session() as session:
        resolve_errors_of(session, ids, "resolved", ctx.user, now)
        delete_couplings(session, ids)
        add_log(session, log)


def _log_row(
    ctx: Context, keys: dict[str, Any], at: datetime, outcome: Outcome, message: str
) -> dict[str, Any]:
    return keys | {
        "mapping": ctx.mapping.name,
        "at": at,
        "job_id": ctx.job_id,
        "direction": None,
        "outcome": outcome.value,
        "message": message,
        "user": ctx.user,
    }
