"""Charts for the dashboard, drawn with pyqtgraph: stacked bars and points a person can click, or
reach with the keyboard (arrow keys move from bar to bar, Enter or Space opens what it counts).

A chart knows nothing of errors or jobs: it is given categories (the x axis), series of values
with their colours and tooltips, and for each bar what a click does. pyqtgraph's `BarGraphItem`
has no click signal, so `Bars` finds the bar under the mouse itself; `ScatterPlotItem`'s own
`sigClicked` serves the points.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFocusEvent, QKeyEvent, QPalette, QPen
from PySide6.QtWidgets import QGraphicsRectItem, QWidget

from desktop_sync.gui.common.style import palette

BAR_WIDTH = 0.7


@dataclass(frozen=True)
class Series:
    """One colour of a stacked bar chart: a value per category, the tooltip of each bar (also
    what a screen reader hears when the keyboard reaches it) and what a click on it does."""

    name: str
    color: str
    values: Sequence[float]
    tips: Sequence[str]
    on_click: Callable[[int], None]


@dataclass(frozen=True)
class Target:
    """A bar or point the keyboard can reach: where it is (scene rectangle) and what it does."""

    label: str
    rect: QRectF
    activate: Callable[[], None]


def whole_step(top: float, ticks: int = 5) -> float:
    """A whole tick step (1, 2, 5, 10, 20, 50…) giving about `ticks` ticks up to `top`."""
    step = 1.0
    while top / step > ticks:
        for factor in (2, 2.5, 2):  # 1 → 2 → 5 → 10
            step *= factor
            if top / step <= ticks:
                break
    return step


class Bars(pg.BarGraphItem):
    """Bars of one series that say which bar was clicked (`clicked(index)`) and show the
    hovered bar's tooltip."""

    clicked = Signal(int)

    def __init__(self, tips: Sequence[str], **opts: object) -> None:
        super().__init__(**opts)
        self.tips = list(tips)

    def rects(self) -> list[QRectF]:
        """Each bar's rectangle in the item's (data) coordinates."""
        return [QRectF(r) for r in self._rectarray.instances()]

    def bar_at(self, pos: QPointF) -> int | None:
        for index, rect in enumerate(self.rects()):
            if rect.height() > 0 and rect.contains(pos):
                return index
        return None

    def mouseClickEvent(self, ev: Any) -> None:  # pyqtgraph's MouseClickEvent
        if ev.button() != Qt.MouseButton.LeftButton:
            return
        index = self.bar_at(ev.pos())
        if index is not None:
            ev.accept()
            self.clicked.emit(index)

    def hoverEvent(self, ev: Any) -> None:  # pyqtgraph's HoverEvent
        index = None if ev.isExit() else self.bar_at(ev.pos())
        self.setToolTip(self.tips[index] if index is not None else "")
        if index is not None:
            self.setCursor(Qt.CursorShape.PointingHandCursor)
        else:
            self.unsetCursor()


class Chart(pg.PlotWidget):
    """A plot without panning or zooming (a dashboard, not an analysis tool), in the palette's
    colours, whose bars and points are clickable and reachable with the keyboard."""

    def __init__(self, parent: QWidget | None = None) -> None:
        pal = palette()
        super().__init__(parent, background=pal.color(QPalette.ColorRole.Base))
        text = pal.color(QPalette.ColorRole.Text)
        self.setMenuEnabled(False)
        self.hideButtons()
        self.setMouseEnabled(x=False, y=False)
        self.getPlotItem().showGrid(y=True, alpha=0.25)
        for side in ("left", "bottom"):
            axis = self.getAxis(side)
            axis.setPen(pg.mkPen(text))
            axis.setTextPen(pg.mkPen(text))
        self.getAxis("bottom").setStyle(hideOverlappingLabels=False)  # the last day's name too
        self.getPlotItem().setContentsMargins(0, 4, 20, 0)  # room for it
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumHeight(180)
        self.targets: list[Target] = []
        self.current = -1
        self.items: list[pg.GraphicsObject] = []
        self.marker = QGraphicsRectItem()
        self.marker.setPen(QPen(pal.color(QPalette.ColorRole.Highlight), 0))
        self.marker.setBrush(QBrush(Qt.BrushStyle.NoBrush))
        self.marker.setZValue(10)
        self.empty_text = pg.TextItem(color=text, anchor=(0.5, 0.5))
        self._empty_shown = False

    # -- contents ----------------------------------------------------------------------

    def clear_chart(self) -> None:
        self.getPlotItem().clear()  # also takes the marker and the empty text out
        self.getAxis("left").setTickSpacing()  # automatic again, until bars are added
        self.targets, self.items, self.current = [], [], -1
        self._empty_shown = False

    def set_categories(self, labels: Sequence[str], every: int = 1) -> None:
        """Names under the x axis: category i at x = i; every `every`-th from the last."""
        last = len(labels) - 1
        ticks = [(i, label) for i, label in enumerate(labels) if (last - i) % every == 0]
        self.getAxis("bottom").setTicks([ticks])
        self.setXRange(-0.6, max(last, 0) + 0.6, padding=0)

    def add_stacks(self, series: Sequence[Series]) -> list[Bars]:
        """Stacked bars: series[0] at the bottom of each category, the next on top of it."""
        count = max((len(s.values) for s in series), default=0)
        bottoms = [0.0] * count
        made: list[Bars] = []
        for s in series:
            heights = [float(v) for v in s.values]
            bars = Bars(
                s.tips,
                x=list(range(count)),
                y0=list(bottoms),
                height=heights,
                width=BAR_WIDTH,
                brush=QColor(s.color),
                pen=pg.mkPen(None),
                name=s.name,
            )
            bars.clicked.connect(s.on_click)
            self.addItem(bars)
            made.append(bars)
            bottoms = [b + h for b, h in zip(bottoms, heights, strict=True)]
        self.items.extend(made)
        for i in range(count):  # left to right, bottom to top
            for s, bars in zip(series, made, strict=True):
                if s.values[i]:
                    rect = bars.rects()[i]
                    self.targets.append(
                        Target(s.tips[i], rect, lambda s=s, i=i: s.on_click(i))  # type: ignore[misc]
                    )
        top = max(bottoms, default=0.0)
        self.setYRange(0, max(top, 1.0) * 1.08, padding=0)
        step = whole_step(top)
        self.getAxis("left").setTickSpacing(step, step)  # counts: no ticks between whole numbers
        return made

    def add_points(
        self,
        xs: Sequence[float],
        ys: Sequence[float],
        color: str,
        tips: Sequence[str],
        on_click: Callable[[int], None],
        line: bool = True,
        symbol: str = "o",
    ) -> pg.ScatterPlotItem:
        """Points (joined by a line) that can be clicked: `on_click(index)`."""
        if line and len(xs) > 1:
            curve = pg.PlotCurveItem(list(xs), list(ys), pen=pg.mkPen(QColor(color), width=2))
            self.addItem(curve)
            self.items.append(curve)
        points = pg.ScatterPlotItem(
            x=list(xs),
            y=list(ys),
            data=list(range(len(xs))),
            size=11,
            symbol=symbol,
            brush=QColor(color),
            pen=pg.mkPen(palette().color(QPalette.ColorRole.Base)),
            hoverable=True,
            tip=lambda x, y, data: tips[data],
        )
        points.sigClicked.connect(
            lambda item, found, ev: on_click(int(found[0].data())) if len(found) else None
        )
        self.addItem(points)
        self.items.append(points)
        for i, (x, y) in enumerate(zip(xs, ys, strict=True)):
            self.targets.append(
                Target(tips[i], QRectF(x - 0.2, y, 0.4, 0), lambda i=i: on_click(i))  # type: ignore[misc]
            )
        return points

    def show_empty(self, text: str) -> None:
        """A sentence in the middle of a chart with nothing to show."""
        self.empty_text.setText(text)
        self.addItem(self.empty_text)
        view = self.getPlotItem().getViewBox().viewRange()
        self.empty_text.setPos((view[0][0] + view[0][1]) / 2, (view[1][0] + view[1][1]) / 2)
        self._empty_shown = True

    # -- the keyboard ------------------------------------------------------------------

    def keyPressEvent(self, ev: QKeyEvent) -> None:
        key = ev.key()
        if key in (Qt.Key.Key_Right, Qt.Key.Key_Down) and self.targets:
            self.move_to(min(self.current + 1, len(self.targets) - 1))
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Up) and self.targets:
            self.move_to(max(self.current - 1, 0))
        elif key == Qt.Key.Key_Home and self.targets:
            self.move_to(0)
        elif key == Qt.Key.Key_End and self.targets:
            self.move_to(len(self.targets) - 1)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            if 0 <= self.current < len(self.targets):
                self.targets[self.current].activate()
        else:
            ev.ignore()
            return
        ev.accept()

    def focusInEvent(self, ev: QFocusEvent) -> None:
        super().focusInEvent(ev)
        if self.targets and self.current < 0:
            self.move_to(0)

    def move_to(self, index: int) -> None:
        """Mark the bar or point `index` and say what it counts (tooltip, accessible text)."""
        self.current = index
        target = self.targets[index]
        rect = target.rect
        if rect.height() == 0:  # a point: a small box around it, in pixels of the view
            px = self.getPlotItem().getViewBox().viewPixelSize()
            rect = QRectF(rect.x(), rect.y() - 8 * px[1], rect.width(), 16 * px[1])
        self.marker.setRect(rect.adjusted(-0.02, 0, 0.02, 0))
        if self.marker.scene() is None:
            self.addItem(self.marker)
        self.setAccessibleDescription(target.label)
        self.setToolTip(target.label)
