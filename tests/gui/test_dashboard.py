"""The Dashboard tab on a world with errors of two mappings and three kinds and jobs on two days:
its charts show what the store counts (compared with SQL on the store), a click on a bar — a real
mouse click on the pyqtgraph item, or Enter on the bar reached with the arrow keys — narrows the
errors grid or the jobs list to exactly the rows that bar counts, and the figures are read again
after a change only while the tab is shown.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import func, insert, or_, select, update

from desktop_sync.domain import CancelToken
from desktop_sync.gui.dashboard.charts import Bars, Chart
from desktop_sync.gui.export.work import ExportChoice, Format, What, export_work
from desktop_sync.gui.main_window import MainWindow
from desktop_sync.services.records import RecordState
from desktop_sync.store.models import Coupling, Job, SyncError, utcnow
from tests.gui.windows import idle
from tests.helpers import World
from tests.test_queue import add_extra_mapping

KINDS = ("changed_in_both", "deleted_in_erp", "deleted_in_crm", "failed")
LONG = "x" * 31  # longer than the CRM's city column: the insert fails


def extra_insert(world: World, no: str, name: str, **values: object) -> None:
    with world.erp_engine.begin() as conn:
        conn.execute(
            insert(world.extra_erp).values(no=no, name=name, last_modified=utcnow(), **values)  # type: ignore[attr-defined]
        )


@pytest.fixture
def scene(tmp_path) -> Iterator[World]:
    """CUSTOMER: two failed inserts and one record changed in both apps; EXTRA: one failed
    insert and two records deleted in the CRM. The first run's jobs started three days ago."""
    world = World(tmp_path)
    add_extra_mapping(world)
    for i in range(4):
        world.erp_insert(f"C{i}", f"Firm {i}", city=LONG if i % 2 else "Bergen")
    for i in range(4):
        extra_insert(world, f"E{i}", f"Extra {i}", city=LONG if i == 1 else "Molde")
    world.service.synchronize(["CUSTOMER", "EXTRA"])
    with world.service.store.session() as session:
        then = utcnow() - timedelta(days=3)
        session.execute(update(Job).values(started=then, finished=then + timedelta(seconds=4)))
    world.erp_update("C0", name="Firm ERP")
    world.crm_update(world.crm_key_of("C0"), name="Firm CRM")
    with world.service.store.session() as session:
        extra = {
            r.erp_key: r.crm_key
            for r in session.execute(select(Coupling).where(Coupling.mapping == "EXTRA"))
            .scalars()
            .all()
        }
    with world.crm_engine.begin() as conn:
        table = world.extra_crm  # type: ignore[attr-defined]
        conn.execute(table.delete().where(table.c.accountid.in_([extra["E2"], extra["E3"]])))
    world.service.synchronize(["CUSTOMER", "EXTRA"])
    world.service.find_deleted(["EXTRA"])
    world.service.queue.ensure_entries()
    assert open_counts(world) == {
        ("CUSTOMER", "failed"): 2,
        ("CUSTOMER", "changed_in_both"): 1,
        ("EXTRA", "failed"): 1,
        ("EXTRA", "deleted_in_crm"): 2,
    }
    yield world
    world.close()


def open_counts(world: World) -> dict[tuple[str, str], int]:
    """Open errors per mapping and kind, counted in the store with SQL."""
    query = (
        select(SyncError.mapping, SyncError.kind, func.count())
        .where(SyncError.resolved_at.is_(None))
        .group_by(SyncError.mapping, SyncError.kind)
    )
    with world.service.store.session() as session:
        return {(m, k): n for m, k, n in session.execute(query)}


def jobs_per_day(world: World) -> dict[date, tuple[int, int, int]]:
    """Jobs, inserted and failed records per UTC day of their start, from the store."""
    with world.service.store.session() as session:
        jobs = session.execute(select(Job.started, Job.inserted, Job.failed)).all()
    found: dict[date, tuple[int, int, int]] = {}
    for started, inserted, failed in jobs:
        n, i, f = found.get(started.date(), (0, 0, 0))
        found[started.date()] = (n + 1, i + inserted, f + failed)
    return found


@pytest.fixture
def window_world(scene: World) -> World:
    return scene


@pytest.fixture
def window_ready() -> Callable[[MainWindow], bool]:
    """On the Dashboard tab, with its figures read and drawn."""

    def ready(window: MainWindow) -> bool:
        window.tabs.setCurrentWidget(window.dashboard)
        return window.dashboard.board is not None and idle(window)

    return ready


def series(chart: Chart) -> list[Bars]:
    return [item for item in chart.items if isinstance(item, Bars)]


def heights(bars: Bars) -> list[int]:
    return [round(h) for h in bars.opts["height"]]


def click_bar(qtbot, chart: Chart, bars: Bars, index: int) -> None:  # type: ignore[no-untyped-def]
    """A real left click in the middle of bar `index`, through the chart's viewport."""
    rect = bars.rects()[index]
    assert rect.height() > 0, "a bar to click"
    where = chart.mapFromScene(bars.mapToScene(rect.center()))
    qtbot.mouseClick(chart.viewport(), Qt.MouseButton.LeftButton, pos=where)


def grid_rows(window: MainWindow) -> list[tuple[str, str]]:
    model = window.errors.model
    rows = [model.error_at(r) for r in range(model.rowCount())]
    return [(e.mapping, e.kind) for e in rows if e is not None]


def test_the_charts_show_what_the_store_counts(window: MainWindow, scene: World) -> None:
    board = window.dashboard
    counts = open_counts(scene)
    mappings = board.mappings
    assert mappings == ["CUSTOMER", "EXTRA"]
    by_mapping = series(board.charts["errors_by_mapping"])
    assert [b.name() for b in by_mapping] == [board._kind_name(k) for k in KINDS]
    for kind, bars in zip(KINDS, by_mapping, strict=True):
        assert heights(bars) == [counts.get((m, kind), 0) for m in mappings], kind
    today = series(board.charts["errors_by_day"])
    assert [heights(b)[-1] for b in today] == [
        sum(n for (_, k), n in counts.items() if k == kind) for kind in KINDS
    ], "today's bar: every error open now"

    days = board.board.days
    store_jobs = jobs_per_day(scene)
    assert len(store_jobs) == 2, "jobs on two days"
    inserted, _, failed, _ = series(board.charts["jobs_by_day"])
    for day, (_, ins, fail) in store_jobs.items():
        assert heights(inserted)[days.index(day)] == ins
        assert heights(failed)[days.index(day)] == fail
    assert sum(heights(inserted)) == sum(v[1] for v in store_jobs.values())

    with scene.service.store.session() as session:
        couplings = dict(
            session.execute(select(Coupling.mapping, func.count()).group_by(Coupling.mapping)).all()
        )
    stacks = series(board.charts["couplings"])
    totals = [sum(heights(b)[i] for b in stacks) for i in range(2)]
    assert totals == [couplings["CUSTOMER"], couplings["EXTRA"]]

    total = sum(counts.values())
    assert board.summary.text().startswith(f"{total} open error"), board.summary.text()
    assert "in 2 mapping" in board.summary.text()
    assert f"{sum(v[0] for v in store_jobs.values())} job" in board.summary.text()
    for chart in board.charts.values():
        assert chart.accessibleName() and chart.accessibleDescription(), chart.objectName()


@pytest.mark.parametrize(("mapping", "kind"), [("EXTRA", "deleted_in_crm"), ("CUSTOMER", "failed")])
def test_a_click_on_a_bar_lists_exactly_its_errors(
    qtbot, window: MainWindow, scene: World, mapping: str, kind: str
) -> None:
    chart = window.dashboard.charts["errors_by_mapping"]
    bars = series(chart)[KINDS.index(kind)]
    expected = open_counts(scene)[mapping, kind]
    assert expected > 0
    click_bar(qtbot, chart, bars, window.dashboard.mappings.index(mapping))
    qtbot.waitUntil(lambda: window.errors_shown() and len(grid_rows(window)) == expected)
    qtbot.waitUntil(lambda: idle(window))
    assert grid_rows(window) == [(mapping, kind)] * expected
    assert window.errors.mapping.currentData() == mapping
    assert window.errors.kind.currentData() == kind


def test_a_click_on_a_day_of_errors_lists_that_mapping_and_kind(
    qtbot, window: MainWindow, scene: World
) -> None:
    board = window.dashboard
    board.mapping.setCurrentIndex(board.mapping.findData("CUSTOMER"))
    chart = board.charts["errors_by_day"]
    changed = series(chart)[KINDS.index("changed_in_both")]
    assert heights(changed)[-1] == 1 and sum(heights(changed)[:-1]) == 0
    click_bar(qtbot, chart, changed, len(board.board.days) - 1)
    qtbot.waitUntil(lambda: grid_rows(window) == [("CUSTOMER", "changed_in_both")])
    assert window.errors.day == board.board.days[-1]


def open_at_end_of(world: World, day: date, mapping: str, kind: str) -> list[int]:
    """The ids of the errors open at the end of a UTC day, with SQL on the store: failed before
    the next midnight, not resolved before it."""
    end = datetime(day.year, day.month, day.day) + timedelta(days=1)
    query = select(SyncError.id).where(
        SyncError.mapping == mapping,
        SyncError.kind == kind,
        SyncError.failed_at < end,
        or_(SyncError.resolved_at.is_(None), SyncError.resolved_at >= end),
    )
    with world.service.store.session() as session:
        return sorted(session.scalars(query))


def test_a_click_on_a_past_day_lists_the_errors_open_at_its_end(
    qtbot, window: MainWindow, scene: World, tmp_path: Path
) -> None:
    board = window.dashboard
    days = board.board.days
    # CUSTOMER's two failed inserts filed five days ago; one of them resolved two days ago.
    first, second = (
        e.id for e in scene.open_errors() if e.kind == "failed" and e.mapping == "CUSTOMER"
    )
    filed = datetime.combine(days[-6], datetime.min.time()) + timedelta(hours=9)
    resolved = datetime.combine(days[-3], datetime.min.time()) + timedelta(hours=9)
    with scene.service.store.session() as session:
        session.execute(
            update(SyncError).where(SyncError.id.in_([first, second])).values(failed_at=filed)
        )
        session.execute(
            update(SyncError)
            .where(SyncError.id == first)
            .values(resolved_at=resolved, resolved_by="tester", resolution="retry")
        )
    old = board.board
    window.notify_changed("errors")
    qtbot.waitUntil(lambda: board.board is not old and idle(window))
    board.mapping.setCurrentIndex(board.mapping.findData("CUSTOMER"))
    chart = board.charts["errors_by_day"]
    failed = series(chart)[KINDS.index("failed")]
    day = days[-4]  # three days ago: both were open at its end, one is resolved now
    expected = open_at_end_of(scene, day, "CUSTOMER", "failed")
    assert expected == sorted([first, second]) and heights(failed)[days.index(day)] == 2
    assert "Click to list them." in failed.tips[days.index(day)]

    click_bar(qtbot, chart, failed, days.index(day))
    errors = window.errors
    qtbot.waitUntil(lambda: window.errors_shown() and errors.model.rowCount() == len(expected))
    qtbot.waitUntil(lambda: idle(window))
    model = errors.model
    assert sorted(model.error_at(r).id for r in range(model.rowCount())) == expected  # type: ignore[union-attr]
    assert (errors.mapping.currentData(), errors.kind.currentData(), errors.day) == (
        "CUSTOMER",
        "failed",
        day,
    )
    assert errors.count.text().startswith("2 error")
    chip = errors.day_chip
    assert chip.isVisibleTo(errors) and board._day_labels((day,))[0] in chip.text()
    assert chip.accessibleName() and chip.focusPolicy() & Qt.FocusPolicy.TabFocus

    # File ▸ Export… writes the grid as filtered now: the same errors.
    choice = ExportChoice(What.ERRORS, Format.CSV, tmp_path / "day.csv", window.export.grid())
    result = export_work(scene.service, choice)(lambda p: None, CancelToken())
    with open(tmp_path / "day.csv", newline="", encoding="utf-8-sig") as f:
        exported = sorted(int(row["Id"]) for row in csv.DictReader(f))
    assert result.rows == len(expected) and exported == expected  # type: ignore[union-attr]

    # A choice changed keeps the day; the chip, pressed from the keyboard, lists them open now.
    errors.kind.setCurrentIndex(0)
    qtbot.waitUntil(lambda: idle(window) and model.where.kind is None)
    assert model.where.open_at is not None and chip.isVisibleTo(errors)
    errors.kind.setCurrentIndex(errors.kind.findData("failed"))
    chip.setFocus()
    qtbot.keyClick(chip, Qt.Key.Key_Space)
    now = open_counts(scene)["CUSTOMER", "failed"]
    assert now == 1
    qtbot.waitUntil(lambda: idle(window) and model.rowCount() == now)
    assert model.where.open_at is None and errors.day is None
    assert not chip.isVisibleTo(errors) and errors.count.text().startswith("1 error")


def test_a_click_on_a_day_of_jobs_lists_that_days_jobs(
    qtbot, window: MainWindow, scene: World
) -> None:
    board = window.dashboard
    days = board.board.days
    old = days[-4]
    store_jobs = jobs_per_day(scene)
    assert store_jobs[old][0] == 2, "the first run: one job per mapping"
    chart = board.charts["jobs_by_day"]
    inserted = series(chart)[0]
    click_bar(qtbot, chart, inserted, days.index(old))
    jobs = window.jobs
    qtbot.waitUntil(lambda: window.tabs.currentWidget() is jobs and not window.loader.busy)
    qtbot.waitUntil(lambda: len(jobs.model.rows) == store_jobs[old][0])
    assert {j.started.date() for j in jobs.model.rows} == {old}
    assert jobs.filter_bar.isVisibleTo(jobs) and old.isoformat() in jobs.filter_label.text()
    jobs.show_all_button.click()
    total = sum(v[0] for v in store_jobs.values())
    qtbot.waitUntil(lambda: len(jobs.model.rows) == total)
    assert not jobs.filter_bar.isVisibleTo(jobs)


def test_a_point_of_the_durations_lists_that_days_jobs(qtbot, window: MainWindow) -> None:
    chart = window.dashboard.charts["durations"]
    points = chart.items[1]  # the first series' points, after its line
    first = points.points()[0]
    where = chart.mapFromScene(points.mapToScene(first.pos()))
    qtbot.mouseClick(chart.viewport(), Qt.MouseButton.LeftButton, pos=where)
    qtbot.waitUntil(lambda: window.tabs.currentWidget() is window.jobs)
    qtbot.waitUntil(lambda: len(window.jobs.model.rows) == 2 and not window.loader.busy)
    assert window.jobs.model.day == window.dashboard.board.days[-4]


def test_the_keyboard_reaches_every_bar(qtbot, window: MainWindow, scene: World) -> None:
    chart = window.dashboard.charts["errors_by_mapping"]
    chart.setFocus()
    qtbot.waitUntil(lambda: chart.current == 0)
    labels = [t.label for t in chart.targets]
    assert len(labels) == 4, "four non-empty bars: two kinds of each mapping"
    assert chart.accessibleDescription() == labels[0]
    qtbot.keyClick(chart, Qt.Key.Key_End)
    assert chart.current == 3 and "EXTRA" in chart.accessibleDescription()
    qtbot.keyClick(chart, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.errors_shown())
    expected = open_counts(scene)["EXTRA", "failed"]
    qtbot.waitUntil(lambda: grid_rows(window) == [("EXTRA", "failed")] * expected)


def test_a_click_on_coupling_states_opens_those_records(qtbot, window: MainWindow) -> None:
    chart = window.dashboard.charts["couplings"]
    skipped = series(chart)[1]
    click_bar(qtbot, chart, skipped, 0)
    records = window.records
    qtbot.waitUntil(lambda: window.tabs.currentWidget() is records)
    assert records.current_mapping() == "CUSTOMER"
    assert records.current_pane().state.currentData() == RecordState.SKIPPED.value


def test_read_again_after_a_change_only_while_shown(
    qtbot, window: MainWindow, scene: World
) -> None:
    board = window.dashboard
    window.store_watch.stop()  # only the changes this test announces
    loads = []
    board.loaded.connect(lambda: loads.append(board.board))
    error = next(e for e in scene.open_errors() if e.kind == "failed")
    window.tabs.setCurrentWidget(window.errors)
    scene.service.retry([error.id])
    window.notify_changed("errors")
    qtbot.waitUntil(lambda: idle(window))
    qtbot.wait(700)  # longer than the dashboard's delay after a change
    assert loads == [], "hidden: not read"
    window.tabs.setCurrentWidget(board)
    qtbot.waitUntil(lambda: len(loads) == 1)
    assert sum(loads[0].open_now.values()) == sum(open_counts(scene).values())
    for _ in range(5):  # a burst of changes: one more reading
        window.notify_changed("errors")
    qtbot.waitUntil(lambda: len(loads) == 2)
    qtbot.wait(700)
    assert len(loads) == 2
