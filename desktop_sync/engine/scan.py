"""Scans over every coupling of a mapping whose records are settled on both sides, a page at a
time in id order (keyset paging): the scan for deleted records and the comparison of all pairs.
"""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import func, select

from desktop_sync.domain import CancelToken
from desktop_sync.engine.context import Context
from desktop_sync.store.models import Coupling
from desktop_sync.store.records import CouplingRow, couplings_page

SETTLED = (
    Coupling.skipped.is_(False),
    Coupling.pending.is_(None),
    Coupling.erp_key.is_not(None),
    Coupling.crm_key.is_not(None),
)


def settled_pages(ctx: Context, size: int, cancel: CancelToken) -> Iterator[list[CouplingRow]]:
    """The mapping's couplings with a record on both sides and no open error or pending write,
    `size` at a time, until the last page or a cancel."""
    after = 0
    while not cancel.cancelled:
        with ctx.store.session() as session:
            page = couplings_page(session, ctx.mapping.name, after, size, *SETTLED)
        if not page:
            return
        after = page[-1].id
        yield page


def count_couplings(ctx: Context) -> int:
    """How many couplings the mapping has (for progress: a scan covers at most these)."""
    with ctx.store.session() as session:
        query = select(func.count()).where(Coupling.mapping == ctx.mapping.name)
        return session.scalar(query) or 0
