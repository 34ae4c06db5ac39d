"""The Rules dialog: every mapping's rules (from the configuration file or saved from the
window), what each settles and who wins, whether it is on; Switch On/Off and Delete (a saved
rule only; one of the file is switched off instead).

The list is read in the window's loader thread, changes are made in its actions thread through
the service (`set_rule_enabled`, `delete_rule`), then the list is read again.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_sync.domain import Side
from desktop_sync.gui.common.icons import icon
from desktop_sync.gui.common.tasks import Task
from desktop_sync.gui.common.words import local_time
from desktop_sync.gui.operations import Host
from desktop_sync.services.rules import RuleRow

COL_NAME, COL_MAPPING, COL_FIELDS, COL_WINNERS, COL_SOURCE, COL_ON = range(6)


class RulesDialog(QDialog):
    """The rules of every mapping, with Switch On/Off and Delete."""

    def __init__(self, host: Host, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.host, self.service = host, host.service
        self.rules: list[RuleRow] = []
        self.setWindowTitle(self.tr("Rules"))
        self.setWindowIcon(icon("settings"))
        self.resize(820, 380)

        intro = QLabel(
            self.tr(
                "A rule settles, during every job, a record changed in both apps on exactly its "
                "fields: each field from its winner, a field changed in one app only from that "
                "app. Rules of the configuration file are switched off here, not deleted."
            )
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(0, 6)
        self.table.setAccessibleName(self.tr("Rules"))
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Name"),
                self.tr("Mapping"),
                self.tr("Fields"),
                self.tr("Winners"),
                self.tr("From"),
                self.tr("On"),
            ]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_WINNERS, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update_buttons)

        self.switch = QPushButton(self.tr("Switch &Off"))
        self.switch.clicked.connect(self.on_switch)
        self.delete = QPushButton(icon("delete"), self.tr("&Delete"))
        self.delete.clicked.connect(self.on_delete)
        self.status = QLabel()
        self.status.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.switch)
        row.addWidget(self.delete)
        row.addStretch()
        row.addWidget(buttons)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addLayout(row)
        self._update_buttons()
        self.reload()

    # -- reading -------------------------------------------------------------------------

    def reload(self) -> None:
        service = self.service
        self.host.runners.loader.submit(
            Task(service.rules, self._show, self.status.setText, "rules", key=("rules", id(self)))
        )

    def _show(self, rules: list[RuleRow]) -> None:
        chosen = self.selected()
        keep = (chosen.mapping, chosen.name) if chosen else None
        self.rules = rules
        self.table.setRowCount(len(rules))
        side_name = {s: self.service.side_name(s) for s in Side}
        for r, rule in enumerate(rules):
            winners = ", ".join(
                self.tr("{field} from {side}").format(field=n, side=side_name[s])
                for n, s in sorted(rule.winners.items())
            )
            source = (
                self.tr("configuration file")
                if rule.source == "config"
                else self.tr("saved by {user} {time}").format(
                    user=rule.created_by or "?", time=local_time(rule.created_at)
                )
            )
            cells = [
                rule.name,
                rule.mapping,
                ", ".join(rule.fields),
                winners,
                source,
                self.tr("on") if rule.enabled else self.tr("off"),
            ]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c == COL_SOURCE and rule.comment:
                    item.setToolTip(rule.comment)
                self.table.setItem(r, c, item)
        if not rules:
            self.status.setText(
                self.tr(
                    "No rules yet. Save one from Apply to Similar Errors, or write one in the "
                    "configuration file ([[mapping.rule]])."
                )
            )
        rows = [i for i, rule in enumerate(rules) if (rule.mapping, rule.name) == keep]
        if rows or rules:
            self.table.selectRow(rows[0] if rows else 0)
        self._update_buttons()

    def selected(self) -> RuleRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.rules[rows[0].row()] if rows and rows[0].row() < len(self.rules) else None

    def _update_buttons(self) -> None:
        rule = self.selected()
        busy = self.host.runners.actions.busy
        self.switch.setEnabled(rule is not None and not busy)
        self.switch.setText(
            self.tr("Switch O&n")
            if rule is not None and not rule.enabled
            else self.tr("Switch &Off")
        )
        self.delete.setEnabled(rule is not None and rule.source == "store" and not busy)
        self.delete.setToolTip(
            self.tr("A rule of the configuration file is switched off, not deleted")
            if rule is not None and rule.source != "store"
            else ""
        )

    # -- changing ------------------------------------------------------------------------

    def _run(self, label: str, work, done_text: str) -> None:  # type: ignore[no-untyped-def]
        def done(_result: object) -> None:
            self.status.setText(done_text)
            self.reload()

        def failed(message: str) -> None:
            self.status.setText(message)
            self.reload()

        self.switch.setEnabled(False)
        self.delete.setEnabled(False)
        self.host.runners.actions.submit(Task(work, done, failed, label))

    def on_switch(self) -> None:
        rule = self.selected()
        if rule is None:
            return
        service, on = self.service, not rule.enabled
        self._run(
            self.tr("Switching a rule"),
            lambda: service.set_rule_enabled(rule.mapping, rule.name, on),
            (self.tr("Rule “{name}” is on.") if on else self.tr("Rule “{name}” is off.")).format(
                name=rule.name
            ),
        )

    def on_delete(self) -> None:
        rule = self.selected()
        if rule is None or rule.source != "store":
            return
        if not self.host.confirm(
            self.tr("Delete Rule"),
            self.tr("Delete rule “{name}” of mapping {mapping}? Jobs no longer apply it.").format(
                name=rule.name, mapping=rule.mapping
            ),
        ):
            return
        service = self.service
        self._run(
            self.tr("Deleting a rule"),
            lambda: service.delete_rule(rule.mapping, rule.name),
            self.tr("Rule “{name}” was deleted.").format(name=rule.name),
        )

    def keyPressEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        if event.key() == Qt.Key.Key_Delete and self.delete.isEnabled():
            self.on_delete()
            return
        super().keyPressEvent(event)
