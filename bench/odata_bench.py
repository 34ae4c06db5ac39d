"""Initial synchronization over OData, beside a plain batched HTTP load of the same records made
in the same run, against the real OData v4 server of the tests (SAP CAP, `tests/odata/server`;
`npm ci --prefix tests/odata/server` first).

    python bench/odata_bench.py [--records 20000]

1. Baseline: read every ERP customer page by page (`@odata.nextLink`, 500 per page: the
   service's limit) and POST them into the CRM's accounts in JSON `$batch` requests of 100, with
   httpx, no engine: the least any synchronization must do over this service.
2. Initial sync of the same customers into the empty CRM by the engine (both apps `kind =
   "odata"`): records per second and its ratio to (1).

For each: requests per second, and the share of the time spent waiting on the server (inside an
HTTP call) rather than in Python.
"""

from __future__ import annotations

import argparse
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from desktop_sync.apps.odata.connection import requests_sent  # noqa: E402
from desktop_sync.domain import Side  # noqa: E402
from desktop_sync.mapping_toml import app, config_toml, field, mapping  # noqa: E402
from desktop_sync.services import Service  # noqa: E402

SERVER = Path(__file__).resolve().parent.parent / "tests" / "odata" / "server"


def start_server(db_file: Path) -> tuple[subprocess.Popen[str], str]:
    process = subprocess.Popen(
        ["node", "server.js", str(db_file), "0"],
        cwd=SERVER,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert process.stdout is not None
    for line in process.stdout:
        if line.startswith("listening "):
            return process, f"http://127.0.0.1:{line.split()[1]}"
    raise SystemExit("the CAP server did not start; run `npm ci --prefix tests/odata/server`")


def fill_erp(db_file: Path, count: int) -> None:
    stamp = datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    rows = [
        (f"C{i:06d}", f"Customer {i}", f"City {i % 300}", f"c{i}@example.com", 100 + i % 900, stamp)
        for i in range(count)
    ]
    with sqlite3.connect(db_file) as db:
        db.execute("DELETE FROM customer")
        db.execute("DELETE FROM account")
        db.executemany(
            "INSERT INTO customer (no, name, city, email, blocked, credit, modifiedAt) "
            "VALUES (?, ?, ?, ?, 0, ?, ?)",
            rows,
        )


def clear_crm(db_file: Path) -> int:
    with sqlite3.connect(db_file) as db:
        count = db.execute("SELECT count(*) FROM account").fetchone()[0]
        db.execute("DELETE FROM account")
    return count


def warm_up(url: str) -> None:
    """The server's first answers compile its queries: made before anything is timed."""
    with httpx.Client(timeout=60) as client:
        for path in ("erp/customer?$top=1", "crm/account?$top=1", "erp/$metadata", "crm/$metadata"):
            client.get(f"{url}/{path}").raise_for_status()
        batch = {"requests": [{"id": "1", "method": "GET", "url": "account?$top=1"}]}
        client.post(f"{url}/crm/$batch", json=batch).raise_for_status()


def baseline(url: str) -> tuple[float, int, float]:
    """Read every customer by next link, write them as accounts in $batch of 100."""
    requests, waited = 0, 0.0
    client = httpx.Client(timeout=300, headers={"Accept": "application/json"})

    def call(method: str, target: str, **kwargs: object) -> httpx.Response:
        nonlocal requests, waited
        started = time.perf_counter()
        response = client.request(method, target, **kwargs)  # type: ignore[arg-type]
        waited += time.perf_counter() - started
        requests += 1
        response.raise_for_status()
        return response

    started = time.perf_counter()
    page_url: str | None = f"{url}/erp/customer?$select=no,name,city,email,credit"
    customers = []
    while page_url:
        payload = call("GET", page_url).json()
        customers += payload["value"]
        link = payload.get("@odata.nextLink")
        page_url = str(httpx.URL(f"{url}/erp/").join(link)) if link else None
    for start in range(0, len(customers), 100):
        requests_ = [
            {
                "id": str(i),
                "method": "POST",
                "url": "account",
                "headers": {"content-type": "application/json"},
                "body": {
                    "accountid": str(uuid.uuid4()),
                    "name": c["name"],
                    "city": c["city"],
                    "email": c["email"],
                    "credit": c["credit"],
                    "typecode": 3,
                },
            }
            for i, c in enumerate(customers[start : start + 100])
        ]
        call("POST", f"{url}/crm/$batch", json={"requests": requests_})
    return time.perf_counter() - started, requests, waited


def engine_sync(folder: Path, url: str) -> tuple[float, int, float, int]:
    customer = mapping(
        "CUSTOMER",
        ("customer", "account"),
        ("no", "accountid"),
        [
            field("name", "name"),
            field("city", "city"),
            field("email", "email"),
            field("credit", "credit", direction="to_crm"),
            field(crm="typecode", constant=3),
        ],
        modified=("modifiedAt", "modifiedon"),
    )
    config = folder / "desktop-sync.toml"
    config.write_text(
        config_toml(
            "sqlite:///state.db",
            app(f"{url}/erp/", "ERP", kind="odata", auth="none"),
            app(f"{url}/crm/", "CRM", kind="odata", auth="none"),
            [customer],
            settings={"user": "bench"},
        ),
        encoding="utf-8",
    )
    service = Service.open(config)
    try:
        started = time.perf_counter()
        (result,) = service.synchronize(["CUSTOMER"])
        elapsed = time.perf_counter() - started
        assert result.status.value == "finished", result.message
        sent = [requests_sent(service.apps[side]) for side in Side]
        return elapsed, sum(n for n, _ in sent), sum(w for _, w in sent), result.counters.inserted
    finally:
        service.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=20000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db_file = folder / "apps.sqlite"
        process, url = start_server(db_file)
        try:
            fill_erp(db_file, args.records)
            warm_up(url)
            base_time, base_requests, base_wait = baseline(url)
            assert clear_crm(db_file) == args.records
            sync_time, sync_requests, sync_wait, inserted = engine_sync(folder, url)
            assert inserted == args.records and clear_crm(db_file) == args.records
        finally:
            process.terminate()
    n = args.records
    print(f"{n} records, CAP (@sap/cds 8, @cap-js/sqlite) on this machine")
    for what, seconds, requests, waited in (
        ("plain batched HTTP load", base_time, base_requests, base_wait),
        ("initial sync over OData", sync_time, sync_requests, sync_wait),
    ):
        print(
            f"  {what:26} {seconds:6.1f} s  {n / seconds:7.0f} records/s  {requests:5d} requests"
            f"  {requests / seconds:6.1f} requests/s  waiting on the server {waited / seconds:4.0%}"
        )
    print(f"  initial sync = {base_time / sync_time:.2f} × the plain load")


if __name__ == "__main__":
    main()
