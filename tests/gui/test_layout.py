"""The window at the sizes people use, in English and Norwegian: every grid header shows its whole
text (measured with QFontMetrics), every toolbar action is on screen, and the counts beside the
filters are not cut off. On the demo data: long app names, GUID keys, real messages."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QApplication, QLabel, QStyle, QTableView, QWidget

from desktop_sync.domain import Side
from desktop_sync.gui.app import install_translators, remove_translators
from desktop_sync.gui.errors.model import COL_MESSAGE
from desktop_sync.gui.main_window import MainWindow
from desktop_sync.gui.record.window import RecordWindow
from desktop_sync.services import ErrorFilter, Service
from tests.gui.windows import idle

SIZES = [(1024, 700), (1280, 760)]


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    from desktop_sync.demo import create_demo

    return create_demo(tmp_path_factory.mktemp("demo") / "demo", records=120, seed=1).config


@pytest.fixture(params=["en", "nb"])
def lang(request, qapp) -> Iterator[str]:  # type: ignore[no-untyped-def]
    installed = install_translators(qapp, request.param)
    yield request.param
    remove_translators(qapp, installed)


@pytest.fixture
def service(demo: Path) -> Iterator[Service]:
    service = Service.open(demo, user="kari")
    yield service
    service.close()


def clipped_headers(view: QTableView) -> list[str]:
    """Headers whose text does not fit their section: "Message: 40 < 66 px"."""
    header = view.horizontalHeader()
    model = view.model()
    margin = header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
    found = []
    for section in range(model.columnCount()):
        if header.isSectionHidden(section):
            continue
        text = str(model.headerData(section, Qt.Orientation.Horizontal) or "")
        need = header.fontMetrics().horizontalAdvance(text) + 2 * margin
        if header.sectionSize(section) < need:
            found.append(f"{text}: {header.sectionSize(section)} < {need} px")
    return found


def visible_grids(widget: QWidget) -> list[QTableView]:
    return [v for v in widget.findChildren(QTableView) if v.isVisible() and v.model()]


def cut_labels(widget: QWidget) -> list[str]:
    """Single-line labels narrower than their text, or reaching past the window's edge."""
    found = []
    window = widget.window()
    for label in widget.findChildren(QLabel):
        if not label.isVisible() or label.wordWrap() or not label.text() or "<" in label.text():
            continue
        shown = label.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
        need = label.fontMetrics().horizontalAdvance(shown)
        right = label.mapTo(window, label.rect().topRight()).x()
        if label.width() < need or right >= window.width():
            found.append(f"{label.text()!r}: {label.width()} < {need} px or at the edge")
    return found


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_headers_toolbar_and_counts_fit(qtbot, lang: str, service: Service, width, height):
    window = MainWindow(service)
    qtbot.addWidget(window)
    window.resize(width, height)
    window.show()
    qtbot.waitUntil(lambda: window.errors.model.rowCount() > 0 and idle(window), timeout=10000)
    qtbot.wait(50)
    for bar in window.toolbars.bars:
        inside = QRect(0, 0, bar.width(), bar.height())
        for action in bar.actions():
            if action.isSeparator():
                continue
            button = bar.widgetForAction(action)
            assert button is not None and button.isVisible(), f"{action.text()} hidden ({lang})"
            assert inside.contains(button.geometry()), f"{action.text()} cut off ({lang})"
        assert bar.geometry().right() < window.width()
    message = window.errors.table.columnWidth(COL_MESSAGE)
    assert message >= 150, f"the Message column has the room ({message} px, {lang})"
    problems = []
    for tab in range(window.tabs.count()):
        window.tabs.setCurrentIndex(tab)
        page = window.tabs.currentWidget()
        if page is window.jobs:
            qtbot.waitUntil(lambda: window.jobs.model.rowCount() > 0 and idle(window))
            window.jobs.table.selectRow(0)
        qtbot.waitUntil(lambda: idle(window))
        qtbot.wait(50)
        for grid in visible_grids(page):
            problems += [f"{window.tabs.tabText(tab)} / {p}" for p in clipped_headers(grid)]
        problems += [f"{window.tabs.tabText(tab)} / {p}" for p in cut_labels(page)]
    assert not problems, f"{lang} at {width}×{height}: {problems}"
    window.close()


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_the_record_log_headers_fit(qtbot, lang: str, service: Service, width, height) -> None:
    error = service.errors(ErrorFilter(kind="failed"))[0]
    window = RecordWindow(service, error.mapping, Side.ERP, error.erp_key or "", tab="log")
    window.resize(min(width, 960), min(height, 600))
    window.show()
    qtbot.waitUntil(lambda: window.view is not None and not window.loading, timeout=10000)
    qtbot.wait(50)
    problems = clipped_headers(window.log)
    outcome = window.log.horizontalHeader().sectionSize(window.log_model.COL_OUTCOME)
    metrics = window.log.fontMetrics()
    widest = max(metrics.horizontalAdvance(t) for t in window.log_model.outcome_labels())
    assert outcome >= widest, "the widest outcome word fits"
    window.close()  # deletes itself
    QApplication.processEvents()
    assert not problems, f"{lang}: {problems}"
