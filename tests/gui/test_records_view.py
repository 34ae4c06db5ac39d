"""Record lists: paging, search, sort and state filters in SQL; the model; the Records tab."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt

from desktop_sync.domain import Side
from desktop_sync.gui.common.tasks import TaskRunner
from desktop_sync.gui.main_window import MainWindow
from desktop_sync.gui.record.window import RecordWindow
from desktop_sync.gui.records.model import RecordKeyRole, RecordsModel
from desktop_sync.services import records as record_lists
from desktop_sync.services.records import RecordFilter, RecordState
from tests.helpers import World


@pytest.fixture
def listed(world: World) -> World:
    """30 coupled customers (every third without a city), C07 skipped, N1 and N2 not coupled."""
    for i in range(30):
        world.erp_insert(
            f"C{i:02d}", f"Customer {i:02d}", city=None if i % 3 == 0 else f"City {i % 4}"
        )
    world.sync()
    world.erp_update("C07", name="ERP side")
    world.crm_update(world.crm_key_of("C07"), name="CRM side")
    world.sync()
    world.configure(erp_filter={"blocked": False})
    world.erp_insert("N1", "Nord AS", blocked=True)
    world.erp_insert("N2", "Nordlys AS", blocked=True)
    return world


def every_page(world: World, where: RecordFilter, limit: int = 7) -> list[record_lists.RecordRow]:
    rows, cursor = [], None
    while True:
        page = world.service.records(where, cursor, limit)
        rows += page.rows
        cursor = page.cursor
        if page.exhausted:
            return rows


def test_pages_follow_each_other_without_gaps_or_repeats_in_every_order(listed: World) -> None:
    keys = sorted(listed.erp_rows())
    for descending in (False, True):
        rows = every_page(listed, RecordFilter("CUSTOMER", Side.ERP, descending=descending))
        assert [r.key for r in rows] == (keys[::-1] if descending else keys)
    by_city = every_page(listed, RecordFilter("CUSTOMER", Side.ERP, sort="city"), limit=4)
    cities = [r.values[1] for r in by_city]
    assert len(by_city) == 32 and len({r.key for r in by_city}) == 32
    named = [c for c in cities if c is not None]
    assert named == sorted(named) and cities[len(named) :] == [None] * (32 - len(named)), (
        "NULLs come last"
    )
    by_city_desc = every_page(
        listed, RecordFilter("CUSTOMER", Side.ERP, sort="city", descending=True), limit=4
    )
    named_desc = [r.values[1] for r in by_city_desc if r.values[1] is not None]
    assert named_desc == sorted(named, reverse=True) and by_city_desc[-1].values[1] is None
    assert len({r.key for r in by_city_desc}) == 32


def test_rows_carry_their_coupling_state_and_error(listed: World) -> None:
    rows = {r.key: r for r in every_page(listed, RecordFilter("CUSTOMER", Side.ERP))}
    assert rows["C01"].state is RecordState.COUPLED and rows["C01"].other_key == listed.crm_key_of(
        "C01"
    )
    assert rows["C01"].synced_at is not None
    assert (rows["C07"].state, rows["C07"].error_kind) == (RecordState.SKIPPED, "changed_in_both")
    assert rows["N1"].state is RecordState.NOT_COUPLED and rows["N1"].other_key is None
    crm_rows = every_page(listed, RecordFilter("CUSTOMER", Side.CRM))
    assert len(crm_rows) == 30 and all(r.other_key for r in crm_rows)


def test_search_and_count_run_in_the_app_database(listed: World) -> None:
    where = RecordFilter("CUSTOMER", Side.ERP, search="nord")
    assert [r.key for r in listed.service.records(where).rows] == ["N1", "N2"]
    assert listed.service.count_records(where) == 2
    assert [
        r.key for r in listed.service.records(RecordFilter("CUSTOMER", Side.ERP, search="C05")).rows
    ] == ["C05"]


@pytest.mark.parametrize("scan", [False, True], ids=["key-list", "scan"])
def test_state_filters_give_the_same_rows_by_key_list_or_by_scan(
    listed: World, monkeypatch, scan: bool
) -> None:
    if scan:  # more keys in that state than one key list holds: the page scans the table instead
        monkeypatch.setattr(record_lists, "KEYS_PER_QUERY", 1)
        monkeypatch.setattr(record_lists, "SCAN_BATCH", 4)
        monkeypatch.setattr(record_lists, "SCAN_ROWS", 8)
    expected = {
        RecordState.NOT_COUPLED: ["N1", "N2"],
        RecordState.SKIPPED: ["C07"],
        RecordState.COUPLED: [f"C{i:02d}" for i in range(30) if i != 7],
    }
    for state, keys in expected.items():
        where = RecordFilter("CUSTOMER", Side.ERP, state=state)
        assert [r.key for r in every_page(listed, where, limit=5)] == keys, state
        count = listed.service.count_records(where)
        assert count == (None if scan and state is not RecordState.SKIPPED else len(keys)), (
            "a scan cannot count"
        )


def test_a_state_scan_returns_after_its_share_of_the_table(listed: World, monkeypatch) -> None:
    monkeypatch.setattr(record_lists, "KEYS_PER_QUERY", 1)
    monkeypatch.setattr(record_lists, "SCAN_BATCH", 4)
    monkeypatch.setattr(record_lists, "SCAN_ROWS", 8)
    page = listed.service.records(RecordFilter("CUSTOMER", Side.ERP, state=RecordState.NOT_COUPLED))
    assert page.rows == () and not page.exhausted, "read 8 of 32 rows, found none yet, more to come"


# -- the model, without a view -------------------------------------------------------------------


@pytest.fixture
def loader(qtbot) -> Iterator[TaskRunner]:
    runner = TaskRunner("test-loader")
    yield runner
    runner.stop()


def test_the_model_fetches_a_page_at_a_time_and_refreshes_changed_rows_only(
    qtbot, listed: World, loader, monkeypatch
) -> None:
    monkeypatch.setattr("desktop_sync.gui.records.model.PAGE", 10)
    model = RecordsModel(listed.service, loader, "CUSTOMER", Side.ERP)
    totals: list[object] = []
    model.counted.connect(totals.append)
    model.reload()
    qtbot.waitUntil(lambda: model.rowCount() == 10 and totals == [32])
    assert model.canFetchMore()
    model.fetchMore()
    qtbot.waitUntil(lambda: model.rowCount() == 20)
    assert [model.index(r, 0).data() for r in range(3)] == ["C00", "C01", "C02"]
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == [
        "Key",
        "State",
        "Error",
        "Coupled to (CRM)",
        "name",
        "city",
        "email",
        "credit",
        "Last modified",
        "Last synchronized",
    ]
    assert model.index(7, model.col_state).data() == "Skipped"
    assert model.index(7, model.col_error).data() == "Changed in both"

    resets, changes = [], []
    model.modelReset.connect(lambda: resets.append(1))
    model.dataChanged.connect(lambda first, last: changes.append((first.row(), last.row())))
    listed.erp_update("C03", name="Renamed AS")
    listed.service.retry([listed.error_of("C07").id])
    model.refresh()
    qtbot.waitUntil(lambda: len(changes) == 2)
    assert resets == [] and sorted(changes) == [(3, 3), (7, 7)]
    assert model.index(3, model.col_first_field).data() == "Renamed AS"
    assert model.index(7, model.col_state).data() == "Coupled"

    model.sort(model.col_state)  # the coupling columns do not sort: nothing happens
    assert model.where.sort is None
    city = model.col_first_field + 1
    model.sort(city, Qt.SortOrder.DescendingOrder)
    qtbot.waitUntil(lambda: model.rowCount() == 10 and not model.busy)
    assert model.index(0, city).data() == "City 3" and model.where.sort == "city"


# -- the Records tab in the main window ------------------------------------------------------------


@pytest.fixture
def window_world(listed: World) -> World:
    return listed


@pytest.fixture
def window_ready() -> Callable[[MainWindow], bool]:
    return lambda w: True  # each test waits for the records it looks at


@pytest.fixture
def main(window: MainWindow) -> MainWindow:
    """The main window the Records tab is in."""
    return window


def record_windows(main: MainWindow) -> list[RecordWindow]:
    return [w for w in main.findChildren(RecordWindow) if w.isVisible()]


def test_records_tab_searches_filters_and_opens_a_record_by_double_click_and_enter(
    qtbot, main: MainWindow
) -> None:
    main.tabs.setCurrentWidget(main.records)
    pane = main.records.panes[Side.ERP]
    qtbot.waitUntil(lambda: pane.model.rowCount() == 32 and pane.count.text() == "32 record(s)")
    pane.state.setCurrentIndex(pane.state.findData(RecordState.NOT_COUPLED.value))
    qtbot.waitUntil(lambda: pane.model.rowCount() == 2)
    pane.state.setCurrentIndex(0)
    qtbot.keyClicks(pane.search, "nordlys")
    qtbot.waitUntil(lambda: pane.model.rowCount() == 1, timeout=3000)
    assert (
        pane.model.index(0, 0).data() == "N2"
        and pane.model.index(0, pane.model.col_state).data() == "Not coupled"
    )

    rect = pane.table.visualRect(pane.model.index(0, 1))
    qtbot.mouseClick(pane.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(pane.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    (window,) = record_windows(main)
    assert (window.mapping_name, window.side, window.key) == ("CUSTOMER", Side.ERP, "N2")
    qtbot.waitUntil(lambda: window.view is not None)
    window.close()

    crm = main.records.panes[Side.CRM]
    main.records.sides.setCurrentWidget(crm)
    qtbot.waitUntil(lambda: crm.model.rowCount() == 30)
    row = next(r for r in range(30) if crm.model.index(r, crm.model.col_other).data() == "C05")
    crm.table.setFocus()
    crm.table.setCurrentIndex(crm.model.index(row, 0))
    qtbot.keyClick(crm.table, Qt.Key.Key_Return)
    (window,) = record_windows(main)
    assert (window.side, window.key) == (Side.CRM, crm.model.index(row, 0).data(RecordKeyRole))
    qtbot.waitUntil(lambda: window.view is not None)
    assert window.view.other_key == "C05"


def test_records_tab_follows_changes_in_the_store(qtbot, main: MainWindow, listed: World) -> None:
    main.tabs.setCurrentWidget(main.records)
    pane = main.records.panes[Side.ERP]
    qtbot.waitUntil(lambda: pane.model.rowCount() == 32)
    row = pane.model.row_of("C07")
    assert pane.model.index(row, pane.model.col_state).data() == "Skipped"
    listed.service.retry([listed.error_of("C07").id])
    main.store_changed.emit("errors")
    qtbot.waitUntil(lambda: pane.model.index(row, pane.model.col_state).data() == "Coupled")


def test_unsortable_columns_keep_the_sort_indicator_where_the_order_is(
    qtbot, main: MainWindow
) -> None:
    main.tabs.setCurrentWidget(main.records)
    pane = main.records.panes[Side.ERP]
    qtbot.waitUntil(lambda: pane.model.rowCount() == 32)
    header = pane.table.horizontalHeader()
    qtbot.mouseClick(
        header.viewport(),
        Qt.MouseButton.LeftButton,
        pos=_section_center(header, pane.model.col_state),
    )
    assert header.sortIndicatorSection() == 0 and pane.model.where.sort is None
    qtbot.mouseClick(
        header.viewport(),
        Qt.MouseButton.LeftButton,
        pos=_section_center(header, pane.model.col_first_field),
    )
    qtbot.waitUntil(lambda: pane.model.where.sort == "name" and not pane.model.busy)
    assert header.sortIndicatorSection() == pane.model.col_first_field


def _section_center(header, section: int):  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QPoint

    return QPoint(
        header.sectionViewportPosition(section) + header.sectionSize(section) // 2,
        header.height() // 2,
    )
