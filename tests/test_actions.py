"""Each action on synchronization errors, through the service layer, on real SQLite files."""

from __future__ import annotations

import pytest

from desktop_sync.domain import Side
from desktop_sync.services import ActionError, ErrorFilter, Service
from tests.helpers import World


@pytest.fixture
def conflict(world: World) -> tuple[World, str]:
    world.erp_insert("C1", "Fjord AS", city="Bergen", email="a@fjord.no")
    world.sync()
    crm_key = world.crm_key_of("C1")
    world.erp_update("C1", name="Fjord ERP", city="Oslo")
    world.crm_update(crm_key, name="Fjord CRM", email="b@fjord.no")
    world.sync()
    return world, crm_key


@pytest.fixture
def deleted_in_crm(world: World) -> tuple[World, str]:
    world.erp_insert("C1", "Fjord AS", city="Bergen")
    world.erp_insert("C2", "Other AS")
    world.sync()
    crm_key = world.crm_key_of("C1")
    world.crm_delete(crm_key)
    world.erp_update("C1", city="Oslo")
    world.sync()
    return world, crm_key


def test_remove_coupling_keeps_both_records_and_stops_synchronizing(conflict) -> None:
    world, crm_key = conflict
    error = world.error_of("C1")
    result = world.service.remove_coupling([error.id])
    assert result.ok and result.done == 1 and result.summary == "1 coupling(s) removed"
    assert world.couplings() == []
    assert "C1" in world.erp_rows() and crm_key in world.crm_rows()
    assert world.open_errors() == []
    (resolved,) = world.all_errors()
    assert (resolved["resolved_by"], resolved["resolution"]) == ("tester", "remove-coupling")
    entry = world.log(Side.ERP, "C1")[0]
    assert (entry.outcome, entry.user) == ("uncoupled", "tester")
    world.erp_update("C1", city="Molde")
    world.sync()
    assert world.crm_rows()[crm_key]["city"] != "Molde"


def test_retry_clears_skipped_and_the_next_sync_reports_a_remaining_cause_again(conflict) -> None:
    world, _ = conflict
    result = world.service.retry([world.error_of("C1").id])
    assert result.done == 1
    coupling = world.couplings()[0]
    assert not coupling["skipped"] and coupling["retry"]
    assert world.open_errors() == []
    assert world.log(Side.ERP, "C1")[0].outcome == "retried"
    world.sync()
    assert world.error_of("C1").kind == "changed_in_both", (
        "the cause remains, so it is reported again"
    )


def test_retry_after_fixing_the_cause_synchronizes(world: World) -> None:
    world.erp_insert("C1", "Fjord AS", city="x" * 31)
    world.sync()
    error = world.error_of("C1")
    assert error.kind == "failed"
    world.erp_update("C1", city="Bergen")
    world.service.retry([error.id])
    world.sync()
    (account,) = world.crm_rows().values()
    assert account["city"] == "Bergen" and world.open_errors() == []
    assert world.couplings()[0]["crm_key"] == account["accountid"]


def test_retry_all_retries_every_shown_error(world: World) -> None:
    for i in range(5):
        world.erp_insert(f"C{i}", f"Customer {i}", city="x" * 31)
    world.sync()
    assert len(world.open_errors()) == 5
    result = world.service.retry_all(ErrorFilter(mapping="CUSTOMER"))
    assert result.done == 5 and world.open_errors() == []
    assert all(not c["skipped"] and c["retry"] for c in world.couplings())


def test_synchronize_with_a_winner_writes_both_apps_and_logs_the_choice(conflict) -> None:
    world, crm_key = conflict
    result = world.service.synchronize_errors([world.error_of("C1").id], winner=Side.CRM)
    assert result.ok, result.lines()
    erp, crm = world.erp_rows()["C1"], world.crm_rows()[crm_key]
    for column in ("name", "city", "email"):
        assert erp[column] == crm[column]
    assert (erp["name"], erp["city"], erp["email"]) == ("Fjord CRM", "Bergen", "b@fjord.no")
    assert world.open_errors() == [] and not world.couplings()[0]["skipped"]
    entry = world.log(Side.ERP, "C1")[0]
    assert (
        entry.outcome == "resolved" and entry.user == "tester" and "Dynamics" not in entry.message
    )
    assert "CRM version was chosen" in entry.message
    assert world.sync().counters.as_dict()["modified"] == 0, "nothing left to do"


def test_synchronize_field_by_field(conflict) -> None:
    world, crm_key = conflict
    error = world.error_of("C1")
    comparison = world.service.comparison(error.id)
    by_name = {f.name: f for f in comparison.fields}
    assert by_name["name"].erp_changed and by_name["name"].crm_changed and by_name["name"].differs
    assert by_name["city"].erp_changed and not by_name["city"].crm_changed
    assert by_name["credit"].can_win == (Side.ERP,), "a to_crm field can only come from the ERP"
    choice = {"name": Side.ERP, "city": Side.ERP, "email": Side.CRM}
    result = world.service.synchronize_errors([error.id], fields=choice)
    assert result.ok
    for row in (world.erp_rows()["C1"], world.crm_rows()[crm_key]):
        assert (row["name"], row["city"], row["email"]) == ("Fjord ERP", "Oslo", "b@fjord.no")
    assert "name ← ERP" in world.log(Side.ERP, "C1")[0].message


def test_synchronize_does_not_apply_to_deleted_records(deleted_in_crm) -> None:
    world, _ = deleted_in_crm
    result = world.service.synchronize_errors([world.error_of("C1").id], winner=Side.ERP)
    assert not result.ok and "does not apply" in result.refused[0]
    assert len(world.open_errors()) == 1, "a refused action leaves the error open"
    assert world.open_errors()[0].claimed_by is None, "and unclaimed"


def test_synchronize_needs_a_choice(conflict) -> None:
    world, _ = conflict
    with pytest.raises(ActionError, match="winning side"):
        world.service.synchronize_errors([world.error_of("C1").id])


def test_restore_recreates_the_record_from_the_other_apps_values(deleted_in_crm) -> None:
    world, old_key = deleted_in_crm
    result = world.service.restore([world.error_of("C1").id])
    assert result.ok and result.summary == "1 record(s) restored"
    new_key = world.crm_key_of("C1")
    assert new_key != old_key
    account = world.crm_rows()[new_key]
    assert (account["name"], account["city"]) == ("Fjord AS", "Oslo")
    assert world.open_errors() == [] and not world.couplings()[0]["skipped"]
    assert world.log(Side.ERP, "C1")[0].outcome == "restored"
    world.erp_update("C1", city="Molde")
    world.sync()
    assert world.crm_rows()[new_key]["city"] == "Molde", "the restored pair synchronizes again"


def test_delete_records_deletes_where_it_still_exists_and_uncouples(deleted_in_crm) -> None:
    world, _ = deleted_in_crm
    result = world.service.delete_records([world.error_of("C1").id])
    assert result.ok and result.done == 1
    assert "C1" not in world.erp_rows() and "C2" in world.erp_rows()
    assert [c["erp_key"] for c in world.couplings()] == ["C2"]
    assert world.open_errors() == []
    entry = world.log(Side.ERP, "C1")[0]
    assert entry.outcome == "deleted" and entry.user == "tester"


def test_set_up_coupling_couples_to_another_record(deleted_in_crm) -> None:
    world, _ = deleted_in_crm
    other = "other-account"
    world.crm_insert("Fjord AS (ny)", accountid=other, city="Oslo")
    error = world.error_of("C1")
    result = world.service.set_up_coupling(error.id, Side.CRM, other, sync_from=Side.ERP)
    assert result.ok, result.lines()
    assert world.crm_key_of("C1") == other
    assert world.crm_rows()[other]["name"] == "Fjord AS"
    assert world.open_errors() == []


def test_set_up_coupling_refuses_a_record_coupled_elsewhere(deleted_in_crm) -> None:
    world, _ = deleted_in_crm
    taken = world.crm_key_of("C2")
    with pytest.raises(ActionError, match="already coupled"):
        world.service.set_up_coupling(world.error_of("C1").id, Side.CRM, taken)
    assert len(world.open_errors()) == 1


def test_couple_by_hand_without_sync_makes_a_conflict_when_values_differ(world: World) -> None:
    world.configure(direction="bidirectional")
    world.erp_insert("C1", "Fjord AS", city="Bergen")
    world.service.synchronize(["CUSTOMER"])
    world.service.uncouple("CUSTOMER", "C1")
    world.crm_insert("Fjord (CRM)", accountid="x-1", city="Bergen")
    message = world.service.couple("CUSTOMER", "C1", "x-1")
    assert "coupled" in message
    assert world.crm_key_of("C1") == "x-1"
    world.sync()
    assert world.error_of("C1").kind == "changed_in_both"


def test_couple_with_sync_from_makes_the_other_side_equal(world: World) -> None:
    world.configure(sync_only_coupled=True)
    world.erp_insert("C1", "Fjord AS", city="Bergen")
    world.crm_insert("Fjord (CRM)", accountid="x-1", city="Voss")
    world.service.couple("CUSTOMER", "C1", "x-1", sync_from=Side.ERP)
    row = world.crm_rows()["x-1"]
    assert (row["name"], row["city"]) == ("Fjord AS", "Bergen")
    assert row["typecode"] is None, "a value written on insert only is not written on coupling"
    assert world.sync().counters.modified == 0
    assert [e.outcome for e in world.log(Side.ERP, "C1")] == ["modified", "coupled"]


def test_couple_refuses_a_key_that_does_not_exist(world: World) -> None:
    world.erp_insert("C1", "Fjord AS")
    with pytest.raises(ActionError, match="no record with key 'nope'"):
        world.service.couple("CUSTOMER", "C1", "nope")
    assert world.couplings() == []


def test_uncouple_refuses_an_uncoupled_record(world: World) -> None:
    with pytest.raises(ActionError, match="not coupled"):
        world.service.uncouple("CUSTOMER", "C404")


def test_find_deleted_reports_quiet_deletions(world: World) -> None:
    for i in range(5):
        world.erp_insert(f"C{i}", f"Customer {i}")
    world.sync()
    world.crm_delete(world.crm_key_of("C1"))
    world.erp_delete("C3")
    assert world.sync().counters.skipped == 0, "an incremental sync cannot see quiet deletions"
    progress = []
    (job,) = world.service.find_deleted(progress=progress.append)
    assert job.counters.skipped == 2
    kinds = {e.erp_key: e.kind for e in world.open_errors()}
    assert kinds == {"C1": "deleted_in_crm", "C3": "deleted_in_erp"}
    assert progress[-1].done == progress[-1].total == 5


def test_two_people_resolving_the_same_error_one_wins_the_other_is_told(conflict) -> None:
    world, _ = conflict
    error = world.error_of("C1")
    other = Service.open(world.config_path, user="kari")
    try:
        first = world.service.retry([error.id])
        second = other.remove_coupling([error.id])
    finally:
        other.close()
    assert first.ok and first.done == 1
    assert second.done == 0 and "already resolved by tester" in second.refused[0]
    assert world.couplings(), "the second action did not remove the coupling"


def test_a_claimed_error_is_refused_to_someone_else(conflict) -> None:
    world, _ = conflict
    error = world.error_of("C1")
    other = Service.open(world.config_path, user="kari")
    try:
        result = ActionResultProbe(other).claim_and_hold(error.id)
        refused = world.service.retry([error.id])
    finally:
        other.close()
    assert result
    assert "is being resolved by kari" in refused.refused[0]


class ActionResultProbe:
    """Claims an error the way an action does, and keeps the claim (someone mid-decision)."""

    def __init__(self, service: Service) -> None:
        self.service = service

    def claim_and_hold(self, error_id: int) -> bool:
        return self.service.claim([error_id]).done == 1
