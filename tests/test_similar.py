"""One decision for many errors, and rules, on real SQLite files."""

from __future__ import annotations

from desktop_sync.domain import Action, CancelToken, Side
from desktop_sync.services.journal import JournalFilter
from desktop_sync.services.similar import Decision, message_pattern
from tests.helpers import World


def conflicts(world: World, cities: int, names: int, prefix: str = "C") -> dict[str, str]:
    """`cities` records changed in both on city alone, `names` on city and name."""
    keys = [f"{prefix}{i}" for i in range(cities + names)]
    for key in keys:
        world.erp_insert(key, f"Firm {key}", city="Bergen")
    world.sync()
    crm = {key: world.crm_key_of(key) for key in keys}
    for i, key in enumerate(keys):
        world.erp_update(key, city="Oslo", **({"name": f"ERP {key}"} if i >= cities else {}))
        world.crm_update(crm[key], city="Molde", **({"name": f"CRM {key}"} if i >= cities else {}))
    world.sync()
    return crm


def test_similar_errors_are_exactly_those_with_the_same_conflicting_fields(world: World) -> None:
    conflicts(world, cities=3, names=2)
    world.erp_insert("F1", "Long", city="x" * 31)
    world.sync()
    by_key = {e.erp_key: e for e in world.open_errors()}
    similar = world.service.similar_errors(by_key["C1"].id)
    assert similar.ids[0] == by_key["C1"].id
    assert sorted(similar.ids) == sorted(by_key[k].id for k in ("C0", "C1", "C2"))
    assert similar.fields == ("city",)
    both = world.service.similar_errors(by_key["C4"].id)
    assert sorted(both.ids) == sorted(by_key[k].id for k in ("C3", "C4"))
    assert both.fields == ("city", "name")
    assert world.service.similar_errors(by_key["F1"].id).ids == (by_key["F1"].id,)


def test_failed_errors_are_alike_by_their_message_with_the_values_left_out() -> None:
    a = "value too long for CRM table 'account' column 'city': 31 characters, at most 30 allowed"
    b = "value too long for CRM table 'account' column 'city': 45 characters, at most 30 allowed"
    c = "cannot insert into CRM: NOT NULL constraint failed: account.name"
    assert message_pattern(a) == message_pattern(b) != message_pattern(c)
    assert message_pattern("whatever", "{side} record {key} failed") == "{side} record {key} failed"


def test_a_preview_shows_what_both_apps_will_hold(world: World) -> None:
    conflicts(world, cities=2, names=0)
    first = world.open_errors()[-1]
    rows = world.service.preview_similar(first.id, Decision(winner=Side.CRM))
    assert len(rows) == 2
    city = next(f for f in rows[0].fields if f.name == "city")
    assert (city.erp, city.crm, city.erp_after, city.crm_after) == (
        "Oslo",
        "Molde",
        "Molde",
        "Molde",
    )
    assert city.changes


def test_apply_to_similar_resolves_all_in_batches_with_progress_and_stops_at_cancel(
    world: World,
) -> None:
    crm = conflicts(world, cities=5, names=1)
    first = min(world.open_errors(), key=lambda e: e.id)
    seen = []
    result = world.service.apply_to_similar(
        first.id, Decision(winner=Side.ERP), progress=seen.append, comment="bulk"
    )
    assert result.ok and (result.done, result.total) == (5, 5)
    assert seen[-1].done == 5 and seen[-1].total == 5
    assert {world.crm_rows()[crm[f"C{i}"]]["city"] for i in range(5)} == {"Oslo"}
    assert [e.erp_key for e in world.open_errors()] == ["C5"]
    journal = world.service.journal(JournalFilter(action="synchronize")).rows
    assert len(journal) == 5 and {j.comment for j in journal} == {"bulk"}

    world.service.synchronize_errors([world.error_of("C5").id], Side.ERP)
    conflicts(world, cities=4, names=0, prefix="D")
    cancel = CancelToken()

    def stop_after_the_first_batch(progress) -> None:  # type: ignore[no-untyped-def]
        if progress.done:
            cancel.cancel()

    first = min(world.open_errors(), key=lambda e: e.id)
    from desktop_sync.services import similar

    result = similar.apply_to_similar(
        world.service, first.id, Decision(winner=Side.CRM), stop_after_the_first_batch, cancel,
        batch=2,
    )  # fmt: skip
    assert result.cancelled and result.done == 2 and result.total == 4
    assert len(world.open_errors()) == 2, "what was done before Cancel stays done"


def test_a_saved_rule_settles_the_next_jobs_conflicts_and_is_journaled(world: World) -> None:
    crm = conflicts(world, cities=1, names=1)
    error = world.error_of("C0")
    rule = world.service.save_rule_from(error.id, Decision(winner=Side.CRM), "CRM knows cities")
    assert (rule.fields, rule.winners, rule.source) == (("city",), {"city": Side.CRM}, "store")
    world.service.retry([e.id for e in world.open_errors()])
    world.sync()
    assert world.erp_rows()["C0"]["city"] == "Molde", "the rule settled it"
    assert [e.erp_key for e in world.open_errors()] == ["C1"], "city and name: not the rule's"
    (entry,) = world.service.journal(JournalFilter(action="rule")).rows
    assert (entry.rule, entry.side, entry.who) == (
        "CRM knows cities",
        "erp",
        "rule CRM knows cities",
    )
    assert (entry.before, entry.after) == ({"city": "Oslo"}, {"city": "Molde"})
    assert "settled by rule 'CRM knows cities'" in world.log(Side.ERP, "C0")[0].message

    world.service.set_rule_enabled("CUSTOMER", "CRM knows cities", False)
    world.erp_update("C0", city="Oslo")
    world.crm_update(crm["C0"], city="Molde2")
    world.sync()
    assert world.error_of("C0").kind == "changed_in_both", "a rule switched off settles nothing"


def test_a_configured_rule_applies_and_can_be_switched_off_in_the_store(tmp_path) -> None:
    from desktop_sync.mapping_toml import app, config_toml, field, mapping

    world = World(tmp_path)
    try:
        customer = mapping(
            "CUSTOMER",
            ("customer", "account"),
            ("no", "accountid"),
            [field("name", "name"), field("city", "city"), field("email", "email")],
            modified=("last_modified", "modifiedon"),
            rule=[{"name": "ERP cities", "fields": ["city"], "winner": "erp"}],
        )
        world.config_path.write_text(
            config_toml(world.store_url, app(world.erp_url), app(world.crm_url), [customer],
                        settings={"user": "tester"}),
            encoding="utf-8",
        )  # fmt: skip
        crm = conflicts(world, cities=1, names=0)
        assert world.open_errors() == [] and world.crm_rows()[crm["C0"]]["city"] == "Oslo"
        (row,) = world.service.rules("CUSTOMER")
        assert (row.name, row.source, row.enabled) == ("ERP cities", "config", True)
        assert not world.service.set_rule_enabled("CUSTOMER", "ERP cities", False).enabled
        world.erp_update("C0", city="Narvik")
        world.crm_update(crm["C0"], city="Harstad")
        world.sync()
        assert world.error_of("C0").kind == "changed_in_both"
    finally:
        world.close()


def test_retry_state_counts_repeated_failures_and_the_filter_shows_who_needs_a_person(
    world: World,
) -> None:
    from desktop_sync.services import ErrorFilter

    world.erp_insert("C1", "Fjord AS", city="x" * 31)
    world.sync()
    for expected in (1, 2, 3):
        error = world.error_of("C1")
        assert error.fail_count == expected and error.needs_person
        state = world.service.retry_states([error.id])[error.id]
        assert state.fail_count == expected and state.text().endswith("needs a person")
        world.service.retry([error.id])
        world.sync()
    world.erp_update("C1", city="y" * 32)
    world.service.retry([world.error_of("C1").id])
    world.sync()
    assert world.error_of("C1").fail_count == 1, "another message starts the count again"
    with world.service.store.session() as session:
        from sqlalchemy import update

        from desktop_sync.store.models import SyncError

        session.execute(update(SyncError).values(transient=True))
    assert world.service.errors(ErrorFilter(needs_person=True)) == []
    (error,) = world.service.errors(ErrorFilter())
    assert world.service.retry_states([error.id])[error.id].text().startswith("retried by itself")


def test_an_action_on_an_error_another_person_holds_says_who_and_since_when(world: World) -> None:
    from desktop_sync.services import Service

    world.erp_insert("C1", "Fjord AS", city="x" * 31)
    world.sync()
    error = world.error_of("C1")
    alice = Service.open(world.config_path, user="alice")
    try:
        assert alice.claim([error.id]).done == 1
        row = world.service.error(error.id)
        assert row.claimed_by == "alice" and row.claimed_text().startswith(
            "being resolved by alice since "
        )
        assert world.service.errors()[0].as_json()["claimed_by"] == "alice"
        result = world.service.act(Action.RETRY, [error.id])
        assert result.done == 0 and "being resolved by alice since" in result.refused[0]
        assert "is being resolved by" in result.refused[0]
        assert world.couplings()[0]["skipped"], "nothing was tried"
        alice.release([error.id])
        assert world.service.retry([error.id]).done == 1
    finally:
        alice.close()
