"""A missing app database is never created (issue 12, point 8): an app's SQLite file that was
moved away is a clear error naming the app and the path, no empty file appears in its place, and
the next synchronization after the file came back works again, in the same process too."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from desktop_sync.cli import cli
from desktop_sync.domain import JobStatus
from tests.helpers import World


def run(config: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["--config", str(config), *args], obj={})
    return result.exit_code, result.output


def test_the_command_line_names_the_app_and_the_path_and_creates_nothing(world: World) -> None:
    world.erp_insert("C1", "Fjord AS")
    assert run(world.config_path, "sync")[0] == 0
    erp = world.folder / "erp.db"
    erp.rename(world.folder / "erp.db.moved")

    code, out = run(world.config_path, "sync")
    assert code == 2, "named before any job, as a wrong table is"
    assert f"ERP's database {erp} does not exist" in out, out
    assert "no such table" not in out and "Traceback" not in out
    assert not erp.exists(), "opening the app made an empty database"

    code, out = run(world.config_path, "check")
    assert code != 0 and f"ERP's database {erp} does not exist" in out, out
    assert not erp.exists()

    (world.folder / "erp.db.moved").rename(erp)
    world.erp_engine.dispose()
    world.erp_insert("C2", "Nord AS")
    code, out = run(world.config_path, "sync")
    assert code == 0, out
    assert "inserted 1" in out


def test_one_service_recovers_once_the_file_is_back(world: World) -> None:
    """The window keeps one service (and its pooled connections and reflected tables) for
    hours: a file moved away while it runs fails the next job, and the file put back works
    at the job after, without a restart."""
    world.erp_insert("C1", "Fjord AS")
    assert world.sync().status is JobStatus.FINISHED
    erp = world.folder / "erp.db"
    erp.rename(world.folder / "erp.db.moved")

    (result,) = world.service.synchronize(["CUSTOMER"])
    assert result.status is JobStatus.FAILED
    assert result.message.startswith(f"ERP's database {erp} does not exist;"), result.message
    assert result.template and result.params == {"app": "ERP", "path": str(erp), "side": "erp"}
    assert not erp.exists()

    (world.folder / "erp.db.moved").rename(erp)
    world.erp_engine.dispose()  # the ERP itself opens its file anew
    world.erp_insert("C2", "Nord AS")
    result = world.sync()
    assert result.status is JobStatus.FINISHED, result.message
    assert result.counters.inserted == 1


def test_a_file_replaced_by_another_is_read_anew(world: World, tmp_path: Path) -> None:
    """A pooled connection still holds the file it opened; one replaced under it is let go."""
    world.erp_insert("C1", "Fjord AS")
    world.sync()
    erp = world.folder / "erp.db"
    copy = tmp_path / "copy.db"
    copy.write_bytes(erp.read_bytes())
    erp.unlink()
    copy.rename(erp)
    world.erp_engine.dispose()
    world.erp_insert("C2", "Nord AS")
    result = world.sync()
    assert result.status is JobStatus.FINISHED and result.counters.inserted == 1
