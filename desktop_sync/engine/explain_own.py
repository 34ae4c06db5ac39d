"""The engine's own failures in a clerk's words (see `explain`): a value a value map has no
counterpart for, a related record not coupled yet, a row that cannot be read (text that is not
UTF-8, a last-modified value that is not a moment)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from desktop_sync.config import Config, TableMapping
from desktop_sync.domain import Side
from desktop_sync.engine.translate import NotCoupled, TranslationError
from desktop_sync.words import QT_TRANSLATE_NOOP, Message, say


class OwnFailures:
    """Part of `Explainer`: what it needs from it, and the words."""

    config: Config
    mapping: TableMapping

    def name(self, side: Side) -> str:
        return self.config.side_name(side)

    def record(self, side: Side, key: str | None) -> str:
        """How a message names a record: its table and key ("item 9002")."""
        return f"{self.mapping.table(side)} {key or '—'}"

    def untranslatable(self, exc: TranslationError, record_key: str | None) -> Message:
        """A value with no counterpart in the other app (a value map), or naming a related
        record that is not coupled (a lookup); `record_key` is the key of the record on
        `exc.side`."""
        side = exc.side
        if side is None:
            return say(QT_TRANSLATE_NOOP("Messages", "{reason}"), reason=str(exc))
        record = self.record(side, record_key)
        label = exc.field.label_on(side) if exc.field is not None else "?"
        if isinstance(exc, NotCoupled):
            related = self.config.mapping(exc.mapping)
            return say(
                QT_TRANSLATE_NOOP(
                    "Messages",
                    "{field} of {record} names {table} {key}, which has not been synchronized "
                    "to {app} yet (mapping {related} has not coupled it), so {app} has no "
                    "record to point to. Synchronize {table} {key} first (Why Not "
                    "Synchronizing? on it says what keeps it out), then Retry.",
                ),
                field=label,
                record=record,
                table=related.table(side),
                key=exc.key,
                app=self.name(side.other),
                related=exc.mapping,
            )
        return say(
            QT_TRANSLATE_NOOP(
                "Messages",
                "{field} {value} of {record} has no counterpart in {app}: the value map of "
                "mapping {mapping} knows only {known}. Change it in {source_app}, or add it to "
                "the map in the configuration (or give default_{side}), then Retry.",
            ),
            field=label,
            value=shown_value(exc.value),
            record=record,
            app=self.name(side.other),
            mapping=self.mapping.name,
            known=exc.known,
            source_app=self.name(side),
            side=side.other.value,
        )

    def unreadable(self, side: Side, key: str, exc: BaseException) -> Message:
        """A row the engine cannot take as a record: text that is not text, a last-modified
        value that is not a moment."""
        column = getattr(exc, "column", None)
        raw = getattr(exc, "raw", None)
        record = self.record(side, key)
        if column is not None and raw is not None:
            found = next((f for f in self.mapping.fields if f.column(side) == column), None)
            return say(
                QT_TRANSLATE_NOOP(
                    "Messages",
                    "{field} of {record} holds {raw}, which is not text (not UTF-8). Correct "
                    "it in {app}, then Retry.",
                ),
                field=found.label_on(side) if found is not None else column,
                record=record,
                raw=raw,
                app=self.name(side),
            )
        return say(
            QT_TRANSLATE_NOOP(
                "Messages",
                "{record} of {app} cannot be read: {reason}. Correct it in {app}, then Retry.",
            ),
            record=record,
            app=self.name(side),
            reason=str(exc),
        )


def shown_value(value: Any) -> str:
    """A value as a message shows it: text in quotes (long text shortened), numbers as kept."""
    if value is None:
        return "(empty)"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int | float | Decimal):
        return str(value)
    text = str(value)
    if len(text) > 40:
        text = text[:37] + "…"
    return f"'{text}'"
