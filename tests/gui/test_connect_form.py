"""Connect my apps in daily use: empty fields never look filled in, every missing field is named
at once, and a server that does not answer is told in words, whole, however long."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication

from desktop_sync.gui.setup.connect_dialog import ConnectDialog
from desktop_sync.services.setup import ConnectForm
from tests.gui.test_welcome import apps, dialog, form_for, save
from tests.helpers import World

__all__ = ["apps", "dialog"]  # fixtures


def test_an_empty_field_never_looks_filled_in(dialog: ConnectDialog) -> None:
    for name, edit in dialog.edits.items():
        assert edit.text() or edit.placeholderText().startswith("e.g. "), name
    assert dialog.edits["store_url"].text() == "sqlite:///state.db", "a real default"
    assert dialog.fields.placeholderText().startswith("For example:")


def test_every_missing_field_is_named_at_once(qtbot, dialog: ConnectDialog) -> None:
    dialog.set_form(ConnectForm(store_url="sqlite:///state.db", erp_name="Business Central"))
    dialog.save_button.click()
    assert not dialog.busy, "nothing to connect to until the form is complete"
    text = dialog.message.text()
    missing = ["erp_url", "crm_name", "crm_url", "mapping_name", "erp_table", "crm_key", "fields"]
    for name in missing:
        assert dialog.widgets[name].accessibleName() in text, name
    assert text.count("This field is required") == 11
    assert QApplication.focusWidget() is dialog.widgets["erp_url"], "the first to fix"
    assert dialog.widgets["crm_url"].property("problem") is True
    assert dialog.widgets["erp_name"].property("problem") is False


def test_a_server_that_does_not_answer_is_told_in_words_and_whole(
    qtbot, dialog: ConnectDialog, apps: World, tmp_path: Path
) -> None:
    long_name = "a-very-long-database-name-that-goes-on-and-on-without-any-space-at-all"
    dialog.set_form(form_for(apps, crm_url=f"postgresql+psycopg://sync@127.0.0.1:1/{long_name}"))
    save(qtbot, dialog)
    label = dialog.message
    text = label.text()
    assert "Dynamics 365 Sales cannot be reached: nothing answers at 127.0.0.1:1." in text
    assert "Is the database server running there" in text
    assert label.wordWrap()
    # the layout settles after the text is set: wait for it, then no line is cut off
    qtbot.waitUntil(lambda: label.heightForWidth(label.width()) <= label.height(), timeout=3000)
    assert label.geometry().right() <= dialog.width()
    assert not (tmp_path / "config" / "desktop-sync.toml").exists()


def test_a_long_word_in_a_message_can_wrap(dialog: ConnectDialog) -> None:
    from desktop_sync.gui.setup.setup_words import breakable

    url = "postgresql+psycopg://sync@erp-server.example.com:5432/erp_database_of_the_company"
    assert "\u200b" in breakable(url) and breakable(url).replace("\u200b", "") == url
    assert breakable("short words stay as they are") == "short words stay as they are"


__all__ += ["form_for"]
