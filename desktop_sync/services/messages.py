"""Words for a person from the service layer, which has no Qt: an English template with
{placeholders} and the values for them. The window translates the template and fills it in; the
command line and the tests read it in English with `str()`.

pyside6-lupdate finds each template through the `QT_TRANSLATE_NOOP` marker below, under the
context written there (the class of the window that shows it), so the template is listed for
translation exactly as if the window had written `QCoreApplication.translate(context, template)`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


def QT_TRANSLATE_NOOP(context: str, source: str) -> str:
    """Marks `source` for pyside6-lupdate under `context`; the window translates it when shown."""
    del context
    return source


@dataclass
class Message:
    """Words for the person: an English `template` with {placeholders}, and their `values`."""

    template: str
    values: dict[str, Any] = field(default_factory=dict)

    def __str__(self) -> str:
        return self.template.format(**self.values)


def say(template: str, **values: Any) -> Message:
    return Message(template, values)
