"""Show Details: an error's whole message and technical detail, ready to copy."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPlainTextEdit, QVBoxLayout, QWidget

from desktop_sync.domain import Side
from desktop_sync.gui.common.icons import icon
from desktop_sync.gui.common.words import kind_label, local_time, said
from desktop_sync.services import Service
from desktop_sync.services.queries import ErrorRow


class DetailsDialog(QDialog):
    def __init__(self, error: ErrorRow, service: Service, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Error {id}").format(id=error.id))
        self.setWindowIcon(icon("details"))
        self.resize(720, 420)
        self.text = QPlainTextEdit(readOnly=True)
        self.text.setAccessibleName(self.tr("Error message and details"))
        self.text.setPlainText(self.describe(error, service))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        copy = buttons.addButton(self.tr("Copy"), QDialogButtonBox.ButtonRole.ActionRole)
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.text.toPlainText()))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)

    def describe(self, e: ErrorRow, service: Service) -> str:
        # Translated outside the f-strings, where pyside6-lupdate sees them.
        exists, missing, failed_on, job = (
            self.tr("exists"),
            self.tr("missing"),
            self.tr("Failed on"),
            self.tr("Job"),
        )
        lines = [
            f"{kind_label(e.kind, service)} — {e.mapping}",
            f"{service.side_name(Side.ERP)}: {e.erp_key or '—'} "
            f"({exists if e.erp_exists else missing})",
            f"{service.side_name(Side.CRM)}: {e.crm_key or '—'} "
            f"({exists if e.crm_exists else missing})",
            f"{failed_on}: {local_time(e.failed_at)}   {job}: {e.job_id or '—'}",
            "",
            said(e.message, e.template, e.params),
        ]
        if e.detail:
            lines += ["", e.detail]
        return "\n".join(lines)
