"""Grid columns whose headers can be read: every section at least as wide as its header's text
(in the language shown), the message-like column given the room that is left, and a horizontal
scroll bar rather than a clipped header when a window is too narrow for all of them.

`HeaderFit(view, stretch=COLUMN)` keeps a grid so after every reload and resize. A column the
person widened keeps its width; one narrower than its header is widened.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QStyle, QTableView

STRETCH_SHARE = 4  # the stretching column gets at least a quarter of the grid's width
WIDEST_SHARE = 8  # to make that room, others shrink to an eighth of it (never below their need)


def header_need(header: QHeaderView, section: int) -> int:
    """Pixels section `section` needs to show its header's whole text (and a sort arrow)."""
    model = header.model()
    if model is None:
        return 0
    text = model.headerData(section, header.orientation(), Qt.ItemDataRole.DisplayRole)
    style = header.style()
    margin = style.pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
    arrow = style.pixelMetric(QStyle.PixelMetric.PM_HeaderMarkSize, None, header)
    width = header.fontMetrics().horizontalAdvance(str(text or ""))
    return width + 2 * margin + (arrow + margin if header.isSortIndicatorShown() else 0) + 4


class HeaderFit(QObject):
    """Keeps `view`'s header texts readable; `stretch` is the column that takes the rest."""

    def __init__(
        self, view: QTableView, stretch: int | None = None, keep: tuple[int, ...] = ()
    ) -> None:
        """`keep`: columns whose content is short and whole (a moment, a number), never made
        narrower than it to give the stretching column room."""
        super().__init__(view)
        self.view, self.stretch, self.keep = view, stretch, keep
        self.header = view.horizontalHeader()
        self.last = stretch is None and self.header.stretchLastSection()
        # A timer of its own (a child): it goes with the view, never firing for a deleted one.
        self.timer = QTimer(self, singleShot=True, interval=0)
        self.timer.timeout.connect(self.fit)
        view.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        view.installEventFilter(self)
        self._model: object = None
        self._hook()
        self.later()

    def _hook(self) -> None:
        """Listen to the view's model (again, when the view got another one)."""
        model = self.view.model()
        if model is None or model is self._model:
            return
        self._model = model
        for signal in (model.modelReset, model.layoutChanged, model.headerDataChanged):
            signal.connect(self.later)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view and event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
            self.later()
        return False

    def later(self, *_: object) -> None:
        self.timer.start()

    def fit(self) -> None:
        self._hook()
        header, model = self.header, self.view.model()
        if model is None or not self.view.isVisible():
            return
        sections = [s for s in range(model.columnCount()) if not header.isSectionHidden(s)]
        needs = {s: header_need(header, s) for s in sections}
        room = self.view.viewport().width()
        stretch = self.stretch if self.stretch in needs else None
        if self.last and sections:
            stretch = sections[-1]
        interactive = QHeaderView.ResizeMode.Interactive
        for s in sections:
            if (
                s != stretch
                and header.sectionResizeMode(s) == interactive
                and header.sectionSize(s) < needs[s]
            ):
                header.resizeSection(s, needs[s])
        if stretch is None:
            return
        others = [s for s in sections if s != stretch]
        wanted = max(needs[stretch], room // STRETCH_SHARE)
        # Make room for the stretching column from the widest others, never below their need:
        # first down to an eighth of the room, then (many columns) down to their header's need.
        excess = sum(header.sectionSize(s) for s in others) + wanted - room
        for share in (WIDEST_SHARE, 0):
            for s in sorted(others, key=header.sectionSize, reverse=True):
                if excess <= 0:
                    break
                if header.sectionResizeMode(s) != interactive or s in self.keep:
                    continue
                cap = max(needs[s], room // share if share else 0)
                spare = header.sectionSize(s) - cap
                if spare > 0:
                    cut = min(spare, excess)
                    header.resizeSection(s, header.sectionSize(s) - cut)
                    excess -= cut
        fits = sum(header.sectionSize(s) for s in others) + needs[stretch] <= room
        if fits and self.last:
            header.setStretchLastSection(True)
        elif fits:
            header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        else:  # too narrow for every header: scroll sideways rather than clip one
            header.setStretchLastSection(False)
            if header.sectionResizeMode(stretch) == QHeaderView.ResizeMode.Stretch:
                header.setSectionResizeMode(stretch, interactive)
            if header.sectionSize(stretch) < needs[stretch]:
                header.resizeSection(stretch, needs[stretch])
