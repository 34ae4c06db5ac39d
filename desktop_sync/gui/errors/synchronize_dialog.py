"""The Synchronize dialog: both versions of a record beside the last synchronized values.

One row per mapped field. Fields that differ are highlighted and the side that changed each one
is marked. By default both apps' edits are kept: a field changed in one app only takes that app's
value, and only a field changed differently in both asks for a choice — Apply waits until each
has one, and says so. "Use the … version" still takes one whole side in one click. A field that
may be copied one way only offers only the side it is copied from. The result column shows what
both apps will hold.

The dialog decides only: `decision()` returns a `SyncDecision`, the service applies it.

From the keyboard: Alt and the underlined letter picks a whole version or Apply; Tab passes the
field table in one press; in the table ← takes the ERP's value for the current field and → the
CRM's, Space opens its list; Enter applies (or says what is missing), Esc cancels.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QBrush, QFont, QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_sync.domain import Side
from desktop_sync.gui.common.icons import icon
from desktop_sync.gui.common.style import changed_background, differs_background, error_text
from desktop_sync.gui.common.words import shown
from desktop_sync.services import FieldDiff, RecordComparison, Service

COL_FIELD, COL_BASE, COL_ERP, COL_CRM, COL_USE, COL_RESULT = range(6)
# Highlights: amber where the two apps disagree, blue where a side changed since the last
# synchronization; each chosen for the palette's light or dark scheme (see gui/style.py).


@dataclass(frozen=True)
class SyncDecision:
    """What the person chose: one whole version (`winner`), or a side per differing field."""

    error_id: int
    winner: Side | None = None
    fields: dict[str, Side] = field(default_factory=dict)
    comment: str = ""  # the person's optional words for the journal

    @property
    def writes_nothing(self) -> bool:
        return self.winner is None and not self.fields


def field_label(diff: FieldDiff) -> str:
    """How people know a field: its label, else its column names."""
    if diff.label:
        return diff.label
    if diff.erp_column == diff.crm_column:
        return diff.erp_column
    return f"{diff.erp_column} / {diff.crm_column}"


def conflicting(diff: FieldDiff) -> bool:
    """Changed differently in both apps (or with no last synchronized value to tell by)."""
    return diff.differs and diff.erp_changed == diff.crm_changed


def default_side(diff: FieldDiff) -> Side | None:
    """The side a field keeps unless the person says otherwise: the one that changed it."""
    if not diff.differs:
        return None
    if len(diff.can_win) == 1:
        return diff.can_win[0]
    if conflicting(diff):
        return None
    return Side.ERP if diff.erp_changed else Side.CRM


def with_mnemonic(text: str, taken: set[str], start: int = 0) -> str:
    """`text` with an Alt mnemonic on its first letter from `start` on that is not taken yet."""
    for i in [*range(start, len(text)), *range(0, start)]:
        letter = text[i].lower()
        if text[i].isalnum() and letter not in taken:
            taken.add(letter)
            return text[:i] + "&" + text[i:]
    return text


def mnemonic_of(text: str) -> str | None:
    i = text.find("&")
    return text[i + 1].lower() if 0 <= i < len(text) - 1 else None


class SynchronizeDialog(QDialog):
    """Choose which version of a record both apps get."""

    def __init__(
        self, comparison: RecordComparison, service: Service, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.comparison, self.service = comparison, service
        error = comparison.error
        erp, crm = service.side_name(Side.ERP), service.side_name(Side.CRM)
        self.setWindowTitle(
            self.tr("Synchronize {mapping} {key}").format(
                mapping=error.mapping, key=error.erp_key or error.crm_key
            )
        )
        self.setWindowIcon(icon("synchronize"))
        self.resize(920, 440)

        intro = QLabel(
            self.tr(
                "<b>{erp}</b> record {erp_key} and <b>{crm}</b> record {crm_key}.<br>{message}"
            ).format(
                erp=erp,
                crm=crm,
                erp_key=error.erp_key or "—",
                crm_key=error.crm_key or "—",
                message=error.message,
            )
        )
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.RichText)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Apply | QDialogButtonBox.StandardButton.Cancel
        )
        self.apply_button = self.buttons.button(QDialogButtonBox.StandardButton.Apply)
        self.apply_button.setText(self.tr("&Apply"))
        self.apply_button.setDefault(True)
        self.apply_button.clicked.connect(self.apply)
        self.buttons.rejected.connect(self.reject)
        taken = {m for m in [mnemonic_of(self.apply_button.text())] if m}

        self.keep_both = QRadioButton(self.tr("&Keep both apps' changes"))
        taken |= {m for m in [mnemonic_of(self.keep_both.text())] if m}
        use = self.tr("Use the {side} version")
        self.use_erp = QRadioButton(
            with_mnemonic(use.format(side=erp), taken, max(use.find("{side}"), 0))
        )
        self.use_crm = QRadioButton(
            with_mnemonic(use.format(side=crm), taken, max(use.find("{side}"), 0))
        )
        self.per_field = QRadioButton(with_mnemonic(self.tr("Chosen per field"), taken))
        self.whole = QButtonGroup(self)
        choice = QHBoxLayout()
        for button in (self.keep_both, self.use_erp, self.use_crm, self.per_field):
            self.whole.addButton(button)
            choice.addWidget(button)
        choice.addStretch()
        self.keep_both.setToolTip(
            self.tr(
                "A field changed in one app only keeps that change; a field changed in both "
                "needs your choice"
            )
        )

        self.table = QTableWidget(len(comparison.fields), 6)
        self.table.setAccessibleName(self.tr("Fields of both versions"))
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Field"),
                self.tr("Last synchronized"),
                erp,
                crm,
                self.tr("Use"),
                self.tr("Both apps will hold"),
            ]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table in one press
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        for column in (COL_FIELD, COL_USE):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.choosers: dict[str, QComboBox] = {}
        for row, diff in enumerate(comparison.fields):
            self._fill_row(row, diff)
        self.table.installEventFilter(self)

        legend = QLabel(
            self.tr(
                "Amber rows differ between the apps; a bold blue value changed since the last "
                "synchronization. A field copied one way only offers only the app it is copied "
                "from. In the table, ← takes the {erp} value and → the {crm} value."
            ).format(erp=erp, crm=crm)
        )
        legend.setWordWrap(True)
        self.reason = QLabel()
        self.reason.setObjectName("synchronizeReason")
        self.reason.setWordWrap(True)
        self.reason.setStyleSheet(f"color: {error_text(self.palette()).name()};")
        self.comment = QLineEdit()
        self.comment.setObjectName("synchronizeComment")
        self.comment.setAccessibleName(self.tr("Comment"))
        self.comment.setPlaceholderText(self.tr("Comment for the journal (optional)"))
        self.comment.setClearButtonEnabled(True)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(choice)
        layout.addWidget(self.table)
        layout.addWidget(legend)
        layout.addWidget(self.reason)
        bottom = QHBoxLayout()
        bottom.addWidget(self.comment, 1)
        bottom.addWidget(self.buttons)
        layout.addLayout(bottom)

        self.keep_both.toggled.connect(lambda on: on and self._choose_defaults())
        self.use_erp.toggled.connect(lambda on: on and self._choose_all(Side.ERP))
        self.use_crm.toggled.connect(lambda on: on and self._choose_all(Side.CRM))
        self.keep_both.setChecked(True)
        self._update()

    # -- building ------------------------------------------------------------------------

    def _fill_row(self, row: int, diff: FieldDiff) -> None:
        name = field_label(diff)
        cells = [name, shown(diff.base), shown(diff.erp), shown(diff.crm)]
        text_color = QBrush(self.palette().color(QPalette.ColorRole.Text))
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if column == COL_FIELD and diff.label:
                item.setToolTip(f"{diff.erp_column} / {diff.crm_column}")
            if diff.differs:
                item.setBackground(QBrush(differs_background(self.palette())))
                item.setForeground(text_color)
            changed = (column == COL_ERP and diff.erp_changed) or (
                column == COL_CRM and diff.crm_changed
            )
            if changed and diff.differs:
                item.setBackground(QBrush(changed_background(self.palette())))
                item.setToolTip(self.tr("Changed since the last synchronization"))
                font = QFont(item.font())
                font.setBold(True)
                item.setFont(font)
            self.table.setItem(row, column, item)
        self.table.setItem(row, COL_RESULT, QTableWidgetItem())
        if not diff.differs:
            self.table.setItem(row, COL_USE, QTableWidgetItem(self.tr("same in both")))
            return
        chooser = QComboBox()
        chooser.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the table takes the keys (see above)
        chooser.setAccessibleName(self.tr("Version to use for {field}").format(field=name))
        if len(diff.can_win) > 1 and conflicting(diff):
            chooser.addItem(self.tr("Choose…"), None)
        for side in diff.can_win:
            chooser.addItem(self.service.side_name(side), side.value)  # Qt keeps a str
        chooser.currentIndexChanged.connect(self._on_field_choice)
        self.choosers[diff.name] = chooser
        self.table.setCellWidget(row, COL_USE, chooser)

    # -- choosing --------------------------------------------------------------------------

    def _set_choice(self, chooser: QComboBox, side: Side | None) -> None:
        index = chooser.findData(side.value if side else None)
        chooser.blockSignals(True)
        chooser.setCurrentIndex(index if index >= 0 else 0)
        chooser.blockSignals(False)

    def _choose_defaults(self) -> None:
        for diff in self.comparison.fields:
            if diff.name in self.choosers:
                self._set_choice(self.choosers[diff.name], default_side(diff))
        self._update()

    def _choose_all(self, side: Side) -> None:
        for chooser in self.choosers.values():
            self._set_choice(chooser, side)
        self._update()

    def chosen(self, name: str) -> Side | None:
        data = self.choosers[name].currentData()
        return Side(data) if data else None

    def _on_field_choice(self) -> None:
        """Mark which whole-record choice the fields now add up to, if any."""
        chosen = {name: self.chosen(name) for name in self.choosers}
        defaults = {d.name: default_side(d) for d in self.comparison.fields if d.name in chosen}
        sides = set(chosen.values())
        if sides == {Side.ERP} and len(chosen) > 0:
            button = self.use_erp
        elif sides == {Side.CRM}:
            button = self.use_crm
        elif all(chosen[n] == defaults[n] or defaults[n] is None for n in chosen):
            button = self.keep_both
        else:
            button = self.per_field
        button.blockSignals(True)
        button.setChecked(True)
        button.blockSignals(False)
        self._update()

    def missing(self) -> list[str]:
        """The fields changed in both apps that have no version chosen yet."""
        return [
            field_label(d)
            for d in self.comparison.fields
            if d.name in self.choosers and self.chosen(d.name) is None
        ]

    def _update(self) -> None:
        """The preview (what both apps will hold) and whether Apply can go, with the reason."""
        for row, diff in enumerate(self.comparison.fields):
            item = self.table.item(row, COL_RESULT)
            if diff.name not in self.choosers:
                item.setText(shown(diff.erp))
                continue
            side = self.chosen(diff.name)
            item.setText(
                self.tr("(choose)")
                if side is None
                else shown(diff.erp if side is Side.ERP else diff.crm)
            )
        missing = self.missing()
        why = (
            self.tr("Changed in both apps — choose a version for: {fields}").format(
                fields=", ".join(missing)
            )
            if missing
            else ""
        )
        self.apply_button.setEnabled(not missing)
        self.apply_button.setToolTip(why)
        self.reason.setText(why)
        self.reason.setVisible(bool(why))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """In the table: ← the ERP's value, → the CRM's, Space opens the current field's list."""
        if watched is self.table and event.type() == QEvent.Type.KeyPress:
            key = event.key()  # type: ignore[attr-defined]
            row = self.table.currentRow()
            diff = self.comparison.fields[row] if 0 <= row < len(self.comparison.fields) else None
            chooser = self.choosers.get(diff.name) if diff else None
            if chooser is not None and key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
                side = Side.ERP if key == Qt.Key.Key_Left else Side.CRM
                if chooser.findData(side.value) >= 0:
                    chooser.setCurrentIndex(chooser.findData(side.value))
                return True
            if chooser is not None and key == Qt.Key.Key_Space:
                chooser.showPopup()
                return True
        return super().eventFilter(watched, event)

    # -- the decision --------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter applies; when something is missing it says what, and the dialog stays."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers() & (
            ~Qt.KeyboardModifier.KeypadModifier
        ):
            self.apply()
            return
        super().keyPressEvent(event)

    def apply(self) -> None:
        if self.missing():
            self._update()
            QApplication.beep()
            return
        self.accept()

    def winners(self) -> dict[str, Side]:
        """The side whose value wins, per field that differs."""
        return {n: s for n in self.choosers if (s := self.chosen(n)) is not None}

    def decision(self) -> SyncDecision:
        error_id, comment = self.comparison.error.id, self.comment.text().strip()
        for side, button in ((Side.ERP, self.use_erp), (Side.CRM, self.use_crm)):
            if button.isChecked() and self.choosers:
                return SyncDecision(error_id, winner=side, comment=comment)
        return SyncDecision(error_id, fields=self.winners(), comment=comment)
