"""The checks of "Why is this record not synchronizing?" that read the record's last-modified
value: not changed since the last synchronization, stamped before what synchronization has read,
not synchronized yet."""

from __future__ import annotations

from datetime import UTC, datetime

from desktop_sync.apps import Record
from desktop_sync.apps.stamps import moment_text
from desktop_sync.services.diagnose_base import Checks, Severity, local, show
from desktop_sync.words import QT_TRANSLATE_NOOP, Message, say


class StampChecks(Checks):
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
                say(QT_TRANSLATE_NOOP("Messages", "Included in the next synchronization")),
                say(
                    QT_TRANSLATE_NOOP(
                        "Messages",
                        "A person asked to retry it (or a write to it did not land), so the "
                        "next synchronization compares it whatever its last-modified value says.",
                    )
                ),
            )
            return
        column = repr(self.mapping.modified(self.side))
        if self.mapping.modified(self.side) is not None and record.raw_modified is None:
            self.add(
                Severity.INFO,
                say(QT_TRANSLATE_NOOP("Messages", "No last-modified value")),
                say(
                    QT_TRANSLATE_NOOP(
                        "Messages",
                        "Its last-modified column {column} is empty, so every synchronization "
                        "reads it and compares its values with the last synchronized ones.",
                    ),
                    column=column,
                ),
                self.words(
                    QT_TRANSLATE_NOOP(
                        "Messages",
                        "Where many records of {this} have no last-modified value, list a "
                        "column that always has one after it (for example a creation date) in "
                        "the mapping.",
                    )
                ),
            )
        if coupling is not None and record.modified == coupling.seen(self.side):
            version = self._version(record)
            self.add(
                Severity.INFO,
                say(QT_TRANSLATE_NOOP("Messages", "Not changed since the last synchronization")),
                self.words(
                    QT_TRANSLATE_NOOP(
                        "Messages",
                        "It is as it was when it was last synchronized ({when}; {version}), so "
                        "there is nothing to copy. A change counts only when {this} moves "
                        "{column} on, or its values change.",
                    ),
                    when=local(view.synced_at),
                    version=version,
                    column=column,
                ),
                say(
                    QT_TRANSLATE_NOOP(
                        "Messages",
                        "If you changed the record and the value did not move, the app did not "
                        "stamp the change: edit it again, or use Synchronize Now to compare it "
                        "anyway.",
                    )
                ),
            )
            return
        if self.blocked:
            return  # something else keeps it out already; its stamp does not matter
        self._not_read_yet(record, column)

    def _not_read_yet(self, record: Record, column: str) -> None:
        coupling = self.view.coupling
        reached = self._read_from()
        moment = self._moment(record)
        if reached is not None and moment is not None and moment < reached:
            self.add(
                Severity.WARNING,
                say(
                    QT_TRANSLATE_NOOP(
                        "Messages", "Last-modified value older than what synchronization has read"
                    )
                ),
                self.words(
                    QT_TRANSLATE_NOOP(
                        "Messages",
                        "Synchronization of {mapping} reads {this} changes stamped from {since} "
                        "on (its last run minus the look-back); this record's last-modified "
                        "value {stamp} is older, so the next synchronization does not read it, "
                        "although it {what}.",
                    ),
                    since=show(moment_text(reached)),
                    stamp=show(record.raw_modified),
                    what=say(QT_TRANSLATE_NOOP("Messages", "was never synchronized"))
                    if coupling is None
                    else say(
                        QT_TRANSLATE_NOOP("Messages", "has changed since its last synchronization")
                    ),
                ),
                self.words(
                    QT_TRANSLATE_NOOP(
                        "Messages",
                        "Use Synchronize Now for this record, and have {this} stamp {column} "
                        "with the time of each change.",
                    ),
                    column=column,
                ),
            )
        elif coupling is None:
            explanation = (
                self.words(
                    QT_TRANSLATE_NOOP(
                        "Messages",
                        "The next synchronization creates it in {that}, or couples it to a "
                        "{that} record with equal {fields}.",
                    ),
                    fields=", ".join(self.mapping.match_on),
                )
                if self.mapping.match_on
                else self.words(
                    QT_TRANSLATE_NOOP("Messages", "The next synchronization creates it in {that}.")
                )
            )
            self.add(
                Severity.INFO,
                say(QT_TRANSLATE_NOOP("Messages", "Not synchronized yet")),
                explanation,
            )
        else:
            self.add(
                Severity.INFO,
                say(QT_TRANSLATE_NOOP("Messages", "Changed since the last synchronization")),
                say(
                    QT_TRANSLATE_NOOP(
                        "Messages",
                        "It is not as it was at the last synchronization ({version}), so the "
                        "next synchronization compares it and copies what changed.",
                    ),
                    version=self._version(record),
                ),
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

    def _version(self, record: Record) -> Message:
        if record.raw_modified is not None:
            return say(
                QT_TRANSLATE_NOOP("Messages", "last modified {stamp}"),
                stamp=show(record.raw_modified),
            )
        return say(QT_TRANSLATE_NOOP("Messages", "same values"))
