"""The window on an app whose SQLite file was moved away, then put back (issue 12, point 8)."""

from __future__ import annotations

from desktop_sync.domain import JobStatus
from desktop_sync.gui.main_window import MainWindow
from tests.gui.windows import idle, open_main_window
from tests.helpers import World


def test_the_window_says_which_database_is_missing_and_recovers(qtbot, world: World) -> None:
    world.erp_insert("C1", "Fjord AS")
    window: MainWindow = open_main_window(qtbot, world)
    window.synchronize()
    qtbot.waitUntil(lambda: idle(window), timeout=10000)
    assert window.last_results[0].status is JobStatus.FINISHED

    erp = world.folder / "erp.db"
    erp.rename(world.folder / "erp.db.moved")
    window.synchronize()
    qtbot.waitUntil(lambda: idle(window), timeout=10000)
    (result,) = window.last_results
    assert result.status is JobStatus.FAILED
    assert f"ERP's database {erp} does not exist" in result.message
    assert not erp.exists(), "the window made an empty database in its place"

    (world.folder / "erp.db.moved").rename(erp)
    world.erp_engine.dispose()  # the ERP itself opens its file anew
    world.erp_insert("C2", "Nord AS")
    window.synchronize()
    qtbot.waitUntil(lambda: idle(window), timeout=10000)
    (result,) = window.last_results
    assert result.status is JobStatus.FINISHED, result.message
    assert result.counters.inserted == 1
    window.close()
