"""The command line: every command, its exit status, and its JSON shapes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from desktop_sync.cli import cli
from tests.helpers import World


def run(*args: str, config: Path | None = None) -> tuple[int, str]:
    prefix = ["--config", str(config)] if config else []
    result = CliRunner().invoke(cli, [*prefix, *args], obj={}, catch_exceptions=False)
    return result.exit_code, result.output


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("demo")
    code, out = run("demo", str(folder / "d"), "--records", "60")
    assert code == 0, out
    return folder / "d"


def test_demo_writes_the_four_files_and_leaves_an_error_of_each_kind(demo_dir: Path) -> None:
    for name in ("erp.db", "crm.db", "state.db", "desktop-sync.toml"):
        assert (demo_dir / name).is_file()
    code, out = run("errors", "--json", config=demo_dir / "desktop-sync.toml")
    errors = json.loads(out)
    assert code == 0
    assert {e["kind"] for e in errors} == {
        "changed_in_both",
        "deleted_in_erp",
        "deleted_in_crm",
        "failed",
    }
    assert set(errors[0]) == {
        "id",
        "mapping",
        "erp_key",
        "crm_key",
        "kind",
        "message",
        "detail",
        "failed_at",
        "job_id",
        "claimed_by",
        "claimed_at",
        "fail_count",
        "transient",
        "needs_person",
        "conflict_fields",
    }


def test_demo_refuses_a_folder_that_has_one(demo_dir: Path) -> None:
    code, out = run("demo", str(demo_dir))
    assert code == 2 and "already exists" in out


def test_sync_json_has_the_documented_fields(world: World) -> None:
    world.erp_insert("C1", "Fjord AS")
    code, out = run("sync", "--json", config=world.config_path)
    assert code == 0, out
    (job,) = json.loads(out)
    for name in (
        "id",
        "mapping",
        "started",
        "finished",
        "inserted",
        "modified",
        "deleted",
        "unchanged",
        "skipped",
        "failed",
        "coupled",
        "uncoupled",
    ):
        assert name in job
    assert job["inserted"] == 1 and job["mapping"] == "CUSTOMER"
    assert len(world.crm_rows()) == 1


def test_sync_exits_1_when_records_fail(world: World) -> None:
    world.erp_insert("C1", "Fjord AS", city="x" * 40)
    code, out = run("sync", config=world.config_path)
    assert code == 1 and "failed 1" in out


def test_sync_of_one_record(world: World) -> None:
    world.erp_insert("C1", "One AS")
    world.erp_insert("C2", "Two AS")
    code, out = run("sync", "--record", "C2", "--side", "erp", config=world.config_path)
    assert code == 0 and "inserted 1" in out
    assert [r["name"] for r in world.crm_rows().values()] == ["Two AS"]


def test_sync_record_without_side_is_bad_usage(world: World) -> None:
    code, out = run("sync", "--record", "C2", config=world.config_path)
    assert code == 2 and "--record and --side go together" in out


def test_unknown_mapping_is_bad_usage(world: World) -> None:
    code, out = run("sync", "--mapping", "NOPE", config=world.config_path)
    assert code == 2 and "no mapping named 'NOPE'" in out and "CUSTOMER" in out


def test_resolve_and_log_and_jobs(world: World) -> None:
    world.erp_insert("C1", "Fjord AS")
    world.sync()
    crm_key = world.crm_key_of("C1")
    world.erp_update("C1", name="ERP name")
    world.crm_update(crm_key, name="CRM name")
    world.sync()
    error_id = world.error_of("C1").id
    code, out = run("resolve", str(error_id), "--action", "synchronize", config=world.config_path)
    assert code == 2 and "--winner" in out
    code, out = run(
        "resolve",
        str(error_id),
        "--action",
        "synchronize",
        "--winner",
        "crm",
        config=world.config_path,
    )
    assert code == 0 and "1 record(s) synchronized" in out
    assert world.erp_rows()["C1"]["name"] == "CRM name"
    code, out = run("resolve", str(error_id), "--action", "retry", config=world.config_path)
    assert code == 1 and "already resolved by tester" in out
    code, out = run("log", "CUSTOMER", "C1", "--json", config=world.config_path)
    entries = json.loads(out)
    assert [e["outcome"] for e in entries] == ["resolved", "skipped", "inserted"]
    assert set(entries[0]) == {"at", "job_id", "direction", "outcome", "message", "user"}
    code, out = run("jobs", "--json", config=world.config_path)
    assert code == 0 and len(json.loads(out)) == 2


def test_retry_all_and_find_deleted(world: World) -> None:
    world.erp_insert("C1", "Fjord AS")
    world.erp_insert("C2", "Nord AS")
    world.sync()
    world.crm_delete(world.crm_key_of("C2"))
    code, out = run("find-deleted", config=world.config_path)
    assert code == 1 and "skipped 1" in out
    assert world.error_of("C2").kind == "deleted_in_crm"
    code, out = run("retry-all", "--mapping", "CUSTOMER", config=world.config_path)
    assert code == 0 and "1 record(s) will be retried" in out


def test_couple_and_uncouple(world: World) -> None:
    world.configure(sync_only_coupled=True)
    world.erp_insert("C1", "Fjord AS")
    world.crm_insert("Fjord", accountid="x-1")
    code, out = run(
        "couple", "CUSTOMER", "C1", "x-1", "--sync-from", "erp", config=world.config_path
    )
    assert code == 0, out
    assert world.crm_rows()["x-1"]["name"] == "Fjord AS"
    code, out = run("couple", "CUSTOMER", "C1", "nope", config=world.config_path)
    assert code == 1 and "no record with key 'nope'" in out
    code, out = run("uncouple", "CUSTOMER", "C1", config=world.config_path)
    assert code == 0 and world.couplings() == []


def test_db_upgrade_and_check(world: World) -> None:
    code, out = run("db", "upgrade", config=world.config_path)
    assert code == 0 and "revision 0004" in out
    code, out = run("check", config=world.config_path)
    assert code == 0 and "in order" in out


def test_a_mapped_column_that_does_not_exist_is_named_before_anything_is_written(
    world: World,
) -> None:
    text = world.config_path.read_text().replace('erp = "city"', 'erp = "town"')
    world.config_path.write_text(text)
    world.erp_insert("C1", "Fjord AS")
    code, out = run("check", config=world.config_path)
    assert code == 2
    assert (
        "error: mapping CUSTOMER, ERP field 'town': ERP table 'customer' has no column 'town'"
    ) in out
    code, out = run("sync", config=world.config_path)
    assert code == 2 and "mapping CUSTOMER: ERP table 'customer' has no column 'town'" in out
    assert "nothing was synchronized" in out
    assert world.crm_rows() == {} and world.service.jobs() == [], "no job was started"


def test_console_script_and_module_run_without_a_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('[store]\nurl = "sqlite:///s.db"\n[erp]\nurl = 5\n')
    for command in (
        [sys.executable, "-m", "desktop_sync"],
        [str(Path(sys.executable).parent / "desktop-sync")],
    ):
        done = subprocess.run(
            [*command, "--config", str(bad), "jobs"], capture_output=True, text=True, timeout=60
        )
        assert done.returncode == 2
        assert f"{bad}: erp.url: expected text, got 5" in done.stderr
        assert "Traceback" not in done.stderr
    version = subprocess.run(
        [sys.executable, "-m", "desktop_sync", "--version"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert version.returncode == 0 and "desktop-sync, version" in version.stdout


def test_check_says_what_a_table_without_a_stamp_costs(world: World) -> None:
    world.configure(crm_modified=None)
    code, out = run("check", config=world.config_path)
    assert code == 0 and "in order" in out
    assert (
        "warning: mapping CUSTOMER, CRM table 'account': no last-modified column (crm_modified"
    ) in out
    assert "the cost grows with the table" in out


def test_sync_full_prints_how_many_pairs_differed(world: World) -> None:
    world.erp_insert("C1", "Fjord AS")
    world.sync()
    code, out = run("sync", "--full", config=world.config_path)
    assert code == 0 and "1 coupled pair compared by value, 0 differed" in out
