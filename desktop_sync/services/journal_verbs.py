"""The verbs of issue 14 ("Beyond Business Central") on `Service`: the journal and undo, one
decision for many similar errors and rules, claims, retry states, exports, history, cleanup and
the dashboard.

Each takes and returns plain data (frozen dataclasses, ids, counters); long work takes a
`progress` callback (`domain.Progress`, after every batch or page) and a `CancelToken` checked
between batches, so the window can run it on a worker thread. The work itself lives in
`journal`, `similar`, `rules`, `export` and `history`; this class is the one list of it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, cast

from desktop_sync.domain import Action, CancelToken, Progress, Side
from desktop_sync.services import claims, export, history, journal, rules, similar
from desktop_sync.services.actions import ActionResult
from desktop_sync.services.history import (
    Dashboard,
    HistoryFilter,
    HistoryPage,
    RetryState,
)
from desktop_sync.services.journal import JournalFilter, JournalPage, JournalRow, Page, UndoResult
from desktop_sync.services.queries import ALL_ERRORS, ErrorFilter
from desktop_sync.services.rules import RuleRow
from desktop_sync.services.similar import BulkResult, Decision, PreviewRow, SimilarErrors
from desktop_sync.store.retention import Cleaned, ensure_cleanup_entry

if TYPE_CHECKING:
    from desktop_sync.services.service import Service

ProgressCallback = Callable[[Progress], None]


class JournalVerbs:
    """Mixed into `Service`."""

    @property
    def _me(self) -> Service:
        """This very object, as the `Service` these verbs are part of."""
        return cast("Service", self)

    # -- journal and undo --------------------------------------------------------------

    def journal(self, where: JournalFilter | None = None, page: Page | None = None) -> JournalPage:
        """One page of the journal of writes to the apps, newest first; `page.next` goes on."""
        return journal.journal_page(self._me, where or JournalFilter(), page or Page())

    def journal_entry(self, entry_id: int) -> JournalRow | None:
        return journal.journal_entry(self._me, entry_id)

    def undo(self, entry_id: int, comment: str | None = None) -> UndoResult:
        """Undo the resolution journal entry `entry_id` belongs to: its before-values written
        back, guarded; a record changed since becomes a changed_in_both error instead
        (`UndoResult.conflict`). Raises ActionError when it cannot be tried (a job's write, an
        entry already undone, an open error on the record)."""
        return journal.undo_entry(self._me, entry_id, comment)

    # -- one decision for many errors, rules -------------------------------------------

    def similar_errors(self, error_id: int) -> SimilarErrors:
        """The open errors alike `error_id` (itself first): same mapping and kind, and the same
        conflicting fields / the same message pattern."""
        return similar.similar_errors(self._me, error_id)

    def preview_similar(
        self, error_id: int, decision: Decision, offset: int = 0, limit: int = 50
    ) -> list[PreviewRow]:
        """A page of the errors alike: each record, and what both apps will hold after it."""
        return similar.preview(self._me, error_id, decision, offset, limit)

    def apply_to_similar(
        self,
        error_id: int,
        decision: Decision,
        progress: ProgressCallback | None = None,
        cancel: CancelToken | None = None,
        comment: str | None = None,
        batch: int = similar.BATCH,
    ) -> BulkResult:
        """`decision` for every error alike, in batches of `batch`; Cancel keeps what was done."""
        return similar.apply_to_similar(
            self._me, error_id, decision, progress, cancel, comment, batch
        )

    def rules(self, mapping: str | None = None) -> list[RuleRow]:
        return rules.rules(self._me, mapping)

    def save_rule(
        self,
        mapping: str,
        name: str,
        winners: dict[str, Side],
        comment: str | None = None,
    ) -> RuleRow:
        """A rule for conflicts on exactly the fields of `winners`, each from its winner."""
        return rules.save_rule(self._me, mapping, name, winners, comment)

    def save_rule_from(
        self, error_id: int, decision: Decision, name: str, comment: str | None = None
    ) -> RuleRow:
        """`decision` on a changed_in_both error saved as a rule for its conflicting fields."""
        return rules.save_rule_from(self._me, error_id, decision, name, comment)

    def set_rule_enabled(self, mapping: str, name: str, enabled: bool) -> RuleRow:
        return rules.set_rule_enabled(self._me, mapping, name, enabled)

    def delete_rule(self, mapping: str, name: str) -> None:
        rules.delete_rule(self._me, mapping, name)

    # -- who is on it, retry state ---------------------------------------------------------

    def claim(self, ids: Iterable[int]) -> ActionResult:
        """Hold errors while a dialog is open on them; `refused` says who holds the others.
        Claims lapse after `claims.CLAIM_TIMEOUT`."""
        me = self._me
        result = ActionResult("claim")
        claimed, result.refused = claims.claim(
            me.store, me.user, list(dict.fromkeys(ids)), Action.RETRY
        )
        result.done = len(claimed)
        result.summary = f"{result.done} error(s) held for {me.user}"
        return result

    def release(self, ids: Sequence[int]) -> None:
        """Give back this person's claims (the dialog closed without acting)."""
        claims.release(self._me.store, list(ids), self._me.user)

    def retry_states(self, ids: Sequence[int]) -> dict[int, RetryState]:
        """For each error: times failed in a row, and transient (next try) or needs a person."""
        return history.retry_states(self._me, ids)

    # -- export --------------------------------------------------------------------------

    def export_errors(
        self,
        path: Path | str,
        where: ErrorFilter = ALL_ERRORS,
        sort: str = "failed_at",
        descending: bool = True,
        progress: ProgressCallback | None = None,
        cancel: CancelToken | None = None,
    ) -> export.Exported:
        """The errors list (filter and sort as shown) to a .csv or .xlsx file."""
        return export.export_errors(self._me, path, where, sort, descending, progress, cancel)

    def export_journal(
        self,
        path: Path | str,
        where: JournalFilter | None = None,
        progress: ProgressCallback | None = None,
        cancel: CancelToken | None = None,
    ) -> export.Exported:
        return export.export_journal(self._me, path, where, progress, cancel)

    def export_jobs(
        self,
        path: Path | str,
        mapping: str | None = None,
        progress: ProgressCallback | None = None,
        cancel: CancelToken | None = None,
    ) -> export.Exported:
        return export.export_jobs(self._me, path, mapping, progress, cancel)

    # -- history, cleanup, dashboard -----------------------------------------------------

    def history(
        self,
        where: HistoryFilter | None = None,
        limit: int = 200,
        after: tuple[datetime, int] | None = None,
    ) -> HistoryPage:
        """Resolved errors with who resolved them, how and when, most recent first."""
        return history.history(self._me, where or HistoryFilter(), limit, after)

    def cleanup(
        self,
        dry_run: bool = False,
        progress: ProgressCallback | None = None,
        cancel: CancelToken | None = None,
    ) -> Cleaned:
        """Delete history older than keep_days in small transactions (`dry_run`: count it)."""
        return history.cleanup(self._me, dry_run, progress, cancel)

    def ensure_cleanup_entry(self, interval_minutes: int = 24 * 60) -> bool:
        """A job queue entry (kind cleanup) that runs the cleanup every `interval_minutes`."""
        from desktop_sync.store.models import utcnow

        return ensure_cleanup_entry(self._me.store, utcnow(), interval_minutes)

    def dashboard(self, days: int = 30) -> Dashboard:
        """Health aggregates: open errors per day by mapping and kind, jobs per day, records by
        coupling state, the queue's next runs."""
        return history.dashboard(self._me, days)
