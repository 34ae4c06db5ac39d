"""The checks of "Why is this record not synchronizing?" that read the integration settings: the
mapping's direction, its filters, fields copied one way only, and its job queue entry."""

from __future__ import annotations

from desktop_sync.apps.values import same
from desktop_sync.domain import Direction, QueueStatus, Side
from desktop_sync.engine import Planner
from desktop_sync.services.diagnose_base import Checks, Severity, local
from desktop_sync.store.models import utcnow
from desktop_sync.words import QT_TRANSLATE_NOOP, say


class SettingsChecks(Checks):
    def mapping_direction(self) -> None:
        direction = self.mapping.direction
        if direction.allows(self.side):
            return
        values = {"direction": direction.value}
        if self.view.coupling is None:
            self.add(
                Severity.BLOCKING,
                self.words(
                    QT_TRANSLATE_NOOP("Messages", "The mapping never copies {this} records")
                ),
                self.words(
                    QT_TRANSLATE_NOOP(
                        "Messages",
                        "The mapping {mapping} has direction {direction}: records go from "
                        "{that} to {this} only, so a new {this} record is never created in "
                        "{that}.",
                    ),
                    **values,
                ),
                self.words(
                    QT_TRANSLATE_NOOP(
                        "Messages",
                        'Set direction = "bidirectional" (or "{other}") {where}, or couple the '
                        "record by hand with Couple….",
                    ),
                    other=Direction.towards(self.side.other).value,
                ),
            )
            return
        self.add(
            Severity.WARNING,
            self.words(QT_TRANSLATE_NOOP("Messages", "Changes made in {this} are not copied")),
            self.words(
                QT_TRANSLATE_NOOP(
                    "Messages",
                    "The mapping {mapping} has direction {direction}: values go from {that} to "
                    "{this} only. Changes to this record in {this} stay there, and a change in "
                    "{that} overwrites them.",
                ),
                **values,
            ),
            self.words(
                QT_TRANSLATE_NOOP(
                    "Messages",
                    'Set direction = "bidirectional" {where} if {this} changes should reach '
                    '{that}; "{towards}" means the opposite.',
                ),
                towards=Direction.towards(self.side).value,
            ),
        )

    def filters(self) -> None:
        tables = {s: self.service.apps[s].side_table(self.mapping) for s in Side}
        planner = Planner(self.config, self.mapping, tables)
        view = self.view
        excluded = planner.excluded_by_filter(self.side, view.record)  # type: ignore[arg-type]
        if excluded:
            what = (
                say(QT_TRANSLATE_NOOP("Messages", "so it is never created there"))
                if view.coupling is None
                else self.words(
                    QT_TRANSLATE_NOOP(
                        "Messages",
                        "so synchronization does not read it and its changes do not reach {that}",
                    )
                )
            )
            self.add(
                Severity.BLOCKING,
                self.words(QT_TRANSLATE_NOOP("Messages", "Outside the {this} filter")),
                self.words(
                    QT_TRANSLATE_NOOP("Messages", "The mapping's {excluded}; {what}."),
                    excluded=excluded,
                    what=what,
                ),
                self.words(
                    QT_TRANSLATE_NOOP(
                        "Messages",
                        "Change {columns} of the record in {this} to a value the filter lets "
                        "through, or change {key} {where}.",
                    ),
                    columns=", ".join(self.mapping.filter(self.side)),
                    key=f"{self.side.value}_filter",
                ),
            )
        if view.other is not None:
            other_excluded = planner.excluded_by_filter(self.side.other, view.other)
            if other_excluded:
                self.add(
                    Severity.WARNING,
                    self.words(
                        QT_TRANSLATE_NOOP(
                            "Messages", "The coupled {that} record is outside the {that} filter"
                        )
                    ),
                    self.words(
                        QT_TRANSLATE_NOOP(
                            "Messages",
                            "The mapping's {excluded}; synchronization does not read it, so "
                            "its changes do not reach {this}.",
                        ),
                        excluded=other_excluded,
                    ),
                    self.words(
                        QT_TRANSLATE_NOOP(
                            "Messages", "Change the record in {that}, or change {key} {where}."
                        ),
                        key=f"{self.side.other.value}_filter",
                    ),
                )

    def field_directions(self) -> None:
        mapping, view = self.mapping, self.view
        if not mapping.direction.allows(self.side):
            return  # the mapping's direction already says it for every field
        held = [f for f in mapping.value_fields if not f.flows_from(self.side)]
        if not held:
            return
        record, other = view.record, view.other
        here, there = self.side, self.side.other
        differing = [
            f
            for f in held
            if record is not None
            and other is not None
            and not same(record.values.get(f.paired(here)), other.values.get(f.paired(there)))
        ]
        names = ", ".join(f.paired(here) for f in held)
        explanation = self.words(
            QT_TRANSLATE_NOOP(
                "Messages",
                "These fields are only copied from {that} to {this}: {names}. A change to them "
                "in {this} is never copied to {that}.",
            )
            if len(held) > 1
            else QT_TRANSLATE_NOOP(
                "Messages",
                "This field is only copied from {that} to {this}: {names}. A change to it in "
                "{this} is never copied to {that}.",
            ),
            names=names,
        )
        if differing:
            values = "; ".join(
                f"{f.paired(here)}: {record.values.get(f.paired(here))!r} ≠ "  # type: ignore[union-attr]
                f"{other.values.get(f.paired(there))!r}"  # type: ignore[union-attr]
                for f in differing
            )
            explanation = self.words(
                QT_TRANSLATE_NOOP(
                    "Messages", "{explanation} Differing now (here ≠ in {that}): {values}."
                ),
                explanation=explanation,
                values=values,
            )
        self.add(
            Severity.WARNING if differing else Severity.INFO,
            self.words(
                QT_TRANSLATE_NOOP("Messages", "Fields synchronized one way only: {names}"),
                names=names,
            ),
            explanation,
            self.words(
                QT_TRANSLATE_NOOP(
                    "Messages",
                    'Set direction = "bidirectional" on the [[mapping.field]] of {names} '
                    "{where} if changes in {this} should be copied.",
                ),
                names=names,
            ),
        )

    # -- the job queue -----------------------------------------------------------------------

    def queue_entry(self) -> None:
        entry = self.entry
        if entry is None:
            self.add(
                Severity.WARNING,
                self.words(QT_TRANSLATE_NOOP("Messages", "No job queue entry")),
                self.words(
                    QT_TRANSLATE_NOOP(
                        "Messages",
                        "The mapping {mapping} has no job queue entry, so it is synchronized "
                        "only when someone starts it.",
                    )
                ),
                self.words(
                    QT_TRANSLATE_NOOP(
                        "Messages", "Add a job queue entry for {mapping}, or use Synchronize Now."
                    )
                ),
            )
            return
        status = entry.status
        if status == QueueStatus.ON_HOLD.value:
            self.add(
                Severity.BLOCKING,
                self.words(QT_TRANSLATE_NOOP("Messages", "The job queue entry is on hold")),
                self.words(
                    QT_TRANSLATE_NOOP(
                        "Messages",
                        "The job queue entry of {mapping} is on hold, so no scheduled "
                        "synchronization runs for it.",
                    )
                ),
                self.words(
                    QT_TRANSLATE_NOOP(
                        "Messages",
                        "Set the job queue entry of {mapping} ready, or use Synchronize Now.",
                    )
                ),
            )
        elif status == QueueStatus.ERROR.value:
            explanation = self.words(
                QT_TRANSLATE_NOOP(
                    "Messages",
                    "The job queue entry of {mapping} stopped with an error, and does not run "
                    "again until it is set ready.",
                )
            )
            if entry.last_result:
                explanation = self.words(
                    QT_TRANSLATE_NOOP("Messages", "{explanation} Its last run: {result}"),
                    explanation=explanation,
                    result=entry.result,
                )
            self.add(
                Severity.BLOCKING,
                self.words(QT_TRANSLATE_NOOP("Messages", "The job queue entry is in error")),
                explanation,
                self.words(
                    QT_TRANSLATE_NOOP(
                        "Messages",
                        "Remove the cause its last result names, then set the job queue entry "
                        "of {mapping} ready.",
                    )
                ),
            )
        elif status == QueueStatus.IN_PROCESS.value:
            self.add(
                Severity.INFO,
                self.words(QT_TRANSLATE_NOOP("Messages", "Synchronizing now")),
                self.words(
                    QT_TRANSLATE_NOOP(
                        "Messages",
                        "The job queue entry of {mapping} is running by {who} right now.",
                    )
                    if entry.claimed_by
                    else QT_TRANSLATE_NOOP(
                        "Messages", "The job queue entry of {mapping} is running right now."
                    ),
                    who=entry.claimed_by or "",
                ),
            )
        elif entry.next_run is None or entry.next_run <= utcnow():
            self.add(
                Severity.INFO,
                self.words(QT_TRANSLATE_NOOP("Messages", "Scheduled")),
                self.words(
                    QT_TRANSLATE_NOOP(
                        "Messages",
                        "The job queue entry of {mapping} is ready; its next run is due now.",
                    )
                ),
            )
        else:
            self.add(
                Severity.INFO,
                self.words(QT_TRANSLATE_NOOP("Messages", "Scheduled")),
                self.words(
                    QT_TRANSLATE_NOOP(
                        "Messages",
                        "The job queue entry of {mapping} is ready; its next run is at {when}.",
                    ),
                    when=local(entry.next_run),
                ),
            )
