"""Synchronization speed, beside a raw sqlite3 copy of the same rows made in the same run.

    python bench/sync_bench.py [--records 100000] [--changed 0.01]

1. Baseline: read every customer row with sqlite3 and `executemany` it into an empty table.
2. Initial sync of the same customers into an empty CRM: records/second and its ratio to (1).
   Aim: at least 0.25.
3. Incremental sync after editing `--changed` of the customers, on the full table and on a
   table ten times smaller with the same number of edits: the two times should be close,
   since an incremental run reads only changed rows.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import sys
import tempfile
import time
import uuid
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from desktop_sync.mapping_toml import app, config_toml, field, mapping
from desktop_sync.services import Service
from desktop_sync.store.models import utcnow

ERP_SCHEMA = """
CREATE TABLE customer (no VARCHAR(40) PRIMARY KEY, name VARCHAR(100) NOT NULL, address VARCHAR(100),
  city VARCHAR(30), post_code VARCHAR(20), phone VARCHAR(30), email VARCHAR(80),
  credit_limit NUMERIC(12,2), last_modified DATETIME);
CREATE INDEX ix_customer_modified ON customer (last_modified);
"""
CRM_SCHEMA = """
CREATE TABLE account (accountid VARCHAR(36) PRIMARY KEY, name VARCHAR(160) NOT NULL,
  address1_line1 VARCHAR(100), address1_city VARCHAR(30), address1_postalcode VARCHAR(20),
  telephone1 VARCHAR(30), emailaddress1 VARCHAR(80), creditlimit NUMERIC(12,2),
  modifiedon VARCHAR(32));
CREATE INDEX ix_account_modified ON account (modifiedon);
"""
FIELDS = [
    ("name", "name"),
    ("address", "address1_line1"),
    ("city", "address1_city"),
    ("post_code", "address1_postalcode"),
    ("phone", "telephone1"),
    ("email", "emailaddress1"),
    ("credit_limit", "creditlimit"),
]
CONFIG = config_toml(
    "sqlite:///state.db",
    app("sqlite:///erp.db", "ERP"),
    app("sqlite:///crm.db", "CRM"),
    [
        mapping(
            "CUSTOMER",
            ("customer", "account"),
            ("no", "accountid"),
            [field(e, c) for e, c in FIELDS],
            modified=("last_modified", "modifiedon"),
        )
    ],
)


def make_world(folder: Path, records: int, seed: int = 7) -> Path:
    folder.mkdir(parents=True)
    rng = random.Random(seed)
    start = utcnow() - timedelta(days=30)
    erp = sqlite3.connect(folder / "erp.db")
    erp.executescript(ERP_SCHEMA)
    rows = (
        (
            f"C{i:07d}",
            f"Customer {i} AS",
            f"Storgata {rng.randint(1, 99)}",
            rng.choice(["Oslo", "Bergen", "Bodø"]),
            f"{rng.randint(1000, 9999)}",
            f"+47 {rng.randint(40000000, 99999999)}",
            f"post{i}@example.no",
            rng.choice([0, 10000, 50000]),
            (start + timedelta(seconds=i)).isoformat(sep=" ", timespec="microseconds"),
        )
        for i in range(records)
    )
    erp.executemany("INSERT INTO customer VALUES (?,?,?,?,?,?,?,?,?)", rows)
    erp.commit()
    erp.close()
    crm = sqlite3.connect(folder / "crm.db")
    crm.executescript(CRM_SCHEMA)
    crm.close()
    (folder / "desktop-sync.toml").write_text(CONFIG)
    return folder / "desktop-sync.toml"


def raw_copy_seconds(folder: Path) -> float:
    """The baseline: the same rows, read and inserted with plain sqlite3, keyed with a new UUID
    each as the CRM needs, in one transaction."""
    target = folder / "raw.db"
    out = sqlite3.connect(target)
    out.executescript(CRM_SCHEMA)
    began = time.perf_counter()
    source = sqlite3.connect(folder / "erp.db")
    cursor = source.execute(
        "SELECT name, address, city, post_code, phone, email, credit_limit FROM customer"
    )
    now = utcnow().isoformat(timespec="microseconds")
    while rows := cursor.fetchmany(1000):
        out.executemany(
            "INSERT INTO account VALUES (?,?,?,?,?,?,?,?,?)",
            [(str(uuid.uuid4()), *r, now) for r in rows],
        )
    out.commit()
    seconds = time.perf_counter() - began
    source.close()
    out.close()
    return seconds


def timed_sync(config: Path) -> tuple[float, dict[str, int]]:
    service = Service.open(config, user="bench")
    try:
        began = time.perf_counter()
        (job,) = service.synchronize(["CUSTOMER"])
        seconds = time.perf_counter() - began
    finally:
        service.close()
    assert job.status.value == "finished", job.message
    return seconds, job.counters.as_dict()


def edit(folder: Path, count: int, seed: int = 3) -> None:
    erp = sqlite3.connect(folder / "erp.db")
    total = erp.execute("SELECT count(*) FROM customer").fetchone()[0]
    keys = random.Random(seed).sample(range(total), count)
    now = utcnow().isoformat(sep=" ", timespec="microseconds")
    erp.executemany(
        "UPDATE customer SET city = 'Tromsø', last_modified = ? WHERE no = ?",
        [(now, f"C{k:07d}") for k in keys],
    )
    erp.commit()
    erp.close()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--changed", type=float, default=0.01)
    args = parser.parse_args()
    changed = max(1, int(args.records * args.changed))
    with tempfile.TemporaryDirectory() as tmp:
        big = make_world(Path(tmp) / "big", args.records).parent
        raw = raw_copy_seconds(big)
        initial, counters = timed_sync(big / "desktop-sync.toml")
        assert counters["inserted"] == args.records, counters
        edit(big, changed)
        incremental, counters = timed_sync(big / "desktop-sync.toml")
        assert counters["modified"] == changed, counters
        small = make_world(Path(tmp) / "small", max(changed, args.records // 10)).parent
        timed_sync(small / "desktop-sync.toml")
        edit(small, changed)
        incremental_small, _ = timed_sync(small / "desktop-sync.toml")

    raw_rate, sync_rate = args.records / raw, args.records / initial
    print(f"records                          {args.records:>12,}")
    print(f"raw sqlite3 copy                 {raw_rate:>12,.0f} records/s  ({raw:.2f} s)")
    print(f"initial sync                     {sync_rate:>12,.0f} records/s  ({initial:.2f} s)")
    print(
        "initial sync / raw copy          "
        f"{sync_rate / raw_rate:>12.2f}        (aim: at least 0.25)"
    )
    print(
        f"incremental, {changed:,} changed of {args.records:,}  {incremental:>8.3f} s  "
        f"({changed / incremental:,.0f} changed records/s)"
    )
    print(
        f"incremental, {changed:,} changed of "
        f"{max(changed, args.records // 10):,}  {incremental_small:>8.3f} s"
    )
    print(
        f"incremental time, big / small table {incremental / incremental_small:>8.2f}        "
        "(about 1: grows with the changes, not the table)"
    )


if __name__ == "__main__":
    main()
