"""What every check of "Why is this record not synchronizing?" shares: the finding, its
severity, the record's context, and how a finding is worded (see `diagnose`).

Each finding is words the window translates (`desktop_sync.words`); `str()` of them, and the
`title`, `explanation` and `fix` properties, are the English text the command line and the tests
read.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from desktop_sync.config import Config, TableMapping
from desktop_sync.domain import Side
from desktop_sync.engine import WatermarkState
from desktop_sync.services.clock import local_text
from desktop_sync.services.record_view import RecordView
from desktop_sync.words import QT_TRANSLATE_NOOP, Message, say

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
    """One reason, in words: a title, what it means, and what to change (None: nothing)."""

    severity: Severity
    title_words: Message
    explanation_words: Message
    fix_words: Message | None = None

    @property
    def title(self) -> str:
        return str(self.title_words)

    @property
    def explanation(self) -> str:
        return str(self.explanation_words)

    @property
    def fix(self) -> str:
        return str(self.fix_words) if self.fix_words is not None else ""


@dataclass(frozen=True)
class QueueEntryState:
    """The few columns of a job queue entry the diagnosis needs."""

    status: str
    next_run: datetime | None
    last_result: str
    claimed_by: str | None
    result_template: str | None = None
    result_params: dict[str, Any] | None = None

    @property
    def result(self) -> Message | str:
        """The last result as words, when it was kept so."""
        if self.result_template:
            return Message(self.result_template, dict(self.result_params or {}))
        return self.last_result


class Checks:
    """The record, its mapping and what the checks found so far."""

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

    def add(
        self, severity: Severity, title: Message, explanation: Message, fix: Message | None = None
    ) -> None:
        self.findings.append(Finding(severity, title, explanation, fix))

    def words(self, template: str, **values: Any) -> Message:
        """`template` with the record's apps and mapping, and `values`, filled in."""
        common = {
            "this": self.this,
            "that": self.that,
            "mapping": self.mapping.name,
            "where": self.where,
        }
        return say(template, **(common | values))

    @property
    def blocked(self) -> bool:
        return any(f.severity is Severity.BLOCKING for f in self.findings)

    @property
    def where(self) -> Message:
        """Where the mapping is configured, for fixes that change the configuration."""
        if self.config.path:
            return say(
                QT_TRANSLATE_NOOP("Messages", 'in {file}, in the [[mapping]] named "{mapping}"'),
                file=self.config.path.name,
                mapping=self.mapping.name,
            )
        return say(
            QT_TRANSLATE_NOOP(
                "Messages", 'in the configuration, in the [[mapping]] named "{mapping}"'
            ),
            mapping=self.mapping.name,
        )


def local(moment: datetime | None) -> str:
    return local_text(moment) if moment is not None else "—"


def show(stamp: Any) -> str:
    """A normalized last-modified value, readable."""
    return str(stamp).replace("T", " ") if stamp is not None else "—"
