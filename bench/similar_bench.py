""" "Apply to similar" on 10,000 errors: one decision for every record changed in both apps on
the same field, applied in batches with progress.

    python bench/similar_bench.py [--errors 10000]

Makes an ERP and a CRM of `--errors` customers, synchronizes them, changes the city of every one
in both apps, synchronizes again (one changed_in_both error each), then applies "the ERP's
version" to all of them with `Service.apply_to_similar`. Prints the time, the longest wait
between two progress reports, and the ratio to a baseline measured in the same run: a plain
sqlite3 `executemany` UPDATE of the same CRM rows. Aim: under 30 s, with progress throughout.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from desktop_sync.domain import Side
from desktop_sync.mapping_toml import app, config_toml, field, mapping
from desktop_sync.services import Service
from desktop_sync.services.similar import Decision
from desktop_sync.store.models import utcnow


def make_world(folder: Path, count: int) -> Path:
    folder.mkdir(parents=True)
    erp = sqlite3.connect(folder / "erp.db")
    erp.execute(
        "CREATE TABLE customer (no VARCHAR(20) PRIMARY KEY, name VARCHAR(100) NOT NULL, "
        "city VARCHAR(30), email VARCHAR(80), last_modified DATETIME)"
    )
    now = utcnow().isoformat(sep=" ", timespec="microseconds")
    erp.executemany(
        "INSERT INTO customer VALUES (?, ?, 'Bergen', ?, ?)",
        ((f"C{i:06d}", f"Customer {i} AS", f"post{i}@example.no", now) for i in range(count)),
    )
    erp.commit()
    erp.close()
    crm = sqlite3.connect(folder / "crm.db")
    crm.execute(
        "CREATE TABLE account (accountid VARCHAR(36) PRIMARY KEY, name VARCHAR(100) NOT NULL, "
        "city VARCHAR(30), email VARCHAR(80), modifiedon VARCHAR(32))"
    )
    crm.commit()
    crm.close()
    customer = mapping(
        "CUSTOMER",
        ("customer", "account"),
        ("no", "accountid"),
        [field("name", "name"), field("city", "city"), field("email", "email")],
        modified=("last_modified", "modifiedon"),
    )
    path = folder / "desktop-sync.toml"
    path.write_text(
        config_toml(
            "sqlite:///state.db",
            app("sqlite:///erp.db", "ERP"),
            app("sqlite:///crm.db", "CRM"),
            [customer],
            settings={"user": "bench"},
        )  # fmt: skip
    )
    return path


def edit_both(folder: Path) -> None:
    later = utcnow().isoformat(sep=" ", timespec="microseconds")
    erp = sqlite3.connect(folder / "erp.db")
    erp.execute("UPDATE customer SET city = 'Oslo', last_modified = ?", (later,))
    erp.commit()
    erp.close()
    crm = sqlite3.connect(folder / "crm.db")
    crm.execute("UPDATE account SET city = 'Molde', modifiedon = ?", (later.replace(" ", "T"),))
    crm.commit()
    crm.close()


def baseline(folder: Path) -> float:
    crm = sqlite3.connect(folder / "crm.db")
    keys = [r[0] for r in crm.execute("SELECT accountid FROM account")]
    began = time.perf_counter()
    crm.executemany(
        "UPDATE account SET city = 'Oslo', modifiedon = ? WHERE accountid = ? AND city = 'Molde'",
        ((str(uuid.uuid4()), k) for k in keys),
    )
    crm.commit()
    seconds = time.perf_counter() - began
    crm.rollback()
    crm.close()
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--errors", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "w"
        config = make_world(folder, args.errors)
        service = Service.open(config, user="bench")
        service.synchronize(["CUSTOMER"])
        edit_both(folder)
        service.synchronize(["CUSTOMER"])
        first = min(e.id for e in service.errors(limit=1, sort="failed_at", descending=False))
        similar = service.similar_errors(first)
        assert similar.count == args.errors, similar.count
        reports: list[float] = []
        began = time.perf_counter()
        result = service.apply_to_similar(
            first, Decision(winner=Side.ERP), progress=lambda p: reports.append(time.perf_counter())
        )
        seconds = time.perf_counter() - began
        assert result.ok and result.done == args.errors, result.lines()[:3]
        assert service.count_errors() == 0
        service.close()
        copy = folder / "copy"
        copy.mkdir()
        for name in ("crm.db",):
            (copy / name).write_bytes((folder / name).read_bytes())
        sqlite3.connect(copy / "crm.db").execute(
            "UPDATE account SET city = 'Molde'"
        ).connection.commit()
        raw = baseline(copy)
    gaps = [b - a for a, b in zip([began, *reports], reports, strict=False)]
    print(f"errors alike                    {args.errors:>12,}")
    print(f"baseline: sqlite3 UPDATE        {raw:>10.3f} s")
    print(
        f"apply to similar                {seconds:>10.3f} s   (aim < 30 s)  "
        f"{seconds / raw:>6.1f}× baseline  ({args.errors / seconds:,.0f} errors/s)"
    )
    print(f"progress reports                {len(reports):>12}   longest gap {max(gaps):.2f} s")


if __name__ == "__main__":
    main()
