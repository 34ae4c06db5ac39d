"""The command line's clear errors (issue 12, point 12): every mistake a tester met is one
message naming what is wrong and the fix, with the right exit status and no traceback; a
password is never shown."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner, Result
from sqlalchemy.engine import URL

from desktop_sync.cli import cli
from desktop_sync.services import Service
from tests.faultproxy import FaultProxy
from tests.helpers import World

SECRET = "s3cret-Pa55"


def run(*args: str, config: Path | None = None) -> Result:
    """The command line in this process; an exception no command turned into a message fails
    the test (catch_exceptions=False), and none may print a traceback either."""
    prefix = ["--config", str(config)] if config else []
    result = CliRunner().invoke(cli, [*prefix, *args], obj={}, catch_exceptions=False)
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout
    return result


def edit(path: Path, old: str, new: str) -> Path:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


# -- the state store ---------------------------------------------------------------------------


def test_a_store_made_by_a_newer_program_is_refused_and_not_copied(world: World) -> None:
    assert run("db", "upgrade", config=world.config_path).exit_code == 0
    world.close()
    state = Path(world.store_url.removeprefix("sqlite:///"))
    with sqlite3.connect(state) as db:
        db.execute("UPDATE alembic_version SET version_num = '0999'")
    for command in (["jobs"], ["sync"], ["db", "upgrade"]):
        result = run(*command, config=world.config_path)
        assert result.exit_code == 2, command
        assert (
            "is at schema revision 0999, made by a newer desktop-sync (this one knows revisions "
            "up to 0004); upgrade the program. The store was left as it is."
        ) in result.stderr
    assert list(state.parent.glob("*.bak")) == [], "a refused store is not copied"


def test_a_store_is_copied_only_when_it_is_really_upgraded(world: World) -> None:
    assert run("jobs", config=world.config_path).exit_code == 0
    world.close()
    state = Path(world.store_url.removeprefix("sqlite:///"))
    for _ in range(3):
        assert run("jobs", config=world.config_path).exit_code == 0
    assert list(state.parent.glob("*.bak")) == []


# -- sync ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            'erp = "city"',
            'erp = "town"',
            "mapping CUSTOMER: ERP table 'customer' has no column 'town'",
        ),
        (
            'crm_table = "account"',
            'crm_table = "accounts"',
            "mapping CUSTOMER: CRM has no table 'accounts'",
        ),
    ],
    ids=["column", "table"],
)
@pytest.mark.parametrize("command", ["sync", "find-deleted"])
def test_a_wrong_table_or_column_stops_sync_before_any_job(
    world: World, old: str, new: str, message: str, command: str
) -> None:
    world.erp_insert("C1", "Fjord AS")
    result = run(command, config=edit(world.config_path, old, new))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {message}\n")
    assert "nothing was synchronized: fix the configuration or the app's table" in result.stderr
    assert result.stdout == ""
    assert world.service.jobs() == [], "no job row"
    assert world.crm_rows() == {}


@pytest.fixture
def demo_config(tmp_path: Path) -> Path:
    from desktop_sync.demo import create_demo

    return create_demo(tmp_path / "demo", records=5).config


def test_sync_prints_the_jobs_that_ran_before_a_busy_mapping_and_who_has_it(
    demo_config: Path,
) -> None:
    from datetime import UTC, datetime

    from desktop_sync.config import load_config
    from desktop_sync.store import Store, lease
    from desktop_sync.store.models import Job, utcnow

    holder = "otherhost:4242:abcdef"
    started = utcnow()
    store = Store.open(load_config(demo_config).store_url)
    try:
        with store.session() as session:
            job = Job(mapping="CONTACT", user="alice", runner=holder, started=started)
            session.add(job)
            session.flush()
            job_id = job.id
        lease.acquire(store, "CONTACT", holder)
        lease.attach_job(store, "CONTACT", holder, job_id)
    finally:
        store.dispose()
    result = run("sync", config=demo_config)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert [line.split(":")[0].split()[-1] for line in lines] == ["SALESPEOPLE", "CUSTOMER"]
    since = started.replace(tzinfo=UTC).astimezone().strftime("%H:%M")
    if started.replace(tzinfo=UTC).astimezone().date() != datetime.now().astimezone().date():
        since = started.replace(tzinfo=UTC).astimezone().strftime("%Y-%m-%d %H:%M")
    assert result.stderr == (
        f"Error: CONTACT is being synchronized by alice ({holder}) since {since}; try again "
        "later (not run either: ITEM-PRODUCT)\n"
    )


# -- a PostgreSQL store that goes away -----------------------------------------------------------


def console(*args: str, config: Path) -> subprocess.CompletedProcess[str]:
    """The console script in its own process, as a person runs it."""
    script = Path(sys.executable).parent / "desktop-sync"
    return subprocess.run(
        [str(script), "--config", str(config), *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=os.environ | {"QT_QPA_PLATFORM": "offscreen"},
        check=False,
    )


@pytest.mark.postgres
def test_a_store_connection_lost_while_claiming_a_mapping_is_one_line(
    tmp_path: Path, postgres_db: URL
) -> None:
    proxy = FaultProxy.for_url(postgres_db)
    world = World(tmp_path, store_url=proxy.url(postgres_db).render_as_string(False))
    try:
        world.erp_insert("C1", "Fjord AS")
        assert world.service.jobs() == []  # the store's tables are made
        world.close()
        proxy.cut_at_next_commit()  # the first write the command commits: claiming the mapping
        done = console("sync", config=world.config_path)
        assert proxy.cuts >= 1
        assert done.returncode == 1, done.stderr
        assert done.stdout == ""
        assert done.stderr == (
            "Error: The state store cannot be reached: the connection was lost. Nothing was "
            "lost; try again when it answers.\n"
        )
        proxy.pass_through()
        again = console("sync", config=world.config_path)
        assert again.returncode == 0, again.stderr
        assert "CUSTOMER: finished" in again.stdout
    finally:
        world.close()
        proxy.close()


# -- standard error without and with -v --------------------------------------------------------

FAILING_JOB = """
import sys
from sqlalchemy.exc import OperationalError
from desktop_sync.engine import run

def fail(self):
    raise OperationalError(
        "UPDATE account SET name=%(name)s WHERE accountid=%(id)s",
        {"name": "Fjord AS", "id": "private-value-42"},
        Exception("disk I/O error"),
    )

run.JobRun.run = fail
from desktop_sync.cli import main
sys.argv = ["desktop-sync", *sys.argv[1:]]
main()
"""


def test_a_failed_jobs_statement_and_parameters_go_to_standard_error_only_with_v(
    world: World,
) -> None:
    world.erp_insert("C1", "Fjord AS")

    def sync(*options: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-c", FAILING_JOB, *options, "--config", str(world.config_path)]
            + ["sync"],
            capture_output=True,
            text=True,
            timeout=120,
            env=os.environ | {"QT_QPA_PLATFORM": "offscreen"},
            check=False,
        )

    quiet = sync()
    assert quiet.returncode == 1
    assert "CUSTOMER: failed" in quiet.stdout and "database error: disk I/O error" in quiet.stdout
    for hidden in ("UPDATE account", "private-value-42", "[SQL", "Traceback"):
        assert hidden not in quiet.stderr and hidden not in quiet.stdout, hidden
    assert quiet.stderr.splitlines() == ["ERROR desktop_sync.engine.jobs: job 1 failed"]

    verbose = sync("-v")
    assert verbose.returncode == 1
    assert "Traceback" in verbose.stderr
    assert "[SQL: UPDATE account SET name=%(name)s WHERE accountid=%(id)s]" in verbose.stderr
    assert "private-value-42" in verbose.stderr


# -- two people resolving one error ------------------------------------------------------------

CONFLICTS = 12
WHO_AND_WHEN = re.compile(
    r"^Error \d+ \(CUSTOMER C\d+ / \S+\) (was already resolved by (alice|bob) at \d\d:\d\d\."
    r"|is being resolved by (alice|bob) since \d\d:\d\d; refresh in a moment\.)$"
)


@pytest.fixture(params=["sqlite", "postgres"])
def conflicts(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[World]:
    """A world whose store is SQLite or PostgreSQL, with CONFLICTS changed_in_both errors."""
    store = None
    if request.param == "postgres":
        store = request.getfixturevalue("postgres_db").render_as_string(hide_password=False)
    world = World(tmp_path, store_url=store)
    for i in range(CONFLICTS):
        world.erp_insert(f"C{i}", f"Customer {i}")
    world.sync()
    for i in range(CONFLICTS):
        world.erp_update(f"C{i}", name=f"ERP {i}")
        world.crm_update(world.crm_key_of(f"C{i}"), name=f"CRM {i}")
    world.sync()
    assert len(world.open_errors()) == CONFLICTS
    yield world
    world.close()


def test_the_loser_of_two_people_resolving_one_error_is_told_who_and_when(
    conflicts: World,
) -> None:
    """Two services on one store act on every error at the same moment: each error is resolved
    once, and the other person is told by whom and when, never "someone"."""
    world = conflicts
    ids = [e.id for e in world.open_errors()]
    services = {name: Service.open(world.config_path, user=name) for name in ("alice", "bob")}
    results: dict[str, list[Any]] = {name: [] for name in services}
    try:
        for error_id in ids:
            start = threading.Barrier(2)

            def act(name: str, error_id: int = error_id, start: threading.Barrier = start) -> None:
                start.wait()
                service = services[name]
                verb = service.retry if name == "alice" else service.remove_coupling
                results[name].append(verb([error_id]))

            threads = [threading.Thread(target=act, args=(name,)) for name in services]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(60)
    finally:
        for service in services.values():
            service.close()
    done = [r for name in services for r in results[name] if r.done]
    refused = [line for name in services for r in results[name] for line in r.refused]
    assert len(done) == CONFLICTS and len(refused) == CONFLICTS
    for line in refused:
        assert WHO_AND_WHEN.match(line), line
    assert world.open_errors() == []


def test_resolve_tells_who_is_resolving_an_error_and_who_resolved_it(conflicts: World) -> None:
    world = conflicts
    error = world.open_errors()[0]
    alice = Service.open(world.config_path, user="alice")
    try:
        held = alice.claim([error.id])
        assert held.done == 1
        busy = run(
            "--user", "bob", "resolve", str(error.id), "--action", "retry", config=world.config_path
        )
        assert busy.exit_code == 1
        assert re.search(
            r"is being resolved by alice since \d\d:\d\d; refresh in a moment\.", busy.stdout
        ), busy.stdout
        alice.release([error.id])
        assert alice.retry([error.id]).ok
    finally:
        alice.close()
    late = run(
        "--user", "bob", "resolve", str(error.id), "--action", "retry", config=world.config_path
    )
    assert late.exit_code == 1
    assert re.search(r"was already resolved by alice at \d\d:\d\d\.", late.stdout), late.stdout
    assert "Traceback" not in late.stderr


# -- the demo at the size a tester asked for -------------------------------------------------


@pytest.mark.slow
def test_a_demo_of_20000_customers_is_made_without_a_clash(tmp_path: Path) -> None:
    """It once failed with "UNIQUE constraint failed: item.no" and left a half-made folder."""
    folder = tmp_path / "big"
    made = subprocess.run(
        [str(Path(sys.executable).parent / "desktop-sync"), "demo", str(folder)]
        + ["--records", "20000"],
        capture_output=True,
        text=True,
        timeout=600,
        env=os.environ | {"QT_QPA_PLATFORM": "offscreen"},
        check=False,
    )
    assert made.returncode == 0, made.stderr
    assert "Traceback" not in made.stderr and "UNIQUE" not in made.stderr
    assert made.stdout.startswith(f"Demo written to {folder}")
    listed = console("errors", "--json", config=folder / "desktop-sync.toml")
    assert listed.returncode == 0 and listed.stderr == ""
    kinds = {e["kind"] for e in json.loads(listed.stdout)}
    assert kinds == {"changed_in_both", "deleted_in_erp", "deleted_in_crm", "failed"}


# -- help ----------------------------------------------------------------------------------------


def every_command() -> list[list[str]]:
    found = [[]]
    for name, command in cli.commands.items():
        found.append([name])
        for sub in getattr(command, "commands", {}):
            found.append([name, sub])
    return found


@pytest.mark.parametrize("words", every_command(), ids=lambda w: " ".join(w) or "desktop-sync")
def test_every_help_reads_whole(words: list[str]) -> None:
    """Every command's --help: a description, help for every option, and no list of commands
    whose descriptions are cut off ("…")."""
    result = run(*words, "--help")
    assert result.exit_code == 0 and result.stderr == ""
    if "Commands:" in result.stdout:
        assert "..." not in result.stdout.split("Commands:")[1], result.stdout
    context = cli
    for word in words:
        context = context.commands[word]  # type: ignore[attr-defined]
    assert context.help and context.help.strip()
    for param in context.params:
        if isinstance(param, click.Option) and param.name not in ("help", "version"):
            assert param.help, f"{' '.join(words)} {param.opts[0]} has no help"
