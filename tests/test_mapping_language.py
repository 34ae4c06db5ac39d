"""The mapping language on schemas shaped like real apps (issue 11): values written on insert
only, expressions, value maps, empty values, transformations, lookups through another mapping's
couplings in dependency order, archiving instead of deleting, and labels. Each runs on SQLite
and PostgreSQL and looks at what both apps hold afterwards.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy.engine import URL

from desktop_sync.config import ConfigError, load_config
from desktop_sync.domain import Side
from desktop_sync.store.models import utcnow
from tests.realistic import RealWorld

APPS = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param("postgres", marks=pytest.mark.postgres, id="postgres"),
]


@pytest.fixture(params=APPS)
def make_world(request: pytest.FixtureRequest, tmp_path) -> Iterator[Callable[..., RealWorld]]:
    server: URL | None = None
    if request.param == "postgres":
        server = request.getfixturevalue("postgres_db")
    worlds: list[RealWorld] = []

    def make(**options: Any) -> RealWorld:
        world = RealWorld(tmp_path, server, **options)
        worlds.append(world)
        return world

    yield make
    for world in worlds:
        world.close()


@pytest.fixture
def world(make_world) -> RealWorld:
    w = make_world()
    w.erp_add("salesperson", code="S1", name="Siri Selger", email="siri@x.no")
    w.erp_add(
        "customer",
        no="C1",
        name="Fjord AS",
        email=" Post@Fjord.NO ",
        salesperson_code="S1",
        payment_terms="14D",
    )
    w.erp_add("contact", no="K1", name="Kari Kontakt", company_no="C1")
    return w


# -- values written on insert, expressions ---------------------------------------------------


def test_insert_only_values_and_expressions_fill_what_the_app_would(world: RealWorld) -> None:
    before = utcnow() - timedelta(minutes=1)
    world.sync()
    account = world.crm_rows("account")[world.crm_key_of("CUSTOMER", "C1")]
    assert account["status"] == "open" and account["createdby"] == "tester"
    assert before <= account["createdon"] <= utcnow() + timedelta(minutes=1), "the db's now"
    key = world.crm_key_of("CUSTOMER", "C1")
    world.crm_edit("account", key, status="closed")  # the CRM's users change it
    world.erp_edit("customer", "C1", name="Fjord Nord AS")
    world.sync()
    account = world.crm_rows("account")[key]
    assert account["name"] == "Fjord Nord AS"
    assert account["status"] == "closed", "a value written on insert is not reset by an edit"
    assert account["createdon"] <= utcnow() + timedelta(minutes=1)


def test_a_value_written_always_comes_back(make_world) -> None:
    world = make_world()
    text = world.config_path.read_text().replace(
        'crm = "status"\n  constant = "open"',
        'crm = "status"\n  constant = "open"\n  on = "always"',
    )
    world.config_path.write_text(text)
    world.erp_add("customer", no="C1", name="Fjord AS")
    world.sync()
    key = world.crm_key_of("CUSTOMER", "C1")
    world.crm_edit("account", key, status="closed")
    world.erp_edit("customer", "C1", name="Fjord Nord AS")
    world.sync()
    assert world.crm_rows("account")[key]["status"] == "open"


# -- value maps, empties, transformations ----------------------------------------------------


def test_a_value_map_translates_both_ways(world: RealWorld) -> None:
    world.sync()
    key = world.crm_key_of("CUSTOMER", "C1")
    assert world.crm_rows("account")[key]["paymenttermscode"] == 1
    world.crm_edit("account", key, paymenttermscode=3)
    world.sync()
    assert world.erp_rows("customer")["C1"]["payment_terms"] == "60D"
    results = world.sync()
    assert results["CUSTOMER"].counters.modified == 0, "translated values compare equal"


def test_a_value_without_a_counterpart_fails_its_record_with_a_plain_message(
    world: RealWorld,
) -> None:
    world.erp_add("customer", no="C2", name="Odd AS", payment_terms="90D")
    results = world.sync()
    assert results["CUSTOMER"].counters.failed == 1 and results["CUSTOMER"].counters.inserted == 1
    (error,) = world.open_errors()
    assert error.erp_key == "C2"
    assert error.message == (
        "Payment terms '90D' of customer C2 has no counterpart in Dynamics 365 Sales: the value "
        "map of mapping CUSTOMER knows only '14D', '30D', '60D'. Change it in Business Central, "
        "or add it to the map in the configuration (or give default_crm), then Retry."
    )


def test_a_default_stands_in_for_a_value_without_a_counterpart(make_world) -> None:
    world = make_world(payment_default=2)
    world.erp_add("customer", no="C2", name="Odd AS", payment_terms="90D")
    world.sync()
    account = world.crm_rows("account")[world.crm_key_of("CUSTOMER", "C2")]
    assert account["paymenttermscode"] == 2


def test_null_and_empty_text_are_equal_and_written_as_the_column_takes_them(
    world: RealWorld,
) -> None:
    world.sync()  # C1 has no address: the CRM's street is NOT NULL
    key = world.crm_key_of("CUSTOMER", "C1")
    assert world.crm_rows("account")[key]["street"] == ""
    results = world.sync()
    assert results["CUSTOMER"].counters.modified == 0, "NULL and '' are equal"
    world.crm_edit("account", key, street="Kaia 1")
    world.sync()
    assert world.erp_rows("customer")["C1"]["address"] == "Kaia 1"


def test_a_transformed_field_never_looks_changed_by_itself(world: RealWorld) -> None:
    world.sync()
    key = world.crm_key_of("CUSTOMER", "C1")
    assert world.crm_rows("account")[key]["emailaddress1"] == "post@fjord.no"
    assert world.erp_rows("customer")["C1"]["email"] == " Post@Fjord.NO ", "the source stays"
    results = world.sync()
    assert results["CUSTOMER"].counters.modified == 0
    world.crm_edit("account", key, emailaddress1="Salg@Fjord.no")
    world.sync()
    assert world.erp_rows("customer")["C1"]["email"] == "salg@fjord.no"


def test_a_bidirectional_value_map_must_be_one_to_one(make_world, tmp_path) -> None:
    world = make_world()
    text = world.config_path.read_text().replace('["60D", 3]', '["60D", 3], ["90D", 3]')
    world.config_path.write_text(text)
    with pytest.raises(ConfigError) as refused:
        load_config(world.config_path)
    assert "values" in refused.value.key
    assert "the crm value 3 has two counterparts ('60D' and '90D')" in refused.value.problem


# -- lookups and dependency order -----------------------------------------------------------


def test_lookups_translate_keys_and_mappings_run_in_dependency_order(world: RealWorld) -> None:
    results = world.sync()
    assert list(results) == ["SALESPEOPLE", "CUSTOMER", "CONTACT"], "parents before children"
    owner = world.crm_key_of("SALESPEOPLE", "S1")
    account_key = world.crm_key_of("CUSTOMER", "C1")
    assert world.crm_rows("account")[account_key]["ownerid"] == owner
    contact = world.crm_rows("contact")[world.crm_key_of("CONTACT", "K1")]
    assert contact["parentcustomerid"] == account_key
    world.erp_add("customer", no="C2", name="Nord AS")
    world.crm_edit("contact", world.crm_key_of("CONTACT", "K1"), parentcustomerid=None)
    world.sync()
    assert world.erp_rows("contact")["K1"]["company_no"] is None, "NULL stays NULL"
    world.erp_edit("contact", "K1", company_no="C2")
    world.sync()
    contact = world.crm_rows("contact")[world.crm_key_of("CONTACT", "K1")]
    assert contact["parentcustomerid"] == world.crm_key_of("CUSTOMER", "C2")


def test_a_contact_whose_company_is_not_coupled_yet_synchronizes_the_company_first(
    world: RealWorld,
) -> None:
    results = world.sync("CONTACT", "SALESPEOPLE")
    assert list(results) == ["SALESPEOPLE", "CONTACT"]
    account_key = world.crm_key_of("CUSTOMER", "C1")  # synchronized on the contact's behalf
    contact = world.crm_rows("contact")[world.crm_key_of("CONTACT", "K1")]
    assert contact["parentcustomerid"] == account_key
    assert world.open_errors() == []


def test_a_company_whose_mapping_goes_the_other_way_only_fails_the_contact_until_coupled(
    make_world,
) -> None:
    world = make_world(customer_direction="to_crm")
    world.crm_add(
        "account",
        accountid="acc-9",
        name="CRM-only AS",
        street="x",
        status="open",
        createdon=utcnow(),
    )
    world.crm_add("contact", contactid="con-9", fullname="Per Person", parentcustomerid="acc-9")
    results = world.sync()
    assert results["CONTACT"].counters.failed == 1
    (error,) = world.open_errors()
    assert error.crm_key == "con-9"
    assert error.message.startswith(
        "Company of crm_contact con-9 names account acc-9, which has not been synchronized to "
        "Business Central yet (mapping CUSTOMER has not coupled it)"
    )
    world.erp_add("customer", no="C9", name="CRM-only AS")
    world.service.couple("CUSTOMER", "C9", "acc-9")
    world.service.retry([error.id])
    world.sync()
    erp_contact = next(r for r in world.erp_rows("contact").values() if r["name"] == "Per Person")
    assert erp_contact["company_no"] == "C9"
    assert world.open_errors() == []


def test_a_cycle_of_lookups_is_a_configuration_error_naming_it(make_world) -> None:
    world = make_world()
    text = world.config_path.read_text().replace(
        '  erp = "payment_terms"',
        '  erp = "email"\n  crm = "emailaddress1"\n  lookup = "CONTACT"\n\n'
        "  [[mapping.field]]\n"
        '  erp = "payment_terms"',
        1,
    )
    world.config_path.write_text(text)
    with pytest.raises(ConfigError) as refused:
        load_config(world.config_path)
    assert "the lookups make a cycle: CONTACT → CUSTOMER → CONTACT" in refused.value.problem


# -- coupling by match_on ---------------------------------------------------------------------


def test_coupling_an_existing_record_writes_only_what_the_mapping_pairs(
    make_world,
) -> None:
    world = make_world()
    created = utcnow() - timedelta(days=700)
    world.crm_add(
        "account",
        accountid="acc-1",
        name="Fjord AS",
        emailaddress1="post@fjord.no",
        street="Kaia 1",
        status="closed",
        createdon=created,
        createdby="someone",
    )
    world.erp_add("customer", no="C1", name="Fjord AS", email="post@fjord.no")
    results = world.sync()
    assert results["CUSTOMER"].counters.coupled == 1 and results["CUSTOMER"].counters.inserted == 0
    account = world.crm_rows("account")["acc-1"]
    assert (account["status"], account["createdby"]) == ("closed", "someone")
    assert abs(account["createdon"] - created) < timedelta(seconds=1)
    assert world.erp_rows("customer")["C1"]["address"] == "Kaia 1", "the empty side takes it"


# -- archive instead of delete --------------------------------------------------------------


ARCHIVE = {"archive_crm": {"column": "statecode", "value": 1}}


def test_delete_records_archives_where_the_mapping_says_so(make_world) -> None:
    world = make_world(customer_options=ARCHIVE)
    world.erp_add("customer", no="C1", name="Fjord AS")
    world.sync()
    key = world.crm_key_of("CUSTOMER", "C1")
    with world.erp_engine.begin() as conn:
        conn.execute(world.erp["customer"].delete())
    world.service.find_deleted(["CUSTOMER"])
    (error,) = world.open_errors()
    assert error.kind == "deleted_in_erp"
    result = world.service.delete_records([error.id])
    assert result.ok, result.lines()
    account = world.crm_rows("account")[key]
    assert account["statecode"] == 1, "archived, not deleted"


def test_an_archived_record_counts_as_deleted_for_the_other_app(make_world) -> None:
    world = make_world(customer_options={**ARCHIVE, "deletion_conflict": "delete"})
    world.erp_add("customer", no="C1", name="Fjord AS")
    world.sync()
    world.crm_edit("account", world.crm_key_of("CUSTOMER", "C1"), statecode=1)
    results = world.sync()
    assert results["CUSTOMER"].counters.deleted == 1
    assert "C1" not in world.erp_rows("customer"), "deleted in the ERP by the policy"
    assert world.service.coupled_keys("CUSTOMER", Side.ERP, ["C1"]) == {}


# -- labels -----------------------------------------------------------------------------------


def test_messages_name_fields_by_their_labels(world: RealWorld) -> None:
    world.sync()
    key = world.crm_key_of("CUSTOMER", "C1")
    world.erp_edit("customer", "C1", payment_terms="30D")
    world.crm_edit("account", key, paymenttermscode=3)
    world.sync()
    (error,) = world.open_errors()
    assert error.kind == "changed_in_both" and "(Payment terms)" in error.message
