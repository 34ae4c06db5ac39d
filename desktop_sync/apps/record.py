"""One app row as the engine sees it, and the small things every part of `apps` shares."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from desktop_sync.words import Message

STAMP = "_stamp"  # the label of the last-modified value in every select

# A key list longer than this is split; stays well under every database's parameter limit.
KEYS_PER_QUERY = 900


def chunked(items: Sequence[Any], size: int = KEYS_PER_QUERY) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


@dataclass(frozen=True)
class Record:
    """One app row as the engine sees it: key as text, a token of its version, and mapped
    column values."""

    key: str
    modified: str  # the stamp's token, or a value token without a stamp (see `Stamps.token`)
    raw_modified: Any  # the stamp exactly as read (None when none), for the optimistic update
    values: dict[str, Any]  # column name -> value


class BadRow(ValueError):
    """A row the engine cannot take as a record (no key, text that is not text); the message
    names it. `column` and `raw` say which value, when one is at fault."""

    def __init__(self, message: str, column: str | None = None, raw: bytes | None = None) -> None:
        super().__init__(message)
        self.column, self.raw = column, raw


class AppError(Exception):
    """An app database cannot be reached or does not have what the configuration names.

    Made from words (a `Message`) where it can be, so the window can show it in its language;
    `str()` is the English text either way."""

    def __init__(self, message: str | Message) -> None:
        self.words = message if isinstance(message, Message) else None
        super().__init__(str(message))
