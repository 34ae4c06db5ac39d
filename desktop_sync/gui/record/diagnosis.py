"""Why is this record not synchronizing? The diagnosis's findings in plain words, most serious
first, each with what to do (the findings come from `services.diagnose`)."""

from __future__ import annotations

import html

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QTextBrowser, QVBoxLayout, QWidget

from desktop_sync.gui.common import style
from desktop_sync.gui.common.words import words_of
from desktop_sync.services.diagnose import Finding, Severity

WARNING_TEXT = (QColor("#8a5300"), QColor("#f2c94c"))  # amber on the light and on the dark palette


def severity_color(severity: Severity) -> QColor:
    """A readable colour for a finding's severity on the palette in use."""
    if severity is Severity.BLOCKING:
        return style.error_text()
    if severity is Severity.OK:
        return style.ok_text()
    if severity is Severity.WARNING:
        return QColor(WARNING_TEXT[1] if style.is_dark() else WARNING_TEXT[0])
    return style.palette().color(QPalette.ColorRole.Link)


class DiagnosisPanel(QWidget):
    """The findings of "why is this record not synchronizing?", most serious first."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = QTextBrowser()
        self.text.setObjectName("recordDiagnosis")
        self.text.setAccessibleName(self.tr("Why this record is not synchronizing"))
        self.text.setOpenLinks(False)
        self.findings: list[Finding] = []
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)

    def severity_label(self, severity: Severity) -> str:
        return {
            Severity.BLOCKING: self.tr("Keeps it out"),
            Severity.WARNING: self.tr("Warning"),
            Severity.INFO: self.tr("Note"),
            Severity.OK: self.tr("OK"),
        }[severity]

    def show_findings(self, findings: list[Finding]) -> None:
        self.findings = list(findings)
        esc = html.escape
        heading, what_to_do = (
            self.tr("Why is this record not synchronizing?"),
            self.tr("What to do:"),
        )
        parts = [f"<h3>{esc(heading)}</h3>"]
        for f in findings:
            color = severity_color(f.severity).name()
            fix_text = words_of(f.fix_words) if f.fix_words is not None else ""
            fix = f"<br><b>{esc(what_to_do)}</b> {esc(fix_text)}" if fix_text else ""
            parts.append(
                f'<p><span style="color:{color}; font-weight:bold">'
                f"{esc(self.severity_label(f.severity))}</span>"
                f" — <b>{esc(words_of(f.title_words))}</b><br>"
                f"{esc(words_of(f.explanation_words))}{fix}</p>"
            )
        self.text.setHtml("".join(parts))

    def plain_text(self) -> str:
        return self.text.toPlainText()
