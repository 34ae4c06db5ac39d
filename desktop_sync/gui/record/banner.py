"""The record window's first line: the coupling state in bold, the coupled record, when it was
last synchronized, and the link to "Why is this record not synchronizing?"."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from desktop_sync.domain import Side
from desktop_sync.gui.common.icons import icon
from desktop_sync.gui.common.words import kind_label, local_time, said
from desktop_sync.services import Service
from desktop_sync.services.record_view import RecordView


class StateBanner(QWidget):
    """The state line above the record window's tabs."""

    def __init__(self, service: Service, side: Side, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service, self.side = service, side
        self.icon = QLabel()
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.state.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.state.setAccessibleName(self.tr("Coupling state"))
        self.why = QLabel()
        self.why.setAccessibleName(self.tr("Why is this record not synchronizing?"))
        self.why.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.icon)
        row.addWidget(self.state, 1)
        row.addWidget(self.why)

    def show_state(self, view: RecordView) -> None:
        """One line: the state in bold, the coupled record, when it was last synchronized."""
        esc = html.escape
        this, other = self.service.side_name(self.side), self.service.side_name(self.side.other)
        error = view.errors[0] if view.errors else None
        if view.coupling is None:
            state, name = self.tr("Not coupled"), "uncouple"
            rest = self.tr("No {side} record is coupled to it.").format(side=other)
        else:
            if view.skipped:
                kind = (
                    kind_label(error.kind, self.service) if error else self.tr("unresolved error")
                )
                state, name = self.tr("Skipped — {kind}").format(kind=kind), "error"
            elif view.other_gone:
                state, name = self.tr("Coupled record deleted"), "warning"
            else:
                state, name = self.tr("Coupled"), "couple"
            synced = local_time(view.synced_at) if view.synced_at else self.tr("never")
            rest = self.tr("Coupled to {side} record {key} · last synchronized {when}").format(
                side=other, key=view.other_key, when=synced
            )
            if view.other_key is None:  # its insert into the other app failed or was interrupted
                rest = self.tr("Not created in {side} yet").format(side=other)
        if view.record is None:
            state = self.tr("Not in {side} (any more)").format(side=this) + " · " + state
            name = "error" if name == "error" else "warning"
        self.icon.setPixmap(icon(name).pixmap(20, 20))
        self.state.setText(f"<b>{esc(state)}</b> · {esc(rest)}")
        self.state.setToolTip(said(error.message, error.template, error.params) if error else "")
