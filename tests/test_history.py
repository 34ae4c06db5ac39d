"""Exports, history, cleanup and the dashboard, on SQLite and on PostgreSQL."""

from __future__ import annotations

import csv
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select, update
from sqlalchemy.engine import URL

from desktop_sync.services import ErrorFilter
from desktop_sync.store.models import Job, JournalEntry, LogEntry, SyncError, utcnow
from tests.helpers import World


def with_errors(world: World, count: int = 6) -> None:
    for i in range(count):
        world.erp_insert(f"C{i}", f"Firm {i}", city=("x" * 31) if i % 2 else "Bergen")
    world.sync()


def test_errors_export_to_csv_and_xlsx_with_the_lists_filter_and_sort(
    world: World, tmp_path: Path
) -> None:
    import openpyxl

    with_errors(world)
    where = ErrorFilter(kind="failed")
    shown = world.service.errors(where, sort="erp_key", descending=False)
    assert len(shown) == 3
    progress = []
    done = world.service.export_errors(
        tmp_path / "errors.csv", where, sort="erp_key", descending=False, progress=progress.append
    )
    assert done.rows == 3 and progress[-1].done == 3
    with (tmp_path / "errors.csv").open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [r["ERP key"] for r in rows] == [e.erp_key for e in shown]
    assert rows[0]["Message"] == shown[0].message and rows[0]["Kind"] == "failed"
    world.service.export_errors(tmp_path / "errors.xlsx", where, sort="erp_key", descending=False)
    sheet = openpyxl.load_workbook(tmp_path / "errors.xlsx").active
    values = list(sheet.iter_rows(values_only=True))
    assert values[0][:3] == ("Id", "Mapping", "ERP key")
    assert [v[2] for v in values[1:]] == [e.erp_key for e in shown]
    assert isinstance(values[1][0], int) and values[1][8] == shown[0].failed_at.replace(
        microsecond=values[1][8].microsecond
    )
    assert sheet.column_dimensions["H"].width == 80


def test_journal_and_jobs_export(world: World, tmp_path: Path) -> None:
    import openpyxl

    with_errors(world)
    world.erp_update("C0", city="Oslo")
    world.sync()
    done = world.service.export_journal(tmp_path / "journal.csv")
    with (tmp_path / "journal.csv").open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert done.rows >= 4
    city = [r for r in rows if r["Kind"] == "update"]
    assert [(r["Field"], r["Before"], r["After"]) for r in city] == [("city", "Bergen", "Oslo")]
    world.service.export_jobs(tmp_path / "jobs.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "jobs.xlsx").active
    values = list(sheet.iter_rows(values_only=True))
    assert len(values) == 3 and values[1][1] == "CUSTOMER" and values[1][9] == 1


def test_a_cancelled_export_leaves_no_file(world: World, tmp_path: Path) -> None:
    from desktop_sync.domain import CancelToken

    with_errors(world)
    cancel = CancelToken()
    cancel.cancel()
    done = world.service.export_errors(tmp_path / "errors.csv", cancel=cancel)
    assert done.cancelled and not (tmp_path / "errors.csv").exists()
    assert list(tmp_path.glob("*.part")) == []


def test_an_xlsx_export_cancelled_half_way_leaves_no_temporary_file(
    world: World, tmp_path: Path, monkeypatch
) -> None:
    import gc
    import warnings

    from openpyxl.worksheet._writer import ALL_TEMP_FILES

    from desktop_sync.domain import CancelToken

    with_errors(world)
    monkeypatch.setattr("desktop_sync.services.export.PAGE", 1)
    cancel = CancelToken()
    temporary = len(ALL_TEMP_FILES)
    done = world.service.export_errors(
        tmp_path / "errors.xlsx", progress=lambda p: cancel.cancel(), cancel=cancel
    )
    assert done.cancelled and done.rows == 1 and not (tmp_path / "errors.xlsx").exists()
    assert len(ALL_TEMP_FILES) == temporary, "openpyxl's temporary sheet file is removed"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        gc.collect()  # no half-written sheet left to fail when it is collected


def age(world: World, days: int) -> None:
    """Everything in the store happened `days` ago."""
    then = utcnow() - timedelta(days=days)
    with world.service.store.session() as session:
        session.execute(update(SyncError).values(failed_at=then))
        session.execute(
            update(SyncError).where(SyncError.resolved_at.is_not(None)).values(resolved_at=then)
        )
        session.execute(update(LogEntry).values(at=then))
        session.execute(update(JournalEntry).values(at=then))
        session.execute(update(Job).values(started=then, finished=then))


def counts(world: World) -> dict[str, int]:
    with world.service.store.session() as session:
        return {
            t.__tablename__: session.scalar(select(func.count()).select_from(t)) or 0
            for t in (SyncError, LogEntry, JournalEntry, Job)
        }


def cleanup_keeps_only_what_is_newer_than_keep_days(world: World) -> None:
    with_errors(world)
    world.service.retry([world.open_errors()[0].id])
    age(world, 401)
    old = counts(world)
    world.erp_insert("N1", "New AS")
    world.sync()
    new = {k: v - old[k] for k, v in counts(world).items()}
    dry = world.service.cleanup(dry_run=True)
    assert dry.rows == {"sync_error": 1, "sync_log": old["sync_log"], "journal": old["journal"],
                        "sync_job": old["sync_job"]}  # fmt: skip
    assert counts(world) == {k: old[k] + new[k] for k in old}, "a dry run deletes nothing"
    done = world.service.cleanup()
    assert done.rows == dry.rows and done.longest > 0
    left = counts(world)
    assert left["sync_error"] == old["sync_error"] - 1 + new["sync_error"], "open errors stay"
    assert (left["sync_log"], left["journal"], left["sync_job"]) == (
        new["sync_log"], new["journal"], new["sync_job"],
    )  # fmt: skip
    assert len(world.open_errors()) == 3, "two old ones, one the retry filed again"
    assert world.service.cleanup(dry_run=True).total == 0


def test_cleanup_removes_only_rows_older_than_keep_days(world: World) -> None:
    cleanup_keeps_only_what_is_newer_than_keep_days(world)


@pytest.mark.postgres
def test_cleanup_on_postgresql(tmp_path, postgres_db: URL) -> None:
    world = World(tmp_path, store_url=postgres_db)
    try:
        cleanup_keeps_only_what_is_newer_than_keep_days(world)
    finally:
        world.close()


def test_the_job_queue_runs_the_cleanup(world: World) -> None:
    with_errors(world)
    world.service.retry([world.open_errors()[0].id])
    age(world, 500)
    assert world.service.ensure_cleanup_entry() is True
    assert world.service.ensure_cleanup_entry() is False
    runs = []
    while (run := world.service.queue.run_due_once()) is not None:
        runs.append(run)
    cleanup = [r for r in runs if r.entry.mapping == "(cleanup)"]
    assert len(cleanup) == 1 and "old row(s) deleted" in cleanup[0].entry.last_result
    assert world.service.cleanup(dry_run=True).total == 0


def history_and_dashboard(world: World) -> None:
    with_errors(world)
    error = world.open_errors()[0]
    world.service.remove_coupling([error.id], comment="not ours")
    page = world.service.history()
    (row,) = page.rows
    assert (row.id, row.resolved_by, row.resolution) == (error.id, "tester", "remove-coupling")
    assert page.next_after is None
    board = world.service.dashboard()
    assert len(board.days) == 30 and board.days[-1] == utcnow().date()
    today = [e for e in board.errors if e.day == board.days[-1]]
    assert [(e.mapping, e.kind, e.open, e.filed) for e in today] == [("CUSTOMER", "failed", 2, 3)]
    yesterday = [e for e in board.errors if e.day == board.days[-2]]
    assert [e.open for e in yesterday] == [0]
    (day,) = board.jobs
    assert (day.jobs, day.inserted, day.failed) == (1, 3, 3) and day.seconds_longest >= 0
    (states,) = board.couplings
    assert (states.mapping, states.total, states.skipped, states.half) == ("CUSTOMER", 5, 2, 2)
    assert board.open_now == {("CUSTOMER", "failed"): 2}


def test_history_and_dashboard(world: World) -> None:
    history_and_dashboard(world)


@pytest.mark.postgres
def test_history_and_dashboard_on_postgresql(tmp_path, postgres_db: URL) -> None:
    world = World(tmp_path, store_url=postgres_db)
    try:
        history_and_dashboard(world)
    finally:
        world.close()


def test_keep_days_is_read_from_the_settings(tmp_path: Path) -> None:
    from desktop_sync.config import ConfigError, load_config

    world = World(tmp_path)
    try:
        text = world.config_path.read_text(encoding="utf-8")
        assert load_config(world.config_path).keep_days == 400
        world.config_path.write_text(text.replace("[settings]", "[settings]\nkeep_days = 30"))
        assert load_config(world.config_path).keep_days == 30
        world.config_path.write_text(text.replace("[settings]", "[settings]\nkeep_days = 0"))
        with pytest.raises(ConfigError, match="keep_days"):
            load_config(world.config_path)
    finally:
        world.close()
