"""Reading and writing through a real OData v4 server (SAP CAP): `$batch` with a rejected
record, ETags on every update and delete, paging by next link, ties of stamps, Find Deleted
over many keys. What the apps hold afterwards is checked, not only counters."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import insert, text

from desktop_sync.apps.odata import ServiceTable
from desktop_sync.apps.odata.batch import Op
from desktop_sync.apps.odata.http import Http
from desktop_sync.domain import Side
from tests.odata.world import ODataWorld


def test_rejected_inserts_fail_alone_in_the_services_words(world: ODataWorld) -> None:
    with world.crm_engine.begin() as conn:
        conn.execute(text("CREATE UNIQUE INDEX ux_account_email ON account (email)"))
    world.erp_insert("C1", "One AS", email="same@x.no")
    world.erp_insert("C2", "Two AS", email="same@x.no")
    world.erp_insert("C3", "Three AS", email="three@x.no")
    result = world.sync()
    assert (result.counters.inserted, result.counters.failed) == (2, 1)
    assert sorted(r["name"] for r in world.crm_rows().values()) == ["One AS", "Three AS"]
    (error,) = world.open_errors()
    assert (error.erp_key, error.kind) == ("C2", "failed")
    assert "Entity already exists" in error.message, "in the service's own words"
    failed = next(c for c in world.couplings() if c["erp_key"] == "C2")
    assert failed["crm_key"] is None and failed["skipped"]


def test_a_batch_with_a_rejected_record_is_sent_once(world: ODataWorld, monkeypatch) -> None:
    """The engine tells each record its fate by writing them one by one after a rejected
    batch; those calls are answered from the batch's own answers, never sent again."""
    sent: list[list[str]] = []
    original = ServiceTable._send

    def recording(self: ServiceTable, conn: Any, ops: list[Op]) -> Any:
        sent.append([op.method for op in ops])
        return original(self, conn, ops)

    monkeypatch.setattr(ServiceTable, "_send", recording)
    world.erp_insert("C1", "One AS", city="Bergen")
    world.erp_insert("C2", "Two AS", city="x" * 35)  # the CRM's city holds 30: CAP says no
    world.erp_insert("C3", "Three AS", city="Oslo")
    world.configure(batch_size=1000)
    engine_checks = monkeypatch.context()
    with engine_checks as m:  # let the value reach the service instead of the engine's check
        m.setattr(ServiceTable, "problems", lambda self, values, limited=None: None)
        result = world.sync()
    assert (result.counters.inserted, result.counters.failed) == (2, 1)
    assert sent == [["POST", "POST", "POST"]], "one $batch, nothing sent twice"
    (error,) = world.open_errors()
    assert "is not a valid String(30)" in error.message and "'city'" in error.message


def test_every_update_and_delete_carries_an_etag(world: ODataWorld, monkeypatch) -> None:
    seen: list[tuple[str, str | None]] = []
    original = Http.request

    def checking(self: Http, method: str, path: str, **kwargs: Any) -> Any:
        headers = kwargs.get("headers") or {}
        if method in ("PATCH", "DELETE"):
            seen.append((method, headers.get("If-Match")))
        if method == "POST" and path.endswith("$batch"):
            body = kwargs.get("content") or b""
            if b'"PATCH"' in body or b'"DELETE"' in body:
                assert body.count(b'"If-Match"') >= body.count(b'"PATCH"') + body.count(b'"DELETE"')
        return original(self, method, path, **kwargs)

    monkeypatch.setattr(Http, "request", checking)
    world.configure(deletion_conflict="delete")
    world.erp_insert("C1", "One AS", city="Bergen")
    world.erp_insert("C2", "Two AS", city="Voss")
    world.sync()
    world.erp_update("C1", city="Oslo")
    world.sync()
    world.erp_delete("C2")
    world.service.find_deleted()
    assert world.erp_rows().keys() == {"C1"} and len(world.crm_rows()) == 1
    assert [m for m, _ in seen] == ["PATCH", "DELETE"]
    assert all(etag and etag.startswith('W/"') for _, etag in seen), seen


def test_a_delete_of_a_record_changed_since_it_was_read_fails_it(
    world: ODataWorld, monkeypatch
) -> None:
    world.configure(deletion_conflict="delete")
    world.erp_insert("C1", "One AS", city="Bergen")
    world.sync()
    crm_key = world.crm_key_of("C1")
    world.erp_delete("C1")
    original = ServiceTable.delete_rows

    def someone_edits_first(self: ServiceTable, conn: Any, keys: Any, stamp: Any = None) -> int:
        world.crm_update(crm_key, city="Tromsø")
        return original(self, conn, keys, stamp)

    monkeypatch.setattr(ServiceTable, "delete_rows", someone_edits_first)
    world.service.find_deleted()
    monkeypatch.undo()
    assert world.crm_rows()[crm_key]["city"] == "Tromsø", "the edit is not deleted"
    error = world.error_of("C1")
    assert error.kind == "failed" and "changed since it was read" in error.message


def _customers(world: ODataWorld, count: int, stamp: str | None = None) -> None:
    """Many customers at once, straight into the service's database."""
    now = stamp or datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    rows = [
        {"no": f"C{i:05d}", "name": f"Customer {i}", "blocked": False, "modifiedAt": now}
        for i in range(count)
    ]
    with world.erp_engine.begin() as conn:
        conn.execute(insert(world.erp), rows)


@pytest.mark.parametrize("batch_size", [1000, 7])
def test_a_thousand_records_with_one_stamp_are_read_whole(world: ODataWorld, batch_size) -> None:
    """Pages of 500 (the service's limit) followed by next link within a batch; batches that
    end inside one stamp continue by key."""
    world.configure(batch_size=batch_size)
    _customers(world, 1203 if batch_size == 1000 else 40)
    result = world.sync()
    expected = 1203 if batch_size == 1000 else 40
    assert result.counters.inserted == expected
    assert len(world.crm_rows()) == expected
    assert world.sync().counters.as_dict() == dict.fromkeys(result.counters.as_dict(), 0)


def test_find_deleted_compares_every_key(world: ODataWorld) -> None:
    _customers(world, 420)
    world.sync()
    gone = ["C00007", "C00300", "C00419"]
    for no in gone:
        world.crm_delete(world.crm_key_of(no))
    world.service.find_deleted()
    errors = world.open_errors()
    assert sorted(e.erp_key for e in errors) == gone
    assert {e.kind for e in errors} == {"deleted_in_crm"}
    assert world.service.apps[Side.CRM].side_table(world.service.config.mapping("CUSTOMER"))


def test_the_engine_reads_the_services_clock(world: ODataWorld) -> None:
    conn = world.service.apps[Side.ERP].connect()
    moment = conn.clock()
    assert abs((moment - datetime.now(UTC)).total_seconds()) < 5


def test_check_predicts_from_the_services_metadata(world: ODataWorld) -> None:
    """`check` reads the entity sets' fields (types, lengths, NOT NULL) from `$metadata`."""
    world.configure(with_email=True)
    findings = world.service.check()
    assert not [f for f in findings if f.severity == "error"], findings
    text = "\n".join(str(f) for f in findings)
    assert "city" in text and "longer" in text, "ERP city (40) copied into the CRM's (30)"
