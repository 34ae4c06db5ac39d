"""Translations: the .ts files match the code, Norwegian is complete, and the window speaks it.

The committed .ts files are compared with what pyside6-lupdate finds in the code today, so a new
visible string that is not translatable-and-translated fails here; then the main window opened
with --lang nb is walked, and every visible text must be one of the Norwegian translations.
"""

from __future__ import annotations

import importlib.util
import io
import re
import sys
import tokenize
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QTabWidget,
    QWidget,
)

from desktop_sync.domain import Side
from desktop_sync.gui import app as gui_app
from desktop_sync.gui.app import install_translators, language_for, remove_translators
from desktop_sync.gui.main_window import MainWindow
from tests.helpers import World

ROOT = Path(__file__).resolve().parents[2]
TOOL = ROOT / "tools" / "update_translations.py"
HOW_TO_FIX = (
    "run `python tools/update_translations.py`, translate the new messages in "
    "resources/translations/desktop_sync_nb.ts (pyside6-linguist, or the XML), and run it again"
)


def load_tool():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("update_translations", TOOL)
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    sys.modules[spec.name] = module  # type: ignore[union-attr]  # dataclasses look their module up
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


tool = load_tool()


@pytest.fixture(scope="module")
def code_messages() -> dict:
    """What lupdate finds in the code now (run once for the module: it takes a second)."""
    return tool.fresh_messages("desktop_sync_nb.ts")


@pytest.fixture(scope="module")
def norwegian_ts() -> dict:
    return tool.messages(tool.TRANSLATIONS / "desktop_sync_nb.ts")


# -- the files -------------------------------------------------------------------------------


def test_the_ts_files_hold_exactly_the_messages_of_the_code(
    code_messages: dict, norwegian_ts: dict
) -> None:
    new = sorted(set(code_messages) - set(norwegian_ts))
    gone = sorted(set(norwegian_ts) - set(code_messages))
    assert not new, f"messages in the code but not in desktop_sync_nb.ts: {new[:8]}; {HOW_TO_FIX}"
    assert not gone, (
        f"messages in desktop_sync_nb.ts that the code no longer has: {gone[:8]}; {HOW_TO_FIX}"
    )
    english = tool.messages(tool.TRANSLATIONS / "desktop_sync_en.ts")
    plural = {m for m in code_messages if m.plural}
    assert set(english) == plural, (
        f"desktop_sync_en.ts must hold every plural message; {HOW_TO_FIX}"
    )


def test_every_message_has_a_context_lupdate_and_the_runtime_agree_on(code_messages: dict) -> None:
    """A module-level helper `tr("…")` lands under an empty context, where no lookup finds it."""
    stray = [m.source for m in code_messages if not m.context]
    assert not stray, (
        f"{stray[:5]}: lupdate files these under no context (a module-level tr()?); write "
        f'QCoreApplication.translate("Context", "…") or self.tr("…") in a class'
    )


def test_plural_texts_are_marked_plural(code_messages: dict) -> None:
    """lupdate marks "%n" plural only from self.tr(text, "", n)
    in a class (not module-level translate with a variable)."""
    singular = [m.source for m in code_messages if "%n" in m.source and not m.plural]
    assert not singular, (
        f"{singular}: use self.tr(text, '', n) inside a class so lupdate sees the plural"
    )


def test_norwegian_is_complete_and_keeps_every_placeholder(norwegian_ts: dict) -> None:
    unfinished = [f"{m.context}: {m.source!r}" for m, forms in norwegian_ts.items() if not forms]
    assert not unfinished, f"{len(unfinished)} untranslated, e.g. {unfinished[:5]}; {HOW_TO_FIX}"
    for message, forms in norwegian_ts.items():
        source = message.source
        expected = sorted(re.findall(r"\{\w*\}", source))
        tags = sorted(re.findall(r"</?\w+", source))
        for form in forms:
            assert sorted(re.findall(r"\{\w*\}", form)) == expected, (
                f"{message.context}: {source!r} -> {form!r}"
            )
            assert sorted(re.findall(r"</?\w+", form)) == tags, (
                f"markup changed: {source!r} -> {form!r}"
            )
            for code in ("%v", "%m"):
                assert (code in source) == (code in form), f"{code}: {source!r} -> {form!r}"
        if message.plural:
            assert len(forms) == 2, f"Bokmål has two plural forms: {source!r}"
            assert "%n" in forms[1], (
                f"the plural form must show the number: {source!r} -> {forms[1]!r}"
            )


def test_the_seed_wording_is_used(norwegian_ts: dict) -> None:
    """The Norwegian help page the product grew from names the page and its actions so."""

    def nb(context: str, source: str) -> str:
        return next(
            forms[0]
            for m, forms in norwegian_ts.items()
            if (m.context, m.source) == (context, source)
        )

    assert (
        nb("MainWindow", "Coupled Data Synchronization Errors")
        == "Feil ved synkronisering av koblede data"
    )
    assert nb("ErrorActions", "Remove Coupling") == "Fjern kobling"
    assert nb("ErrorActions", "Retry") == "Prøv på nytt"
    assert nb("ErrorActions", "Synchronize…") == "Synkroniser …"
    assert nb("ErrorActions", "Restore Records") == "Gjenopprett poster"
    assert nb("ErrorActions", "Delete Records") == "Slett poster"
    assert nb("ErrorActions", "Synchronization Log") == "Synkroniseringslogg"


def test_the_compiled_qm_files_are_up_to_date(tmp_path: Path) -> None:
    for ts in [*tool.LUPDATE_TARGETS, *tool.HANDWRITTEN]:
        qm = tool.TRANSLATIONS / ts.replace(".ts", ".qm")
        built = tmp_path / qm.name
        tool.lrelease(tool.TRANSLATIONS / ts, built)
        assert qm.exists() and qm.read_bytes() == built.read_bytes(), (
            f"{qm.name} is older than {ts}; {HOW_TO_FIX}"
        )


def test_no_tr_inside_an_f_string() -> None:
    """lupdate does not look inside f-strings: a tr() there is never translated."""
    found = []
    for path in tool.sources():
        for token in tokenize.generate_tokens(
            io.StringIO(path.read_text(encoding="utf-8")).readline
        ):
            is_f = token.type == tokenize.STRING and re.match(r"^[rbuRBU]*[fF]", token.string)
            if (is_f or token.type == getattr(tokenize, "FSTRING_MIDDLE", -1)) and re.search(
                r"\btr\(|translate\(", token.string
            ):
                found.append(f"{path.relative_to(ROOT)}:{token.start[0]}")
    assert not found, f"tr() inside an f-string: {found}"


# -- the language at run time ------------------------------------------------------------------


@pytest.fixture
def translators(qapp) -> Iterator:  # type: ignore[no-untyped-def]
    installed: list = []

    def install(lang: str) -> list:
        installed.extend(install_translators(qapp, lang))
        return installed

    yield install
    remove_translators(qapp, installed)


def test_the_language_follows_the_system_unless_lang_is_given(monkeypatch) -> None:
    class Locale:
        def __init__(self, name: str) -> None:
            self._name = name

        def name(self) -> str:
            return self._name

    for system, expected in (
        ("nb_NO", "nb"),
        ("nn_NO", "nb"),
        ("en_GB", "en"),
        ("de_DE", "en"),
        ("C", "en"),
    ):
        monkeypatch.setattr(gui_app.QLocale, "system", staticmethod(lambda s=system: Locale(s)))
        assert language_for(None) == expected, system
        assert language_for("en") == "en" and language_for("nb") == "nb"


def test_norwegian_includes_qts_own_buttons(qapp, translators) -> None:
    assert len(translators("nb")) == 2, "ours and Qt's (qtbase) translator"
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok
        | QDialogButtonBox.StandardButton.Cancel
        | QDialogButtonBox.StandardButton.Apply
    )
    assert sorted(b.text() for b in buttons.buttons()) == ["Avbryt", "Bruk", "OK"]
    assert QCoreApplication.translate("QPlatformTheme", "&Yes") == "&Ja"
    assert QCoreApplication.translate("QLineEdit", "&Paste") == "&Lim inn"


def test_english_has_real_plurals(qapp, translators) -> None:
    translators("en")
    assert QCoreApplication.translate("ErrorsView", "%n error(s)", "", 1) == "1 error"
    assert QCoreApplication.translate("ErrorsView", "%n error(s)", "", 2) == "2 errors"
    assert (
        QCoreApplication.translate("Words", "%n coupling(s) removed", "", 1) == "1 coupling removed"
    )


@pytest.fixture
def norwegian_window(qtbot, world: World, translators) -> Iterator[MainWindow]:
    """The main window opened with --lang nb, on a store with an error of every kind."""
    translators("nb")
    world.erp_insert("C1", "Fjord AS", city="Bergen")
    world.erp_insert("C2", "Nord AS", city="Bodø")
    world.sync()
    world.erp_update("C1", name="Fjord ERP")
    world.crm_update(world.crm_key_of("C1"), name="Fjord CRM")
    world.crm_delete(world.crm_key_of("C2"))
    world.erp_update("C2", city="Tromsø")
    world.sync()
    window = MainWindow(world.service)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.errors.model.rowCount() == 2)
    yield window
    window.close()


def test_a_window_opened_in_norwegian_uses_the_seeds_words(norwegian_window: MainWindow) -> None:
    a, w = norwegian_window.error_actions, norwegian_window
    assert a.remove_coupling.text() == "Fjern kobling"
    assert a.retry.text() == "Prøv på nytt"
    assert a.synchronize.text() == "Synkroniser …"
    assert a.restore.text() == "Gjenopprett poster"
    assert a.delete.text() == "Slett poster"
    assert a.sync_log.text() == "Synkroniseringslogg"
    assert w.tabs.tabText(0) == "Feil ved synkronisering av koblede data"
    assert w.errors.count.text() == "2 feil"
    model = w.errors.model
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Tilordning"


def norwegian_patterns(norwegian_ts: dict) -> list[re.Pattern[str]]:
    """Each translation as a pattern: {placeholders} stand for any text, %n for a number."""
    patterns = []
    for forms in norwegian_ts.values():
        for form in forms:
            literal = re.sub(r"\{\w*\}|%n", "", form)
            if len(re.findall(r"[^\W\d_]", literal)) < 3:
                continue  # nothing but placeholders: it would match anything
            text = re.escape(_plain(form))
            text = re.sub(r"\\\{\w*\\\}", ".+?", text).replace("%n", r"\d+")
            patterns.append(re.compile(text, re.DOTALL))
    return patterns


def _plain(text: str) -> str:
    """Without mnemonics, markup and a trailing ellipsis
    (tool buttons drop it), as a person reads it."""
    text = re.sub(r"&(?!&)", "", text).replace("&&", "&")
    return re.sub(r"<[^>]+>", "", text).strip().removesuffix("…").removesuffix("...").strip()


def visible_texts(window: QWidget) -> Iterator[tuple[str, str]]:
    """(where, text) of everything a person reads in the window and its menus."""
    for action in window.findChildren(QMenu):
        yield f"menu {action.objectName()}", action.title()
    from PySide6.QtGui import QAction

    for action in window.findChildren(QAction):
        yield f"action {action.objectName()}", action.text()
        yield f"status tip of {action.text()}", action.statusTip()
        # tooltips add the shortcut in brackets or why the action is disabled after a dash
        tip = re.sub(r" \([^()]*\)$", "", action.toolTip().split(" — ")[0])
        yield f"tooltip of {action.text()}", tip
    for tabs in window.findChildren(QTabWidget):
        for i in range(tabs.count()):
            yield "tab", tabs.tabText(i)
    for view in window.findChildren(QAbstractItemView):
        model = view.model()
        if model is None:
            continue
        for column in range(model.columnCount()):
            yield (
                f"header of {view.accessibleName()}",
                str(model.headerData(column, Qt.Orientation.Horizontal) or ""),
            )
    for widget in window.findChildren(QWidget):
        if isinstance(widget, QAbstractButton):
            yield "button", widget.text()
        if isinstance(widget, QLabel) and widget.pixmap().isNull():
            yield "label", widget.text()
        if isinstance(widget, QLineEdit):
            yield "placeholder", widget.placeholderText()
        if isinstance(widget, QGroupBox):
            yield "group", widget.title()
        if isinstance(widget, QComboBox):
            for i in range(widget.count()):
                yield f"choice of {widget.accessibleName()}", widget.itemText(i)
        yield f"accessible name of {type(widget).__name__}", widget.accessibleName()
    yield "window title", window.windowTitle()


def test_every_visible_text_of_the_norwegian_window_is_translated(
    norwegian_window: MainWindow, norwegian_ts: dict
) -> None:
    qtbase = tool.messages(
        tool.TRANSLATIONS / "qtbase_nb.ts"
    )  # Qt's own words (tab scroll buttons…)
    patterns = norwegian_patterns({**norwegian_ts, **qtbase})
    config = norwegian_window.service.config
    data = {config.erp.name, config.crm.name}  # names from the configuration are shown as they are
    for mapping in config.mappings:
        data |= {mapping.name, *mapping.columns(Side.ERP), *mapping.columns(Side.CRM)}
    untranslated = set()
    for where, text in visible_texts(norwegian_window):
        shown = _plain(text)
        if not re.search(r"[^\W\d_]{2}", shown) or shown in data:
            continue  # numbers, symbols, configuration names
        if not any(p.fullmatch(shown) for p in patterns):
            untranslated.add(f"{where}: {shown!r}")
    assert not untranslated, f"not translated into Norwegian: {sorted(untranslated)}"


def test_a_window_opened_in_english_reads_english(qtbot, world: World, translators) -> None:
    translators("en")
    window = MainWindow(world.service)
    qtbot.addWidget(window)
    assert window.error_actions.remove_coupling.text() == "Remove Coupling"
    window.close()


def test_run_gui_installs_the_language_it_is_given(qapp, monkeypatch, world: World) -> None:
    """`desktop-sync --lang nb`: run_gui installs Norwegian before the window is made."""
    seen = {}

    def exec_() -> int:
        window = next(
            w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
        )
        seen["action"] = window.error_actions.remove_coupling.text()
        seen["cancel"] = QCoreApplication.translate("QPlatformTheme", "Cancel")
        window.close()
        return 0

    monkeypatch.setattr(qapp, "exec", exec_)
    try:
        assert gui_app.run_gui(world.config_path, lang="nb") == 0
    finally:
        remove_translators(qapp, getattr(qapp, "_translators", []))
        qapp._translators = []  # type: ignore[attr-defined]
    assert seen == {"action": "Fjern kobling", "cancel": "Avbryt"}


def test_the_self_test_passes_from_the_source_tree(qapp, world: World) -> None:
    """`desktop-sync self-test`, which the package smoke test runs on the PyInstaller build."""
    from desktop_sync.gui.selftest import run_self_test

    lines: list[str] = []
    assert run_self_test(world.config_path, echo=lines.append) == 0, lines
    assert [line.split(":")[0] for line in lines] == [
        "ok    resources",
        "ok    svg icons",
        "ok    translations",
        "ok    database drivers",
        "ok    keyring",
        "ok    window",
    ]
    assert QCoreApplication.translate("ErrorActions", "Remove Coupling") == "Remove Coupling", (
        "Norwegian removed again"
    )


def test_the_welcome_screen_and_the_connect_form_speak_norwegian(
    qtbot, tmp_path: Path, translators, norwegian_ts: dict
) -> None:
    from desktop_sync.gui.setup.connect_dialog import ConnectDialog
    from desktop_sync.gui.setup.welcome import WelcomeWindow

    translators("nb")
    qtbase = tool.messages(tool.TRANSLATIONS / "qtbase_nb.ts")
    patterns = norwegian_patterns({**norwegian_ts, **qtbase})
    welcome = WelcomeWindow(tmp_path / "config" / "desktop-sync.toml", tmp_path / "data")
    qtbot.addWidget(welcome)
    dialog = ConnectDialog(
        tmp_path / "config" / "desktop-sync.toml", runner=welcome.runner, parent=welcome
    )
    examples = {
        edit.placeholderText() for edit in dialog.edits.values()
    }  # database URLs, table and column names
    try:
        assert (
            welcome.demo_button.text() == "Åpne demodata"
            and welcome.connect_button.text() == "Koble til appene mine"
        )
        untranslated = {
            f"{where}: {text!r}"
            for top in (welcome, dialog)
            for where, text in visible_texts(top)
            if re.search(r"[^\W\d_]{2}", _plain(text))
            and text not in examples
            and not any(p.fullmatch(_plain(text)) for p in patterns)
        }
        assert not untranslated, sorted(untranslated)
    finally:
        welcome.close()
