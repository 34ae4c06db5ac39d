"""Connect my apps shows what `check` predicts before saving: an error (an insert that would fail)
stops saving, a warning (inserted rows hidden by a default) is shown and saving goes on once the
person agrees. Real SQLite apps, driven through the dialog's buttons."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from desktop_sync.gui.setup import connect_dialog
from desktop_sync.gui.setup.connect_dialog import ConnectDialog
from desktop_sync.services.setup import ConnectForm
from tests.predicting import CRM_ACCOUNT, ERP_CUSTOMER, make_tables


def form_for(folder: Path, crm_ddl: str) -> ConnectForm:
    erp, crm = f"sqlite:///{folder / 'erp.db'}", f"sqlite:///{folder / 'crm.db'}"
    make_tables(erp, ERP_CUSTOMER)
    make_tables(crm, crm_ddl)
    return ConnectForm(
        store_url="sqlite:///state.db",
        erp_name="Business Central",
        erp_url=erp,
        crm_name="Dynamics 365 Sales",
        crm_url=crm,
        mapping_name="CUSTOMER",
        erp_table="customer",
        crm_table="account",
        erp_key="no",
        crm_key="accountid",
        erp_modified="last_modified",
        crm_modified="modifiedon",
        fields="name",
    )


@pytest.fixture
def dialog(qtbot, tmp_path: Path) -> Iterator[ConnectDialog]:
    d = ConnectDialog(tmp_path / "config" / "desktop-sync.toml")
    qtbot.addWidget(d)
    d.show()
    yield d
    qtbot.waitUntil(lambda: not d.busy, timeout=30000)
    d.reject()


def click(qtbot, dialog: ConnectDialog, button) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=30000)


def test_an_insert_that_would_fail_is_shown_and_nothing_is_saved(
    qtbot, dialog: ConnectDialog, tmp_path: Path
) -> None:
    crm = CRM_ACCOUNT.replace("modifiedon", "createdon TIMESTAMP NOT NULL,\n    modifiedon")
    dialog.set_form(form_for(tmp_path, crm))
    with qtbot.assertNotEmitted(dialog.saved):
        click(qtbot, dialog, dialog.save_button)
    text = dialog.message.text()
    assert "Nothing was saved" in text
    assert (
        "error: mapping CUSTOMER, Dynamics 365 Sales column &#x27;createdon&#x27;: NOT NULL "
        "without a default, and no field fills it, so every insert into Dynamics 365 Sales fails"
    ) in text
    assert not (tmp_path / "config" / "desktop-sync.toml").exists()


def test_a_warning_is_shown_and_saving_goes_on_once_agreed(
    qtbot, dialog: ConnectDialog, tmp_path: Path, monkeypatch
) -> None:
    crm = CRM_ACCOUNT.replace("modifiedon", "active BOOLEAN NOT NULL DEFAULT 0,\n    modifiedon")
    dialog.set_form(form_for(tmp_path, crm))
    click(qtbot, dialog, dialog.check_button)
    text = dialog.message.text()
    assert "Everything is in order" in text and "Warnings (they do not stop saving):" in text
    assert "rows the engine inserts are hidden in Dynamics 365 Sales (inactive)" in text

    asked: list[str] = []

    def answer(button: QMessageBox.StandardButton):  # type: ignore[no-untyped-def]
        def question(parent, title, text, buttons, default):  # type: ignore[no-untyped-def]
            asked.append(text)
            return button

        return question

    monkeypatch.setattr(
        connect_dialog.QMessageBox, "question", answer(QMessageBox.StandardButton.Cancel)
    )
    with qtbot.assertNotEmitted(dialog.saved):
        click(qtbot, dialog, dialog.save_button)
    assert "column 'active': it defaults to false" in asked[0]
    assert not (tmp_path / "config" / "desktop-sync.toml").exists()

    monkeypatch.setattr(
        connect_dialog.QMessageBox, "question", answer(QMessageBox.StandardButton.Save)
    )
    with qtbot.waitSignal(dialog.saved, timeout=30000):
        click(qtbot, dialog, dialog.save_button)
    assert (tmp_path / "config" / "desktop-sync.toml").is_file()
