"""A newcomer's first minutes: no configuration, then demo data or their own apps.

Both paths end in a configuration the service opens. Connect my apps is tried on real SQLite apps
made in a temporary folder, including checks that fail and must save nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop_sync.config import load_config
from desktop_sync.gui import app as gui_app
from desktop_sync.gui.main_window import MainWindow
from desktop_sync.gui.setup.connect_dialog import ConnectDialog
from desktop_sync.gui.setup.welcome import WelcomeWindow
from desktop_sync.services import Service
from desktop_sync.services.setup import ConnectForm, config_toml
from tests.helpers import World

DEMO_RECORDS = 30


@pytest.fixture
def welcome(qtbot, tmp_path: Path) -> Iterator[WelcomeWindow]:
    w = WelcomeWindow(
        tmp_path / "config" / "desktop-sync.toml", tmp_path / "data", demo_records=DEMO_RECORDS
    )
    qtbot.addWidget(w)
    w.show()
    yield w
    qtbot.waitUntil(lambda: not w.busy, timeout=30000)
    w.close()


# -- demo data -------------------------------------------------------------------------------


def test_open_demo_data_creates_it_with_progress_and_opens_it(
    qtbot, welcome: WelcomeWindow, tmp_path: Path
) -> None:
    values: list[int] = []
    welcome.progress.valueChanged.connect(values.append)
    with qtbot.waitSignal(welcome.config_ready, timeout=60000) as ready:
        qtbot.mouseClick(welcome.demo_button, Qt.MouseButton.LeftButton)
        assert welcome.progress.isVisible() and not welcome.demo_button.isEnabled(), (
            "busy while it works"
        )
    config = tmp_path / "data" / "demo" / "desktop-sync.toml"
    assert ready.args == [config] and config.is_file()
    assert not (tmp_path / "data" / "demo.partial").exists(), "made beside, then renamed into place"
    assert not (tmp_path / "config" / "desktop-sync.toml").exists(), (
        "the demo is not made the default configuration"
    )
    assert welcome.steps_seen and welcome.steps_seen[0] == "Creating the demo ERP and CRM…"
    assert values[-1] == welcome.progress.maximum() == 4
    assert welcome.status.text() == "The demo data is ready."
    service = Service.open(config)
    try:
        kinds = {e.kind for e in service.errors()}
    finally:
        service.close()
    assert {"changed_in_both", "deleted_in_erp", "deleted_in_crm", "failed"} <= kinds


def test_a_demo_made_before_is_opened_as_it_is(
    qtbot, welcome: WelcomeWindow, tmp_path: Path
) -> None:
    demo = tmp_path / "data" / "demo"
    demo.mkdir(parents=True)
    (demo / "desktop-sync.toml").write_text("# made before", encoding="utf-8")
    with qtbot.waitSignal(welcome.config_ready, timeout=1000) as ready:
        welcome.demo_button.click()
    assert ready.args == [demo / "desktop-sync.toml"]
    assert (demo / "desktop-sync.toml").read_text(encoding="utf-8") == "# made before"


def test_a_folder_in_the_way_is_named(qtbot, welcome: WelcomeWindow, tmp_path: Path) -> None:
    (tmp_path / "data" / "demo").mkdir(parents=True)
    (tmp_path / "data" / "demo" / "notes.txt").write_text("mine", encoding="utf-8")
    with qtbot.assertNotEmitted(welcome.config_ready):
        welcome.demo_button.click()
    assert "demo" in welcome.status.text() and "Move it away" in welcome.status.text()
    assert (tmp_path / "data" / "demo" / "notes.txt").exists()


def test_run_gui_without_a_configuration_opens_the_welcome_then_the_window(
    qtbot, qapp, monkeypatch, tmp_path: Path
) -> None:
    """`desktop-sync` on a fresh machine: the welcome
    screen, Open demo data, then the main window."""
    monkeypatch.setattr(
        gui_app, "default_config_path", lambda: tmp_path / "config" / "desktop-sync.toml"
    )
    monkeypatch.setattr("desktop_sync.config.default_data_dir", lambda: tmp_path / "data")
    monkeypatch.setattr("desktop_sync.gui.setup.welcome.DEMO_RECORDS", DEMO_RECORDS)
    seen = {}

    def exec_() -> int:
        shown = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
        welcome = next(w for w in shown if isinstance(w, WelcomeWindow))
        assert not any(isinstance(w, MainWindow) for w in shown)
        welcome.demo_button.click()
        qtbot.waitUntil(
            lambda: any(
                isinstance(w, MainWindow) and w.isVisible() for w in QApplication.topLevelWidgets()
            ),
            timeout=60000,
        )
        window = next(
            w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
        )
        qtbot.waitUntil(lambda: window.errors.model.rowCount() > 0)
        seen["welcome closed"] = not welcome.isVisible()
        seen["errors"] = window.errors.model.rowCount()
        window.close()
        return 0

    monkeypatch.setattr(qapp, "exec", exec_)
    try:
        assert gui_app.run_gui(None, lang="en") == 0
    finally:
        gui_app.remove_translators(qapp, getattr(qapp, "_translators", []))
    assert seen["welcome closed"] and seen["errors"] >= 4


def test_a_missing_configuration_named_with_config_is_an_error_not_a_welcome(
    qapp, monkeypatch, tmp_path: Path
) -> None:
    shown = []
    monkeypatch.setattr(
        gui_app.QMessageBox, "critical", lambda parent, title, text: shown.append(text)
    )
    try:
        assert gui_app.run_gui(tmp_path / "typo.toml", lang="en") == 2
    finally:
        gui_app.remove_translators(qapp, getattr(qapp, "_translators", []))
    assert "typo.toml" in shown[0] and "file not found" in shown[0]


# -- connect my apps ---------------------------------------------------------------------------


@pytest.fixture
def apps(tmp_path: Path) -> Iterator[World]:
    """A real SQLite ERP (customer) and CRM (account), with one customer; no configuration."""
    (tmp_path / "apps").mkdir()
    world = World(tmp_path / "apps", write_config=False)
    world.erp_insert("C1", "Fjord AS", city="Bergen", email="post@fjord.no")
    yield world
    world.close()


def form_for(apps: World, **changes: str) -> ConnectForm:
    form = ConnectForm(
        store_url="sqlite:///state.db",
        erp_name="Business Central",
        erp_url=apps.erp_url,
        crm_name="Dynamics 365 Sales",
        crm_url=apps.crm_url,
        mapping_name="CUSTOMER",
        erp_table="customer",
        crm_table="account",
        erp_key="no",
        crm_key="accountid",
        erp_modified="last_modified",
        crm_modified="modifiedon",
        fields="name\ncity\nemail = email",
    )
    for key, value in changes.items():
        setattr(form, key, value)
    return form


@pytest.fixture
def dialog(qtbot, tmp_path: Path) -> Iterator[ConnectDialog]:
    d = ConnectDialog(tmp_path / "config" / "desktop-sync.toml")
    qtbot.addWidget(d)
    d.show()
    yield d
    qtbot.waitUntil(lambda: not d.busy, timeout=30000)
    d.reject()


def save(qtbot, dialog: ConnectDialog) -> None:
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=30000)


def test_connect_my_apps_checks_then_saves_a_configuration_that_works(
    qtbot, dialog: ConnectDialog, apps: World, tmp_path: Path
) -> None:
    dialog.set_form(form_for(apps))
    with qtbot.waitSignal(dialog.saved, timeout=30000) as saved:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        assert dialog.progress.isVisible() and not dialog.save_button.isEnabled(), (
            "the check runs in the background"
        )
    path = tmp_path / "config" / "desktop-sync.toml"
    assert saved.args == [path]
    config = load_config(path)
    assert (config.erp.name, config.crm.name) == ("Business Central", "Dynamics 365 Sales")
    assert config.store_url.database == str(path.parent / "state.db"), (
        "relative to the configuration's folder"
    )
    assert [(f.erp, f.crm) for f in config.mappings[0].fields] == [
        ("name", "name"),
        ("city", "city"),
        ("email", "email"),
    ]
    service = Service.open(path)
    try:
        assert service.check() == []
        (result,) = service.synchronize()
        assert result.counters.inserted == 1
    finally:
        service.close()
    assert [row["name"] for row in apps.crm_rows().values()] == ["Fjord AS"]


def test_check_alone_reports_and_saves_nothing(
    qtbot, qapp, dialog: ConnectDialog, apps: World, tmp_path: Path
) -> None:
    english = gui_app.install_translators(qapp, "en")  # as run_gui does: English plural forms
    dialog.set_form(form_for(apps))
    try:
        qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not dialog.busy, timeout=30000)
    finally:
        gui_app.remove_translators(qapp, english)
    assert "Everything is in order" in dialog.message.text()
    assert "holds 1 record" in dialog.message.text() and "holds 0 records" in dialog.message.text()
    assert not (tmp_path / "config").exists()


def test_a_missing_column_is_named_and_nothing_is_saved(
    qtbot, dialog: ConnectDialog, apps: World, tmp_path: Path
) -> None:
    dialog.set_form(form_for(apps, fields="name\nphone = telephone1", crm_modified="changed_on"))
    with qtbot.assertNotEmitted(dialog.saved):
        save(qtbot, dialog)
    text = dialog.message.text()
    assert "Nothing was saved" in text
    assert "Business Central table “customer” has no column “phone” (field)" in text
    assert "Dynamics 365 Sales table “account” has no column “telephone1” (field)" in text
    assert "has no column “changed_on” (last-modified column)" in text
    assert dialog.isVisible() and not (tmp_path / "config" / "desktop-sync.toml").exists()


def test_unreachable_apps_are_named_and_nothing_is_saved(
    qtbot, dialog: ConnectDialog, apps: World, tmp_path: Path
) -> None:
    dialog.set_form(
        form_for(
            apps,
            erp_url=f"sqlite:///{tmp_path / 'nowhere' / 'erp.db'}",
            crm_url="postgresql+psycopg://sync@127.0.0.1:1/crm",
        )
    )
    save(qtbot, dialog)
    text = dialog.message.text()
    assert "Business Central: there is no database file" in text
    assert "Dynamics 365 Sales cannot be reached:" in text
    assert not (tmp_path / "nowhere").exists(), (
        "a wrong SQLite path does not make an empty database"
    )
    assert not (tmp_path / "config" / "desktop-sync.toml").exists()


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"erp_url": ""}, "erp_url", "This field is required"),
        ({"crm_url": "not a url"}, "crm_url", "not a database URL"),
        (
            {"erp_url": "postgresql+psycopg://sync:secret@db/erp"},
            "erp_url",
            "Take the password out of the URL",
        ),
        ({"store_url": "mysql+pymysql://sync@db/state"}, "store_url", "SQLite or PostgreSQL"),
        ({"fields": "name = name = name"}, "fields", "Line 1 of the fields"),
    ],
)
def test_the_form_names_the_field_to_fix(
    qtbot, dialog: ConnectDialog, apps: World, change: dict, field: str, words: str
) -> None:
    dialog.set_form(form_for(apps, **change))
    dialog.save_button.click()
    assert not dialog.busy, "nothing to connect to until the form is complete"
    assert words in dialog.message.text()
    assert dialog.widgets[field].accessibleName() in dialog.message.text()
    assert QApplication.focusWidget() is dialog.widgets[field], "the field to fix has the focus"


def test_the_toml_keeps_odd_names_intact(apps: World) -> None:
    import tomllib

    form = form_for(
        apps, erp_name='Kunde "Nord" \\ AS', fields="navn = name\n# a comment\n\nby = city"
    )
    data = tomllib.loads(config_toml(form))
    assert data["erp"]["name"] == 'Kunde "Nord" \\ AS'
    assert data["mapping"][0]["field"] == [
        {"erp": "navn", "crm": "name"},
        {"erp": "by", "crm": "city"},
    ]


def test_connect_from_the_welcome_screen_opens_what_it_saved(
    qtbot, welcome: WelcomeWindow, apps: World, tmp_path: Path
) -> None:
    qtbot.mouseClick(welcome.connect_button, Qt.MouseButton.LeftButton)
    dialog = welcome.connect_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.set_form(form_for(apps))
    with qtbot.waitSignal(welcome.config_ready, timeout=30000) as ready:
        dialog.save_button.click()
    assert ready.args == [tmp_path / "config" / "desktop-sync.toml"]
    assert not dialog.isVisible()
