"""The row above a grid that narrows it: a search field, the choices, and how many rows match."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QSizePolicy, QWidget

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
