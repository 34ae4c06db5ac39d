"""The row above a grid that narrows it: a search field, the choices, and how many rows match;
and, while one holds, a condition set from elsewhere (a chip that says it and clears it)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QWidget,
)

SEARCH_DELAY_MS = 300


class FilterBar(QObject):
    """A search field, the view's `choices` and a count label, in one row (`layout`).

    `changed` says the view should apply its filter: at once when a choice changes, and a moment
    after the last key typed in the search field, so a quick typist costs one query, not one per
    key. The view gives the widgets their words; the bar only lays them out and times them.
    """

    changed = Signal()

    def __init__(self, choices: Sequence[QComboBox], view: QWidget) -> None:
        super().__init__(view)
        self.search = QLineEdit(clearButtonEnabled=True)
        self.count = QLabel()
        self.count.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Preferred)
        self.layout = QHBoxLayout()
        self.layout.setContentsMargins(0, 2, 6, 2)  # the count never touches the window's edge
        self.layout.addWidget(self.search, 3)
        for choice in choices:
            # As wide as there is room for, down to a dozen letters: never pushing the count out.
            choice.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            choice.setMinimumContentsLength(12)
            self.layout.addWidget(choice, 1)
            choice.currentIndexChanged.connect(self.changed)
        self.layout.addWidget(self.count)
        self.search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self.search_timer.timeout.connect(self.changed)
        self.search.textChanged.connect(self.search_timer.start)

    def add_chip(self) -> FilterChip:
        """A chip before the count, hidden until the view shows a condition on it."""
        chip = FilterChip()
        self.layout.insertWidget(self.layout.indexOf(self.count), chip)
        return chip


class FilterChip(QPushButton):
    """A condition the person did not pick in the bar (a day the dashboard narrowed the list to),
    shown while it holds: a small button that says it, reached with Tab, and clears it when
    pressed; `cleared` then says the view should drop it."""

    cleared = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Preferred)
        self.setAutoDefault(False)
        self.hide()
        self.clicked.connect(self._clear)

    def show_condition(self, text: str, name: str, tip: str) -> None:
        """Show `text` with a cross; `name` for screen readers says what pressing does."""
        self.setText(f"{text}  ✕")
        self.setAccessibleName(name)
        self.setToolTip(tip)
        self.show()

    def _clear(self) -> None:
        self.hide()
        self.cleared.emit()
