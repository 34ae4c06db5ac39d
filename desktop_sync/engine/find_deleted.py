"""The scan for records deleted on one side although nothing changed on the other.

An incremental job only sees rows that changed, so a deletion on one side stays invisible while
the other side's record is untouched. This scan checks every coupling of a mapping, a page at a
time with one key query per side, and hands the couplings with a missing record to the same rules
as a job: a `deleted_*` error, or the mapping's `deletion_conflict` policy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop_sync.domain import Side
from desktop_sync.engine.context import Context
from desktop_sync.engine.scan import count_couplings, settled_pages

if TYPE_CHECKING:
    from desktop_sync.engine.run import JobRun


def find_deleted(run: JobRun, ctx: Context) -> None:
    total = count_couplings(ctx)
    done = 0
    what = "looking for deleted records"
    run.report(done, total, what)
    for page in settled_pages(ctx, run.batch_size, run.cancel):
        existing = {}
        for side in Side:
            conn = ctx.conns[side]
            with conn.begin():
                existing[side] = ctx.tables[side].existing_keys(conn, [c.key(side) for c in page])  # type: ignore[misc]
        missing = [c for c in page if any(c.key(side) not in existing[side] for side in Side)]
        if missing:
            run.apply_coupled(missing, forced=False)
        done += len(page)
        run.report(done, total, what, renew=not missing)
