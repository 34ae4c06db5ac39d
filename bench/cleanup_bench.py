"""Cleanup of a million rows older than keep_days, in batches.

    python bench/cleanup_bench.py [--rows 1000000]

Fills a store with `--rows` old rows (resolved errors, log lines, journal entries and jobs from
500 days ago, a quarter, 45 %, a quarter and 5 %) and some recent ones, then runs
`Service.cleanup()`. Prints the time, the rows per second, the number of transactions and the
longest single one (what a window sharing the store may wait at most), beside a baseline
measured in the same run on a copy of the store: one plain `DELETE … WHERE` per table, each in
a single transaction (as fast as it gets, and the window waits for each whole).
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy.engine import make_url

from desktop_sync.mapping_toml import config_toml, field, mapping
from desktop_sync.services import Service
from desktop_sync.store import Store
from desktop_sync.store.models import utcnow


def stamp(seconds: float) -> str:
    return time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(seconds)) + ".000000"


def fill(folder: Path, rows: int) -> Path:
    tables = [mapping("CUSTOMER", ("t", "t"), ("k", "k"), [field("v", "v")], modified=("m", "m"))]
    (folder / "desktop-sync.toml").write_text(
        config_toml("sqlite:///state.db", "sqlite:///erp.db", "sqlite:///crm.db", tables)
    )
    for name in ("erp.db", "crm.db"):
        sqlite3.connect(folder / name).execute(
            "CREATE TABLE t (k TEXT PRIMARY KEY, m TEXT, v TEXT)"
        ).connection.close()
    Store.open(make_url(f"sqlite:///{folder / 'state.db'}")).dispose()
    db = sqlite3.connect(folder / "state.db")
    now = utcnow().timestamp()
    for age, count in ((500 * 86400, rows), (86400, 40_000)):
        jobs, errors, journal = count // 20, count // 4, count // 4
        log = count - jobs - errors - journal
        at = lambda i, age=age: stamp(now - age + i)  # noqa: E731 - older rows first
        db.executemany(
            "INSERT INTO sync_job (mapping, scope, origin, user, runner, started, finished, "
            "status, inserted, modified, deleted, unchanged, skipped, failed, coupled, "
            "uncoupled, message) VALUES ('CUSTOMER', 'table', 'queue', 'bench', '', ?, ?, "
            "'finished', 1, 0, 0, 0, 0, 0, 0, 0, '')",
            ((at(i), at(i + 1)) for i in range(jobs)),
        )
        db.executemany(
            "INSERT INTO sync_error (mapping, erp_key, crm_key, kind, message, detail, "
            "failed_at, erp_exists, crm_exists, version, transient, fail_count, resolved_at, "
            "resolved_by, resolution) VALUES ('CUSTOMER', ?, ?, 'failed', 'value too long', '', "
            "?, 1, 1, 1, 0, 1, ?, 'bench', 'retry')",
            ((f"C{i}", f"A{i}", at(i), at(i + 60)) for i in range(errors)),
        )
        db.executemany(
            "INSERT INTO sync_log (mapping, erp_key, crm_key, at, direction, outcome, message, "
            "user) VALUES ('CUSTOMER', ?, ?, ?, 'to_crm', 'modified', '', 'bench')",
            ((f"C{i}", f"A{i}", at(i)) for i in range(log)),
        )
        db.executemany(
            "INSERT INTO journal (at, mapping, erp_key, crm_key, side, kind, before, after, user, "
            "action) VALUES (?, 'CUSTOMER', ?, ?, 'crm', 'update', '{\"v\":\"a\"}', "
            "'{\"v\":\"b\"}', 'bench', 'sync')",
            ((at(i), f"C{i}", f"A{i}") for i in range(journal)),
        )
    db.commit()
    db.close()
    return folder / "desktop-sync.toml"


def baseline(state: Path) -> float:
    db = sqlite3.connect(state)
    cutoff = stamp(utcnow().timestamp() - 400 * 86400)
    began = time.perf_counter()
    for statement in (
        "DELETE FROM sync_error WHERE resolved_at < ?",
        "DELETE FROM sync_log WHERE at < ?",
        "DELETE FROM journal WHERE at < ?",
        "DELETE FROM sync_job WHERE started < ? AND status != 'running'",
    ):
        db.execute(statement, (cutoff,))
        db.commit()
    seconds = time.perf_counter() - began
    db.close()
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        config = fill(folder, args.rows)
        (folder / "copy").mkdir()
        shutil.copy(folder / "state.db", folder / "copy" / "state.db")
        raw = baseline(folder / "copy" / "state.db")
        service = Service.open(config, user="bench")
        began = time.perf_counter()
        done = service.cleanup()
        seconds = time.perf_counter() - began
        left = service.cleanup(dry_run=True).total
        service.close()
    assert done.total == args.rows and left == 0, (done.rows, left)
    print(f"old rows                        {args.rows:>12,}")
    print(f"baseline: one DELETE per table  {raw:>10.3f} s   (each a single transaction)")
    print(
        f"cleanup in batches              {seconds:>10.3f} s   {seconds / raw:>6.1f}× baseline  "
        f"({args.rows / seconds:,.0f} rows/s)"
    )
    print(
        f"transactions                    {done.transactions:>12,}   "
        f"longest {done.longest:.3f} s   (aim: short enough for a window to go on)"
    )


if __name__ == "__main__":
    main()
