"""The job queue on an SQLite store: entries, a person's actions on them, back-off, running due
entries, failures, dead runners, and the `desktop-sync worker` command (in process and as a real
process stopped with SIGTERM). Every test looks at what the store and the apps hold afterwards.
"""

from __future__ import annotations

import multiprocessing
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from sqlalchemy import MetaData, insert, select, update
from sqlalchemy.engine import make_url

from desktop_sync.cli import cli
from desktop_sync.demo import create_demo
from desktop_sync.domain import JobStatus, QueueStatus
from desktop_sync.services import Service
from desktop_sync.services.queue_rows import QueueEntryRow, QueueError
from desktop_sync.store import Store, lease
from desktop_sync.store import queue as store_queue
from desktop_sync.store.models import Job, LogEntry, QueueEntry, utcnow
from tests.helpers import World, crm_table, erp_table

# -- helpers, also used by test_queue_postgres ------------------------------------------------


def mapping_block(name: str, suffix: str) -> str:
    """A configuration block for a mapping over the tables
    `customer_<suffix>`/`account_<suffix>`."""
    fields = "".join(
        f'\n  [[mapping.field]]\n  erp = "{c}"\n  crm = "{c}"\n' for c in ("name", "city", "email")
    )
    return f"""
[[mapping]]
name = "{name}"
erp_table = "customer_{suffix}"
crm_table = "account_{suffix}"
erp_key = "no"
crm_key = "accountid"
erp_modified = "last_modified"
crm_modified = "modifiedon"
direction = "bidirectional"
{fields}"""


def create_tables(erp_engine: Any, crm_engine: Any, suffix: str) -> tuple[Any, Any]:
    """The helpers' customer and account tables under the names `mapping_block` uses."""
    erp_md, crm_md = MetaData(), MetaData()
    erp = erp_table(MetaData()).to_metadata(erp_md, name=f"customer_{suffix}")
    crm = crm_table(MetaData()).to_metadata(crm_md, name=f"account_{suffix}")
    erp_md.create_all(erp_engine)
    crm_md.create_all(crm_engine)
    return erp, crm


def slow_worker_code(delay: float) -> str:
    """`python -c` code running the command line with every batch `delay` seconds slower, so
    that a test can stop or kill a worker while its job runs."""
    return (
        "import time\n"
        "import desktop_sync.engine.changes as changes\n"
        "apply = changes.apply_plans\n"
        "def slow(*args, **kwargs):\n"
        f"    time.sleep({delay})\n"
        "    return apply(*args, **kwargs)\n"
        "changes.apply_plans = slow\n"
        "from desktop_sync.cli import main\n"
        "main()\n"
    )


def worker_command(config: Path, *args: str, slow: float | None = None) -> list[str]:
    head = (
        [sys.executable, "-c", slow_worker_code(slow)]
        if slow
        else [sys.executable, "-m", "desktop_sync"]
    )
    return [*head, "--config", str(config), "worker", *args]


def wait_for(condition: Callable[[], Any], timeout: float = 20.0, what: str = "condition") -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def jobs(service: Service) -> list[Job]:
    with service.store.session() as session:
        return list(session.scalars(select(Job).order_by(Job.id)))


def set_entry(service: Service, mapping: str, **values: Any) -> None:
    with service.store.session() as session:
        session.execute(update(QueueEntry).where(QueueEntry.mapping == mapping).values(**values))


def entry(service: Service, mapping: str) -> QueueEntryRow:
    found = service.queue.entry_for(mapping)
    assert found is not None
    return found


def close_to(a: datetime, b: datetime, seconds: float = 5.0) -> bool:
    return abs((a - b).total_seconds()) <= seconds


# -- fixtures -----------------------------------------------------------------------------------


@pytest.fixture
def qworld(tmp_path: Path) -> Iterator[World]:
    """The scenario world (mapping CUSTOMER) plus a second mapping EXTRA on tables of its own."""
    world = World(tmp_path, batch_size=1000)
    add_extra_mapping(world)
    yield world
    world.close()


def add_extra_mapping(world: World) -> None:
    world.extra_erp, world.extra_crm = create_tables(world.erp_engine, world.crm_engine, "extra")  # type: ignore[attr-defined]
    with world.config_path.open("a", encoding="utf-8") as f:
        f.write(mapping_block("EXTRA", "extra"))


def reconfigure(world: World, **options: Any) -> None:
    """A new configuration (with EXTRA again); the world's service reopens with it."""
    world.configure(**options)
    with world.config_path.open("a", encoding="utf-8") as f:
        f.write(mapping_block("EXTRA", "extra"))


def reopen(world: World) -> Service:
    """The world's service opened again, after its configuration file was edited by hand."""
    if world._service is not None:
        world._service.close()
        world._service = None
    return world.service


def extra_insert(world: World, no: str, name: str) -> None:
    with world.erp_engine.begin() as conn:
        conn.execute(insert(world.extra_erp).values(no=no, name=name, last_modified=utcnow()))  # type: ignore[attr-defined]


# -- entries ------------------------------------------------------------------------------------


def test_ensure_entries_creates_one_due_entry_per_mapping_once(qworld: World) -> None:
    queue = qworld.service.queue
    before = utcnow()
    created = queue.ensure_entries()
    assert [e.mapping for e in created] == ["CUSTOMER", "EXTRA"]
    assert queue.ensure_entries() == [], "a mapping that has an entry gets no second one"
    entries = queue.entries()
    assert [e.mapping for e in entries] == ["CUSTOMER", "EXTRA"]
    for e in entries:
        assert e.status is QueueStatus.READY and e.configured
        assert (e.interval_minutes, e.max_backoff_minutes, e.idle_runs) == (30, 240, 0)
        assert before <= e.next_run <= utcnow(), "a new entry is due at once"
        assert e.last_run is None and e.last_job_id is None and e.claimed_by is None
    with qworld.service.store.session() as session:
        assert session.scalars(select(QueueEntry.mapping).order_by(QueueEntry.id)).all() == [
            "CUSTOMER",
            "EXTRA",
        ]


def test_an_entry_of_a_mapping_no_longer_configured_is_listed_but_never_claimed(
    qworld: World,
) -> None:
    qworld.service.queue.ensure_entries()
    qworld.configure()  # the configuration without EXTRA
    queue = qworld.service.queue
    assert [(e.mapping, e.configured) for e in queue.entries()] == [
        ("CUSTOMER", True),
        ("EXTRA", False),
    ]
    assert queue.claim_due().mapping == "CUSTOMER"  # type: ignore[union-attr]
    assert queue.claim_due() is None


def test_demo_gets_one_queue_entry_per_mapping(tmp_path: Path) -> None:
    paths = create_demo(tmp_path / "demo", records=5)
    service = Service.open(paths.config)
    try:
        names = [m.name for m in service.config.mappings]
        assert [e.mapping for e in service.queue.entries()] == names
        assert all(e.status is QueueStatus.READY for e in service.queue.entries())
    finally:
        service.close()


# -- a person's actions ---------------------------------------------------------------------------


def test_on_hold_ready_and_run_now_decide_what_is_claimed(qworld: World) -> None:
    queue = qworld.service.queue
    queue.ensure_entries()
    customer, extra = entry(qworld.service, "CUSTOMER"), entry(qworld.service, "EXTRA")

    held = queue.set_on_hold(customer.id)
    assert held.status is QueueStatus.ON_HOLD and held.version == customer.version + 1
    claimed = queue.claim_due()
    assert claimed is not None and claimed.mapping == "EXTRA", "an entry on hold is not run"
    assert queue.claim_due() is None
    queue.run_claimed(claimed)

    ready = queue.set_ready(customer.id)
    assert ready.status is QueueStatus.READY and ready.next_run == customer.next_run, (
        "due as before"
    )
    assert queue.claim_due().mapping == "CUSTOMER"  # type: ignore[union-attr]

    # EXTRA ran and waits now; run now makes it due at once, also from on hold
    assert entry(qworld.service, "EXTRA").next_run > utcnow() + timedelta(minutes=20)
    queue.set_on_hold(extra.id)
    now = queue.run_now(extra.id)
    assert now.status is QueueStatus.READY and now.next_run <= utcnow()
    assert queue.claim_due().mapping == "EXTRA"  # type: ignore[union-attr]

    with qworld.service.store.session() as session:
        lines = session.execute(
            select(LogEntry.mapping, LogEntry.outcome, LogEntry.user, LogEntry.message)
            .where(LogEntry.erp_key.is_(None))
            .order_by(LogEntry.id)
        ).all()
    assert [(m, o, u) for m, o, u, _ in lines] == [
        ("CUSTOMER", "queue:on_hold", "tester"),
        ("CUSTOMER", "queue:ready", "tester"),
        ("EXTRA", "queue:on_hold", "tester"),
        ("EXTRA", "queue:run_now", "tester"),
    ]
    assert [h.outcome for h in queue.history(extra.id)] == ["queue:run_now", "queue:on_hold"], (
        "newest first"
    )


def test_run_now_refuses_an_entry_that_is_running(qworld: World) -> None:
    queue = qworld.service.queue
    queue.ensure_entries()
    claimed = queue.claim_due()
    assert claimed is not None
    with pytest.raises(QueueError, match=f"{claimed.mapping} is being run by {queue.runner}"):
        queue.run_now(claimed.id)


@pytest.mark.parametrize(
    ("minutes", "backoff", "message"),
    [
        (0, None, "whole number of minutes from 1 to 10080 (a week); got 0"),
        (-5, None, "got -5"),
        ("abc", None, "got 'abc'"),
        (1.5, None, "got 1.5"),
        (True, None, "got True"),
        (10081, None, "got 10081"),
        (None, None, "got None"),
        (60, 30, "longest back-off (30 minutes) cannot be shorter than the interval (60 minutes)"),
        (60, 0, "The longest back-off must be a whole number of minutes"),
    ],
)
def test_interval_change_is_validated_with_a_clear_message(
    qworld: World, minutes: Any, backoff: Any, message: str
) -> None:
    queue = qworld.service.queue
    queue.ensure_entries()
    before = entry(qworld.service, "CUSTOMER")
    with pytest.raises(QueueError) as caught:
        queue.set_interval(before.id, minutes, backoff)
    assert message in str(caught.value)
    assert entry(qworld.service, "CUSTOMER") == before, "nothing changed"


def test_interval_change_moves_the_next_run_and_restarts_the_back_off(qworld: World) -> None:
    queue = qworld.service.queue
    queue.ensure_entries()
    customer = entry(qworld.service, "CUSTOMER")
    last = utcnow() - timedelta(minutes=7)
    set_entry(
        qworld.service,
        "CUSTOMER",
        last_run=last,
        idle_runs=3,
        next_run=last + timedelta(minutes=240),
    )

    changed = queue.set_interval(customer.id, "15")
    assert (changed.interval_minutes, changed.max_backoff_minutes, changed.idle_runs) == (
        15,
        240,
        0,
    )
    assert changed.next_run == last + timedelta(minutes=15), "a shorter interval takes effect now"

    changed = queue.set_interval(customer.id, 300)
    assert (changed.interval_minutes, changed.max_backoff_minutes) == (300, 300), (
        "the cap follows a longer interval"
    )
    changed = queue.set_interval(customer.id, 5, 20)
    assert (changed.interval_minutes, changed.max_backoff_minutes) == (5, 20)
    assert changed.next_run == last + timedelta(minutes=5) and changed.next_run <= utcnow()
    assert queue.history(customer.id)[0].message == (
        "Job queue entry: interval set to 5 minutes, back-off up to 20 minutes"
    )


def test_actions_on_an_entry_that_does_not_exist(qworld: World) -> None:
    with pytest.raises(QueueError, match="Job queue entry 99 does not exist"):
        qworld.service.queue.set_on_hold(99)


# -- running ---------------------------------------------------------------------------------------


def test_run_due_once_runs_due_entries_only_and_records_the_outcome(qworld: World) -> None:
    service, queue = qworld.service, qworld.service.queue
    queue.ensure_entries()
    later = utcnow() + timedelta(minutes=10)
    set_entry(service, "EXTRA", next_run=later)
    qworld.erp_insert("C1", "Fjord AS", city="Bergen")
    extra_insert(qworld, "X1", "Not yet AS")

    run = queue.run_due_once()
    assert run is not None and run.job is not None and not run.had_problems
    assert queue.run_due_once() is None, "EXTRA is not due yet"

    (job,) = jobs(service)
    assert (job.mapping, job.origin, job.user, job.runner, job.status) == (
        "CUSTOMER",
        "queue",
        "tester",
        queue.runner,
        "finished",
    )
    assert job.runner == service.engine.runner
    assert [r["name"] for r in qworld.crm_rows().values()] == ["Fjord AS"]
    customer = entry(service, "CUSTOMER")
    assert (
        customer.status is QueueStatus.READY
        and customer.claimed_by is None
        and customer.claimed_at is None
    )
    assert customer.last_job_id == job.id and customer.last_run == run.entry.last_run
    assert (
        customer.last_run is not None
        and job.started - timedelta(seconds=1) <= customer.last_run <= job.started
    )
    assert customer.last_result == "1 inserted"
    assert close_to(customer.next_run, job.finished + timedelta(minutes=30))  # type: ignore[operator]
    extra = entry(service, "EXTRA")
    assert extra.last_run is None and extra.next_run == later and extra.status is QueueStatus.READY


def test_back_off_grows_with_idle_runs_and_resets_after_a_productive_run(qworld: World) -> None:
    service, queue = qworld.service, qworld.service.queue
    queue.ensure_entries()
    customer = entry(service, "CUSTOMER")
    queue.set_interval(customer.id, 10, 60)
    set_entry(service, "EXTRA", status="on_hold")

    def run() -> tuple[QueueEntryRow, Job]:
        queue.run_now(customer.id)
        done = queue.run_due_once()
        assert done is not None and done.job is not None
        return done.entry, jobs(service)[-1]

    waits = []
    for _ in range(4):
        after, job = run()
        assert after.last_result == "nothing to do"
        waits.append((after.idle_runs, after.next_run - job.finished))  # type: ignore[operator]
    assert [idle for idle, _ in waits] == [1, 2, 3, 4]
    expected = [20, 40, 60, 60]  # 10 × 2^idle, capped at 60
    for (_, wait), minutes in zip(waits, expected, strict=True):
        assert abs(wait - timedelta(minutes=minutes)) < timedelta(seconds=5), (wait, minutes)
    assert entry(service, "CUSTOMER").wait_minutes == 60

    qworld.erp_insert("C1", "Fjord AS")
    after, job = run()
    assert "1 inserted" in after.last_result and after.idle_runs == 0
    assert abs(after.next_run - job.finished - timedelta(minutes=10)) < timedelta(seconds=5)  # type: ignore[operator]


def test_a_failing_job_puts_the_entry_in_error_with_the_message(qworld: World) -> None:
    service = qworld.service
    service.queue.ensure_entries()
    set_entry(service, "EXTRA", status="on_hold")
    text = qworld.config_path.read_text(encoding="utf-8").replace('erp = "city"', 'erp = "town"', 1)
    qworld.config_path.write_text(text, encoding="utf-8")
    service = reopen(qworld)
    run = service.queue.run_due_once()
    assert run is not None and run.had_problems
    customer = entry(service, "CUSTOMER")
    assert customer.status is QueueStatus.ERROR
    assert (
        customer.last_result.startswith("failed: ")
        and "has no column 'town'" in customer.last_result
    )
    (job,) = jobs(service)
    assert job.status == "failed" and customer.last_job_id == job.id and "town" in job.message
    assert service.queue.run_due_once() is None, "an entry in error waits for a person"
    assert service.queue.set_ready(customer.id).status is QueueStatus.READY


def test_a_busy_mapping_is_given_back_and_tried_again_later(qworld: World) -> None:
    service, queue = qworld.service, qworld.service.queue
    queue.ensure_entries()
    set_entry(service, "EXTRA", status="on_hold")
    lease.acquire(service.store, "CUSTOMER", "someone-else")
    run = queue.run_due_once()
    assert run is not None and run.job is None and run.busy and not run.had_problems
    assert "CUSTOMER is being synchronized by someone-else" in run.note
    customer = entry(service, "CUSTOMER")
    assert (
        customer.status is QueueStatus.READY
        and customer.claimed_by is None
        and customer.last_run is None
    )
    assert close_to(customer.next_run, utcnow() + timedelta(minutes=1))
    assert jobs(service) == [], "no job was started"


def test_a_running_job_renews_its_claim_and_on_hold_set_meanwhile_stays(qworld: World) -> None:
    reconfigure(qworld, batch_size=2)
    service, queue = qworld.service, qworld.service.queue
    queue.renew_every = timedelta(0)
    queue.ensure_entries()
    set_entry(service, "EXTRA", status="on_hold")
    for i in range(8):
        qworld.erp_insert(f"C{i}", f"Customer {i}")
    claimed = queue.claim_due()
    assert claimed is not None and claimed.claimed_at is not None
    seen: list[datetime] = []

    def progress(_p: Any) -> None:
        now = entry(service, "CUSTOMER")
        seen.append(now.claimed_at)  # type: ignore[arg-type]
        if len(seen) == 2:
            queue.set_on_hold(claimed.id)

    run = queue.run_claimed(claimed, progress)
    assert run.job is not None and run.job.counters.inserted == 8
    assert len(seen) >= 4 and seen == sorted(seen) and seen[-1] > claimed.claimed_at, (
        "claimed_at moves on"
    )
    after = entry(service, "CUSTOMER")
    assert after.status is QueueStatus.ON_HOLD, "the person's on hold survives the end of the run"
    assert (
        after.last_job_id == run.job.id
        and after.last_result == "8 inserted"
        and after.claimed_by is None
    )


# -- dead runners ---------------------------------------------------------------------------------


def _dead_claim(service: Service, claimer: str, claimed_at: datetime) -> int:
    """An entry left in process by `claimer`, with the job it left running."""
    with service.store.session() as session:
        job = Job(
            mapping="CUSTOMER",
            origin="queue",
            user="tester",
            runner=claimer,
            status="running",
            started=claimed_at,
            heartbeat=claimed_at,
        )
        session.add(job)
        session.flush()
        session.execute(
            update(QueueEntry)
            .where(QueueEntry.mapping == "CUSTOMER")
            .values(
                status="in_process", claimed_by=claimer, claimed_at=claimed_at, next_run=claimed_at
            )
        )
        return job.id


def test_a_dead_claim_is_recovered_by_the_next_claim_and_its_job_interrupted(qworld: World) -> None:
    service, queue = qworld.service, qworld.service.queue
    queue.ensure_entries()
    set_entry(service, "EXTRA", status="on_hold")
    qworld.erp_insert("C1", "Fjord AS")
    dead_job = _dead_claim(service, "elsewhere:4242:abcdef", utcnow() - timedelta(minutes=6))

    run = queue.run_due_once()
    assert run is not None and run.job is not None and run.job.counters.inserted == 1, (
        "the entry runs again"
    )
    with service.store.session() as session:
        dead = session.get(Job, dead_job)
        assert (
            dead is not None
            and dead.status == JobStatus.INTERRUPTED.value
            and dead.finished is not None
        )
        assert "its runner stopped without finishing" in dead.message
    customer = entry(service, "CUSTOMER")
    assert customer.status is QueueStatus.READY and customer.last_job_id == run.job.id
    assert customer.claimed_by is None


def test_a_fresh_claim_of_another_computer_is_left_alone_until_it_expires(qworld: World) -> None:
    service, queue = qworld.service, qworld.service.queue
    queue.ensure_entries()
    set_entry(service, "EXTRA", status="on_hold")
    job_id = _dead_claim(service, "elsewhere:4242:abcdef", utcnow() - timedelta(seconds=30))
    assert queue.claim_due() is None
    assert entry(service, "CUSTOMER").claimed_by == "elsewhere:4242:abcdef"

    queue.claim_timeout = timedelta(seconds=10)  # configurable: 30 s unrenewed is now too long
    recovered = queue.claim_due()
    assert (
        recovered is not None
        and recovered.mapping == "CUSTOMER"
        and recovered.claimed_by == queue.runner
    )
    assert recovered.last_job_id == job_id and recovered.last_result.startswith(
        "interrupted: elsewhere:4242:abcdef"
    )
    assert [j.status for j in jobs(service)] == ["interrupted"]


def test_a_claim_of_a_process_of_this_computer_that_died_is_recovered_at_once(
    qworld: World,
) -> None:
    service, queue = qworld.service, qworld.service.queue
    queue.ensure_entries()
    set_entry(service, "EXTRA", status="on_hold")
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    claimer = f"{socket.gethostname()}:{child.pid}:abcdef"
    _dead_claim(service, claimer, utcnow())
    claimed = queue.claim_due()
    assert claimed is not None and claimed.mapping == "CUSTOMER"
    assert [j.status for j in jobs(service)] == ["interrupted"]


def _claim_all(url: str, names: list[str], runner: str, start: Any, out: Any) -> None:
    store = Store.open(make_url(url), upgrade=False)
    start.wait()
    won = []
    while (entry_id := store_queue.claim_due(store, runner, names, utcnow())) is not None:
        won.append(entry_id)
    out.put((runner, won))
    store.dispose()


def claim_race(store_url: str, processes: int, entries: int) -> dict[str, list[int]]:
    """`processes` forked claimers against `entries` due entries; what each one got."""
    store = Store.open(make_url(store_url))
    names = [f"M{i}" for i in range(entries)]
    store_queue.ensure_entries(store, names, utcnow() - timedelta(seconds=1))
    store.dispose()
    context = multiprocessing.get_context("fork")
    start, out = context.Barrier(processes), context.Queue()
    children = [
        context.Process(target=_claim_all, args=(store_url, names, f"r{i}", start, out))
        for i in range(processes)
    ]
    for child in children:
        child.start()
    results = dict(out.get(timeout=60) for _ in children)
    for child in children:
        child.join(30)
        assert child.exitcode == 0
    return results


def test_concurrent_claimers_on_sqlite_never_get_the_same_entry(tmp_path: Path) -> None:
    results = claim_race(f"sqlite:///{tmp_path / 'state.db'}", processes=4, entries=40)
    claimed = [entry_id for won in results.values() for entry_id in won]
    assert len(claimed) == len(set(claimed)) == 40


# -- the worker command ----------------------------------------------------------------------------


def test_worker_once_runs_the_due_entries(qworld: World) -> None:
    qworld.erp_insert("C1", "Fjord AS")
    extra_insert(qworld, "X1", "Extra AS")
    runner = CliRunner()
    result = runner.invoke(
        cli,
        ["--config", str(qworld.config_path), "worker", "--once"],
        obj={},
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    assert (
        "CUSTOMER: finished — 1 inserted" in lines[0] and "EXTRA: finished — 1 inserted" in lines[1]
    )
    service = qworld.service
    assert {j.mapping: (j.origin, j.status) for j in jobs(service)} == {
        "CUSTOMER": ("queue", "finished"),
        "EXTRA": ("queue", "finished"),
    }
    assert all(e.last_job_id and e.status is QueueStatus.READY for e in service.queue.entries())
    with qworld.crm_engine.connect() as conn:
        assert conn.execute(select(qworld.extra_crm.c.name)).scalars().all() == ["Extra AS"]  # type: ignore[attr-defined]

    again = runner.invoke(
        cli,
        ["--config", str(qworld.config_path), "worker", "--once"],
        obj={},
        catch_exceptions=False,
    )
    assert again.exit_code == 0 and again.stdout == "", "nothing is due any more"


def test_worker_once_exits_1_when_records_fail(qworld: World) -> None:
    qworld.erp_insert("C1", "Fjord AS", city="x" * 40)
    result = CliRunner().invoke(
        cli, ["--config", str(qworld.config_path), "worker", "--once"], obj={}
    )
    assert result.exit_code == 1 and "1 failed" in result.stdout


def test_worker_process_stops_on_sigterm_while_idle(qworld: World) -> None:
    qworld.service.queue.ensure_entries()
    worker = subprocess.Popen(
        worker_command(qworld.config_path, "--poll", "1"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert "runs the job queue of 2 mapping(s)" in worker.stderr.readline()  # type: ignore[union-attr]
        lines = [worker.stdout.readline() for _ in range(2)]  # type: ignore[union-attr]
        assert all(": finished — nothing to do" in line for line in lines), lines
        time.sleep(0.3)  # idle now, sleeping until the poll interval
        sent = time.monotonic()
        worker.send_signal(signal.SIGTERM)
        code = worker.wait(timeout=10)
        assert time.monotonic() - sent < 3, "stops promptly"
        assert code == 0
        assert "worker stopped" in worker.stderr.read()  # type: ignore[union-attr]
    finally:
        if worker.poll() is None:
            worker.kill()
            worker.wait()
    assert all(
        e.status is QueueStatus.READY and e.claimed_by is None
        for e in qworld.service.queue.entries()
    )


def test_worker_process_stops_after_the_current_batch_on_sigterm_and_keeps_what_was_done(
    qworld: World,
) -> None:
    reconfigure(qworld, batch_size=2)
    service = qworld.service
    service.queue.ensure_entries()
    set_entry(service, "EXTRA", status="on_hold")
    for i in range(20):
        qworld.erp_insert(f"C{i:02d}", f"Customer {i}")
    worker = subprocess.Popen(
        worker_command(qworld.config_path, "--poll", "30", slow=0.25),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        wait_for(lambda: len(qworld.crm_rows()) >= 2, what="the first batch")
        worker.send_signal(signal.SIGTERM)
        code = worker.wait(timeout=20)
        out = worker.stdout.read()  # type: ignore[union-attr]
    finally:
        if worker.poll() is None:
            worker.kill()
            worker.wait()
    assert code == 0, worker.stderr.read()  # type: ignore[union-attr]
    (job,) = jobs(service)
    assert job.status == "cancelled" and job.origin == "queue"
    kept = len(qworld.crm_rows())
    assert 2 <= kept < 20 and job.inserted == kept, (
        "what was committed stays, nothing more was done"
    )
    customer = entry(service, "CUSTOMER")
    assert (
        customer.status is QueueStatus.READY
        and customer.claimed_by is None
        and customer.next_run <= utcnow()
    )
    assert (
        customer.last_result.startswith(f"cancelled: {kept} inserted")
        and f"job {job.id} CUSTOMER: cancelled" in out
    )

    run = service.queue.run_due_once()
    assert run is not None and run.job is not None and run.job.counters.inserted == 20 - kept
    names = sorted(r["name"] for r in qworld.crm_rows().values())
    assert names == sorted(f"Customer {i}" for i in range(20)), "every record once, no duplicate"
