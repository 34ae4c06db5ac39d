"""Words for a person from the layers without Qt: an English template with {placeholders} and
the values for them.

The engine, the apps layer and the service layer make their messages as `Message`s. The English
text (`str(message)`) goes where text always went (the `message` column, the command line, the
search); the template and its values go beside it (the `template` and `params` columns), so the
window can show the message in its own language: it translates the template under `CONTEXT` and
fills in the values. A value that is itself words (a requirement such as "must be 0 or more") is a
`Message` too and is translated the same way; names, keys, labels and app values are not.

pyside6-lupdate finds each template through the `QT_TRANSLATE_NOOP` marker, written where the
template is: `say(QT_TRANSLATE_NOOP("Messages", "…"), …)`. This module is in the base layer:
every layer may import it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

CONTEXT = "Messages"  # the translation context of every message the store keeps
_NESTED = "$message"  # how a value that is itself a message is kept in `params`


def QT_TRANSLATE_NOOP(context: str, source: str) -> str:  # noqa: N802 - Qt's own name
    """Marks `source` for pyside6-lupdate under `context`; the window translates it when shown."""
    del context
    return source


@dataclass
class Message:
    """Words for the person: an English `template` with {placeholders}, and their `values`."""

    template: str
    values: dict[str, Any] = field(default_factory=dict)

    def __str__(self) -> str:
        return english(self.template, self.values)

    def params(self) -> dict[str, Any]:
        """The values as JSON (a value that is words nested as its template and values)."""
        return {name: _stored(value) for name, value in self.values.items()}


def say(template: str, **values: Any) -> Message:
    return Message(template, values)


def english(template: str, params: dict[str, Any] | None) -> str:
    """A template filled in with its (stored) values, in English."""
    values = {name: _english_value(value) for name, value in (params or {}).items()}
    try:
        return template.format(**values)
    except (KeyError, IndexError, ValueError):
        return template


def filed(message: str | Message, column: str = "message", prefix: str = "") -> dict[str, Any]:
    """The store's columns for a message: English text in `column`, and its template and values
    (in `prefix`template and `prefix`params) when it is words; plain text leaves them NULL, as
    older rows have them."""
    if isinstance(message, Message):
        return {
            column: str(message),
            f"{prefix}template": message.template,
            f"{prefix}params": message.params(),
        }
    return {column: message, f"{prefix}template": None, f"{prefix}params": None}


def nested(value: Any) -> tuple[str, dict[str, Any]] | None:
    """The template and values of a stored value that is itself words; None for a plain one."""
    if isinstance(value, dict) and _NESTED in value:
        return value[_NESTED], value.get("values") or {}
    return None


def _stored(value: Any) -> Any:
    if isinstance(value, Message):
        return {_NESTED: value.template, "values": value.params()}
    if value is None or isinstance(value, bool | int | float | str | dict | list):
        return value  # a dict: a value that is words, kept so already (see `nested`)
    if isinstance(value, Decimal | datetime | date):
        return str(value)
    return str(value)


def _english_value(value: Any) -> Any:
    if isinstance(value, Message):
        return str(value)
    found = nested(value)
    if found is not None:
        return english(*found)
    return value


__all__ = [
    "CONTEXT",
    "QT_TRANSLATE_NOOP",
    "Message",
    "english",
    "filed",
    "nested",
    "say",
]
