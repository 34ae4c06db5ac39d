"""Crash safety: a synchronization killed with SIGKILL at any moment, then run again, leaves no
duplicate on either side, no lost update, and no coupling pointing at nothing.

The sync runs in a forked child process that counts every statement and every commit on every
database (SQLAlchemy engine events) and kills itself with SIGKILL at the N-th. The test first
counts the points of a whole run, then kills a fresh copy of the same world at points spread
over all of them, and each time lets a normal sync finish the work.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import signal
from pathlib import Path

import pytest
from sqlalchemy import Engine, event

from desktop_sync.domain import Side
from tests.helpers import World

KILL_POINTS = int(os.environ.get("DESKTOP_SYNC_CRASH_POINTS", "36"))


def build(folder: Path, crm_identity: bool) -> World:
    world = World(folder, crm_identity=crm_identity, batch_size=4)
    for i in range(14):
        world.erp_insert(f"C{i:02d}", f"ERP customer {i}", city="Bergen")
    world.sync()
    for i in range(0, 14, 3):
        world.erp_update(f"C{i:02d}", city=f"Moved {i}")  # updates to carry to the CRM
    for i in range(6):
        world.crm_insert(f"CRM account {i}", **({} if crm_identity else {"accountid": f"a-{i}"}))
    for i in range(14, 20):
        world.erp_insert(f"C{i:02d}", f"ERP customer {i}", city="Oslo")
    return world


def run_child(config: Path, kill_at: int, counter) -> None:  # type: ignore[no-untyped-def]
    """In the child: count statements and commits, die at `kill_at`, else sync to the end."""
    from desktop_sync.services import Service

    def tick(*_args, **_kwargs) -> None:  # type: ignore[no-untyped-def]
        counter.value += 1
        if counter.value == kill_at:
            os.kill(os.getpid(), signal.SIGKILL)

    event.listen(Engine, "after_execute", tick)
    event.listen(Engine, "commit", tick)
    service = Service.open(config)
    service.synchronize(["CUSTOMER"])
    service.close()


def sync_in_child(config: Path, kill_at: int) -> tuple[int, int]:
    context = multiprocessing.get_context("fork")
    counter = context.Value("i", 0)
    child = context.Process(target=run_child, args=(config, kill_at, counter))
    child.start()
    child.join(60)
    return child.exitcode, counter.value


def check(world: World) -> None:
    erp, crm = world.erp_rows(), world.crm_rows()
    couplings = world.couplings()
    erp_names = sorted(r["name"] for r in erp.values())
    crm_names = sorted(r["name"] for r in crm.values())
    assert erp_names == crm_names, "a record is missing or duplicated on one side"
    assert len(set(erp_names)) == len(erp_names) == 26, "no duplicate"
    assert len(couplings) == 26 and all(
        c["pending"] is None and not c["skipped"] for c in couplings
    )
    for c in couplings:
        e, a = erp[c["erp_key"]], crm[c["crm_key"]]
        assert (e["name"], e["city"]) == (a["name"], a["city"]), "coupled records differ"
    for i in range(0, 14, 3):
        assert erp[f"C{i:02d}"]["city"] == f"Moved {i}", "no lost update"
    assert world.open_errors() == []


@pytest.mark.slow
@pytest.mark.parametrize("crm_identity", [False, True], ids=["uuid-keys", "identity-keys"])
def test_a_sync_killed_anywhere_finishes_cleanly_on_the_next_run(
    tmp_path: Path, crm_identity: bool
) -> None:
    template = tmp_path / "template"
    template.mkdir()
    build(template, crm_identity).close()
    code, points = sync_in_child(_copy(template, tmp_path / "count"), kill_at=0)
    assert code == 0 and points > 50, points
    kill_points = sorted({1 + (points - 1) * k // (KILL_POINTS - 1) for k in range(KILL_POINTS)})
    killed = 0
    for kill_at in kill_points:
        folder = tmp_path / f"kill-{kill_at}"
        config = _copy(template, folder)
        code, _ = sync_in_child(config, kill_at)
        killed += code == -signal.SIGKILL
        world = World.reopen(folder, crm_identity=crm_identity)
        try:
            world.sync()
            world.sync()
            check(world)
        except AssertionError as exc:
            raise AssertionError(f"killed at point {kill_at} of {points}: {exc}") from exc
        finally:
            world.close()
    assert killed == len(kill_points), "every run was really killed"


def _copy(template: Path, folder: Path) -> Path:
    shutil.copytree(template, folder)
    text = (folder / "desktop-sync.toml").read_text().replace(str(template), str(folder))
    (folder / "desktop-sync.toml").write_text(text)
    return folder / "desktop-sync.toml"


def test_counting_sees_every_side(tmp_path: Path) -> None:
    """The harness itself: a run touches both apps and the store, and an unkilled run succeeds."""
    world = build(tmp_path, crm_identity=False)
    world.close()
    code, points = sync_in_child(tmp_path / "desktop-sync.toml", kill_at=0)
    assert code == 0 and points > 0
    world = World.reopen(tmp_path)
    try:
        check(world)
        assert world.log(Side.ERP, "C00")[0].outcome == "modified"
    finally:
        world.close()
