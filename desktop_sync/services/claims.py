"""Claims on errors: who is resolving an error right now.

Each action first *claims* the errors it works on with one conditional UPDATE, so when two
people act on the same error at once exactly one of them gets it and the other is told who has
it. A dialog holds its errors the same way while it is open. A claim lapses after
`CLAIM_TIMEOUT`, so a window that crashed does not lock an error for good.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from sqlalchemy import update

from desktop_sync.domain import Action, ErrorKind
from desktop_sync.services.clock import when_text
from desktop_sync.services.queries import ErrorRow, errors_by_ids
from desktop_sync.store import Store
from desktop_sync.store.models import SyncError, utcnow
from desktop_sync.store.records import KEYS_PER_QUERY

CLAIM_TIMEOUT = timedelta(minutes=5)


def claim(
    store: Store, user: str, ids: Sequence[int], action: Action
) -> tuple[list[ErrorRow], list[str]]:
    """Claim the open errors among `ids` for `user` that `action` applies to; the claimed rows
    and, for every other one, why not (who has it since when, who resolved it when, or that the
    action does not apply). An error whose claim was given back between the claim and the look
    at it is claimed again, so nobody is told "someone"."""
    now = utcnow()
    claimed: set[int] = set()
    pending = list(ids)
    with store.session() as session:
        for _attempt in range(3):
            for start in range(0, len(pending), KEYS_PER_QUERY):
                statement = (
                    update(SyncError)
                    .where(
                        SyncError.id.in_(pending[start : start + KEYS_PER_QUERY]),
                        SyncError.resolved_at.is_(None),
                        (SyncError.claimed_at.is_(None))
                        | (SyncError.claimed_at < now - CLAIM_TIMEOUT)
                        | (SyncError.claimed_by == user),
                    )
                    .values(claimed_by=user, claimed_at=now, version=SyncError.version + 1)
                    .returning(SyncError.id)
                )
                claimed.update(session.scalars(statement))
            rows = errors_by_ids(session, list(ids))
            pending = [
                i
                for i in ids
                if i not in claimed
                and i in rows
                and rows[i].resolved_at is None
                and rows[i].claimed_by is None
            ]
            if not pending:
                break
    refusals = [
        why_not(rows[i]) if i in rows else f"Error {i} does not exist (any more)."
        for i in ids
        if i not in claimed
    ]
    wanted = [rows[i] for i in ids if i in claimed]
    unsuitable = [r for r in wanted if not action.applies_to(ErrorKind(r.kind))]
    refusals += [
        f"{describe(r)}: {action.value} does not apply to a {r.kind} error." for r in unsuitable
    ]
    release(store, [r.id for r in unsuitable])
    return [r for r in wanted if r not in unsuitable], refusals


def release(store: Store, ids: Sequence[int], user: str | None = None) -> None:
    """Give back the claims on errors an action did not resolve (only `user`'s, when given)."""
    mine = [SyncError.claimed_by == user] if user is not None else []
    with store.session() as session:
        for start in range(0, len(ids), KEYS_PER_QUERY):
            session.execute(
                update(SyncError)
                .where(
                    SyncError.id.in_(list(ids[start : start + KEYS_PER_QUERY])),
                    SyncError.resolved_at.is_(None),
                    *mine,
                )
                .values(claimed_by=None, claimed_at=None)
            )


def why_not(row: ErrorRow) -> str:
    """Why an error could not be claimed: resolved already, or someone else has it."""
    if row.resolved_at is not None:
        return (
            f"{describe(row)} was already resolved by {row.resolved_by} at "
            f"{when_text(row.resolved_at)}."
        )
    since = f" since {when_text(row.claimed_at)}" if row.claimed_at else ""
    return (
        f"{describe(row)} is being resolved by {row.claimed_by or 'someone else'}{since}; "
        "refresh in a moment."
    )


def describe(row: ErrorRow) -> str:
    """An error as a refusal names it: "Error 12 (CUSTOMER C1 / 7)"."""
    keys = " / ".join(k for k in (row.erp_key, row.crm_key) if k) or "?"
    return f"Error {row.id} ({row.mapping} {keys})"
