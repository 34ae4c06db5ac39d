"""The Dataverse Web API (the protocol emulator, `emulator.py`) as the CRM and a SQLite database
as the ERP: lookups read as `_x_value` and written as `@odata.bind`, choices as integers, change
tracking with deletions at once and expired tokens, never an upsert, multipart `$batch` where one
rejected record fails alone."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import Column, String

from desktop_sync.apps.odata import ServiceTable
from desktop_sync.mapping_toml import field, mapping
from tests.odata import emulated_dataverse
from tests.odata.emulator import Emulator
from tests.odata.services_world import SqlApp, Sync, customer_columns, dataverse_app, entra

__all__ = ["entra"]

MAPPINGS = [
    mapping(
        "CUSTOMER",
        ("customer", "accounts"),
        ("no", "accountid"),
        [
            field("name", "name"),
            field("city", "address1_city"),
            field("email", "emailaddress1"),
            field("credit", "creditlimit", direction="to_crm"),
            field(crm="customertypecode", constant=3),
        ],
        modified=("last_modified", "modifiedon"),
    ),
    mapping(
        "CONTACT",
        ("contact", "contacts"),
        ("no", "contactid"),
        [
            field("first", "firstname"),
            field("last", "lastname"),
            field("company_no", "parentcustomerid", lookup="CUSTOMER", label="Company"),
        ],
        modified=("last_modified", "modifiedon"),
    ),
]


class World:
    def __init__(self, folder: Any, entra: Any) -> None:
        self.dv = emulated_dataverse.Dataverse()
        self.dv.tokens = entra.issued
        self.emulator = Emulator(self.dv)
        contact = [
            Column("first", String(50)),
            Column("last", String(80)),
            Column("company_no", String(40)),
        ]
        self.erp = SqlApp(
            folder / "erp.db", [("customer", "no", customer_columns()), ("contact", "no", contact)]
        )
        erp = {"name": "Business Central", "url": self.erp.url}
        self.sync = Sync(folder, erp, dataverse_app(self.emulator, entra), MAPPINGS)

    def rows(self, name: str) -> dict[str, dict[str, Any]]:
        return self.dv.tables[name].rows

    def patch(self, name: str, key: str, values: dict[str, Any]) -> None:
        with self.dv.lock:
            status, _, _ = self.dv.write(self.dv.tables[name], key, values, 204)
        assert status == 204

    def delete(self, name: str, key: str) -> None:
        status, _, _ = self.dv.handle(
            "DELETE",
            f"/api/data/v9.2/{name}({key})",
            {"if-match": "*", "authorization": "Bearer " + next(iter(self.dv.tokens or {""}))},
            b"",
        )
        assert status == 204, status

    def coupled(self, mapping_name: str, erp_key: str) -> str:
        from sqlalchemy import select

        from desktop_sync.store.models import Coupling

        with self.sync.service.store.session() as session:
            return session.scalar(
                select(Coupling.crm_key).where(
                    Coupling.mapping == mapping_name, Coupling.erp_key == erp_key
                )
            )

    def close(self) -> None:
        self.sync.close()
        self.emulator.close()


@pytest.fixture
def dv(tmp_path, entra) -> Iterator[World]:
    world = World(tmp_path, entra)
    yield world
    world.close()


def test_lookups_are_bound_and_read_back_and_choices_are_numbers(dv: World) -> None:
    dv.erp.insert("customer", no="C1", name="Adatum AS", city="Bergen")
    dv.erp.insert("customer", no="C2", name="Fabrikam AS")
    dv.erp.insert("contact", no="K1", first="Kari", last="Nordmann", company_no="C1")
    results = dv.sync.sync()
    assert [r.counters.inserted for r in results] == [2, 1]
    account = dv.rows("accounts")[dv.coupled("CUSTOMER", "C1")]
    assert (account["name"], account["address1_city"], account["customertypecode"]) == (
        "Adatum AS",
        "Bergen",
        3,
    )
    contact = dv.rows("contacts")[dv.coupled("CONTACT", "K1")]
    assert contact["_parentcustomerid_value"] == dv.coupled("CUSTOMER", "C1"), (
        "written with @odata.bind"
    )
    # A person in Dynamics 365 Sales moves the contact to the other account.
    other = dv.coupled("CUSTOMER", "C2")
    dv.patch(
        "contacts",
        contact["contactid"],
        {"parentcustomerid_account@odata.bind": f"/accounts({other})"},
    )
    dv.sync.sync()
    assert dv.erp.rows("contact")["K1"]["company_no"] == "C2", "read as _parentcustomerid_value"


def test_a_deleted_account_is_a_deletion_at_once_through_the_delta_link(dv: World) -> None:
    dv.erp.insert("customer", no="C1", name="Adatum AS")
    dv.erp.insert("customer", no="C2", name="Fabrikam AS")
    dv.sync.sync()
    dv.delete("accounts", dv.coupled("CUSTOMER", "C1"))
    dv.dv.requests.clear()
    dv.sync.sync("CUSTOMER")
    (error,) = dv.sync.errors()
    assert (error.kind, error.erp_key) == ("deleted_in_crm", "C1")
    assert any("deltatoken" in url for _, url in dv.dv.requests), "read through the delta link"


def test_an_expired_delta_token_reads_every_record_again(dv: World) -> None:
    dv.erp.insert("customer", no="C1", name="Adatum AS")
    dv.sync.sync()
    key = dv.coupled("CUSTOMER", "C1")
    dv.dv.expire_tokens()
    dv.patch("accounts", key, {"address1_city": "Tromsø"})
    dv.sync.sync("CUSTOMER")
    assert dv.erp.rows("customer")["C1"]["city"] == "Tromsø"
    dv.patch("accounts", key, {"address1_city": "Bodø"})
    dv.sync.sync("CUSTOMER")
    assert dv.erp.rows("customer")["C1"]["city"] == "Bodø", "a new delta link was kept"


def test_an_update_never_recreates_a_deleted_record(dv: World, monkeypatch) -> None:
    dv.erp.insert("customer", no="C1", name="Adatum AS")
    dv.sync.sync()
    key = dv.coupled("CUSTOMER", "C1")
    dv.erp.update("customer", "C1", city="Oslo")
    original = ServiceTable.update_rows

    def deleted_first(self: ServiceTable, conn: Any, rows: Any) -> set[str]:
        dv.delete("accounts", key)  # a person deletes the account just before our PATCH
        return original(self, conn, rows)

    monkeypatch.setattr(ServiceTable, "update_rows", deleted_first)
    dv.sync.sync("CUSTOMER")
    monkeypatch.undo()
    assert key not in dv.rows("accounts"), "a PATCH with If-Match is no upsert"
    dv.sync.sync("CUSTOMER")
    (error,) = dv.sync.errors()
    assert error.kind == "deleted_in_crm"


def test_one_rejected_record_of_a_multipart_batch_fails_alone(dv: World, monkeypatch) -> None:
    monkeypatch.setattr(ServiceTable, "problems", lambda self, values, limited=None: None)
    dv.erp.insert("customer", no="C1", name="Adatum AS")
    dv.sync.sync()
    for i in range(3):
        last = "L" * 60 if i == 1 else f"Nordmann {i}"
        dv.erp.insert("contact", no=f"K{i}", first="Kari", last=last, company_no="C1")
    dv.dv.requests.clear()
    (result,) = dv.sync.sync("CONTACT")
    assert (result.counters.inserted, result.counters.failed) == (2, 1)
    (error,) = dv.sync.errors()
    assert error.erp_key == "K1" and "exceeded the maximum allowed length of '50'" in error.message
    writes = [(m, u) for m, u in dv.dv.requests if m != "GET"]
    assert writes == [("POST", "/api/data/v9.2/$batch")], "one multipart batch, nothing sent twice"
    assert sorted(c["lastname"] for c in dv.rows("contacts").values()) == [
        "Nordmann 0",
        "Nordmann 2",
    ]


def test_429_retry_after_is_honoured(dv: World) -> None:
    dv.erp.insert("customer", no="C1", name="Adatum AS")
    dv.dv.throttled, dv.dv.retry_after = 1, "1"
    (result, _) = dv.sync.sync()
    assert result.counters.inserted == 1
    assert json.dumps(dv.rows("accounts"), default=str).count("Adatum AS") == 1
