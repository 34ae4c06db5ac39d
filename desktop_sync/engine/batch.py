"""Applying a batch of plans to both apps and the store, so that a kill at any moment is safe.

Three steps, each committed before the next:

1. *Announce* (store): every insert and delete about to be made is written as a pending
   coupling (`pending`, `pending_token`), with the key it will carry where the engine makes it.
2. *Write* (apps): `executemany` inserts, optimistic updates and deletes, one transaction per
   kind and side; when a batch is rejected it is retried row by row to find the record at fault.
3. *Settle* (store): couplings, errors, log lines and counters, in one transaction.

A sync killed after step 1 finds the pending couplings next time and finishes or forgets them
(see `recovery`); killed after step 2, it finds rows whose values already agree, which the
three-way comparison counts as converged, so nothing is written twice and nothing is lost.
"""

from __future__ import annotations

import traceback
import uuid
from collections.abc import Callable
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.exc import StatementError

from desktop_sync.apps.connection import SideTable
from desktop_sync.apps.faults import TransientFault, is_transient
from desktop_sync.apps.rejection import rejection_of
from desktop_sync.apps.values import canonical
from desktop_sync.domain import ErrorKind, Side
from desktop_sync.engine.context import Context
from desktop_sync.engine.explain import Explainer
from desktop_sync.engine.items import Plan, Problem
from desktop_sync.engine.settle import Ref, settle_plans, stamp_token
from desktop_sync.store.models import (
    utcnow,
)
from desktop_sync.store.records import (
    insert_couplings,
    update_couplings,
)
from desktop_sync.words import Message


def apply_plans(ctx: Context, plans: list[Plan]) -> None:
    """Carry out `plans`: announce, write, settle (see the module's docstring)."""
    written = {
        s for s in Side if any(s in p.inserts or p.updates.get(s) or p.delete is s for p in plans)
    }
    stamps = {
        side: ctx.tables[side].stamps.write_value(ctx.now(side))
        for side in written
        if ctx.tables[side].stamps.present
    }
    token = uuid.uuid4().hex[:20]
    refs = _announce(ctx, plans, stamps, token)
    for side in Side:
        _write(ctx, side, plans, stamps.get(side))
    settle_plans(ctx, plans, stamps, token, refs)


def _announce(ctx: Context, plans: list[Plan], stamps: dict[Side, Any], token: str) -> list[Ref]:
    """Write pending couplings for inserts, updates and deletes; returns how to find each plan's
    coupling."""
    new_rows: list[dict[str, Any]] = []
    changed: list[dict[str, Any]] = []
    refs: list[Ref] = []
    seen_stamp = {side: stamp_token(ctx, side, stamps.get(side)) for side in Side}
    synced_at = utcnow()
    for plan in plans:
        coupling = plan.item.coupling
        refs.append(Ref(coupling.id) if coupling else Ref())
        if plan.inserts:
            ((destination, values),) = plan.inserts.items()
            source = destination.other
            table = ctx.tables[destination]
            key = values.get(table.key.name)
            row = {
                f"{destination}_key": table.key_text(key) if key is not None else None,
                f"{destination}_seen": seen_stamp[destination]
                or _inserted_token(table, values, stamps.get(destination)),
                f"{source}_seen": plan.item.records[source].modified,  # type: ignore[union-attr]
                "base": plan.base,
                "pending": f"insert:{destination}",
                "pending_token": token,
                "skipped": False,
                "retry": False,
                "synced_at": synced_at,
            }
            if coupling is None:
                # New couplings carry their own token, so that step 3 can log them in SQL.
                row |= {
                    "mapping": ctx.mapping.name,
                    f"{source}_key": plan.item.key(source),
                    "pending_token": token + "n",
                }
                new_rows.append(row)
                refs[-1] = Ref(source=source, key=plan.item.key(source))
            else:
                changed.append(row | {"id": coupling.id})
        elif plan.delete is not None and coupling is not None:
            changed.append(
                {"id": coupling.id, "pending": f"delete:{plan.delete}", "pending_token": token}
            )
        elif coupling is not None and any(plan.updates.values()):
            changed.append(_announced_update(plan, coupling.id, seen_stamp, token))
    if new_rows or changed:
        with ctx.store.session() as session:
            update_couplings(session, changed)
            insert_couplings(session, new_rows)
    return refs


def _inserted_token(table: SideTable, values: dict[str, Any], stamp: Any) -> str | None:
    """The token of an inserted row whose table keeps no stamp: its values'."""
    return None if stamp is not None else table.stamps.token(None, values)


def _announced_update(
    plan: Plan, coupling_id: int, seen_stamp: dict[Side, str | None], token: str
) -> dict[str, Any]:
    """The announcement of an update: what the pair will hold once it lands, so that a job
    killed before settling it can tell afterwards whether it landed (see `recovery`)."""
    written = [s for s in Side if plan.updates.get(s)]
    pending = f"update:{written[0]}" if len(written) == 1 else "update:both"
    state = {
        "base": plan.base,
        "values": {s.value: {c: canonical(v) for c, v in plan.updates[s].items()} for s in written},
        "stamps": {s.value: seen_stamp[s] for s in written},
        "read": {s.value: r.modified for s, r in plan.item.records.items() if r is not None},
    }
    return {"id": coupling_id, "pending": pending, "pending_token": token, "pending_state": state}


def _write(ctx: Context, side: Side, plans: list[Plan], stamp: Any) -> None:
    table, conn = ctx.tables[side], ctx.conns[side]
    column = table.stamp_column
    fills = stamp is None or table.stamps.db_fills or column is None
    stamped: dict[str, Any] = {} if fills or column is None else {column: stamp}
    inserts = [p for p in plans if side in p.inserts]
    if inserts:
        for p in inserts:
            p.inserts[side].update(stamped)

        def insert_all(group: list[Plan]) -> None:
            keys = table.insert_rows(conn, [p.inserts[side] for p in group])
            for p, key in zip(group, keys, strict=True):
                p.new_keys[side] = key
                p.written.add(side)

        guarded(ctx, side, inserts, insert_all, lambda p: p.inserts[side])
    groups: dict[tuple[str, ...], list[Plan]] = {}
    for p in plans:
        if p.updates.get(side) and p.failure is None:
            p.updates[side].update(stamped)
            groups.setdefault(tuple(sorted(p.updates[side])), []).append(p)
    for group in groups.values():

        def update_all(part: list[Plan]) -> None:
            rows = [(p.item.records[side], p.updates[side]) for p in part]
            landed = table.update_rows(conn, rows)  # type: ignore[arg-type]
            for p in part:
                p.not_landed = p.not_landed or p.key(side) not in landed
                if p.key(side) in landed:
                    p.written.add(side)

        guarded(ctx, side, group, update_all, lambda p: p.updates[side])
    deletes = [p for p in plans if p.delete is side and p.failure is None]
    if deletes:

        def delete_all(part: list[Plan]) -> None:
            table.delete_rows(conn, [p.key(side) for p in part], stamp)  # type: ignore[misc]
            for p in part:
                p.written.add(side)

        guarded(ctx, side, deletes, delete_all, None)


# What a database (or its driver, binding a value: text it cannot encode) says to a write.
_REJECTED = (StatementError, UnicodeError, ValueError, TypeError)


def guarded(
    ctx: Context,
    side: Side,
    plans: list[Plan],
    write: Callable[[list[Plan]], None],
    written: Callable[[Plan], dict[str, Any]] | None,
) -> None:
    """Write all plans in one transaction; if the database rejects it, write them one by one
    and mark each rejected plan failed with what the database said, in a clerk's words (the
    database's own text goes to the detail). `written` gives a plan's values (None: deletes).

    A fault that passes by itself (a lost connection, a deadlock) is no record's fault: it
    raises TransientFault at once, leaving what step 1 announced for the next job to settle.
    """
    conn = ctx.conns[side]
    landed = [set(p.written) for p in plans]
    try:
        with conn.begin():
            write(plans)
        return
    except _REJECTED as exc:
        if is_transient(exc):
            raise TransientFault.of(exc) from exc
    explainer = Explainer(ctx.config, ctx.mapping, ctx.tables)
    for plan, landed_before in zip(plans, landed, strict=True):
        plan.new_keys.clear()
        plan.written = set(landed_before)  # what landed before (a rolled back write did not)
        try:
            with conn.begin():
                write([plan])
        except _REJECTED as exc:
            if is_transient(exc):
                raise TransientFault.of(exc) from exc
            plan.failure = Problem(
                ErrorKind.FAILED, _rejected(explainer, conn, side, plan, written, exc), _detail(exc)
            )
            plan.not_landed = True
            plan.written = set(landed_before)


def _rejected(
    explainer: Explainer,
    conn: Connection,
    side: Side,
    plan: Plan,
    written: Callable[[Plan], dict[str, Any]] | None,
    exc: BaseException,
) -> Message:
    """What the database said about one plan's write, in words (see `explain`)."""
    source = plan.item.records.get(side.other)
    if written is None:  # a delete: the record is the destination's own
        said = rejection_of(exc).said
        return explainer.other(side, explainer.record(side, plan.key(side)), said)
    return explainer.rejected(
        conn,
        side,
        written(plan),
        source.values if source is not None else None,
        plan.item.key(side.other),
        exc,
    )


def _detail(exc: BaseException) -> str:
    return "".join(traceback.format_exception_only(exc)).strip()
