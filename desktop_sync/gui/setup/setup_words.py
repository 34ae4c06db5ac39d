"""The words of setting up: a `Message` of the services translated and filled in, and long
tokens (URLs, paths) given places to wrap.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication

from desktop_sync.services.setup import CONTEXT, Message


def words(message: Message) -> str:
    """A setup message in the window's language: its template translated, then filled in (a value
    that is itself a message, such as a column's role, translated the same way)."""
    values = {
        name: words(value) if isinstance(value, Message) else value
        for name, value in message.values.items()
    }
    return QCoreApplication.translate(CONTEXT, message.template).format(**values)


def breakable(text: str, longest: int = 30) -> str:
    """`text` with a place to break after each / . : _ @ = of a word too long for a line (a URL,
    a path, a driver's token), so a wrapped label shows it whole instead of cutting it off."""
    words_ = []
    for word in text.split(" "):
        if len(word) > longest:
            word = re.sub(r"([/.:_@=\\-])", "\\1\u200b", word)
        words_.append(word)
    return " ".join(words_)
