"""The journal of writes and undo, on real SQLite files (and the store on PostgreSQL)."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import URL

from desktop_sync.domain import Side
from desktop_sync.services import ActionError
from desktop_sync.services.journal import JournalFilter
from tests.helpers import World


def entries(world: World, **filters):  # type: ignore[no-untyped-def]
    return list(reversed(world.service.journal(JournalFilter(**filters)).rows))


@pytest.fixture
def conflict(world: World) -> tuple[World, str]:
    world.erp_insert("C1", "Fjord AS", city="Bergen", email="a@fjord.no")
    world.sync()
    crm_key = world.crm_key_of("C1")
    world.erp_update("C1", city="Oslo")
    world.crm_update(crm_key, city="Molde")
    world.sync()
    return world, crm_key


@pytest.fixture
def deleted_in_crm(world: World) -> tuple[World, str]:
    world.erp_insert("C1", "Fjord AS", city="Bergen")
    world.sync()
    crm_key = world.crm_key_of("C1")
    world.crm_delete(crm_key)
    world.erp_update("C1", city="Oslo")
    world.sync()
    return world, crm_key


def test_a_jobs_insert_update_and_delete_are_journaled_with_values_before_and_after(
    world: World,
) -> None:
    world.configure(deletion_conflict="delete")
    world.erp_insert("C1", "Fjord AS", city="Bergen", credit=100)
    (result,) = [world.sync()]
    crm_key = world.crm_key_of("C1")
    (insert,) = entries(world)
    assert (insert.kind, insert.side, insert.erp_key, insert.crm_key) == (
        "insert",
        "crm",
        "C1",
        crm_key,
    )
    assert insert.before is None
    assert insert.after == {
        "name": "Fjord AS",
        "city": "Bergen",
        "email": None,
        "credit": 100,
        "typecode": 3,
    }
    assert (insert.action, insert.job_id, insert.who) == ("sync", result.id, f"job {result.id}")
    world.erp_update("C1", city="Oslo")
    world.sync()
    update = entries(world)[-1]
    assert (update.kind, update.side) == ("update", "crm")
    assert (update.before, update.after) == ({"city": "Bergen"}, {"city": "Oslo"})
    world.erp_delete("C1")
    world.service.find_deleted(["CUSTOMER"])
    delete = entries(world)[-1]
    assert (delete.kind, delete.side, delete.after) == ("delete", "crm", None)
    assert delete.before["name"] == "Fjord AS" and delete.before["city"] == "Oslo"
    assert delete.before["accountid"] == crm_key
    by_record = world.service.journal(JournalFilter(side=Side.CRM, key=crm_key)).rows
    assert [r.kind for r in by_record] == ["delete", "update", "insert"]


def test_synchronize_restore_and_delete_are_journaled_as_the_persons_with_a_comment(
    conflict,
) -> None:
    world, crm_key = conflict
    error = world.error_of("C1")
    world.service.synchronize_errors([error.id], Side.ERP, comment="ERP is right")
    last = entries(world)[-1]
    assert (last.kind, last.side, last.action, last.user) == (
        "update",
        "crm",
        "synchronize",
        "tester",
    )
    assert (last.before, last.after) == ({"city": "Molde"}, {"city": "Oslo"})
    assert (last.comment, last.error_id) == ("ERP is right", error.id)
    assert "ERP is right" in world.log(Side.ERP, "C1")[0].message


def test_couple_with_sync_from_is_journaled(world: World) -> None:
    world.erp_insert("C9", "Kyst AS", city="Bodø")
    crm_key = world.crm_insert("Kyst", accountid="a" * 36, city="Tromsø")
    world.service.couple("CUSTOMER", "C9", crm_key, Side.ERP, comment="same company")
    (entry,) = entries(world)
    assert (entry.action, entry.side, entry.comment) == ("coupled", "crm", "same company")
    assert entry.before["city"] == "Tromsø" and entry.after["city"] == "Bodø"


def test_undo_of_synchronize_writes_the_values_back_and_reopens_the_error(conflict) -> None:
    world, crm_key = conflict
    error = world.error_of("C1")
    world.service.synchronize_errors([error.id], Side.ERP)
    assert world.crm_rows()[crm_key]["city"] == "Oslo" and world.open_errors() == []
    entry = entries(world)[-1]
    result = world.service.undo(entry.id, comment="wrong choice")
    assert result.written and result.reopened_error == error.id, result.message
    assert world.crm_rows()[crm_key]["city"] == "Molde"
    assert world.erp_rows()["C1"]["city"] == "Oslo"
    (reopened,) = world.open_errors()
    assert reopened.id == error.id and reopened.kind == "changed_in_both"
    assert world.couplings()[0]["skipped"]
    undo = entries(world)[-1]
    assert (undo.action, undo.undo_of, undo.comment) == ("undo", entry.id, "wrong choice")
    assert (undo.before, undo.after) == ({"city": "Oslo"}, {"city": "Molde"})
    with pytest.raises(ActionError, match="already undone"):
        world.service.undo(entry.id)
    result = world.service.synchronize_errors([error.id], Side.CRM)
    assert result.ok and world.erp_rows()["C1"]["city"] == "Molde"


def test_undo_refused_into_a_conflict_when_the_record_changed_since(conflict) -> None:
    world, crm_key = conflict
    error = world.error_of("C1")
    world.service.synchronize_errors([error.id], Side.ERP)
    entry = entries(world)[-1]
    world.crm_update(crm_key, city="Ålesund")
    result = world.service.undo(entry.id)
    assert not result.written and result.conflict
    assert "changed since (city)" in result.message
    assert world.crm_rows()[crm_key]["city"] == "Ålesund", "a later edit is never overwritten"
    (new,) = world.open_errors()
    assert new.id != error.id and new.kind == "changed_in_both"
    assert new.conflict_fields == "city"
    result = world.service.synchronize_errors([new.id], Side.CRM)
    assert result.ok and world.erp_rows()["C1"]["city"] == "Ålesund"


def test_undo_of_restore_deletes_the_restored_record_and_reopens_the_error(deleted_in_crm) -> None:
    world, crm_key = deleted_in_crm
    error = world.error_of("C1")
    assert error.kind == "deleted_in_crm"
    world.service.restore([error.id])
    new_key = world.crm_key_of("C1")
    assert new_key in world.crm_rows()
    entry = entries(world)[-1]
    assert (entry.kind, entry.side, entry.action) == ("insert", "crm", "restore")
    result = world.service.undo(entry.id)
    assert result.written and result.reopened_error == error.id, result.message
    assert new_key not in world.crm_rows()
    (reopened,) = world.open_errors()
    assert reopened.id == error.id and reopened.crm_key == crm_key
    (coupling,) = world.couplings()
    assert (coupling["crm_key"], coupling["skipped"]) == (crm_key, True)
    world.sync()
    assert [e.id for e in world.open_errors()] == [error.id], "the next job skips it as before"


def test_undo_of_delete_inserts_the_record_again_and_couples_it(deleted_in_crm) -> None:
    world, crm_key = deleted_in_crm
    error = world.error_of("C1")
    world.service.delete_records([error.id])
    assert "C1" not in world.erp_rows() and world.couplings() == []
    entry = entries(world)[-1]
    assert (entry.kind, entry.side, entry.before["name"]) == ("delete", "erp", "Fjord AS")
    result = world.service.undo(entry.id)
    assert result.written and result.reopened_error == error.id, result.message
    row = world.erp_rows()["C1"]
    assert (row["name"], row["city"]) == ("Fjord AS", "Oslo")
    (coupling,) = world.couplings()
    assert (coupling["erp_key"], coupling["crm_key"]) == ("C1", crm_key)
    assert [e.id for e in world.open_errors()] == [error.id]
    insert = entries(world)[-1]
    assert (insert.kind, insert.action, insert.undo_of) == ("insert", "undo", entry.id)


def test_a_jobs_own_write_is_not_undone_by_hand(world: World) -> None:
    world.erp_insert("C1", "Fjord AS")
    world.sync()
    (entry,) = entries(world)
    with pytest.raises(ActionError, match="not undone by hand"):
        world.service.undo(entry.id)


def test_undo_waits_for_an_error_someone_else_is_resolving(conflict) -> None:
    world, crm_key = conflict
    world.service.synchronize_errors([world.error_of("C1").id], Side.ERP)
    entry = entries(world)[-1]
    world.crm_update(crm_key, city="Ålesund")
    world.erp_update("C1", city="Tromsø")
    world.sync()
    other = world.error_of("C1")
    world.service.claim([other.id])
    from desktop_sync.services import Service

    alice = Service.open(world.config_path, user="alice")
    try:
        with pytest.raises(ActionError, match=r"being resolved by tester since \d\d:\d\d"):
            alice.undo(entry.id)
        result = alice.synchronize_errors([other.id], Side.ERP)
        assert not result.ok and result.done == 0
        assert "being resolved by tester since" in result.refused[0]
    finally:
        alice.close()


@pytest.mark.postgres
def test_journal_and_undo_with_the_store_on_postgresql(tmp_path, postgres_db: URL) -> None:
    world = World(tmp_path, store_url=postgres_db)
    try:
        world.erp_insert("C1", "Fjord AS", city="Bergen")
        world.sync()
        crm_key = world.crm_key_of("C1")
        world.erp_update("C1", city="Oslo")
        world.crm_update(crm_key, city="Molde")
        world.sync()
        error = world.error_of("C1")
        world.service.synchronize_errors([error.id], Side.CRM, comment="CRM knows")
        entry = entries(world)[-1]
        assert (entry.side, entry.before, entry.after) == (
            "erp",
            {"city": "Oslo"},
            {"city": "Molde"},
        )
        result = world.service.undo(entry.id)
        assert result.reopened_error == error.id
        assert world.erp_rows()["C1"]["city"] == "Oslo"
    finally:
        world.close()
