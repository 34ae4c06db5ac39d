"""The main window on a configuration whose Business Central needs a person to sign in: start-up
does not wait, the status bar offers Sign in…, the device code dialog signs in, and a job then
runs on the token; while the service makes the job wait (429 with Retry-After) the progress
says so."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt

from desktop_sync.gui.main_window import MainWindow
from desktop_sync.services import Service
from desktop_sync.services.form_checks import check_whole_form
from desktop_sync.services.setup import save_config
from tests.gui.windows import idle
from tests.odata import emulated
from tests.odata.connect_world import ConnectWorld, connect_world

__all__ = ["connect_world"]


@pytest.fixture
def service(connect_world: ConnectWorld) -> Iterator[Service]:
    world = connect_world
    form = world.bc_form(erp_company=emulated.COMPANY)
    save_config(check_whole_form(form, world.config_path), form, world.config_path)
    world.crm.insert("account", accountid="A1", name="Fjord AS", city="Bergen")
    s = Service.open(world.config_path)
    yield s
    s.close()


def test_the_window_offers_to_sign_in_then_synchronizes_and_tells_a_wait(
    qtbot, service: Service, connect_world: ConnectWorld
) -> None:
    world = connect_world
    window = MainWindow(service)
    qtbot.addWidget(window)
    window.show()
    banner = window.sign_in_banner
    qtbot.waitUntil(lambda: banner.isVisible(), timeout=15000)
    assert banner.label.text() == "Business Central: sign in to synchronize."

    qtbot.mouseClick(banner.button, Qt.MouseButton.LeftButton)
    dialog = banner.dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.code_edit.text() == "ABCD-EFGH", timeout=10000)
    world.entra.approved.set()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=15000)
    assert not banner.isVisible()

    world.bc.throttled, world.bc.retry_after = 1, "2"
    said: list[str] = []
    window.jobs_runner.progressed.connect(lambda *_: said.append(window.job_label.text()))
    window.synchronize()
    qtbot.waitUntil(lambda: idle(window), timeout=30000)
    assert any(text.endswith("CUSTOMER: waiting 2 s (service limit)") for text in said), said
    rows = world.bc.tables["customers"].rows.values()
    assert [r["displayName"] for r in rows] == ["Fjord AS"], "the job ran on the token"
    window.close()


def test_the_wait_and_the_kinds_read_norwegian(qtbot, qapp, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from desktop_sync.gui.app import install_translators, remove_translators
    from desktop_sync.gui.common.words import progress_message
    from desktop_sync.gui.setup.connect_dialog import ConnectDialog

    installed = install_translators(qapp, "nb")
    try:
        assert progress_message("waiting 20 s (service limit)") == "venter 20 s (tjenestens grense)"
        dialog = ConnectDialog(tmp_path / "desktop-sync.toml")
        qtbot.addWidget(dialog)
        dialog.show()
        erp = dialog.apps["erp"]
        kinds = [erp.kind.itemText(i) for i in range(erp.kind.count())]
        assert kinds == [
            "SQL-database",
            "Business Central",
            "Dynamics 365 Sales",
            "Annen OData-tjeneste",
        ]
        erp.kind.setCurrentIndex(erp.kind.findData("business_central"))
        assert erp.sign_in.text() == "Logg &på…" and erp.client_id.accessibleName() == (
            "ERP-klient-ID"
        )
        dialog.reject()  # ends its worker thread
    finally:
        remove_translators(qapp, installed)
