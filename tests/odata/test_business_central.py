"""Business Central API v2.0 (the protocol emulator, `emulator.py`) as the ERP and a SQLite
database as the CRM: keys the service makes, If-Match on every write and
`Request_EntityChanged`, `$batch` of at most 100, 5 requests at once, 429 with Retry-After, and
deletions found by comparing id sets."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest

from desktop_sync.apps.odata import ServiceTable
from desktop_sync.domain import Side
from desktop_sync.mapping_toml import field, mapping
from tests.odata import emulated
from tests.odata.emulator import Emulator
from tests.odata.services_world import SqlApp, Sync, business_central_app, customer_columns, entra

__all__ = ["entra"]

CUSTOMER = mapping(
    "CUSTOMER",
    ("customers", "account"),
    ("id", "accountid"),
    [
        field("displayName", "name"),
        field("city", "city"),
        field("email", "email"),
        field("creditLimit", "credit", direction="to_crm"),
    ],
    modified=("lastModifiedDateTime", "last_modified"),
)


class World:
    def __init__(self, folder: Any, entra: Any, **settings: Any) -> None:
        self.bc = emulated.BusinessCentral()
        self.bc.tokens = entra.issued
        self.emulator = Emulator(self.bc)
        self.crm = SqlApp(folder / "crm.db", [("account", "accountid", customer_columns())])
        crm = {"name": "Dynamics 365 Sales", "url": self.crm.url}
        self.sync = Sync(
            folder, business_central_app(self.emulator, entra), crm, [CUSTOMER], **settings
        )

    def customer(self, number: str, name: str, **values: Any) -> str:
        with self.bc.lock:
            status, _, body = self.bc.insert(
                self.bc.tables["customers"], {"number": number, "displayName": name, **values}
            )
        assert status == 201
        import json

        return json.loads(body)["id"]

    def edit(self, key: str, **values: Any) -> None:
        with self.bc.lock:
            self.bc.tables["customers"].rows[key].update(values)
            self.bc.touch(self.bc.tables["customers"], key)

    def customers(self) -> dict[str, dict[str, Any]]:
        return self.bc.tables["customers"].rows

    def close(self) -> None:
        self.sync.close()
        self.emulator.close()


@pytest.fixture
def bc(tmp_path, entra) -> Iterator[World]:
    world = World(tmp_path, entra)
    yield world
    world.close()


def test_customers_reach_the_crm_and_come_back_with_the_services_keys(bc: World) -> None:
    key = bc.customer("10000", "Adatum AS", city="Bergen", creditLimit=Decimal("5000"))
    (result,) = bc.sync.sync()
    assert result.counters.inserted == 1
    (account,) = bc.crm.rows("account").values()
    assert (account["name"], account["city"], account["credit"]) == ("Adatum AS", "Bergen", 5000)
    bc.crm.update("account", account["accountid"], city="Voss")
    bc.crm.insert("account", accountid="a-2", name="Fabrikam AS", city="Oslo")
    (result,) = bc.sync.sync()
    assert (result.counters.modified, result.counters.inserted) == (1, 1)
    assert bc.customers()[key]["city"] == "Voss"
    made = next(k for k, c in bc.customers().items() if c["displayName"] == "Fabrikam AS")
    assert len(made) == 36, "Business Central made the id"
    with bc.sync.service.store.session() as session:
        from sqlalchemy import select

        from desktop_sync.store.models import Coupling

        keys = dict(session.execute(select(Coupling.crm_key, Coupling.erp_key)).all())
    assert keys["a-2"] == made
    patches = [u for m, u in bc.bc.requests if m == "PATCH"]
    assert patches, "the update went to Business Central (with If-Match, or it would be refused)"
    (again,) = bc.sync.sync()
    assert again.counters.as_dict() == dict.fromkeys(again.counters.as_dict(), 0)


def test_a_customer_changed_while_the_job_runs_is_not_overwritten(bc: World, monkeypatch) -> None:
    key = bc.customer("10000", "Adatum AS", city="Bergen")
    bc.sync.sync()
    (account,) = bc.crm.rows("account")
    bc.crm.update("account", account, city="Voss")
    original = ServiceTable.update_rows

    def someone_edits_first(self: ServiceTable, conn: Any, rows: Any) -> set[str]:
        bc.edit(key, city="Tromsø")  # a person in Business Central, just before our PATCH
        return original(self, conn, rows)

    monkeypatch.setattr(ServiceTable, "update_rows", someone_edits_first)
    bc.sync.sync()
    monkeypatch.undo()
    assert bc.customers()[key]["city"] == "Tromsø", "Request_EntityChanged: nothing overwritten"
    assert bc.sync.errors() == [], "the ERP pass came first: the edit is seen next time"
    bc.sync.sync()
    assert bc.customers()[key]["city"] == "Tromsø"
    (error,) = bc.sync.errors()
    assert error.kind == "changed_in_both" and "Tromsø" in error.detail and "Voss" in error.detail


def test_429_with_retry_after_is_waited_out(bc: World) -> None:
    bc.customer("10000", "Adatum AS")
    bc.bc.throttled, bc.bc.retry_after = 2, "1"
    started = time.monotonic()
    (result,) = bc.sync.sync()
    assert result.counters.inserted == 1
    assert time.monotonic() - started >= 2.0, "waited as the service asked"


def test_a_service_that_stays_busy_stops_the_job_as_a_passing_fault(bc: World) -> None:
    bc.customer("10000", "Adatum AS")
    bc.bc.throttled, bc.bc.retry_after = 1000, "0"
    (result,) = bc.sync.sync(ok=False)
    assert result.transient and result.status.value == "failed"
    assert result.message.startswith("Business Central is busy: too many requests (429)")
    assert bc.sync.errors() == [], "no record's error"
    bc.bc.throttled = 0
    (result,) = bc.sync.sync()
    assert result.counters.inserted == 1


def test_writes_go_in_batches_of_at_most_100(bc: World) -> None:
    for i in range(250):
        bc.crm.insert("account", accountid=f"a-{i:03d}", name=f"Account {i}")
    (result,) = bc.sync.sync()
    assert result.counters.inserted == 250 and len(bc.customers()) == 250
    batches = [u for m, u in bc.bc.requests if m == "POST" and u.endswith("$batch")]
    assert len(batches) == 3


def test_at_most_five_requests_at_once(bc: World) -> None:
    bc.customer("10000", "Adatum AS")
    bc.bc.delay = 0.05
    table = bc.sync.service.apps[Side.ERP].side_table(bc.sync.service.config.mapping("CUSTOMER"))
    conn = bc.sync.service.apps[Side.ERP].connect()
    threads = [
        threading.Thread(target=table.read_changed, args=(conn, None, None, 10)) for _ in range(20)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert 1 < bc.bc.most_in_flight <= 5


def test_find_deleted_compares_id_sets(bc: World) -> None:
    keys = [bc.customer(f"{10000 + i}", f"Customer {i}") for i in range(400)]
    bc.sync.sync()
    with bc.bc.lock:
        for key in keys[:2]:
            del bc.customers()[key]
    bc.bc.requests.clear()
    bc.sync.service.find_deleted()
    errors = bc.sync.errors()
    assert sorted(e.erp_key for e in errors) == sorted(keys[:2])
    assert {e.kind for e in errors} == {"deleted_in_erp"}
    assert any(
        "%24select=id&" in u or u.endswith("%24select=id") or "$select=id" in u
        for _, u in bc.bc.requests
    )
