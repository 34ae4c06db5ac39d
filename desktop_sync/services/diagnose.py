""" "Why is this record not synchronizing?" — every reason the integration settings and the store
give, in plain words, each with what to change.

`diagnose` reads the record, its coupling, its open errors, the mapping's configuration, the
mapping's watermark and its job queue entry, and returns a list of `Finding`s, the most serious
first. Each finding is words the window shows in its language (see `diagnose_base`). Nothing here
imports Qt or writes anything; the record window only shows the list. The checks of the settings
and the job queue are in `diagnose_settings`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_sync.domain import DeletionConflict, ErrorKind, Side
from desktop_sync.engine import load_watermark
from desktop_sync.services.diagnose_base import Finding, QueueEntryState, Severity, local
from desktop_sync.services.diagnose_settings import SettingsChecks
from desktop_sync.services.diagnose_stamps import StampChecks
from desktop_sync.services.record_view import RecordView, record_view
from desktop_sync.store.models import QueueEntry
from desktop_sync.words import QT_TRANSLATE_NOOP, Message, say

if TYPE_CHECKING:
    from desktop_sync.services.service import Service


def queue_entry_state(session: Session, mapping: str) -> QueueEntryState | None:
    """The job queue entry of `mapping` straight from its table; None when it has none."""
    row = session.execute(
        select(
            QueueEntry.status,
            QueueEntry.next_run,
            QueueEntry.last_result,
            QueueEntry.claimed_by,
            QueueEntry.result_template,
            QueueEntry.result_params,
        ).where(QueueEntry.mapping == mapping)
    ).first()
    return QueueEntryState(*row) if row else None


def diagnose(
    service: Service, mapping_name: str, side: Side, key: str, view: RecordView | None = None
) -> list[Finding]:
    """Everything that can keep this record out of synchronization, most serious first."""
    view = view or record_view(service, mapping_name, side, key)
    mapping = service.config.mapping(mapping_name)
    with service.store.session() as session:
        watermark = load_watermark(session, mapping.name, side)
        entry = queue_entry_state(session, mapping.name)
    findings = sorted(
        _Diagnosis(service, mapping, view, watermark, entry).run(), key=lambda f: f.severity.rank
    )
    if not any(f.severity in (Severity.BLOCKING, Severity.WARNING) for f in findings):
        findings.insert(
            0,
            Finding(
                Severity.OK,
                say(QT_TRANSLATE_NOOP("Messages", "Nothing keeps this record from synchronizing")),
                say(
                    QT_TRANSLATE_NOOP(
                        "Messages",
                        "None of the integration settings leaves it out, and it has no "
                        "unresolved error.",
                    )
                ),
            ),
        )
    return findings


_EVERY_SYNC_STOPS = QT_TRANSLATE_NOOP(
    "Messages",
    "Synchronize Now to have it reported, then choose Restore Records, Delete Records or Remove "
    "Coupling on its error.",
)


class _Diagnosis(SettingsChecks, StampChecks):
    """The checks for one record; each appends findings in words that name both apps."""

    def run(self) -> list[Finding]:
        view = self.view
        if view.record is None:
            self.missing()
        else:
            self.coupling_state()
            self.mapping_direction()
            self.filters()
            self.field_directions()
            self.stamps()
        self.queue_entry()
        return self.findings

    # -- the record itself --------------------------------------------------------------

    def missing(self) -> None:
        view = self.view
        if view.coupling is None:
            self.add(
                Severity.BLOCKING,
                self.words(QT_TRANSLATE_NOOP("Messages", "No such record in {this}")),
                self.words(
                    QT_TRANSLATE_NOOP(
                        "Messages",
                        "{this} has no record with key {key} in table {table}, and it is not "
                        "coupled.",
                    ),
                    key=view.key,
                    table=repr(self.mapping.table(self.side)),
                ),
                say(
                    QT_TRANSLATE_NOOP(
                        "Messages", "Check the key; the record may have been deleted."
                    )
                ),
            )
            return
        if view.other is None:
            self.add(
                Severity.INFO,
                say(QT_TRANSLATE_NOOP("Messages", "Deleted in both apps")),
                self.words(
                    QT_TRANSLATE_NOOP(
                        "Messages",
                        "Neither this record nor the coupled {that} record {other} exists any "
                        "more. The next synchronization removes the coupling.",
                    ),
                    other=view.other_key or "—",
                ),
                say(QT_TRANSLATE_NOOP("Messages", "Nothing to do; or use Remove Coupling now.")),
            )
            return
        if view.skipped:
            self.skipped()
            return
        self.add(
            Severity.BLOCKING,
            self.words(QT_TRANSLATE_NOOP("Messages", "Deleted in {this}")),
            self.words(
                QT_TRANSLATE_NOOP(
                    "Messages",
                    "The record no longer exists in {this}; the coupled {that} record {other} "
                    "still does. {policy}",
                ),
                other=view.other_key,
                policy=self._deletion_policy(self.side),
            ),
            say(_EVERY_SYNC_STOPS),
        )

    def _deletion_policy(self, deleted: Side) -> Message:
        policy = self.mapping.deletion_conflict
        remaining = deleted.other
        names = {"deleted": self.name(deleted), "remaining": self.name(remaining)}
        if policy is DeletionConflict.RESTORE and self.mapping.direction.allows(remaining):
            template = QT_TRANSLATE_NOOP(
                "Messages",
                "The mapping's deletion policy restores it in {deleted} at the next "
                "synchronization.",
            )
        elif policy is DeletionConflict.DELETE and self.mapping.direction.allows(deleted):
            template = QT_TRANSLATE_NOOP(
                "Messages",
                "The mapping's deletion policy deletes the {remaining} record too at the next "
                "synchronization.",
            )
        elif policy is DeletionConflict.REMOVE_COUPLING:
            template = QT_TRANSLATE_NOOP(
                "Messages",
                "The mapping's deletion policy removes the coupling at the next synchronization.",
            )
        else:
            template = QT_TRANSLATE_NOOP(
                "Messages",
                "The next synchronization reports it as deleted in {deleted} and waits for a "
                "person.",
            )
        return say(template, **names)

    # -- coupling ---------------------------------------------------------------------------

    def coupling_state(self) -> None:
        view, mapping = self.view, self.mapping
        if view.coupling is None:
            if mapping.sync_only_coupled:
                self.add(
                    Severity.BLOCKING,
                    say(QT_TRANSLATE_NOOP("Messages", "Only coupled records are synchronized")),
                    self.words(
                        QT_TRANSLATE_NOOP(
                            "Messages",
                            "The mapping {mapping} synchronizes only coupled records "
                            "(sync_only_coupled), and this record is not coupled, so no {that} "
                            "record is created for it.",
                        )
                    ),
                    self.words(
                        QT_TRANSLATE_NOOP(
                            "Messages",
                            "Couple it to a {that} record with Couple…, or set "
                            "sync_only_coupled = false {where}.",
                        )
                    ),
                )
            return
        if view.skipped:
            self.skipped()
        elif view.other_gone:
            self.add(
                Severity.WARNING,
                self.words(QT_TRANSLATE_NOOP("Messages", "The coupled {that} record was deleted")),
                self.words(
                    QT_TRANSLATE_NOOP(
                        "Messages", "The coupled {that} record {other} no longer exists. {policy}"
                    ),
                    other=view.other_key,
                    policy=self._deletion_policy(self.side.other),
                ),
                say(_EVERY_SYNC_STOPS),
            )
        if view.coupling.pending:
            self.add(
                Severity.INFO,
                say(QT_TRANSLATE_NOOP("Messages", "A synchronization was interrupted")),
                say(
                    QT_TRANSLATE_NOOP(
                        "Messages",
                        "A synchronization stopped while writing this record ({pending}). The "
                        "next synchronization of the mapping finishes that write before "
                        "anything else.",
                    ),
                    pending=view.coupling.pending,
                ),
                say(QT_TRANSLATE_NOOP("Messages", "Nothing to do; or Synchronize Now.")),
            )

    def skipped(self) -> None:
        view = self.view
        error = view.errors[0] if view.errors else None
        if error is None:
            self.add(
                Severity.BLOCKING,
                say(QT_TRANSLATE_NOOP("Messages", "Skipped")),
                say(
                    QT_TRANSLATE_NOOP(
                        "Messages",
                        "The coupling is marked skipped, so every synchronization leaves it out "
                        "until a person resolves it.",
                    )
                ),
                say(
                    QT_TRANSLATE_NOOP(
                        "Messages", "Use Retry to include it in the next synchronization."
                    )
                ),
            )
            return
        kind = (
            ErrorKind(error.kind)
            if error.kind in ErrorKind._value2member_map_
            else ErrorKind.FAILED
        )
        deleted = kind.deleted_side
        if kind is ErrorKind.CHANGED_IN_BOTH:
            title = say(QT_TRANSLATE_NOOP("Messages", "Skipped: changed in both apps"))
            fix = say(
                QT_TRANSLATE_NOOP(
                    "Messages",
                    "Use Synchronize… (in this window's toolbar, Ctrl+Shift+S) to choose which "
                    "version both apps get, or Retry after making the two records equal.",
                )
            )
        elif deleted is None:
            title = say(QT_TRANSLATE_NOOP("Messages", "Skipped: failed"))
            fix = say(
                QT_TRANSLATE_NOOP(
                    "Messages",
                    "Correct the value the message names (in the app it names), then use "
                    "Retry; or Synchronize… (Ctrl+Shift+S) to choose the values to write now.",
                )
            )
        else:
            title = say(
                QT_TRANSLATE_NOOP("Messages", "Skipped: deleted in {app}"), app=self.name(deleted)
            )
            fix = say(
                QT_TRANSLATE_NOOP(
                    "Messages",
                    "Use Restore Records to recreate it in {deleted}, Delete Records to delete "
                    "it in {remaining} too, or Remove Coupling to keep both apart.",
                ),
                deleted=self.name(deleted),
                remaining=self.name(deleted.other),
            )
        message: Message | str = error.message.strip()
        if error.template:
            message = Message(error.template, dict(error.params or {}))
        elif not str(message).endswith((".", "!", "?")):
            message = f"{message}."
        values = {"when": local(error.failed_at), "message": message}
        explanation = (
            say(
                QT_TRANSLATE_NOOP(
                    "Messages",
                    "Synchronization stopped at this record on {when} in job {job}: {message} "
                    "Until a person resolves the error, every synchronization leaves the record "
                    "out.",
                ),
                job=error.job_id,
                **values,
            )
            if error.job_id
            else say(
                QT_TRANSLATE_NOOP(
                    "Messages",
                    "Synchronization stopped at this record on {when}: {message} Until a person "
                    "resolves the error, every synchronization leaves the record out.",
                ),
                **values,
            )
        )
        self.add(Severity.BLOCKING, title, explanation, fix)


__all__ = ["Finding", "QueueEntryState", "Severity", "diagnose", "queue_entry_state"]
