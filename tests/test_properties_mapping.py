"""Property: with a lookup field and a value-mapped field, whatever people do in either app, once
every error is resolved and the apps are synchronized again, every coupled pair agrees through
its translations — the payment terms through the value map, a contact's company through the
customers' couplings — and every record is coupled.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from desktop_sync.domain import Side
from desktop_sync.store.models import utcnow
from tests.realistic import RealWorld

TERMS = {"14D": 1, "30D": 2, "60D": 3}
NAMES = st.sampled_from(["Ask", "Berg", "Dal", "Eik", "Fjell"])

edit_op = st.one_of(
    st.tuples(st.just("erp_customer"), NAMES, st.sampled_from(sorted(TERMS))),
    st.tuples(st.just("crm_account"), NAMES, st.sampled_from(sorted(TERMS.values()))),
    st.tuples(st.just("erp_terms"), st.integers(0, 9), st.sampled_from(sorted(TERMS))),
    st.tuples(st.just("crm_terms"), st.integers(0, 9), st.sampled_from(sorted(TERMS.values()))),
    st.tuples(st.just("erp_contact"), NAMES, st.integers(0, 9)),
    st.tuples(st.just("crm_contact"), NAMES, st.integers(0, 9)),
    st.tuples(st.just("erp_company"), st.integers(0, 9), st.integers(0, 9)),
    st.tuples(st.just("crm_parent"), st.integers(0, 9), st.integers(0, 9)),
    st.tuples(st.just("sync")),
)


class People:
    def __init__(self, world: RealWorld) -> None:
        self.world, self.count = world, 0

    def keys(self, side: Side, table: str) -> list[str]:
        rows = self.world.erp_rows(table) if side is Side.ERP else self.world.crm_rows(table)
        return sorted(rows)

    def apply(self, op: tuple) -> None:  # type: ignore[type-arg]
        w, kind = self.world, op[0]
        self.count += 1
        n = self.count
        if kind == "sync":
            w.sync()
        elif kind == "erp_customer":
            w.erp_add("customer", no=f"C{n}", name=op[1], payment_terms=op[2])
        elif kind == "crm_account":
            w.crm_add(
                "account",
                accountid=f"a-{n}",
                name=op[1],
                street="",
                status="open",
                createdon=utcnow(),
                paymenttermscode=op[2],
            )
        elif kind in ("erp_terms", "crm_terms"):
            side = Side.ERP if kind == "erp_terms" else Side.CRM
            table = "customer" if side is Side.ERP else "account"
            keys = self.keys(side, table)
            if keys:
                key = keys[op[1] % len(keys)]
                if side is Side.ERP:
                    w.erp_edit("customer", key, payment_terms=op[2])
                else:
                    w.crm_edit("account", key, paymenttermscode=op[2])
        elif kind == "erp_contact":
            companies = self.keys(Side.ERP, "customer")
            company = companies[op[2] % len(companies)] if companies else None
            w.erp_add("contact", no=f"K{n}", name=op[1], company_no=company)
        elif kind == "crm_contact":
            accounts = self.keys(Side.CRM, "account")
            parent = accounts[op[2] % len(accounts)] if accounts else None
            w.crm_add("contact", contactid=f"k-{n}", fullname=op[1], parentcustomerid=parent)
        elif kind == "erp_company":
            contacts, companies = self.keys(Side.ERP, "contact"), self.keys(Side.ERP, "customer")
            if contacts and companies:
                company = companies[op[2] % len(companies)]
                w.erp_edit("contact", contacts[op[1] % len(contacts)], company_no=company)
        elif kind == "crm_parent":
            contacts, accounts = self.keys(Side.CRM, "contact"), self.keys(Side.CRM, "account")
            if contacts and accounts:
                parent = accounts[op[2] % len(accounts)]
                w.crm_edit("contact", contacts[op[1] % len(contacts)], parentcustomerid=parent)


def resolve_everything(world: RealWorld, winner: Side) -> None:
    for _ in range(6):
        world.sync()
        errors = world.open_errors()
        if not errors:
            return
        for error in errors:
            if error.kind == "changed_in_both":
                result = world.service.synchronize_errors([error.id], winner=winner)
            else:
                result = world.service.retry([error.id])
            assert result.ok, result.lines()
    raise AssertionError(f"errors keep coming back: {world.open_errors()}")


@given(ops=st.lists(edit_op, min_size=1, max_size=20), winner=st.sampled_from(list(Side)))
def test_pairs_agree_through_lookups_and_value_maps(ops, winner) -> None:
    with tempfile.TemporaryDirectory() as folder:
        world = RealWorld(Path(folder))
        try:
            people = People(world)
            for op in ops:
                people.apply(op)
            resolve_everything(world, winner)
            check_agreement(world)
        finally:
            world.close()


def check_agreement(world: RealWorld) -> None:
    customers, accounts = world.erp_rows("customer"), world.crm_rows("account")
    account_of = world.service.coupled_keys("CUSTOMER", Side.ERP, list(customers))
    assert set(account_of) == set(customers), "every customer is coupled"
    assert set(account_of.values()) == set(accounts), "every account is coupled"
    for no, accountid in account_of.items():
        assert TERMS[customers[no]["payment_terms"]] == accounts[accountid]["paymenttermscode"]
        assert customers[no]["name"] == accounts[accountid]["name"]
    contacts, crm_contacts = world.erp_rows("contact"), world.crm_rows("contact")
    contact_of = world.service.coupled_keys("CONTACT", Side.ERP, list(contacts))
    assert set(contact_of) == set(contacts) and set(contact_of.values()) == set(crm_contacts)
    for no, contactid in contact_of.items():
        company = contacts[no]["company_no"]
        parent = crm_contacts[contactid]["parentcustomerid"]
        assert (account_of[company] if company else None) == parent, (no, company, parent)
