"""The job queue shared by several runners on one PostgreSQL store (claims with FOR UPDATE SKIP
LOCKED): real worker processes run every entry exactly once and never one mapping twice at a
time, a worker killed with SIGKILL in the middle of a job is recovered from by the next one, and
concurrent claimers never get the same entry.

Store and both apps live in one fresh PostgreSQL database (the apps' tables have their own
names), so that several processes can write the apps at once.
"""

from __future__ import annotations

import signal
import subprocess
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, func, insert, select
from sqlalchemy.engine import URL

from desktop_sync.domain import QueueStatus
from desktop_sync.services import Service
from desktop_sync.store.models import Coupling, Job, QueueEntry, utcnow
from tests.test_queue import claim_race, create_tables, mapping_block, wait_for, worker_command

pytestmark = pytest.mark.postgres


@dataclass
class Setup:
    config: Path
    url: URL
    engine: Engine
    tables: dict[str, tuple]  # mapping name -> (ERP table, CRM table)

    def service(self) -> Service:
        return Service.open(self.config)

    def crm_names(self, mapping: str) -> list[str]:
        with self.engine.connect() as conn:
            return sorted(conn.execute(select(self.tables[mapping][1].c.name)).scalars())


def build(folder: Path, url: URL, mappings: int, records: int, batch_size: int) -> Setup:
    """`mappings` mappings M0… over tables of their own, each with `records` new ERP records."""
    plain = url.render_as_string(hide_password=False)
    engine = create_engine(url)
    tables = {}
    blocks = []
    for i in range(mappings):
        name = f"M{i}"
        tables[name] = erp, _ = create_tables(engine, engine, f"m{i}")
        blocks.append(mapping_block(name, f"m{i}"))
        with engine.begin() as conn:
            conn.execute(
                insert(erp),
                [
                    {
                        "no": f"{name}-{n:03d}",
                        "name": f"{name} customer {n}",
                        "last_modified": utcnow(),
                    }
                    for n in range(records)
                ],
            )
    config = folder / "desktop-sync.toml"
    config.write_text(
        f'[settings]\nuser = "tester"\nbatch_size = {batch_size}\n\n[store]\nurl = "{plain}"\n\n'
        f'[erp]\nname = "ERP"\nurl = "{plain}"\n\n[crm]\nname = "CRM"\nurl = "{plain}"\n'
        + "".join(blocks),
        encoding="utf-8",
    )
    return Setup(config, url, engine, tables)


def queue_jobs(service: Service) -> list[Job]:
    with service.store.session() as session:
        return list(session.scalars(select(Job).order_by(Job.id)))


def overlap(a: Job, b: Job) -> bool:
    return a.started < b.finished and b.started < a.finished  # type: ignore[operator]


def test_several_workers_run_every_entry_exactly_once_and_never_a_mapping_twice_at_once(
    tmp_path: Path, postgres_db: URL
) -> None:
    setup = build(tmp_path, postgres_db, mappings=6, records=6, batch_size=2)
    setup.service().close()  # the schema, once: processes creating it at once collide in Alembic
    workers = [
        subprocess.Popen(
            worker_command(setup.config, "--once", slow=0.15),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    outputs = [w.communicate(timeout=90) for w in workers]
    for worker, (_out, err) in zip(workers, outputs, strict=True):
        assert worker.returncode == 0, err
    lines = [line for out, _ in outputs for line in out.splitlines()]
    assert len(lines) == 6 and all(": finished — 6 inserted;" in line for line in lines), lines

    service = setup.service()
    try:
        jobs = queue_jobs(service)
        assert sorted(j.mapping for j in jobs) == [f"M{i}" for i in range(6)], (
            "every entry ran exactly once"
        )
        assert all(
            (j.origin, j.status, j.user, j.inserted) == ("queue", "finished", "tester", 6)
            for j in jobs
        )
        for a, b in combinations(jobs, 2):
            if a.mapping == b.mapping:
                assert not overlap(a, b), f"{a.mapping} ran twice at once"
        runners = {j.runner for j in jobs}
        assert len(runners) >= 2, "the workers shared the queue"
        assert any(overlap(a, b) for a, b in combinations(jobs, 2) if a.runner != b.runner), (
            "…at the same time"
        )
        entries = {e.mapping: e for e in service.queue.entries()}
        assert len(entries) == 6, "workers starting together created one entry per mapping"
        for job in jobs:
            entry = entries[job.mapping]
            assert (
                entry.last_job_id == job.id
                and entry.status is QueueStatus.READY
                and entry.claimed_by is None
            )
            assert entry.last_result == "6 inserted" and entry.next_run > utcnow()
            assert setup.crm_names(job.mapping) == sorted(
                f"{job.mapping} customer {n}" for n in range(6)
            )
    finally:
        service.close()
        setup.engine.dispose()


def test_a_worker_killed_mid_job_is_recovered_by_the_next_worker(
    tmp_path: Path, postgres_db: URL
) -> None:
    setup = build(tmp_path, postgres_db, mappings=1, records=30, batch_size=2)
    doomed = subprocess.Popen(
        worker_command(setup.config, "--once", slow=0.2),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    service = setup.service()
    try:
        wait_for(lambda: len(setup.crm_names("M0")) >= 4, what="the doomed worker's first batches")
        doomed.send_signal(signal.SIGKILL)
        doomed.wait(10)  # reaped: its process id no longer exists
        (dead_job,) = queue_jobs(service)
        entry = service.queue.entry_for("M0")
        assert (
            entry is not None
            and entry.status is QueueStatus.IN_PROCESS
            and dead_job.status == "running"
        )
        assert entry.claimed_by == dead_job.runner and str(doomed.pid) in dead_job.runner
        kept = len(setup.crm_names("M0"))
        assert kept < 30

        rescuer = subprocess.run(
            worker_command(setup.config, "--once"),
            check=False,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert rescuer.returncode == 0, rescuer.stderr
        dead, again = queue_jobs(service)
        assert dead.id == dead_job.id and dead.status == "interrupted" and dead.finished is not None
        assert "runner stopped without finishing" in dead.message
        assert (
            again.status == "finished"
            and again.runner != dead.runner
            and f"job {again.id} M0: finished" in rescuer.stdout
        )
        entry = service.queue.entry_for("M0")
        assert (
            entry is not None
            and entry.status is QueueStatus.READY
            and entry.last_job_id == again.id
        )
        assert entry.claimed_by is None
        assert setup.crm_names("M0") == sorted(f"M0 customer {n}" for n in range(30)), (
            "every record once"
        )
        with service.store.session() as session:
            couplings = session.scalars(select(Coupling).where(Coupling.mapping == "M0")).all()
            assert len(couplings) == 30 and all(c.pending is None and c.crm_key for c in couplings)
            assert session.scalar(select(func.count()).select_from(QueueEntry)) == 1
    finally:
        if doomed.poll() is None:
            doomed.kill()
            doomed.wait()
        service.close()
        setup.engine.dispose()


def test_concurrent_claimers_on_postgres_never_get_the_same_entry(postgres_db: URL) -> None:
    results = claim_race(postgres_db.render_as_string(hide_password=False), processes=4, entries=60)
    claimed = [entry_id for won in results.values() for entry_id in won]
    assert len(claimed) == len(set(claimed)) == 60, "each entry claimed once, none twice"
    assert sum(1 for won in results.values() if won) >= 2, "the claimers really competed"
