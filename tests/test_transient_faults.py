"""Transient faults retry by themselves (issue 9): a lost, refused or silent connection to an app
stops the job with one message and files no error; the next job finishes the work, with every
record once on each side — also when the server committed and its answer was lost.

The ERP is on the server directly, the CRM through `tests.faultproxy`, which cuts, refuses,
blackholes or loses the answer to a COMMIT while the engine works. Every test looks at what the
apps and the store hold afterwards.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import func, insert, select, update
from sqlalchemy.engine import URL

from desktop_sync.apps.values import normalize_modified
from desktop_sync.domain import JobResult, JobStatus, Progress, QueueStatus, Side
from desktop_sync.store.models import Coupling, Job, QueueEntry, SyncError, utcnow
from desktop_sync.worker import Worker
from tests.faultproxy import FaultProxy
from tests.helpers import World

APP_SERVERS = [
    pytest.param("postgres", marks=pytest.mark.postgres, id="postgres"),
    pytest.param("mariadb", marks=pytest.mark.mariadb, id="mariadb"),
]
RECORDS = 300
BATCH = 50
TIMEOUTS = "statement_timeout = 3\nconnect_timeout = 2\n"
TAIL = "The job stopped and will run again by itself; nothing was lost."


@pytest.fixture(params=APP_SERVERS)
def app_server(request: pytest.FixtureRequest) -> URL:
    return request.getfixturevalue(f"{request.param}_db")


@pytest.fixture
def proxy(app_server: URL) -> Iterator[FaultProxy]:
    proxy = FaultProxy.for_url(app_server)
    yield proxy
    proxy.close()


@pytest.fixture
def make_world(tmp_path, app_server: URL, proxy: FaultProxy) -> Iterator[Callable[..., World]]:
    """A world whose ERP is on `app_server` and whose CRM is on it too, reached by the engine
    through `proxy` (the test's own looks at the CRM go straight to the server)."""
    worlds: list[World] = []

    def make(crm_identity: bool = False, **options: Any) -> World:
        world = World(tmp_path, app_server, app_server, crm_identity=crm_identity)
        world.crm_url = proxy.url(app_server).render_as_string(hide_password=False)
        world.configure(batch_size=BATCH, **options)
        text = world.config_path.read_text(encoding="utf-8")
        world.config_path.write_text(text.replace("[settings]\n", f"[settings]\n{TIMEOUTS}", 1))
        worlds.append(world)
        return world

    yield make
    for world in worlds:
        world.close()


def customers(world: World, count: int = RECORDS) -> None:
    """`count` ERP customers created a minute ago, with names that tell them apart."""
    stamp = utcnow() - timedelta(minutes=1)
    rows = [
        {"no": f"C{i:04}", "name": f"Customer {i}", "city": "Bergen", "last_modified": stamp}
        for i in range(count)
    ]
    with world.erp_engine.begin() as conn:
        conn.execute(insert(world.erp), rows)


def synchronize(world: World, progress: Callable[[Progress], None] | None = None) -> JobResult:
    (result,) = world.service.synchronize(["CUSTOMER"], progress=progress)
    return result


def after_batches(batches: int, act: Callable[[], None]) -> Callable[[Progress], None]:
    """A progress callback that acts once, when `batches` batches have been settled."""
    done = []

    def progress(p: Progress) -> None:
        if not done and p.done >= batches * BATCH:
            done.append(p)
            act()

    return progress


def assert_stopped_by_a_passing_fault(result: JobResult, summary: str) -> None:
    assert result.status is JobStatus.FAILED and result.transient, result
    assert result.message == f"{summary}. {TAIL}"
    assert "\n" not in result.message


def assert_every_record_once(world: World, count: int = RECORDS) -> None:
    """Each ERP customer has exactly one CRM account and one coupling, and nothing else is
    anywhere: no duplicate on either side, no pending or skipped coupling, no open error."""
    erp, crm = world.erp_rows(), world.crm_rows()
    assert len(erp) == count, "nothing came back from the CRM as a new ERP record"
    names = Counter(row["name"] for row in crm.values())
    assert len(crm) == count and max(names.values()) == 1, names.most_common(3)
    assert set(names) == {row["name"] for row in erp.values()}
    couplings = world.couplings()
    assert len(couplings) == count
    assert {c["erp_key"] for c in couplings} == set(erp)
    assert {c["crm_key"] for c in couplings} == set(crm)
    assert not any(c["pending"] or c["skipped"] or c["retry"] for c in couplings)
    for c in couplings:
        assert crm[c["crm_key"]]["name"] == erp[c["erp_key"]]["name"]
    assert world.open_errors() == []


def crm_count(world: World) -> int:
    with world.crm_engine.connect() as conn:
        return conn.scalar(select(func.count()).select_from(world.crm)) or 0


# -- (a) connections cut in the middle of a batch -------------------------------------------


def test_a_cut_mid_batch_stops_the_job_without_errors_and_the_next_run_finishes(
    make_world, proxy: FaultProxy
) -> None:
    world = make_world()
    customers(world)

    result = synchronize(world, after_batches(2, proxy.cut_at_next_commit))

    assert proxy.cuts == 1
    assert_stopped_by_a_passing_fault(result, "CRM cannot be reached: the connection was lost")
    assert result.counters.inserted == 2 * BATCH and result.counters.failed == 0
    assert world.all_errors() == [], "a lost connection is no record's error"
    assert crm_count(world) == 2 * BATCH, "the third batch was rolled back by the server"
    pending = [c for c in world.couplings() if c["pending"]]
    assert len(pending) == BATCH, "the cut batch stays announced for the next job"

    again = world.sync()
    assert again.counters.inserted == RECORDS - 2 * BATCH and again.counters.failed == 0
    assert_every_record_once(world)


# -- (b) the answer to COMMIT lost ----------------------------------------------------------


@pytest.mark.parametrize("crm_identity", [False, True], ids=["engine-keys", "identity-keys"])
def test_lost_commit_answers_make_no_duplicates(
    make_world, proxy: FaultProxy, crm_identity: bool
) -> None:
    world = make_world(crm_identity=crm_identity)
    customers(world)

    for lost in range(1, 5):
        proxy.lose_next_commit()
        result = synchronize(world)
        assert proxy.commits_lost == lost
        assert_stopped_by_a_passing_fault(result, "CRM cannot be reached: the connection was lost")
        assert world.all_errors() == []
        # The server committed every batch whose answer was lost: nothing is missing, and the
        # next job settles what this one announced instead of inserting it again.
        assert crm_count(world) == lost * BATCH

    final = world.sync()
    assert final.counters.inserted == RECORDS - 4 * BATCH
    assert_every_record_once(world)
    log = world.all_log()
    completed = [e for e in log if "interrupted; completed now" in (e["message"] or "")]
    assert len(completed) == 4 * BATCH, "each recovered insert is logged once"
    assert world.sync().counters.as_dict() == dict.fromkeys(final.counters.as_dict(), 0)


# -- (c) a silent network --------------------------------------------------------------------


def test_a_silent_crm_fails_in_bounded_time_with_a_message_naming_it(
    make_world, proxy: FaultProxy
) -> None:
    world = make_world()
    customers(world)
    silent_at: list[float] = []

    def go_silent() -> None:
        proxy.blackhole()
        silent_at.append(time.monotonic())

    result = synchronize(world, after_batches(1, go_silent))
    took = time.monotonic() - silent_at[0]

    assert took < 3 + 2 + 3, "statement_timeout, the 2 s grace, and a little"
    assert_stopped_by_a_passing_fault(result, "No answer from CRM within 5 s")
    assert world.all_errors() == [] and crm_count(world) == BATCH

    proxy.pass_through()
    world.sync()
    assert_every_record_once(world)


# -- (d) an outage and the job queue ----------------------------------------------------------


def test_the_queue_backs_off_during_an_outage_and_never_stops(
    make_world, proxy: FaultProxy
) -> None:
    world = make_world()
    customers(world)
    queue = world.service.queue
    queue.ensure_entries()  # every 30 minutes, due now
    proxy.outage()
    lines: list[str] = []
    worker = Worker(world.service, echo=lines.append)

    waits = []
    for _ in range(3):
        (run,) = worker.run_once()
        entry = run.entry
        assert entry.status is QueueStatus.READY, "never error: it runs again by itself"
        assert entry.last_result.startswith("waiting for CRM: connection refused; next try at ")
        assert run.job is not None and run.job.transient and run.had_problems
        waits.append(round((entry.next_run - utcnow()).total_seconds() / 60))
        assert worker.run_once() == [], "not due again before its back-off"
        time_passes(world, entry.id)
    assert waits == [1, 2, 4], "1, 2, 4 … minutes, at most the interval"
    assert len(lines) == 3
    assert all(": failed — waiting for CRM: connection refused; next try at " in x for x in lines)
    assert not any("next run" in x for x in lines), lines
    assert world.all_errors() == [] and crm_count(world) == 0

    proxy.pass_through()
    (run,) = worker.run_once()
    assert run.job is not None and run.job.status is JobStatus.FINISHED
    assert run.entry.status is QueueStatus.READY
    assert run.entry.last_result == f"{RECORDS} inserted"
    assert run.entry.next_run - utcnow() > timedelta(minutes=29), "back to its interval"
    assert_every_record_once(world)
    with world.service.store.session() as session:
        statuses = list(session.scalars(select(Job.status).order_by(Job.id)))
    assert statuses == ["failed", "failed", "failed", "finished"]


def time_passes(world: World, entry_id: int) -> None:
    """The entry's back-off has passed: it is due now."""
    with world.service.store.session() as session:
        session.execute(
            update(QueueEntry).where(QueueEntry.id == entry_id).values(next_run=utcnow())
        )


def test_a_configuration_error_still_puts_the_entry_in_error(make_world) -> None:
    world = make_world()
    world.crm.drop(world.crm_engine)
    queue = world.service.queue
    queue.ensure_entries()
    run = queue.run_due_once()
    assert run is not None and run.entry.status is QueueStatus.ERROR
    assert run.job is not None and not run.job.transient
    assert "has no table 'account'" in run.entry.last_result


# -- (e) errors filed by an earlier, transient fault -------------------------------------------


def test_errors_of_an_earlier_passing_fault_are_retried_by_the_next_job(make_world) -> None:
    world = make_world()
    customers(world, 3)
    world.sync()
    world.erp_insert("C0100", "Outage AS", city="Oslo")
    world.erp_insert("C0101", "Rejected AS", city="Oslo")
    erp = world.erp_rows()
    with world.service.store.session() as session:
        ids = {}
        for no, transient in (("C0100", True), ("C0101", False)):
            ids[no] = session.scalar(
                insert(Coupling)
                .values(
                    mapping="CUSTOMER",
                    erp_key=no,
                    erp_seen=normalize_modified(erp[no]["last_modified"]),
                    skipped=True,
                    retry=False,
                )
                .returning(Coupling.id)
            )
            session.execute(
                insert(SyncError).values(
                    mapping="CUSTOMER",
                    coupling_id=ids[no],
                    erp_key=no,
                    kind="failed",
                    message="server closed the connection unexpectedly"
                    if transient
                    else "value too long",
                    failed_at=utcnow() - timedelta(hours=1),
                    crm_exists=False,
                    transient=transient,
                )
            )

    result = world.sync()

    assert "1 record(s) that had failed on a passing fault" in result.message
    assert result.counters.inserted == 1
    account = world.crm_rows()[world.crm_key_of("C0100")]
    assert account["name"] == "Outage AS" and account["city"] == "Oslo"
    errors = {e["erp_key"]: e for e in world.all_errors()}
    retried = errors["C0100"]
    assert (retried["resolution"], retried["resolved_by"]) == ("retried", "tester")
    assert errors["C0101"]["resolved_at"] is None, "a record's own error waits for a person"
    (skipped,) = [c for c in world.couplings() if c["skipped"]]
    assert skipped["erp_key"] == "C0101"
    log = [(e.outcome, e.job_id) for e in world.log(Side.ERP, "C0100")]
    assert ("retried", result.id) in log and ("inserted", result.id) in log


# -- (f) the command line -----------------------------------------------------------------------


def test_sync_against_an_unreachable_crm_prints_one_line_and_no_traceback(
    make_world, proxy: FaultProxy
) -> None:
    world = make_world()
    customers(world, 5)
    proxy.refuse()
    done = subprocess.run(
        [sys.executable, "-m", "desktop_sync", "--config", str(world.config_path), "sync"],
        capture_output=True,
        text=True,
        timeout=60,
        env=os.environ | {"QT_QPA_PLATFORM": "offscreen"},
        check=False,
    )
    assert done.returncode == 1
    (line,) = done.stdout.splitlines()
    assert (
        "CUSTOMER: failed" in line and f"CRM cannot be reached: connection refused. {TAIL}" in line
    )
    assert "Traceback" not in done.stderr and done.stderr.strip() == ""

    verbose = subprocess.run(
        [sys.executable, "-m", "desktop_sync", "-v", "--config", str(world.config_path), "sync"],
        capture_output=True,
        text=True,
        timeout=60,
        env=os.environ | {"QT_QPA_PLATFORM": "offscreen"},
        check=False,
    )
    assert verbose.returncode == 1 and "Traceback" in verbose.stderr, "-v logs keep it"
    assert world.all_errors() == [] and crm_count(world) == 0


def test_a_persons_action_cut_short_by_a_fault_says_so_in_one_line(
    make_world, proxy: FaultProxy
) -> None:
    world = make_world()
    world.erp_insert("C1", "Fjord AS", city="Bergen")
    world.crm_insert("Fjord AS", accountid="a-1", city="Oslo")
    proxy.lose_next_commit()
    done = subprocess.run(
        [sys.executable, "-m", "desktop_sync", "--config", str(world.config_path)]
        + ["couple", "CUSTOMER", "C1", "a-1", "--sync-from", "erp"],
        capture_output=True,
        text=True,
        timeout=60,
        env=os.environ | {"QT_QPA_PLATFORM": "offscreen"},
        check=False,
    )
    assert proxy.commits_lost == 1
    assert done.returncode == 1 and done.stdout == ""
    (line,) = done.stderr.splitlines()
    assert line == (
        "Error: CRM cannot be reached: the connection was lost. "
        "Nothing was lost; try again when it answers."
    )
    assert world.crm_rows()["a-1"]["city"] == "Bergen", "the server had committed"
    (coupling,) = world.couplings()
    assert (coupling["erp_key"], coupling["crm_key"]) == ("C1", "a-1")
    world.sync()
    assert world.open_errors() == [] and world.crm_rows()["a-1"]["city"] == "Bergen"
