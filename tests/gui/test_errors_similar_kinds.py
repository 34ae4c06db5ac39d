"""Apply to Similar Errors for one-sided deletions (Restore or Delete) and for failures with
the same message pattern (Retry); both apps' databases are read afterwards."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt

from desktop_sync.gui.main_window import MainWindow
from desktop_sync.gui.similar.dialog import COL_CRM_AFTER, COL_ERP_AFTER
from tests.gui.test_errors_similar import open_similar
from tests.gui.windows import idle
from tests.helpers import World


@pytest.fixture
def scene(world: World) -> World:
    """D1–D3 deleted in the CRM; F1 and F2 failed alike (a city too long)."""
    for key in ("D1", "D2", "D3"):
        world.erp_insert(key, f"Firm {key}", city="Bergen")
    world.sync()
    for key in ("D1", "D2", "D3"):
        world.crm_delete(world.crm_key_of(key))
        world.erp_update(key, city="Oslo")
    world.erp_insert("F1", "Lang AS", city="x" * 31)
    world.erp_insert("F2", "Lengre AS", city="y" * 40)
    world.sync()
    assert len(world.open_errors()) == 5
    return world


@pytest.fixture
def window_world(scene: World) -> World:
    return scene


@pytest.fixture
def window_ready() -> Callable[[MainWindow], bool]:
    return lambda w: w.errors.model.rowCount() == 5 and not w.loader.busy


def test_deletions_alike_restored_in_the_preview_then_deleted(
    qtbot, window: MainWindow, scene: World
) -> None:
    dialog = open_similar(qtbot, window, "D2")
    assert dialog.similar.count == 3
    assert dialog.action_choice.currentData() == "restore"
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 3)
    assert all(
        dialog.table.item(r, COL_CRM_AFTER).text().startswith("recreated: name: Firm D")
        for r in range(3)
    )
    assert all(dialog.table.item(r, COL_ERP_AFTER).text() == "unchanged" for r in range(3))
    dialog.action_choice.setCurrentIndex(dialog.action_choice.findData("delete"))
    qtbot.waitUntil(lambda: dialog.table.item(0, COL_ERP_AFTER).text() == "deleted")
    assert dialog.table.item(0, COL_CRM_AFTER).text() == "(deleted already)"
    assert {"D1", "D2", "D3"} <= set(scene.erp_rows()), "a preview deletes nothing"
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=10000)
    assert dialog.result.done == 3
    assert not {"D1", "D2", "D3"} & set(scene.erp_rows())
    assert sorted(e.erp_key for e in scene.open_errors()) == ["F1", "F2"]
    qtbot.waitUntil(lambda: window.errors.model.rowCount() == 2 and idle(window))
    dialog.close_button.click()


def test_failures_with_the_same_message_pattern_are_retried(
    qtbot, window: MainWindow, scene: World
) -> None:
    dialog = open_similar(qtbot, window, "F1")
    assert dialog.similar.count == 2, "the same message with other values"
    assert dialog.action_choice.currentData() == "retry"
    assert not dialog.rule_row.isVisible(), "only a choice of versions can be a rule"
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 2 and dialog.apply_button.isEnabled())
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=10000)
    assert dialog.result.done == 2
    retried = {c["erp_key"]: c for c in scene.couplings() if c["erp_key"] in ("F1", "F2")}
    assert retried["F1"]["retry"] and retried["F2"]["retry"]
    assert sorted(e.erp_key for e in scene.open_errors()) == ["D1", "D2", "D3"]
    assert all(c["skipped"] for c in scene.couplings() if c["erp_key"].startswith("D"))
    dialog.close_button.click()
