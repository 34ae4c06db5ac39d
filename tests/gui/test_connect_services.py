"""Connect my apps with Business Central and Dynamics 365 Sales, through the form's widgets:
choose how the app is reached, fill in its fields, sign in through the device code dialog
against the local Entra endpoint, pick the company, check, save; Cancel of the wait leaves
nothing saved; Entra's refusal in plain words."""

from __future__ import annotations

import tomllib
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from desktop_sync.gui.setup import connect_dialog
from desktop_sync.gui.setup.connect_dialog import ConnectDialog
from desktop_sync.gui.signin.device_code import DeviceCodeDialog
from tests.odata import emulated
from tests.odata.connect_world import ConnectWorld, connect_world
from tests.odata.entra import CLIENT_ID, SECRET

__all__ = ["connect_world"]

DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code"


@pytest.fixture
def dialog(qtbot, connect_world: ConnectWorld) -> Iterator[ConnectDialog]:
    d = ConnectDialog(connect_world.config_path)
    qtbot.addWidget(d)
    d.show()
    yield d
    qtbot.waitUntil(lambda: not d.busy, timeout=30000)
    d.reject()


def choose(combo, value: str) -> None:  # type: ignore[no-untyped-def]
    combo.setCurrentIndex(combo.findData(value))


def fill_business_central(qtbot, dialog: ConnectDialog, world: ConnectWorld) -> None:
    """Business Central as the ERP, typed into its fields; the SQLite CRM and the mapping."""
    form = world.bc_form()
    form.erp_kind, form.erp_tenant, form.erp_client_id = "sql", "", ""
    dialog.set_form(form)  # the CRM and the mapping
    erp = dialog.apps["erp"]
    choose(erp.kind, "business_central")
    assert erp.tenant.isVisible() and erp.sign_in.isVisible() and not erp.url.isVisible()
    for edit, text in (
        (erp.tenant, emulated.TENANT),
        (erp.environment, emulated.ENVIRONMENT),
        (erp.client_id, CLIENT_ID),
    ):
        edit.clear()
        qtbot.keyClicks(edit, text)
    choose(erp.auth, "device_code")
    erp.advanced.setChecked(True)
    assert erp.api.isVisible() and erp.authority.isVisible()
    erp.api.setText(world.bc_emulator.url)
    erp.authority.setText(world.entra.authority)


def start_sign_in(qtbot, dialog: ConnectDialog, side: str = "erp") -> DeviceCodeDialog:
    qtbot.mouseClick(dialog.apps[side].sign_in, Qt.MouseButton.LeftButton)
    signin = dialog.signin_dialog
    assert signin is not None
    qtbot.waitUntil(signin.isVisible)
    return signin


def test_business_central_sign_in_pick_a_company_check_and_save(
    qtbot, dialog: ConnectDialog, connect_world: ConnectWorld
) -> None:
    world = connect_world
    fill_business_central(qtbot, dialog, world)
    signin = start_sign_in(qtbot, dialog)
    qtbot.waitUntil(lambda: signin.code_edit.text() == "ABCD-EFGH", timeout=10000)
    assert signin.link_edit.text() == "https://microsoft.com/devicelogin"
    assert signin.code_edit.isReadOnly() and signin.open_button.isVisible()
    qtbot.mouseClick(signin.copy_button, Qt.MouseButton.LeftButton)
    assert QApplication.clipboard().text() == "ABCD-EFGH"
    assert not world.config_path.exists()

    world.entra.approved.set()  # the person enters the code in the browser
    qtbot.waitUntil(lambda: not signin.isVisible(), timeout=15000)
    assert signin.result() == QDialog.DialogCode.Accepted

    erp = dialog.apps["erp"]
    qtbot.waitUntil(lambda: erp.companies.count() == 2 and not dialog.busy, timeout=15000)
    names = [erp.companies.itemText(i) for i in range(erp.companies.count())]
    assert names == ["CRONUS International Ltd.", "My Company"]
    assert erp.company.text() == "", "nothing picked yet"
    erp.companies.setFocus()
    qtbot.keyClick(erp.companies, Qt.Key.Key_Down)  # the first: CRONUS
    assert erp.company.text() == emulated.COMPANY

    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=30000)
    assert "Everything is in order" in dialog.message.text(), dialog.message.text()
    assert not world.config_path.exists(), "Check saves nothing"

    with qtbot.waitSignal(dialog.saved, timeout=30000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    data = tomllib.loads(world.config_path.read_text(encoding="utf-8"))
    assert data["erp"] == {
        "name": "Business Central",
        "kind": "business_central",
        "tenant": emulated.TENANT,
        "environment": emulated.ENVIRONMENT,
        "company": emulated.COMPANY,
        "client_id": CLIENT_ID,
        "auth": "device_code",
        "api": world.bc_emulator.url,
        "authority": world.entra.authority,
    }
    assert data["crm"] == {"name": "Dynamics 365 Sales", "url": world.crm.url}
    assert data["mapping"][0]["erp_table"] == "customers"
    assert {account for _, account in world.keyring.entries} == {f"erp:msal:{CLIENT_ID}"}


def test_a_client_secret_goes_to_the_keyring_never_to_the_file(
    qtbot, dialog: ConnectDialog, connect_world: ConnectWorld, monkeypatch
) -> None:
    world = connect_world
    asked: list[str] = []

    def question(parent, title, text, buttons, default):  # type: ignore[no-untyped-def]
        asked.append(text)
        return QMessageBox.StandardButton.Save

    monkeypatch.setattr(connect_dialog.QMessageBox, "question", question)
    dialog.set_form(world.dataverse_form())
    crm = dialog.apps["crm"]
    assert crm.secret.isVisible() and crm.secret.accessibleName() == "CRM client secret"
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "CRM client secret" in dialog.message.text()
    assert "DESKTOP_SYNC_CRM_CLIENT_SECRET" in dialog.message.text()
    assert QApplication.focusWidget() is crm.secret

    qtbot.keyClicks(crm.secret, SECRET)
    signin = start_sign_in(qtbot, dialog, "crm")
    qtbot.waitUntil(lambda: not signin.isVisible(), timeout=15000)  # no code to enter
    qtbot.waitUntil(lambda: "it answers" in dialog.message.text(), timeout=15000)
    with qtbot.waitSignal(dialog.saved, timeout=30000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    # the check's findings over the web API: Dataverse's longer texts than the ERP's columns
    assert len(asked) == 1 and "'address1_city' holds up to 80 characters" in asked[0]
    text = world.config_path.read_text(encoding="utf-8")
    assert SECRET not in text and tomllib.loads(text)["crm"]["kind"] == "dataverse"
    assert world.keyring.entries == {("desktop-sync", f"crm:client-secret:{CLIENT_ID}"): SECRET}


def test_cancel_of_the_wait_for_the_code_leaves_nothing_saved(
    qtbot, dialog: ConnectDialog, connect_world: ConnectWorld
) -> None:
    world = connect_world
    fill_business_central(qtbot, dialog, world)
    signin = start_sign_in(qtbot, dialog)
    qtbot.waitUntil(lambda: signin.code_edit.text() == "ABCD-EFGH", timeout=10000)
    qtbot.mouseClick(signin.cancel_button, Qt.MouseButton.LeftButton)
    assert not signin.isVisible() and signin.result() == QDialog.DialogCode.Rejected
    world.entra.approved.set()  # too late: nobody waits for it any more
    qtbot.wait(1500)  # longer than one poll of the token endpoint
    assert world.entra.issued == set(), "the wait stopped: no token was asked for"
    erp = dialog.apps["erp"]
    assert erp.companies.count() == 0 and not dialog.busy
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "ERP company id" in dialog.message.text()
    assert not world.config_path.exists()
    assert world.keyring.entries == {}


def test_an_entra_refusal_is_shown_in_plain_words(
    qtbot, dialog: ConnectDialog, connect_world: ConnectWorld
) -> None:
    world = connect_world
    world.entra.refuse[DEVICE_GRANT] = "AADSTS65001"
    world.entra.approved.set()
    fill_business_central(qtbot, dialog, world)
    signin = start_sign_in(qtbot, dialog)
    qtbot.waitUntil(lambda: signin.failure is not None, timeout=15000)
    text = signin.status.text()
    assert text.startswith("Signing in to Business Central failed: nobody has consented")
    assert "an administrator must grant consent" in text and "Traceback" not in text
    assert signin.isVisible() and signin.cancel_button.text() == "Close"
    qtbot.mouseClick(signin.cancel_button, Qt.MouseButton.LeftButton)
    assert dialog.apps["erp"].companies.count() == 0
    assert not world.config_path.exists()


def test_a_missing_field_is_named_by_the_check(
    qtbot, dialog: ConnectDialog, connect_world: ConnectWorld
) -> None:
    world = connect_world
    fill_business_central(qtbot, dialog, world)
    signin = start_sign_in(qtbot, dialog)
    world.entra.approved.set()
    qtbot.waitUntil(lambda: not signin.isVisible(), timeout=15000)
    erp = dialog.apps["erp"]
    qtbot.waitUntil(lambda: erp.companies.count() == 2 and not dialog.busy, timeout=15000)
    erp.company.setText(emulated.COMPANY)
    dialog.fields.setPlainText("displayName = name\nfax = city")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=30000)
    text = dialog.message.text()
    assert "Nothing was saved" in text
    assert "Business Central entity set “customers” has no field “fax” (field)." in text
    assert not world.config_path.exists()


def test_closing_the_form_while_the_code_waits_stops_the_wait(
    qtbot, dialog: ConnectDialog, connect_world: ConnectWorld
) -> None:
    world = connect_world
    fill_business_central(qtbot, dialog, world)
    signin = start_sign_in(qtbot, dialog)
    qtbot.waitUntil(lambda: signin.code_edit.text() == "ABCD-EFGH", timeout=10000)
    dialog.reject()
    assert not signin.isVisible() and signin.cancel_token.cancelled
    world.entra.approved.set()
    qtbot.wait(1500)
    assert world.entra.issued == set() and not world.config_path.exists()
