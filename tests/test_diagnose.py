""" "Why is this record not synchronizing?": one situation per finding, built on real SQLite apps,
and the explanation the diagnosis gives for it. Where a finding predicts what synchronization
does, the test runs the synchronization and checks that it does exactly that."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import update

from desktop_sync.domain import QueueStatus, Side
from desktop_sync.services.diagnose import Finding, Severity
from desktop_sync.store.models import Coupling, QueueEntry, utcnow
from tests.helpers import World


def diagnose(world: World, key: str, side: Side = Side.ERP) -> list[Finding]:
    return world.service.diagnose("CUSTOMER", side, key)


def finding(world: World, key: str, title: str, side: Side = Side.ERP) -> Finding:
    found = [f for f in diagnose(world, key, side) if f.title == title]
    assert found, [f.title for f in diagnose(world, key, side)]
    return found[0]


def titles(world: World, key: str, side: Side = Side.ERP) -> list[str]:
    return [f.title for f in diagnose(world, key, side)]


@pytest.fixture
def scheduled(world: World) -> World:
    """A world whose mapping has a ready job queue entry (so that finding stays quiet)."""
    world.service.queue.ensure_entries()
    return world


# -- configuration ---------------------------------------------------------------------------


def test_mapping_direction_that_never_copies_this_side(scheduled: World) -> None:
    scheduled.configure(direction="to_erp")
    scheduled.service.queue.ensure_entries()
    scheduled.erp_insert("C1", "Fjord AS")
    f = finding(scheduled, "C1", "The mapping never copies ERP records")
    assert f.severity is Severity.BLOCKING
    assert "direction to_erp: records go from CRM to ERP only" in f.explanation
    assert (
        'Set direction = "bidirectional"' in f.fix
        and 'named "CUSTOMER"' in f.fix
        and "desktop-sync.toml" in f.fix
    )
    scheduled.sync()
    assert scheduled.crm_rows() == {}, "and indeed nothing reaches the CRM"


def test_mapping_direction_of_a_coupled_record(scheduled: World) -> None:
    scheduled.erp_insert("C1", "Fjord AS")
    scheduled.sync()
    scheduled.configure(direction="to_erp")
    scheduled.erp_update("C1", name="Fjord ERP")
    f = finding(scheduled, "C1", "Changes made in ERP are not copied")
    assert f.severity is Severity.WARNING
    assert (
        "Changes to this record in ERP stay there, and a change in CRM overwrites them"
        in f.explanation
    )


def test_field_direction_names_the_fields_and_their_differing_values(scheduled: World) -> None:
    scheduled.configure(city_direction="to_erp")
    scheduled.service.queue.ensure_entries()
    scheduled.erp_insert("C1", "Fjord AS")
    scheduled.sync()
    scheduled.crm_update(scheduled.crm_key_of("C1"), city="Bergen")
    scheduled.sync()
    scheduled.erp_update("C1", city="Oslo")
    f = finding(scheduled, "C1", "Fields synchronized one way only: city")
    assert f.severity is Severity.WARNING
    assert "only copied from CRM to ERP: city" in f.explanation
    assert "Differing now (here ≠ in CRM): city: 'Oslo' ≠ 'Bergen'." in f.explanation
    assert 'direction = "bidirectional" on the [[mapping.field]] of city' in f.fix
    scheduled.sync()
    assert scheduled.crm_rows()[scheduled.crm_key_of("C1")]["city"] == "Bergen"
    crm = finding(
        scheduled, scheduled.crm_key_of("C1"), "Fields synchronized one way only: credit", Side.CRM
    )
    assert crm.severity is Severity.INFO, "one-way by design, and equal now: only a note"


def test_filter_that_excludes_the_record(scheduled: World) -> None:
    scheduled.configure(erp_filter={"blocked": False})
    scheduled.service.queue.ensure_entries()
    scheduled.erp_insert("C1", "Fjord AS", blocked=True)
    f = finding(scheduled, "C1", "Outside the ERP filter")
    assert f.severity is Severity.BLOCKING
    assert f.explanation == (
        "The mapping's ERP filter blocked = False excludes "
        "it (blocked is True); so it is never created there."
    )
    assert "Change blocked of the record in ERP" in f.fix and "erp_filter" in f.fix
    assert "Not synchronized yet" not in titles(scheduled, "C1")


def test_sync_only_coupled_without_a_coupling(scheduled: World) -> None:
    scheduled.configure(sync_only_coupled=True)
    scheduled.service.queue.ensure_entries()
    scheduled.erp_insert("C1", "Fjord AS")
    f = finding(scheduled, "C1", "Only coupled records are synchronized")
    assert f.severity is Severity.BLOCKING
    assert (
        "synchronizes only coupled records (sync_only_coupled), and this record is not coupled"
        in f.explanation
    )
    assert "Couple…" in f.fix and "sync_only_coupled = false" in f.fix


# -- skipped couplings and their errors ------------------------------------------------------------


def test_skipped_because_changed_in_both(scheduled: World) -> None:
    scheduled.erp_insert("C1", "Fjord AS")
    scheduled.sync()
    scheduled.erp_update("C1", name="Fjord ERP")
    scheduled.crm_update(scheduled.crm_key_of("C1"), name="Fjord CRM")
    scheduled.sync()
    error = scheduled.error_of("C1")
    (first, *_) = diagnose(scheduled, "C1")
    assert (first.severity, first.title) == (Severity.BLOCKING, "Skipped: changed in both apps")
    assert f"in job {error.job_id}: {error.message}" in first.explanation
    assert "Synchronize…" in first.fix


def test_skipped_because_the_write_failed(scheduled: World) -> None:
    scheduled.erp_insert("C1", "Fjord AS", city="x" * 31)
    scheduled.sync()
    f = finding(scheduled, "C1", "Skipped: failed")
    assert "31 characters long" in f.explanation and "Retry" in f.fix


def test_skipped_because_deleted_in_the_other_app(scheduled: World) -> None:
    scheduled.erp_insert("C1", "Fjord AS")
    scheduled.sync()
    crm_key = scheduled.crm_key_of("C1")
    scheduled.crm_delete(crm_key)
    scheduled.erp_update("C1", city="Oslo")
    scheduled.sync()
    f = finding(scheduled, "C1", "Skipped: deleted in CRM")
    assert "Restore Records to recreate it in CRM" in f.fix
    assert (
        finding(scheduled, crm_key, "Skipped: deleted in CRM", Side.CRM).severity
        is Severity.BLOCKING
    )


def test_a_coupled_record_deleted_on_either_side(scheduled: World) -> None:
    scheduled.erp_insert("C1", "Fjord AS")
    scheduled.erp_insert("C2", "Nord AS")
    scheduled.sync()
    scheduled.erp_delete("C1")
    f = finding(scheduled, "C1", "Deleted in ERP")
    assert (
        "still does. The next synchronization reports it as deleted in ERP and waits for a person."
        in f.explanation
    )
    scheduled.crm_delete(scheduled.crm_key_of("C2"))
    g = finding(scheduled, "C2", "The coupled CRM record was deleted")
    assert g.severity is Severity.WARNING and "no longer exists" in g.explanation
    assert finding(scheduled, "NOPE", "No such record in ERP").severity is Severity.BLOCKING


def test_an_interrupted_write(scheduled: World) -> None:
    scheduled.erp_insert("C1", "Fjord AS")
    scheduled.sync()
    with scheduled.service.store.session() as session:
        session.execute(update(Coupling).values(pending="insert:crm"))
    assert (
        "finishes that write"
        in finding(scheduled, "C1", "A synchronization was interrupted").explanation
    )


# -- the job queue ---------------------------------------------------------------------------------


def test_no_job_queue_entry(world: World) -> None:
    world.erp_insert("C1", "Fjord AS")
    f = finding(world, "C1", "No job queue entry")
    assert f.severity is Severity.WARNING
    assert f.explanation == (
        "The mapping CUSTOMER has no job queue entry, so "
        "it is synchronized only when someone starts it."
    )


def test_job_queue_entry_on_hold(scheduled: World) -> None:
    scheduled.erp_insert("C1", "Fjord AS")
    (entry,) = scheduled.service.queue.entries()
    scheduled.service.queue.set_on_hold(entry.id)
    f = finding(scheduled, "C1", "The job queue entry is on hold")
    assert f.severity is Severity.BLOCKING and "no scheduled synchronization runs" in f.explanation
    assert "Set the job queue entry of CUSTOMER ready" in f.fix


def test_job_queue_entry_in_error(scheduled: World) -> None:
    scheduled.erp_insert("C1", "Fjord AS")
    with scheduled.service.store.session() as session:
        session.execute(
            update(QueueEntry).values(
                status=QueueStatus.ERROR.value, last_result="failed: CRM cannot be reached"
            )
        )
    f = finding(scheduled, "C1", "The job queue entry is in error")
    assert f.severity is Severity.BLOCKING
    assert (
        "does not run again until it is set ready. Its last run: failed: CRM cannot be reached"
        in f.explanation
    )


def test_job_queue_entry_ready(scheduled: World) -> None:
    scheduled.erp_insert("C1", "Fjord AS")
    assert (
        finding(scheduled, "C1", "Scheduled").explanation
        == "The job queue entry of CUSTOMER is ready; its next run is due now."
    )
    with scheduled.service.store.session() as session:
        session.execute(update(QueueEntry).values(next_run=utcnow() + timedelta(minutes=30)))
    assert "its next run is at " in finding(scheduled, "C1", "Scheduled").explanation


# -- last-modified values --------------------------------------------------------------------------


def test_not_changed_since_the_last_synchronization(scheduled: World) -> None:
    scheduled.erp_insert("C1", "Fjord AS")
    scheduled.sync()
    with scheduled.erp_engine.begin() as conn:  # an edit the app did not stamp
        conn.execute(
            update(scheduled.erp).where(scheduled.erp.c.no == "C1").values(name="Unstamped")
        )
    f = finding(scheduled, "C1", "Not changed since the last synchronization")
    assert f.severity is Severity.INFO
    assert "It is as it was when it was last synchronized (" in f.explanation
    assert "; last modified " in f.explanation
    assert "the app did not stamp the change" in f.fix
    scheduled.sync()
    assert scheduled.crm_rows()[scheduled.crm_key_of("C1")]["name"] == "Fjord AS", (
        "indeed not copied"
    )


def test_last_modified_older_than_what_synchronization_has_read(scheduled: World) -> None:
    scheduled.erp_insert("C1", "Fjord AS")
    scheduled.sync()
    scheduled.erp_insert("C2", "Back-dated AS")
    with scheduled.erp_engine.begin() as conn:
        conn.execute(
            update(scheduled.erp)
            .where(scheduled.erp.c.no == "C2")
            .values(last_modified=utcnow() - timedelta(days=1))
        )
    f = finding(scheduled, "C2", "Last-modified value older than what synchronization has read")
    assert f.severity is Severity.WARNING
    assert (
        "is older, so the next synchronization does not read it, although it was never synchronized"
        in f.explanation
    )
    scheduled.sync()
    assert "C2" not in {c["erp_key"] for c in scheduled.couplings()}, "indeed not read"
    scheduled.service.synchronize(["CUSTOMER"], record=(Side.ERP, "C2"))
    assert "C2" in {c["erp_key"] for c in scheduled.couplings()}, "Synchronize Now, as the fix says"


def test_no_last_modified_value(scheduled: World) -> None:
    scheduled.erp_insert("C1", "Fjord AS")
    scheduled.sync()
    scheduled.erp_insert("C2", "Unstamped AS")
    with scheduled.erp_engine.begin() as conn:
        conn.execute(
            update(scheduled.erp).where(scheduled.erp.c.no == "C2").values(last_modified=None)
        )
    f = finding(scheduled, "C2", "No last-modified value")
    assert f.severity is Severity.INFO
    assert "'last_modified' is empty, so every synchronization reads it" in f.explanation
    scheduled.sync()
    assert "C2" in {c["erp_key"] for c in scheduled.couplings()}, "read although unstamped"


# -- nothing in the way ----------------------------------------------------------------------------


def test_nothing_keeps_a_changed_record_out(scheduled: World) -> None:
    scheduled.erp_insert("C1", "Fjord AS")
    scheduled.sync()
    scheduled.erp_update("C1", name="Fjord Nord AS")
    found = diagnose(scheduled, "C1")
    assert [f.title for f in found] == [
        "Nothing keeps this record from synchronizing",
        "Changed since the last synchronization",
        "Scheduled",
    ]
    assert found[0].severity is Severity.OK
    assert "It is not as it was at the last synchronization" in found[1].explanation


def test_a_new_record_waits_for_the_next_synchronization(scheduled: World) -> None:
    scheduled.configure(match_on=["email"])
    scheduled.service.queue.ensure_entries()
    scheduled.erp_insert("C1", "Fjord AS", email="a@fjord.no")
    f = finding(scheduled, "C1", "Not synchronized yet")
    assert f.explanation == (
        "The next synchronization creates it in CRM, or "
        "couples it to a CRM record with equal email."
    )
