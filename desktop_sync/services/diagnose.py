""" "Why is this record not synchronizing?" — every reason the integration settings and the store
give, in plain words, each with what to change.

`diagnose` reads the record, its coupling, its open errors, the mapping's configuration, the
mapping's watermark and its job queue entry, and returns a list of `Finding`s, the most serious
first. Nothing here imports Qt or writes anything; the record window only shows the list.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_sync.apps import Record
from desktop_sync.apps.stamps import moment_text
from desktop_sync.apps.values import same
from desktop_sync.config import Config, TableMapping
from desktop_sync.domain import DeletionConflict, Direction, ErrorKind, QueueStatus, Side
from desktop_sync.engine import Planner, WatermarkState, load_watermark
from desktop_sync.services.records import RecordView, record_view
from desktop_sync.store.models import QueueEntry, utcnow

if TYPE_CHECKING:
    from desktop_sync.services.service import Service


class Severity(StrEnum):
    """How much a finding matters, most serious first."""

    BLOCKING = "blocking"  # keeps the record (or its changes) out of synchronization
    WARNING = "warning"  # part of the record, one direction, or its timing is left out
    INFO = "info"  # worth knowing; nothing is wrong
    OK = "ok"  # nothing keeps the record out

    @property
    def rank(self) -> int:
        return list(Severity).index(self)


@dataclass(frozen=True)
class Finding:
    severity: Severity
    title: str
    explanation: str
    fix: str = ""  # what to change; empty when there is nothing to do


@dataclass(frozen=True)
class QueueEntryState:
    """The few columns of a job queue entry the diagnosis needs."""

    status: str
    next_run: datetime | None
    last_result: str
    claimed_by: str | None


def queue_entry_state(session: Session, mapping: str) -> QueueEntryState | None:
    """The job queue entry of `mapping` straight from its table; None when it has none."""
    row = session.execute(
        select(
            QueueEntry.status, QueueEntry.next_run, QueueEntry.last_result, QueueEntry.claimed_by
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
                "Nothing keeps this record from synchronizing",
                "None of the integration settings leaves it out, and it has no unresolved error.",
            ),
        )
    return findings


class _Diagnosis:
    """The checks for one record; each appends findings in words that name both apps."""

    def __init__(
        self,
        service: Service,
        mapping: TableMapping,
        view: RecordView,
        watermark: WatermarkState,
        entry: QueueEntryState | None,
    ) -> None:
        self.service, self.mapping, self.view = service, mapping, view
        self.config: Config = service.config
        self.side = view.side
        self.watermark, self.entry = watermark, entry
        self.findings: list[Finding] = []
        self.this, self.that = self.name(view.side), self.name(view.side.other)

    def name(self, side: Side) -> str:
        return self.config.side_name(side)

    def add(self, severity: Severity, title: str, explanation: str, fix: str = "") -> None:
        self.findings.append(Finding(severity, title, explanation, fix))

    @property
    def blocked(self) -> bool:
        return any(f.severity is Severity.BLOCKING for f in self.findings)

    @property
    def where(self) -> str:
        """Where the mapping is configured, for fixes that change the configuration."""
        file = self.config.path.name if self.config.path else "the configuration"
        return f'in {file}, in the [[mapping]] named "{self.mapping.name}"'

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
        table = self.mapping.table(self.side)
        if view.coupling is None:
            self.add(
                Severity.BLOCKING,
                f"No such record in {self.this}",
                f"{self.this} has no record with key {view.key} "
                f"in table {table!r}, and it is not coupled.",
                "Check the key; the record may have been deleted.",
            )
            return
        if view.other is None:
            self.add(
                Severity.INFO,
                "Deleted in both apps",
                f"Neither this record nor the coupled {self.that} record {view.other_key or '—'} "
                "exists any more. The next synchronization removes the coupling.",
                "Nothing to do; or use Remove Coupling now.",
            )
            return
        if view.skipped:
            self.skipped()
            return
        self.add(
            Severity.BLOCKING,
            f"Deleted in {self.this}",
            f"The record no longer exists in {self.this}; the coupled {self.that} record "
            f"{view.other_key} still does. {self._deletion_policy(self.side)}",
            "Synchronize Now to have it reported, then choose Restore "
            "Records, Delete Records or Remove Coupling on its error.",
        )

    def _deletion_policy(self, deleted: Side) -> str:
        policy = self.mapping.deletion_conflict
        remaining = deleted.other
        if policy is DeletionConflict.RESTORE and self.mapping.direction.allows(remaining):
            return (
                "The mapping's deletion policy restores it in "
                f"{self.name(deleted)} at the next synchronization."
            )
        if policy is DeletionConflict.DELETE and self.mapping.direction.allows(deleted):
            return (
                "The mapping's deletion policy deletes the "
                f"{self.name(remaining)} record too at the next synchronization."
            )
        if policy is DeletionConflict.REMOVE_COUPLING:
            return "The mapping's deletion policy removes the coupling at the next synchronization."
        return (
            "The next synchronization reports it as deleted "
            f"in {self.name(deleted)} and waits for a person."
        )

    # -- coupling ---------------------------------------------------------------------------

    def coupling_state(self) -> None:
        view, mapping = self.view, self.mapping
        if view.coupling is None:
            if mapping.sync_only_coupled:
                self.add(
                    Severity.BLOCKING,
                    "Only coupled records are synchronized",
                    f"The mapping {mapping.name} synchronizes only coupled "
                    "records (sync_only_coupled), and this record is not "
                    f"coupled, so no {self.that} record is created for it.",
                    f"Couple it to a {self.that} record with Couple…, "
                    f"or set sync_only_coupled = false {self.where}.",
                )
            return
        if view.skipped:
            self.skipped()
        elif view.other_gone:
            self.add(
                Severity.WARNING,
                f"The coupled {self.that} record was deleted",
                f"The coupled {self.that} record {view.other_key} no longer exists. "
                f"{self._deletion_policy(self.side.other)}",
                "Synchronize Now to have it reported, then choose Restore "
                "Records, Delete Records or Remove Coupling on its error.",
            )
        if view.coupling.pending:
            self.add(
                Severity.INFO,
                "A synchronization was interrupted",
                f"A synchronization stopped while writing this record ({view.coupling.pending}). "
                "The next synchronization of the mapping finishes that write before anything else.",
                "Nothing to do; or Synchronize Now.",
            )

    def skipped(self) -> None:
        view = self.view
        error = view.errors[0] if view.errors else None
        if error is None:
            self.add(
                Severity.BLOCKING,
                "Skipped",
                "The coupling is marked skipped, so every synchronization "
                "leaves it out until a person resolves it.",
                "Use Retry to include it in the next synchronization.",
            )
            return
        kind = (
            ErrorKind(error.kind)
            if error.kind in ErrorKind._value2member_map_
            else ErrorKind.FAILED
        )
        fixes = {
            ErrorKind.CHANGED_IN_BOTH: (
                "Use Synchronize… (in this window's toolbar, Ctrl+Shift+S) to choose which "
                "version both apps get, or Retry after making the two records equal."
            ),
            ErrorKind.FAILED: (
                "Correct the value the message names (in the app the record comes from), then "
                "use Retry; or Synchronize… (Ctrl+Shift+S) to choose the values to write now."
            ),
        }
        deleted = kind.deleted_side
        fix = fixes.get(kind) or (
            "Use Restore Records to recreate it in "
            f"{self.name(deleted)}, Delete Records to delete it in "  # type: ignore[arg-type]
            f"{self.name(deleted.other)} too, or Remove Coupling to keep both apart."  # type: ignore[union-attr]
        )
        what = {
            ErrorKind.CHANGED_IN_BOTH: "changed in both apps",
            ErrorKind.FAILED: "failed",
        }.get(kind) or f"deleted in {self.name(deleted)}"  # type: ignore[arg-type]
        when = _local(error.failed_at)
        job = f" in job {error.job_id}" if error.job_id else ""
        message = error.message.strip()
        message += "" if message.endswith((".", "!", "?")) else "."
        self.add(
            Severity.BLOCKING,
            f"Skipped: {what}",
            f"Synchronization stopped at this record on {when}{job}: {message} Until a person "
            "resolves the error, every synchronization leaves the record out.",
            fix,
        )

    # -- configuration --------------------------------------------------------------------------

    def mapping_direction(self) -> None:
        direction = self.mapping.direction
        if direction.allows(self.side):
            return
        towards = Direction.towards(self.side).value
        if self.view.coupling is None:
            self.add(
                Severity.BLOCKING,
                f"The mapping never copies {self.this} records",
                f"The mapping {self.mapping.name} has direction {direction.value}: "
                f"records go from {self.that} to {self.this} only, so a new "
                f"{self.this} record is never created in {self.that}.",
                'Set direction = "bidirectional" '
                f'(or "{Direction.towards(self.side.other).value}") {self.where}, '
                "or couple the record by hand with Couple….",
            )
            return
        self.add(
            Severity.WARNING,
            f"Changes made in {self.this} are not copied",
            f"The mapping {self.mapping.name} has direction {direction.value}: values go from "
            f"{self.that} to {self.this} only. Changes to this record in {self.this} stay there, "
            f"and a change in {self.that} overwrites them.",
            f'Set direction = "bidirectional" {self.where} if {self.this} changes should reach '
            f'{self.that}; "{towards}" means the opposite.',
        )

    def filters(self) -> None:
        tables = {s: self.service.apps[s].side_table(self.mapping) for s in Side}
        planner = Planner(self.config, self.mapping, tables)
        view = self.view
        excluded = planner.excluded_by_filter(self.side, view.record)  # type: ignore[arg-type]
        key = f"{self.side.value}_filter"
        if excluded:
            what = (
                "so it is never created there"
                if view.coupling is None
                else f"so synchronization does not read it and its changes do not reach {self.that}"
            )
            columns = ", ".join(self.mapping.filter(self.side))
            self.add(
                Severity.BLOCKING,
                f"Outside the {self.this} filter",
                f"The mapping's {excluded}; {what}.",
                f"Change {columns} of the record in {self.this} to a value the filter lets "
                f"through, or change {key} {self.where}.",
            )
        if view.other is not None:
            other_excluded = planner.excluded_by_filter(self.side.other, view.other)
            if other_excluded:
                self.add(
                    Severity.WARNING,
                    f"The coupled {self.that} record is outside the {self.that} filter",
                    f"The mapping's {other_excluded}; synchronization does not read it, so its "
                    f"changes do not reach {self.this}.",
                    f"Change the record in {self.that}, or change {self.side.other.value}_filter "
                    f"{self.where}.",
                )

    def field_directions(self) -> None:
        mapping, view = self.mapping, self.view
        if not mapping.direction.allows(self.side):
            return  # the mapping's direction already says it for every field
        held = [f for f in mapping.value_fields if not f.flows_from(self.side)]
        if not held:
            return
        record, other = view.record, view.other
        differing = [
            f
            for f in held
            if record is not None
            and other is not None
            and not same(
                record.values.get(f.column(self.side)), other.values.get(f.column(self.side.other))
            )
        ]
        names = ", ".join(f.column(self.side) for f in held)  # type: ignore[misc]
        explanation = (
            f"{'This field is' if len(held) == 1 else 'These fields are'} only copied from "
            f"{self.that} to {self.this}: {names}. A change to "
            f"{'it' if len(held) == 1 else 'them'} in {self.this} is never copied to {self.that}."
        )
        if differing:
            values = "; ".join(
                f"{f.column(self.side)}: {record.values.get(f.column(self.side))!r} here, "  # type: ignore[union-attr]
                f"{other.values.get(f.column(self.side.other))!r} in {self.that}"  # type: ignore[union-attr]
                for f in differing
            )
            explanation += f" Differing now: {values}."
        self.add(
            Severity.WARNING if differing else Severity.INFO,
            f"Fields synchronized one way only: {names}",
            explanation,
            f'Set direction = "bidirectional" on the [[mapping.field]] of {names} {self.where} '
            f"if changes in {self.this} should be copied.",
        )

    # -- last-modified values ---------------------------------------------------------------------

    def stamps(self) -> None:
        view, record, coupling = self.view, self.view.record, self.view.coupling
        assert record is not None
        if (coupling is not None and coupling.skipped) or not self.mapping.direction.allows(
            self.side
        ):
            return  # the error, or the direction, keeps it out whatever its stamps say
        if coupling is not None and coupling.retry:
            self.add(
                Severity.INFO,
                "Included in the next synchronization",
                "A person asked to retry it (or a write to it did not land), so the next "
                "synchronization compares it whatever its last-modified value says.",
            )
            return
        column = self.mapping.modified(self.side)
        if column is not None and record.raw_modified is None:
            self.add(
                Severity.INFO,
                "No last-modified value",
                f"Its last-modified column {column!r} is empty, so every synchronization reads "
                "it and compares its values with the last synchronized ones.",
                f"Where many records of {self.this} have no last-modified value, list a column "
                "that always has one after it (for example a creation date) in the mapping.",
            )
        if coupling is not None and record.modified == coupling.seen(self.side):
            when = f" ({_local(view.synced_at)})" if view.synced_at else ""
            self.add(
                Severity.INFO,
                "Not changed since the last synchronization",
                f"It is as it was when it was last synchronized{when} "
                f"({self._version(record)}), so there is nothing to copy. A change counts "
                f"only when {self.this} moves {column!r} on, or its values change.",
                "If you changed the record and the value did not move, the app did not stamp the "
                "change: edit it again, or use Synchronize Now to compare it anyway.",
            )
            return
        if self.blocked:
            return  # something else keeps it out already; its stamp does not matter
        reached = self._read_from()
        moment = self._moment(record)
        if reached is not None and moment is not None and moment < reached:
            what = (
                "was never synchronized"
                if coupling is None
                else "has changed since its last synchronization"
            )
            self.add(
                Severity.WARNING,
                "Last-modified value older than what synchronization has read",
                f"Synchronization of {self.mapping.name} reads {self.this} changes stamped "
                f"from {_show(moment_text(reached))} on (its last run minus the look-back); "
                f"this record's last-modified value {_show(record.raw_modified)} is older, so "
                f"the next synchronization does not read it, although it {what}.",
                f"Use Synchronize Now for this record, and have {self.this} "
                f"stamp {column!r} with the time of each change.",
            )
        elif coupling is None:
            match = ""
            if self.mapping.match_on:
                match = (
                    f", or couples it to a {self.that} record with equal "
                    f"{', '.join(self.mapping.match_on)}"
                )
            self.add(
                Severity.INFO,
                "Not synchronized yet",
                f"The next synchronization creates it in {self.that}{match}.",
            )
        else:
            self.add(
                Severity.INFO,
                "Changed since the last synchronization",
                f"It is not as it was at the last synchronization ({self._version(record)}), "
                "so the next synchronization compares it and copies what changed.",
            )

    def _read_from(self) -> datetime | None:
        """The moment from which the next synchronization reads this side's stamped rows."""
        if self.watermark.reached is None:
            return None
        reached = datetime.fromisoformat(self.watermark.reached).replace(tzinfo=UTC)
        return reached - self.mapping.lookback

    def _moment(self, record: Record) -> datetime | None:
        table = self.service.apps[self.side].side_table(self.mapping)
        try:
            return table.stamps.moment(record.raw_modified)
        except ValueError:
            return None

    def _version(self, record: Record) -> str:
        if record.raw_modified is not None:
            return f"last modified {_show(record.raw_modified)}"
        return "same values"

    # -- the job queue -----------------------------------------------------------------------------

    def queue_entry(self) -> None:
        entry, name = self.entry, self.mapping.name
        if entry is None:
            self.add(
                Severity.WARNING,
                "No job queue entry",
                f"The mapping {name} has no job queue entry, so "
                "it is synchronized only when someone starts it.",
                f"Add a job queue entry for {name}, or use Synchronize Now.",
            )
            return
        status = entry.status
        if status == QueueStatus.ON_HOLD.value:
            self.add(
                Severity.BLOCKING,
                "The job queue entry is on hold",
                f"The job queue entry of {name} is on hold, "
                "so no scheduled synchronization runs for it.",
                f"Set the job queue entry of {name} ready, or use Synchronize Now.",
            )
        elif status == QueueStatus.ERROR.value:
            last = f" Its last run: {entry.last_result}" if entry.last_result else ""
            self.add(
                Severity.BLOCKING,
                "The job queue entry is in error",
                f"The job queue entry of {name} stopped with an error, "
                f"and does not run again until it is set ready.{last}",
                "Remove the cause its last result names, then "
                f"set the job queue entry of {name} ready.",
            )
        elif status == QueueStatus.IN_PROCESS.value:
            who = f" by {entry.claimed_by}" if entry.claimed_by else ""
            self.add(
                Severity.INFO,
                "Synchronizing now",
                f"The job queue entry of {name} is running{who} right now.",
            )
        else:
            due = (
                "is due now"
                if entry.next_run is None or entry.next_run <= utcnow()
                else f"is at {_local(entry.next_run)}"
            )
            self.add(
                Severity.INFO,
                "Scheduled",
                f"The job queue entry of {name} is ready; its next run {due}.",
            )


def _local(moment: datetime | None) -> str:
    if moment is None:
        return "—"
    return moment.replace(tzinfo=UTC).astimezone().strftime("%Y-%m-%d %H:%M:%S")


def _show(stamp: Any) -> str:
    """A normalized last-modified value, readable."""
    return str(stamp).replace("T", " ") if stamp is not None else "—"


__all__ = ["Finding", "QueueEntryState", "Severity", "diagnose", "queue_entry_state"]
