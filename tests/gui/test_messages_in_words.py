"""Norwegian everywhere (issue 12, point 5) and failed errors a clerk can act on (point 1), in the
window: on the demo's errors, the Norwegian window shows no English text in the errors grid, the
record log and the Why Not Synchronizing? tab; the English window shows the English texts; and
Synchronize… is not offered for a failed error whose record exists in one app only.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from desktop_sync.demo import create_demo
from desktop_sync.domain import Side
from desktop_sync.gui.app import install_translators, remove_translators
from desktop_sync.gui.common.words import words_of
from desktop_sync.gui.errors.model import COL_KIND, COL_MESSAGE, ErrorRowRole
from desktop_sync.gui.main_window import MainWindow
from desktop_sync.gui.record.log import LogModel
from desktop_sync.gui.record.window import RecordWindow
from desktop_sync.services import ErrorFilter, Service
from tests.gui.test_translations import norwegian_patterns, tool

# Words that give English away; none of them is Norwegian.
ENGLISH = re.compile(
    r"\b(the|of|is|was|and|then|Retry|record|synchroniz\w*|changed|deleted|cannot|Correct)\b"
)


@pytest.fixture(scope="module")
def demo_config(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return create_demo(tmp_path_factory.mktemp("demo") / "d", records=20).config


@pytest.fixture
def service(demo_config: Path) -> Iterator[Service]:
    service = Service.open(demo_config)
    yield service
    service.close()


@pytest.fixture
def language(qapp) -> Iterator:  # type: ignore[no-untyped-def]
    installed: list = []

    def install(lang: str) -> None:
        installed.extend(install_translators(qapp, lang))

    yield install
    remove_translators(qapp, installed)


@pytest.fixture(scope="module")
def patterns() -> list[re.Pattern[str]]:
    return norwegian_patterns(tool.messages(tool.TRANSLATIONS / "desktop_sync_nb.ts"))


def open_main(qtbot, service: Service) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(service)
    qtbot.addWidget(window)
    window.show()
    expected = len(service.errors(ErrorFilter()))
    qtbot.waitUntil(lambda: window.errors.model.rowCount() == expected, timeout=10000)
    return window


def grid(window: MainWindow) -> list[tuple[object, str, str]]:
    model = window.errors.model
    return [
        (
            model.index(r, 0).data(ErrorRowRole),
            str(model.index(r, COL_KIND).data()),
            str(model.index(r, COL_MESSAGE).data()),
        )
        for r in range(model.rowCount())
    ]


def record_texts(qtbot, service: Service, error) -> tuple[list[str], list[str]]:  # type: ignore[no-untyped-def]
    """The record log's messages and the Why tab's findings of an error's record."""
    side = Side.ERP if error.erp_key else Side.CRM
    window = RecordWindow(service, error.mapping, side, error.key(side))  # deletes itself on close
    qtbot.waitUntil(lambda: window.view is not None and not window.loading, timeout=10000)
    model: LogModel = window.log_model
    log = [
        str(model.index(r, model.COL_MESSAGE).data())
        for r in range(model.rowCount())
        if model.index(r, model.COL_MESSAGE).data()
    ]
    why = []
    for f in window.diagnosis.findings:
        why += [words_of(f.title_words), words_of(f.explanation_words)]
        why += [words_of(f.fix_words)] if f.fix_words is not None else []
    assert why, "the Why tab says something"
    window.close()
    return log, why


def test_the_norwegian_window_shows_the_demos_errors_log_and_why_in_norwegian(
    qtbot, service: Service, language, patterns: list[re.Pattern[str]]
) -> None:
    language("nb")
    window = open_main(qtbot, service)
    names = {service.config.erp.name, service.config.crm.name}
    untranslated = []
    rows = grid(window)
    assert {row[0].kind for row in rows} >= {"failed", "changed_in_both"}  # type: ignore[attr-defined]
    seen_records = set()
    for error, kind, message in rows:
        leftover = "{" in message or "$message" in message
        if leftover or not any(p.fullmatch(message) for p in patterns) or ENGLISH.search(message):
            untranslated.append(f"grid: {message!r}")
        assert kind not in ("Failed", "Changed in both"), kind
        assert message != error.message  # type: ignore[attr-defined]
        window.errors.select_ids({error.id})  # type: ignore[attr-defined]
        qtbot.waitUntil(lambda e=error: window.errors.selected_ids() == [e.id])
        if error.message in window.errors.details.toPlainText():  # type: ignore[attr-defined]
            untranslated.append(f"details pane: {error.message!r}")  # type: ignore[attr-defined]
        if (error.mapping, error.kind) in seen_records:  # type: ignore[attr-defined]
            continue  # one record of each kind and mapping is enough
        seen_records.add((error.mapping, error.kind))  # type: ignore[attr-defined]
        log, why = record_texts(qtbot, service, error)
        for text in [*log, *why]:
            plain = text
            for name in names:
                plain = plain.replace(name, "")
            leftover = "{" in text or "$message" in text
            if leftover or not any(p.fullmatch(text) for p in patterns) or ENGLISH.search(plain):
                untranslated.append(f"{error.mapping} {error.kind}: {text!r}")  # type: ignore[attr-defined]
    window.close()
    assert not untranslated, "\n".join(untranslated)


def test_the_english_window_shows_the_english_texts(qtbot, service: Service, language) -> None:
    language("en")
    window = open_main(qtbot, service)
    rows = grid(window)
    for error, _, message in rows:
        assert message == error.message.splitlines()[0]  # type: ignore[attr-defined]
    failed = " | ".join(m for e, _, m in rows if e.kind == "failed")  # type: ignore[attr-defined]
    assert re.search(r"Unit Price -150.00 of item \d+ is not allowed in Dynamics 365 Sales", failed)
    error = next(e for e, _, _ in rows if e.kind == "changed_in_both")  # type: ignore[attr-defined]
    log, why = record_texts(qtbot, service, error)
    assert "Skipped: changed in both apps" in why
    assert any(line.startswith("Changed in both Business Central") for line in log), log
    window.close()


def test_synchronize_is_not_offered_for_a_failed_error_of_a_record_in_one_app_only(
    qtbot, service: Service
) -> None:
    window = open_main(qtbot, service)
    view, actions = window.errors, window.error_actions
    model = view.model
    rows = {r: model.index(r, 0).data(ErrorRowRole) for r in range(model.rowCount())}
    one_app = next(r for r, e in rows.items() if e.kind == "failed" and not e.crm_exists)
    both = next(r for r, e in rows.items() if e.kind == "changed_in_both")
    for row, enabled in ((one_app, False), (both, True)):
        view.table.clearSelection()
        view.table.selectRow(row)
        qtbot.waitUntil(lambda: len(view.selected_errors()) == 1)
        actions.update_enabled()
        assert actions.synchronize.isEnabled() is enabled
        if not enabled:
            assert "Nothing to choose between" in actions.synchronize.toolTip()
    window.close()


def test_a_stored_message_is_shown_in_the_windows_language(qapp, language) -> None:
    from desktop_sync.gui.common.words import said

    params = {
        "field": "Unit Price",
        "value": "-150.00",
        "record": "item 9002",
        "app": "Dynamics 365 Sales",
        "requirement": {"$message": "must be {n} or more", "values": {"n": "0"}},
        "where": {"$message": "in {app}", "values": {"app": "Business Central"}},
    }
    template = (
        "{field} {value} of {record} is not allowed in {app} ({requirement}). Correct it "
        "{where}, then Retry."
    )
    language("nb")
    assert said("old English text", template, params) == (
        "Unit Price -150.00 for item 9002 er ikke tillatt i Dynamics 365 Sales (må være 0 eller "
        "mer). Rett den i Business Central, og bruk deretter Prøv på nytt."
    )
    assert said("old English text", None, None) == "old English text", "old rows keep their text"
    assert Qt  # the module imports Qt's enums for the grid roles
