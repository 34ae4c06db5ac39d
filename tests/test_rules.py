"""Each synchronization rule of PRODUCT.md as a scenario on real SQLite files.

Every test looks at what the apps and the store hold afterwards, not only at counters.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import create_engine, text

from desktop_sync.domain import Side
from desktop_sync.store.models import utcnow
from tests.helpers import World


def test_rule1_new_erp_record_is_inserted_in_crm_and_coupled(world: World) -> None:
    world.erp_insert(
        "C1", "Fjord AS", city="Bergen", email="post@fjord.no", credit=Decimal("100.50")
    )
    result = world.sync()
    assert result.counters.inserted == 1
    (coupling,) = world.couplings()
    account = world.crm_rows()[coupling["crm_key"]]
    assert (account["name"], account["city"], account["email"]) == (
        "Fjord AS",
        "Bergen",
        "post@fjord.no",
    )
    assert account["credit"] == Decimal("100.50")
    assert account["typecode"] == 3, "the constant field is written"
    assert len(account["accountid"]) == 36, "a text key gets a UUID"
    assert coupling["erp_key"] == "C1" and not coupling["skipped"] and coupling["pending"] is None
    assert coupling["base"]["name"] == "Fjord AS"
    assert [e.outcome for e in world.log(Side.ERP, "C1")] == ["inserted"]


def test_rule1_new_crm_record_is_inserted_in_erp_with_a_new_key(world: World) -> None:
    world.crm_insert("Nord AS", accountid="a-1", city="Bodø")
    assert world.sync().counters.inserted == 1
    (coupling,) = world.couplings()
    customer = world.erp_rows()[coupling["erp_key"]]
    assert (customer["name"], customer["city"]) == ("Nord AS", "Bodø")
    assert coupling["crm_key"] == "a-1"


def test_rule1_integer_identity_key_is_assigned_by_the_database(tmp_path) -> None:
    world = World(tmp_path, crm_identity=True)
    try:
        world.erp_insert("C1", "One AS")
        world.erp_insert("C2", "Two AS")
        assert world.sync().counters.inserted == 2
        keys = {c["erp_key"]: c["crm_key"] for c in world.couplings()}
        crm = world.crm_rows()
        assert crm[keys["C1"]]["name"] == "One AS" and crm[keys["C2"]]["name"] == "Two AS"
        assert sorted(keys.values()) == ["1", "2"]
    finally:
        world.close()


def test_rule1_match_on_couples_an_equal_existing_record_instead_of_inserting(world: World) -> None:
    world.configure(match_on=["email"])
    world.crm_insert("Fjord AS", accountid="a-1", email="post@fjord.no", credit=9)
    world.erp_insert("C1", "Fjord AS", email="post@fjord.no", city="Bergen", credit=100)
    result = world.sync()
    assert result.counters.coupled == 1 and result.counters.inserted == 0
    assert len(world.crm_rows()) == 1, "no duplicate"
    assert world.crm_key_of("C1") == "a-1"
    account = world.crm_rows()["a-1"]
    assert account["city"] == "Bergen", "an empty side takes the other's value"
    assert account["credit"] == 100, "a field going to the CRM only: the ERP's value"
    assert account["typecode"] is None, "a value written on insert only is not written"


def test_rule1_match_on_with_differing_values_leaves_the_choice_to_a_person(
    world: World,
) -> None:
    world.configure(match_on=["email"])
    world.crm_insert("Old name", accountid="a-1", email="post@fjord.no")
    world.erp_insert("C1", "Fjord AS", email="post@fjord.no", city="Bergen")
    result = world.sync()
    assert result.counters.inserted == 0 and len(world.crm_rows()) == 1, "no duplicate"
    assert world.crm_key_of("C1") == "a-1", "coupled"
    error = world.error_of("C1")
    assert error.kind == "changed_in_both" and "(name)" in error.message
    assert world.crm_rows()["a-1"]["name"] == "Old name", "nothing chosen for the person"
    world.service.synchronize_errors([error.id], winner=Side.ERP)
    assert world.crm_rows()["a-1"]["name"] == "Fjord AS"


def test_rule1_sync_only_coupled_inserts_nothing(world: World) -> None:
    world.configure(sync_only_coupled=True)
    world.erp_insert("C1", "Fjord AS")
    world.sync()
    assert world.crm_rows() == {} and world.couplings() == []


def test_rule1_filter_keeps_excluded_records_out(world: World) -> None:
    world.configure(erp_filter={"blocked": False})
    world.erp_insert("C1", "Open AS", blocked=False)
    world.erp_insert("C2", "Blocked AS", blocked=True)
    world.sync()
    assert [r["name"] for r in world.crm_rows().values()] == ["Open AS"]


def test_rule2_change_on_one_side_is_copied_and_base_moves(world: World) -> None:
    world.erp_insert("C1", "Fjord AS", city="Bergen")
    world.sync()
    crm_key = world.crm_key_of("C1")
    world.crm_update(crm_key, city="Voss")
    result = world.sync()
    assert result.counters.modified == 1
    assert world.erp_rows()["C1"]["city"] == "Voss"
    assert world.couplings()[0]["base"]["city"] == "Voss"
    world.erp_update("C1", name="Fjord Bygg AS")
    world.sync()
    assert world.crm_rows()[crm_key]["name"] == "Fjord Bygg AS"
    assert world.crm_rows()[crm_key]["city"] == "Voss"


def test_rule2_the_engines_own_writes_are_not_seen_as_changes(world: World) -> None:
    world.erp_insert("C1", "Fjord AS")
    world.sync()
    again = world.sync()
    assert again.counters.as_dict() == dict.fromkeys(again.counters.as_dict(), 0)


def test_rule2_equal_values_count_as_unchanged(world: World) -> None:
    world.erp_insert("C1", "Fjord AS", city="Bergen")
    world.sync()
    world.erp_update("C1", city="Bergen")  # touched, same value
    result = world.sync()
    assert result.counters.unchanged == 1 and result.counters.modified == 0


def test_rule2_field_direction_is_respected(world: World) -> None:
    world.configure(city_direction="to_crm")
    world.erp_insert("C1", "Fjord AS", city="Bergen", credit=100)
    world.sync()
    crm_key = world.crm_key_of("C1")
    world.crm_update(crm_key, city="Voss", credit=5)
    world.sync()
    erp = world.erp_rows()["C1"]
    assert erp["city"] == "Bergen" and erp["credit"] == 100, "to_crm fields never flow back"


def test_rule2_one_way_mapping_ignores_the_other_sides_changes(world: World) -> None:
    world.configure(direction="to_crm")
    world.erp_insert("C1", "Fjord AS")
    world.crm_insert("CRM only", accountid="a-9")
    world.sync()
    crm_key = world.crm_key_of("C1")
    world.crm_update(crm_key, name="Changed in CRM")
    world.sync()
    assert world.erp_rows().keys() == {"C1"}
    assert world.erp_rows()["C1"]["name"] == "Fjord AS"


@pytest.fixture
def conflict(world: World) -> tuple[World, str]:
    world.erp_insert("C1", "Fjord AS", city="Bergen", email="a@fjord.no")
    world.sync()
    crm_key = world.crm_key_of("C1")
    world.erp_update("C1", name="Fjord ERP", city="Oslo")
    world.crm_update(crm_key, name="Fjord CRM", email="b@fjord.no")
    return world, crm_key


def test_rule3_manual_conflict_writes_nothing_and_skips(conflict) -> None:
    world, crm_key = conflict
    result = world.sync()
    assert result.counters.skipped == 1
    assert world.erp_rows()["C1"]["name"] == "Fjord ERP"
    assert world.crm_rows()[crm_key]["name"] == "Fjord CRM"
    error = world.error_of("C1")
    assert error.kind == "changed_in_both" and "name" in error.message
    assert world.couplings()[0]["skipped"]
    assert "Fjord ERP" in error.detail and "Fjord CRM" in error.detail


def test_rule3_erp_wins(conflict) -> None:
    world, crm_key = conflict
    world.configure(update_conflict="erp_wins")
    world.sync()
    crm = world.crm_rows()[crm_key]
    assert (crm["name"], crm["city"], crm["email"]) == ("Fjord ERP", "Oslo", "a@fjord.no")
    assert world.open_errors() == []


def test_rule3_crm_wins(conflict) -> None:
    world, _ = conflict
    world.configure(update_conflict="crm_wins")
    world.sync()
    erp = world.erp_rows()["C1"]
    assert (erp["name"], erp["city"], erp["email"]) == ("Fjord CRM", "Bergen", "b@fjord.no")


def test_rule3_merge_takes_one_sided_changes_from_each_side(world: World) -> None:
    world.configure(update_conflict="merge")
    world.erp_insert("C1", "Fjord AS", city="Bergen", email="a@fjord.no")
    world.sync()
    crm_key = world.crm_key_of("C1")
    world.erp_update("C1", city="Oslo")
    world.crm_update(crm_key, email="b@fjord.no")
    world.sync()
    for row in (world.erp_rows()["C1"], world.crm_rows()[crm_key]):
        assert (row["city"], row["email"]) == ("Oslo", "b@fjord.no")
    assert world.open_errors() == []


def test_rule3_merge_falls_back_to_manual_for_the_same_field(conflict) -> None:
    world, crm_key = conflict
    world.configure(update_conflict="merge")
    world.sync()
    assert world.error_of("C1").kind == "changed_in_both"
    assert world.crm_rows()[crm_key]["city"] == "Bergen", "nothing written in a manual conflict"


@pytest.fixture
def deleted_in_crm(world: World) -> tuple[World, str]:
    world.erp_insert("C1", "Fjord AS", city="Bergen")
    world.sync()
    crm_key = world.crm_key_of("C1")
    world.crm_delete(crm_key)
    world.erp_update("C1", city="Oslo")
    return world, crm_key


def test_rule4_manual_deletion_is_an_error(deleted_in_crm) -> None:
    world, crm_key = deleted_in_crm
    world.sync()
    error = world.error_of("C1")
    assert error.kind == "deleted_in_crm" and error.crm_key == crm_key
    assert error.erp_exists and not error.crm_exists
    assert world.crm_rows() == {} and world.erp_rows()["C1"]["city"] == "Oslo"


def test_rule4_restore_policy_recreates_the_record(deleted_in_crm) -> None:
    world, old_key = deleted_in_crm
    world.configure(deletion_conflict="restore")
    world.sync()
    (account,) = world.crm_rows().values()
    assert account["name"] == "Fjord AS" and account["city"] == "Oslo"
    assert world.crm_key_of("C1") == account["accountid"] != old_key
    assert world.open_errors() == []


def test_rule4_delete_policy_deletes_the_remaining_unchanged_record(world: World) -> None:
    world.configure(deletion_conflict="delete")
    world.erp_insert("C1", "Fjord AS")
    world.sync()
    world.erp_delete("C1")
    world.service.find_deleted()
    assert world.crm_rows() == {} and world.couplings() == []


def test_rule4_delete_policy_never_deletes_a_record_changed_since(deleted_in_crm) -> None:
    world, _ = deleted_in_crm
    world.configure(deletion_conflict="delete")
    world.sync()
    assert "C1" in world.erp_rows()
    assert world.error_of("C1").kind == "deleted_in_crm"


def test_rule4_remove_coupling_policy(deleted_in_crm) -> None:
    world, _ = deleted_in_crm
    world.configure(deletion_conflict="remove_coupling")
    result = world.sync()
    assert result.counters.uncoupled == 1
    assert world.couplings() == [] and "C1" in world.erp_rows()


def test_rule5_rejected_write_fails_that_record_and_the_job_goes_on(world: World) -> None:
    with world.crm_engine.begin() as conn:
        conn.execute(text("CREATE UNIQUE INDEX ux_account_email ON account (email)"))
    world.erp_insert("C1", "One AS", email="same@x.no")
    world.erp_insert("C2", "Two AS", email="same@x.no")
    world.erp_insert("C3", "Three AS", email="three@x.no")
    result = world.sync()
    assert (result.counters.inserted, result.counters.failed) == (2, 1)
    assert sorted(r["name"] for r in world.crm_rows().values()) in (
        ["One AS", "Three AS"],
        ["Three AS", "Two AS"],
    )
    (error,) = world.open_errors()
    assert error.kind == "failed" and error.message == (
        f"email 'same@x.no' of customer {error.erp_key} is already used by another record in "
        "CRM, where it must be unique. Change it in ERP (or couple the two records with Set Up "
        "Coupling), then Retry."
    )
    assert "UNIQUE constraint failed: account.email" in error.detail
    failed = next(c for c in world.couplings() if c["erp_key"] == error.erp_key)
    assert failed["crm_key"] is None and failed["skipped"], (
        "a failed insert leaves a half coupling with its error"
    )


def test_rule5_value_too_long_is_reported_before_writing(world: World) -> None:
    world.erp_insert("C1", "Fjord AS", city="Bergen")
    world.sync()
    world.erp_update("C1", city="x" * 31)
    with world.erp_engine.begin() as conn:  # SQLite keeps what it gets; the CRM column allows 30
        conn.execute(text("UPDATE customer SET city = :c"), {"c": "x" * 31})
    result = world.sync()
    assert result.counters.failed == 1
    error = world.error_of("C1")
    assert error.message == (
        "city of customer C1 is 31 characters long; CRM takes at most 30. Shorten it in ERP, "
        "then Retry."
    )
    assert world.crm_rows()[world.crm_key_of("C1")]["city"] == "Bergen"


def test_rule6_a_change_landing_while_the_job_runs_is_not_overwritten(
    world: World, monkeypatch
) -> None:
    from desktop_sync.apps.connection import SideTable

    world.erp_insert("C1", "Fjord AS", city="Bergen")
    world.sync()
    crm_key = world.crm_key_of("C1")
    world.erp_update("C1", city="Oslo")
    original = SideTable.update_rows

    def someone_edits_first(self, conn, rows):  # type: ignore[no-untyped-def]
        if self.side is Side.CRM:
            other = create_engine(world.crm_url)
            with other.begin() as c:
                c.execute(
                    text("UPDATE account SET city = 'Tromsø', modifiedon = :m"),
                    {"m": utcnow().isoformat()},
                )
            other.dispose()
        return original(self, conn, rows)

    monkeypatch.setattr(SideTable, "update_rows", someone_edits_first)
    world.sync()
    monkeypatch.setattr(SideTable, "update_rows", original)
    assert world.crm_rows()[crm_key]["city"] == "Tromsø", "the concurrent edit is kept"
    assert world.erp_rows()["C1"]["city"] == "Oslo"
    error = world.error_of("C1")
    assert error.kind == "changed_in_both", "the CRM pass of the same job sees both changes"
    assert "Tromsø" in error.detail and "Oslo" in error.detail


def test_rule6_an_update_that_did_not_land_is_retried_next_job(world: World, monkeypatch) -> None:
    from desktop_sync.apps.connection import SideTable

    world.configure(direction="to_crm")
    world.erp_insert("C1", "Fjord AS", city="Bergen")
    world.sync()
    crm_key = world.crm_key_of("C1")
    world.erp_update("C1", city="Oslo")
    monkeypatch.setattr(SideTable, "update_rows", lambda self, conn, rows: set())
    world.sync()
    monkeypatch.undo()
    assert world.crm_rows()[crm_key]["city"] == "Bergen"
    assert world.couplings()[0]["retry"], "the record is looked at again next time"
    assert "changed while the job ran" in world.log(Side.ERP, "C1")[0].message
    world.sync()
    assert world.crm_rows()[crm_key]["city"] == "Oslo"
    assert not world.couplings()[0]["retry"]


def test_rule7_skipped_couplings_are_left_alone_until_resolved(conflict) -> None:
    world, crm_key = conflict
    world.sync()
    world.erp_update("C1", city="Trondheim")
    result = world.sync()
    assert result.counters.skipped == 1
    assert world.crm_rows()[crm_key]["city"] == "Bergen"
    assert len(world.open_errors()) == 1, "no second error for the same coupling"


def test_record_scope_synchronizes_one_record_and_logs_unchanged_on_request(world: World) -> None:
    world.erp_insert("C1", "One AS")
    world.erp_insert("C2", "Two AS")
    (job,) = world.service.synchronize(["CUSTOMER"], record=(Side.ERP, "C1"))
    assert job.counters.inserted == 1
    assert [r["name"] for r in world.crm_rows().values()] == ["One AS"]
    (again,) = world.service.synchronize(["CUSTOMER"], record=(Side.ERP, "C1"))
    assert again.counters.unchanged == 1
    assert [e.outcome for e in world.log(Side.ERP, "C1")] == ["unchanged", "inserted"]


def test_record_scope_for_a_missing_record_fails_the_job_with_a_message(world: World) -> None:
    (job,) = world.service.synchronize(["CUSTOMER"], record=(Side.ERP, "NOPE"))
    assert job.status.value == "failed" and "no record with key 'NOPE'" in job.message


def test_batches_resume_from_the_watermark(tmp_path) -> None:
    world = World(tmp_path, batch_size=3)
    try:
        for i in range(10):
            world.erp_insert(f"C{i:02d}", f"Customer {i}")
        assert world.sync().counters.inserted == 10
        world.erp_update("C05", city="Oslo")
        result = world.sync()
        assert result.counters.modified == 1 and result.counters.inserted == 0
    finally:
        world.close()
