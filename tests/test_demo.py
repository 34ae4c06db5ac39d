"""The demo: a configuration that uses the whole mapping language, apps whose rows show each
feature at work, an error of every kind waiting, and a clear no (exit 2, nothing left behind)
to a demo it cannot make."""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from sqlalchemy import create_engine, select

from desktop_sync.cli import cli
from desktop_sync.config import NO_DEFAULT, Archive, load_config
from desktop_sync.demo import CONFIG, DemoPaths, create_demo
from desktop_sync.demo.config import PAYMENT_TERMS
from desktop_sync.demo.data import Sizes
from desktop_sync.demo.edits import edit_both_apps
from desktop_sync.demo.schema import crm_schema, erp_schema
from desktop_sync.domain import Side
from desktop_sync.services import ErrorFilter, Service

KINDS = {"changed_in_both", "deleted_in_erp", "deleted_in_crm", "failed"}


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[DemoPaths, Service]]:
    paths = create_demo(tmp_path_factory.mktemp("demo") / "d", records=60)
    service = Service.open(paths.config)
    yield paths, service
    service.close()


def rows(database: Path, table: str) -> dict[str, dict[str, Any]]:
    """A demo app's table by key (as text, as couplings keep it)."""
    _, tables = (erp_schema if database.name == "erp.db" else crm_schema)()
    t = tables[table]
    key = t.primary_key.columns[0]
    engine = create_engine(f"sqlite:///{database}")
    try:
        with engine.connect() as conn:
            return {str(r._mapping[key]): dict(r._mapping) for r in conn.execute(select(t))}
    finally:
        engine.dispose()


def coupled(service: Service, mapping: str, erp_keys: list[str]) -> dict[str, str]:
    return {k: v for k, v in service.coupled_keys(mapping, Side.ERP, erp_keys).items() if v}


# -- the configuration ------------------------------------------------------------------------


def test_the_demo_configuration_uses_the_whole_mapping_language(tmp_path: Path) -> None:
    path = tmp_path / "desktop-sync.toml"
    path.write_text(CONFIG, encoding="utf-8")
    config = load_config(path)
    assert config.in_order() == ["SALESPEOPLE", "CUSTOMER", "CONTACT", "ITEM-PRODUCT"]
    customer, contact, item = (config.mapping(n) for n in ("CUSTOMER", "CONTACT", "ITEM-PRODUCT"))
    account = {f.crm: f for f in customer.fields}

    owner, parent = account["ownerid"], {f.crm: f for f in contact.fields}["parentcustomerid"]
    assert (owner.erp, owner.lookup) == ("salesperson_code", "SALESPEOPLE")
    assert (parent.erp, parent.lookup) == ("company_no", "CUSTOMER")

    terms = account["paymenttermscode"]
    assert terms.erp == "payment_terms_code" and ("30 DAYS", 1) in terms.values
    assert terms.default_crm is NO_DEFAULT, "a code without a counterpart fails its customer"

    created, status = account["createdon"], account["statuscode"]
    assert (created.erp, created.expression, created.on) == (None, "now", "insert")
    assert (status.constant, status.on) == (1, "insert"), "the CRM's users may change it"
    assert account["address1_country"].transform_to_crm, "a transformation"
    assert item.archive_crm == Archive("statecode", 1)
    assert customer.match_on == ("email",) and customer.filter(Side.ERP) == {"blocked": False}

    unlabelled = [(m.name, f.name) for m in config.mappings for f in m.fields if not f.label]
    assert unlabelled == []
    assert owner.label == "Salesperson Code" and parent.label == "Company No."


def test_the_demo_apps_have_what_real_ones_have() -> None:
    _, erp = erp_schema()
    _, crm = crm_schema()
    assert erp["contact"].c.last_name.nullable and not crm["contact"].c.lastname.nullable, (
        "empty text: a NOT NULL CRM column fed by a nullable ERP column"
    )
    for table in ("account", "contact"):
        created = crm[table].c.createdon
        assert not created.nullable and created.server_default is None and created.default is None


# -- after the demo -------------------------------------------------------------------------


def test_an_error_of_every_kind_is_waiting_and_the_failures_say_why(demo) -> None:
    _, service = demo
    errors = service.errors(ErrorFilter())
    assert {e.kind for e in errors} == KINDS
    failed = " | ".join(e.message for e in errors if e.kind == "failed")
    assert "Payment Terms Code 'COD' of customer" in failed
    assert "has no counterpart in Dynamics 365 Sales" in failed
    assert re.search(r"Description of item \d+ is \d+ characters long; Dynamics 365 Sales", failed)
    assert "(mapping CUSTOMER has not coupled it)" in failed, "a contact of a blocked customer"
    assert re.search(
        r"Unit Price -150.00 of item \d+ is not allowed in Dynamics 365 Sales \(must be 0 or "
        r"more\). Correct it in Business Central, then Retry.",
        failed,
    )
    details = " | ".join(e.detail for e in errors if e.kind == "failed")
    assert "CHECK constraint failed: ck_product_price" in details


def test_an_accounts_owner_is_the_user_coupled_to_its_salesperson(demo) -> None:
    paths, service = demo
    customers, accounts = rows(paths.erp, "customer"), rows(paths.crm, "account")
    users = coupled(service, "SALESPEOPLE", list(rows(paths.erp, "salesperson")))
    pairs = coupled(service, "CUSTOMER", list(customers))
    owned = [(no, key) for no, key in pairs.items() if key in accounts]
    assert len(owned) > 50
    for no, key in owned:
        code = customers[no]["salesperson_code"]
        assert accounts[key]["ownerid"] == users[code], (no, code)


def test_a_contacts_parent_is_the_account_coupled_to_its_company(demo) -> None:
    paths, service = demo
    contacts, crm_contacts = rows(paths.erp, "contact"), rows(paths.crm, "contact")
    accounts = coupled(service, "CUSTOMER", list(rows(paths.erp, "customer")))
    pairs = coupled(service, "CONTACT", list(contacts))
    assert len(pairs) > 80
    for no, key in pairs.items():
        company = contacts[no]["company_no"]
        parent = crm_contacts[key]["parentcustomerid"]
        assert parent == (accounts[company] if company else None), (no, company)
    assert any(c["company_no"] is None for c in contacts.values()), "NULL stays NULL"


def test_value_maps_insert_only_values_and_empty_text_arrived(demo) -> None:
    paths, service = demo
    customers, accounts = rows(paths.erp, "customer"), rows(paths.crm, "account")
    options = dict(PAYMENT_TERMS)
    for no, key in coupled(service, "CUSTOMER", list(customers)).items():
        if key in accounts:
            code = customers[no]["payment_terms_code"]
            assert accounts[key]["paymenttermscode"] == options.get(code), (no, code)
    assert "60 DAYS" in {c["payment_terms_code"] for c in customers.values()}, (
        "an option the CRM chose comes back as the ERP's code"
    )
    assert all(a["statuscode"] == 1 and a["createdon"] for a in accounts.values())
    contacts, crm_contacts = rows(paths.erp, "contact"), rows(paths.crm, "contact")
    surnames = {
        crm_contacts[key]["lastname"]
        for no, key in coupled(service, "CONTACT", list(contacts)).items()
        if contacts[no]["last_name"] is None
    }
    assert surnames == {""}, "NULL in the ERP, empty text in the CRM's NOT NULL column"


def test_delete_records_retires_a_product_instead_of_deleting_it(tmp_path: Path) -> None:
    paths = create_demo(tmp_path / "d", records=20)
    service = Service.open(paths.config)
    try:
        service.find_deleted(["ITEM-PRODUCT"])
        (error,) = service.errors(ErrorFilter(mapping="ITEM-PRODUCT", kind="deleted_in_erp"))
        assert service.delete_records([error.id]).ok
        product = rows(paths.crm, "product")[error.crm_key]
        assert product["statecode"] == 1, "archived, not deleted"
    finally:
        service.close()


# -- sizes -------------------------------------------------------------------------------------


def test_rows_added_later_never_meet_generated_ones_at_any_size(tmp_path: Path) -> None:
    """The edits' new customers, contacts and items take the numbers after the generated ones
    (a 20,000-customer demo once failed on a UNIQUE constraint)."""
    paths = create_demo(tmp_path / "d", records=20_000, sync=False)
    Service.open(paths.config).close()  # the store's tables, no couplings yet
    erp, crm, store = (f"sqlite:///{p}" for p in (paths.erp, paths.crm, paths.store))
    edit_both_apps(erp, crm, store, Sizes(20_000), random.Random(1))
    assert len(rows(paths.erp, "customer")) == 20_003


@pytest.mark.parametrize("records", ["0", "4", "50001", "-3"])
def test_a_size_the_demo_cannot_make_is_refused_and_leaves_nothing(
    tmp_path: Path, records: str
) -> None:
    result = CliRunner().invoke(cli, ["demo", str(tmp_path / "d"), "--records", records], obj={})
    assert result.exit_code == 2
    assert "the demo makes 5 to 50,000 customers" in result.output
    assert not (tmp_path / "d").exists()


def test_a_demo_that_fails_halfway_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(*args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr("desktop_sync.demo.edit_both_apps", fail)
    with pytest.raises(OSError, match="disk full"):
        create_demo(tmp_path / "new" / "d", records=5)
    assert not (tmp_path / "new").exists(), "the folders it made are gone"

    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("kept", encoding="utf-8")
    with pytest.raises(OSError, match="disk full"):
        create_demo(mine, records=5)
    assert sorted(p.name for p in mine.iterdir()) == ["notes.txt"], "only what it wrote is gone"
