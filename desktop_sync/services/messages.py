"""Words for a person from the service layer, which has no Qt: an English template with
{placeholders} and the values for them (see `desktop_sync.words`, where the engine finds them
too). The window translates the template and fills it in; the command line and the tests read
it in English with `str()`.

pyside6-lupdate finds each template through the `QT_TRANSLATE_NOOP` marker, under the context
written there (the class of the window that shows it, or `words.CONTEXT` for the messages the
store keeps), so the template is listed for translation exactly as if the window had written
`QCoreApplication.translate(context, template)`.
"""

from __future__ import annotations

from desktop_sync.words import CONTEXT, QT_TRANSLATE_NOOP, Message, english, filed, nested, say

__all__ = ["CONTEXT", "QT_TRANSLATE_NOOP", "Message", "english", "filed", "nested", "say"]
