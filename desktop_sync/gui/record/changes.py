"""The record window's *Changes* tab: every write desktop-sync made to this record in either app
(the journal), newest first, with the values before and after by field; and *Undo* of a
person's resolution.

The journal is read a page at a time in the loader thread (`Service.journal`, keyset paging by
entry id; `canFetchMore`/`fetchMore` while the person scrolls). Undo asks first — naming what
will be written back, with an optional comment — then runs `Service.undo` in the actions thread
through the window's `run_action`, and says what became of it in plain words: undone, refused
into a *changed in both* error because the record changed since, or refused.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import shiboken6
from PySide6.QtCore import (
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_sync.domain import Side
from desktop_sync.gui.common.shortcuts import describe_actions, make_action, set_enabled
from desktop_sync.gui.common.style import error_text
from desktop_sync.gui.common.tasks import Task
from desktop_sync.gui.common.words import local_time, shown
from desktop_sync.gui.operations import Host
from desktop_sync.gui.record.changes_model import ChangesModel, EntryRole
from desktop_sync.services import ActionError
from desktop_sync.services.journal import JournalRow, UndoResult


@dataclass(frozen=True)
class Refused:
    """An undo the service would not try (a job's write, already undone, an open error)."""

    reason: str


class UndoDialog(QDialog):
    """The question before an undo: what will be written back, and an optional comment. Cancel
    is the default button."""

    def __init__(self, title: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.text = QLabel(text)
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.comment_edit = QLineEdit()
        self.comment_edit.setAccessibleName(self.tr("Comment"))
        self.comment_edit.setPlaceholderText(self.tr("Why (optional; kept in the journal)"))
        comment_label = QLabel(self.tr("&Comment:"))
        comment_label.setBuddy(self.comment_edit)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("&Undo"))
        self.ok.setAutoDefault(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        row = QHBoxLayout()
        row.addWidget(comment_label)
        row.addWidget(self.comment_edit, 1)
        layout.addLayout(row)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)

    def comment(self) -> str | None:
        return self.comment_edit.text().strip() or None


class ChangesTab(QWidget):
    """The Changes tab: the result of the last undo, the list, and the Undo button."""

    undone = Signal(object)  # UndoResult | Refused, after it was shown

    def __init__(
        self,
        host: Host,
        mapping: str,
        side: Side,
        key: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.host = host
        self._kept: int | None = None  # the entry to select again after the next reload
        self._sized = False
        self.model = ChangesModel(host.service, host.runners.loader, mapping, side, key, self)
        self.table = QTableView()
        self.table.setObjectName("recordChanges")
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(ChangesModel.COL_CHANGES, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        self.selection = self.table.selectionModel()  # keep a reference: we connect to it
        self.selection.currentRowChanged.connect(lambda *_: self.update_enabled())

        self.undo = make_action(
            self,
            "record_undo",
            "undo",
            "Ctrl+Z",
            self.on_undo,
            Qt.ShortcutContext.WidgetWithChildrenShortcut,
        )
        self.addAction(self.undo)
        self.undo_button = QToolButton()
        self.undo_button.setDefaultAction(self.undo)
        self.undo_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)

        self.result = QLabel()
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result.setVisible(False)
        self.empty = QLabel()
        self.empty.setVisible(False)

        buttons = QHBoxLayout()
        buttons.addWidget(self.undo_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.result)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

        self.model.reloaded.connect(self._after_reload)
        for runner in (host.runners.actions, host.runners.jobs):
            runner.started.connect(self.update_enabled)
            runner.ended.connect(self.update_enabled)
        self.retranslate()

    def retranslate(self) -> None:
        self.table.setAccessibleName(self.tr("Changes made to this record"))
        self.result.setAccessibleName(self.tr("What the last undo did"))
        self.empty.setText(self.tr("desktop-sync has written nothing to this record yet."))
        describe_actions(
            {
                self.undo: (
                    self.tr("&Undo…"),
                    self.tr(
                        "Write back the values this resolution replaced, in both apps, as a new "
                        "change"
                    ),
                )
            }
        )
        self.update_enabled()

    # -- reading -----------------------------------------------------------------------

    def reload(self) -> None:
        """Read the newest page again, keeping the selected entry selected."""
        entry = self.selected()
        if entry is not None and self._kept is None:
            self._kept = entry.id
        self.model.reload()

    def _after_reload(self) -> None:
        keep = self._kept
        self._kept = None
        self.empty.setVisible(not self.model.rows and not self.model.loading)
        if self.model.rows:
            row = next((r for r, e in enumerate(self.model.rows) if e.id == keep), 0)
            self.table.setCurrentIndex(self.model.index(row, 0))
            if not self._sized:
                self._sized = True
                self.table.resizeColumnsToContents()
                self.table.horizontalHeader().setSectionResizeMode(
                    ChangesModel.COL_CHANGES, QHeaderView.ResizeMode.Stretch
                )
        self.update_enabled()

    def selected(self) -> JournalRow | None:
        index = self.table.currentIndex()
        return index.data(EntryRole) if index.isValid() else None

    def select_entry(self, entry_id: int) -> None:
        row = next((r for r, e in enumerate(self.model.rows) if e.id == entry_id), None)
        if row is not None:
            self.table.setCurrentIndex(self.model.index(row, 0))

    # -- undo --------------------------------------------------------------------------

    def update_enabled(self, *_: Any) -> None:
        entry = self.selected()
        if entry is None:
            why: str | None = self.tr("Select a change first")
        elif not entry.undoable:
            why = self.tr(
                "A job's own write is not undone by hand: change the record in its app instead"
            )
        elif self.host.runners.actions.busy:
            why = self.tr("Wait for the current action to finish")
        else:
            why = None
        set_enabled(self.undo, why)

    def context_menu(self) -> QMenu:
        """The list's context menu: the same Undo action as the button."""
        menu = QMenu(self)
        menu.addAction(self.undo)
        return menu

    def _context_menu(self, position: Any) -> None:
        menu = self.context_menu()
        menu.exec(self.table.viewport().mapToGlobal(position))
        menu.deleteLater()

    def written_together(self, entry: JournalRow) -> list[JournalRow]:
        """The loaded entries of the same resolution as `entry` (a Synchronize writes both
        apps at one moment), `entry` first."""
        same = [
            e
            for e in self.model.rows
            if e.id != entry.id
            and (e.at, e.action, e.user, e.error_id)
            == (entry.at, entry.action, entry.user, entry.error_id)
            and e.undoable
        ]
        return [entry, *same]

    def what_goes_back(self, entries: Sequence[JournalRow]) -> str:
        """What an undo of these entries will write, one line per app."""
        lines = []
        for e in entries:
            app, side = self.model.app_name(e), Side(e.side)
            record = (e.erp_key if side is Side.ERP else e.crm_key) or "—"
            if e.kind == "insert":
                lines.append(
                    self.tr("{app}: record {key}, which it inserted, is deleted again.").format(
                        app=app, key=record
                    )
                )
            elif e.kind == "delete":
                lines.append(
                    self.tr(
                        "{app}: record {key}, which it deleted, is inserted again and coupled."
                    ).format(app=app, key=record)
                )
            else:
                fields = "; ".join(
                    self.tr("{field} back to {before} (now {after})").format(
                        field=self.model.label(side, column),
                        before=shown(before),
                        after=shown(after),
                    )
                    for column, before, after in e.changes()
                )
                lines.append(
                    self.tr("{app} record {key}: {fields}.").format(
                        app=app, key=record, fields=fields
                    )
                )
        return "\n".join(lines)

    def on_undo(self) -> None:
        entry = self.selected()
        if entry is None or not entry.undoable or not self.undo.isEnabled():
            return
        entries = self.written_together(entry)
        title = self.tr("Undo")
        text = self.tr(
            "Undo {who}'s change of {when}? This is written back, as a new change:\n\n{what}\n\n"
            "If somebody changed the record since then, nothing is overwritten: it becomes a "
            "“Changed in both” error to resolve as usual."
        ).format(
            who=self.model.who(entry), when=local_time(entry.at), what=self.what_goes_back(entries)
        )
        dialog = UndoDialog(title, text, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.start_undo(entry.id, dialog.comment())

    def start_undo(self, entry_id: int, comment: str | None) -> Task:
        """Run the undo in the actions thread; show its result here when it ends."""
        service = self.host.service

        def work() -> UndoResult | Refused:
            try:
                return service.undo(entry_id, comment)
            except ActionError as exc:  # refused before anything was tried: words for the tab
                return Refused(str(exc))

        return self.host.run_action(
            self.tr("Undoing change {id}").format(id=entry_id), work, self._done(entry_id)
        )

    def _done(self, entry_id: int) -> Callable[[Any], None]:
        def done(result: UndoResult | Refused) -> None:
            text = self.result_text(result)
            if shiboken6.isValid(self):
                self.show_result(text, ok=isinstance(result, UndoResult) and result.written)
                self.host.show_status(text)
                self.undone.emit(result)
            self.host.notify_changed("errors")  # the grid, this window, every view reads again

        return done

    def result_text(self, result: UndoResult | Refused) -> str:
        if isinstance(result, Refused):
            return self.tr("Not undone: {reason}").format(reason=result.reason)
        if result.conflict:
            return self.tr(
                "Not undone: the record was changed since the resolution, so nothing was "
                "overwritten. It is now a “Changed in both” error: resolve it as usual. "
                "({details})"
            ).format(details=result.message.rstrip("."))
        text = self.tr("Undone: the values from before the resolution are back. {details}.").format(
            details=result.message.rstrip(".")
        )
        if result.reopened_error is not None:
            text += " " + self.tr("Error {id} is open again.").format(id=result.reopened_error)
        return text

    def show_result(self, text: str, ok: bool) -> None:
        self.result.setText(text)
        palette = self.palette()
        if not ok:
            palette.setColor(self.result.foregroundRole(), error_text(palette))
        self.result.setPalette(palette)
        self.result.setVisible(True)


__all__ = ["ChangesModel", "ChangesTab", "EntryRole", "Refused", "UndoDialog"]
