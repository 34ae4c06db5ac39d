"""The command line of the journal: journal, undo, resolve --similar-to and --comment, rules,
exports, history, cleanup and the dashboard."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import openpyxl

from desktop_sync.domain import Side
from tests.helpers import World
from tests.test_cli import run


def conflicts(world: World, count: int) -> None:
    for i in range(count):
        world.erp_insert(f"C{i}", f"Firm {i}", city="Bergen")
    world.sync()
    for i in range(count):
        world.erp_update(f"C{i}", city="Oslo")
        world.crm_update(world.crm_key_of(f"C{i}"), city="Molde")
    world.sync()


def test_resolve_similar_with_a_comment_then_journal_and_undo(world: World, tmp_path) -> None:
    conflicts(world, 3)
    config = world.config_path
    first = min(e.id for e in world.open_errors())
    code, out = run(
        "resolve", "--similar-to", str(first), "--winner", "erp", "--comment", "ERP is right",
        "--save-rule", "ERP cities", config=config,
    )  # fmt: skip
    assert code == 0, out
    assert "3 open error(s) changed in both on city" in out and "3 of 3 error(s) resolved" in out
    assert "rule saved: ERP cities: city from ERP" in out
    assert world.open_errors() == []
    code, out = run("journal", "--action", "synchronize", "--json", config=config)
    entries = json.loads(out)
    assert code == 0 and len(entries) == 3
    assert {e["comment"] for e in entries} == {"ERP is right"}
    code, out = run("journal", "--record", "C0", "--side", "erp", config=config)
    assert code == 0 and "'Molde' → 'Oslo'" in out
    entry = next(e for e in entries if e["erp_key"] == "C0")
    code, out = run("undo", str(entry["id"]), "--comment", "oops", config=config)
    assert code == 0 and "is open again" in out, out
    code, out = run("undo", str(entry["id"]), config=config)
    assert code == 1 and "already undone" in out
    code, out = run("rules", "--json", config=config)
    assert [r["name"] for r in json.loads(out)] == ["ERP cities"]
    code, out = run("rules", "--mapping", "CUSTOMER", "--off", "ERP cities", config=config)
    assert code == 0 and "(switched off)" in out


def test_resolve_with_a_comment_and_the_usual_resolve_still_work(world: World) -> None:
    conflicts(world, 2)
    a, b = sorted(e.id for e in world.open_errors())
    code, out = run("resolve", str(a), "--action", "retry", "--comment", "try again",
                    config=world.config_path)  # fmt: skip
    assert code == 0 and "1 record(s) will be retried" in out
    assert "try again" in world.log(Side.ERP, "C0")[0].message
    code, out = run("resolve", str(b), "--action", "retry", config=world.config_path)
    assert code == 0
    code, out = run("resolve", "--action", "retry", config=world.config_path)
    assert code == 2 and "Missing argument" in out


def test_exports_from_the_command_line(world: World, tmp_path: Path) -> None:
    world.erp_insert("C1", "Fjord AS", city="x" * 31)
    world.erp_insert("C2", "Kyst AS", city="Bodø")
    world.sync()
    config = world.config_path
    code, out = run("errors", "--csv", str(tmp_path / "e.csv"), config=config)
    assert code == 0 and "1 error(s) written" in out
    with (tmp_path / "e.csv").open(encoding="utf-8-sig", newline="") as f:
        assert [r["ERP key"] for r in csv.DictReader(f)] == ["C1"]
    code, out = run("errors", "--needs-person", "--json", config=config)
    assert [e["erp_key"] for e in json.loads(out)] == ["C1"]
    code, out = run("journal", "--xlsx", str(tmp_path / "j.xlsx"), config=config)
    assert code == 0
    rows = list(openpyxl.load_workbook(tmp_path / "j.xlsx").active.iter_rows(values_only=True))
    assert rows[0][0] == "Id" and len(rows) > 1
    code, out = run("jobs", "--csv", str(tmp_path / "jobs.csv"), config=config)
    assert code == 0 and "1 job(s) written" in out


def test_history_cleanup_and_dashboard_commands(world: World) -> None:
    world.erp_insert("C1", "Fjord AS", city="x" * 31)
    world.sync()
    world.service.retry([world.error_of("C1").id])
    config = world.config_path
    code, out = run("history", "--json", config=config)
    (row,) = json.loads(out)
    assert (row["resolved_by"], row["resolution"]) == ("tester", "retry")
    code, out = run("cleanup", "--dry-run", config=config)
    assert code == 0 and "would delete 0 error" in out
    code, out = run("cleanup", config=config)
    assert code == 0 and "transaction(s)" in out
    code, out = run("dashboard", "--json", config=config)
    board = json.loads(out)
    assert code == 0 and len(board["days"]) == 30 and board["couplings"][0]["mapping"] == "CUSTOMER"
