"""What people do in both apps between the demo's two synchronizations.

Most edits synchronize without trouble, in both directions and through lookups and the value
map. The others leave an error of every kind for the next synchronization:

- changed in both: a customer renamed in the ERP and its account renamed in the CRM;
- deleted in the CRM: an account deleted in the CRM while its customer was edited in the ERP;
- deleted in the ERP: a contact deleted in the ERP while the CRM edited it;
- failed: an item description longer than the CRM's product names, a negative price the CRM's
  check refuses, a customer whose payment terms code has no CRM counterpart, and a contact whose
  company is blocked (kept out of the CRM), so the mapping cannot couple its parent account;
- found by Find Deleted only: an account and an item deleted quietly.

Each role takes records of its own, as many as the demo has; new rows are numbered after the
generated ones (see `Sizes`).
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Engine, Table, create_engine, delete, insert, select, update

from desktop_sync.demo.config import UNMAPPED_PAYMENT_TERMS
from desktop_sync.demo.data import Sizes
from desktop_sync.demo.schema import crm_schema, erp_schema
from desktop_sync.store.models import Coupling, utcnow

Pair = tuple[str, str]  # a coupling's ERP key and CRM key


class _Apps:
    """Both apps' tables, written as their users would: each edit with a fresh stamp."""

    def __init__(self, erp: Engine, crm: Engine, rng: random.Random) -> None:
        _, self.erp_tables = erp_schema()
        _, self.crm_tables = crm_schema()
        self.erp, self.crm = erp.connect(), crm.connect()
        self.rng, self.now = rng, utcnow()

    def later(self) -> datetime:
        return self.now + timedelta(milliseconds=self.rng.randint(1, 5000))

    def erp_update(self, table: str, key: str, **values: Any) -> None:
        t = self.erp_tables[table]
        where = _key(t) == key
        self.erp.execute(update(t).where(where).values(last_modified=self.later(), **values))

    def crm_update(self, table: str, key: str, **values: Any) -> None:
        t = self.crm_tables[table]
        stamp = self.later().isoformat(timespec="microseconds")
        self.crm.execute(
            update(t).where(_key(t) == _typed(t, key)).values(modifiedon=stamp, **values)
        )

    def erp_add(self, table: str, *rows: dict[str, Any]) -> None:
        self.erp.execute(
            insert(self.erp_tables[table]), [{"last_modified": self.later(), **r} for r in rows]
        )

    def crm_add(self, table: str, **values: Any) -> None:
        stamp = self.later().isoformat(timespec="microseconds")
        row = {"createdon": self.now, "modifiedon": stamp, **values}
        self.crm.execute(insert(self.crm_tables[table]).values(**row))

    def erp_delete(self, table: str, key: str) -> None:
        t = self.erp_tables[table]
        self.erp.execute(delete(t).where(_key(t) == key))

    def crm_delete(self, table: str, key: str) -> None:
        t = self.crm_tables[table]
        self.crm.execute(delete(t).where(_key(t) == _typed(t, key)))

    def erp_value(self, table: str, key: str, column: str) -> Any:
        t = self.erp_tables[table]
        return self.erp.scalar(select(t.c[column]).where(_key(t) == key))


def edit_both_apps(
    erp_url: str, crm_url: str, store_url: str, sizes: Sizes, rng: random.Random
) -> None:
    """Edit both apps as described above, in one transaction each."""
    pairs = _couplings(store_url)
    engines = create_engine(erp_url), create_engine(crm_url)
    apps = _Apps(*engines, rng)
    try:
        with apps.erp.begin(), apps.crm.begin():
            customers = _sample(rng, pairs["CUSTOMER"], 11)
            _customers(apps, customers, [crm for _, crm in pairs["SALESPEOPLE"]])
            untouched = [crm for erp, crm in pairs["CUSTOMER"] if (erp, crm) not in customers]
            _contacts(apps, _sample(rng, pairs["CONTACT"], 6), untouched[:3])
            _items(apps, _sample(rng, pairs["ITEM-PRODUCT"], 3))
            _new_rows(apps, sizes)
    finally:
        apps.erp.close()
        apps.crm.close()
        for engine in engines:
            engine.dispose()


def _couplings(store_url: str) -> dict[str, list[Pair]]:
    engine = create_engine(store_url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(
                select(Coupling.mapping, Coupling.erp_key, Coupling.crm_key).order_by(Coupling.id)
            )
            pairs: dict[str, list[Pair]] = defaultdict(list)
            for mapping, erp_key, crm_key in rows:
                if erp_key is not None and crm_key is not None:
                    pairs[mapping].append((erp_key, crm_key))
            return pairs
    finally:
        engine.dispose()


def _sample(rng: random.Random, pairs: list[Pair], count: int) -> list[Pair]:
    return rng.sample(pairs, min(count, len(pairs)))


def _customers(apps: _Apps, chosen: Sequence[Pair], users: list[str]) -> None:
    # changed in both apps: the same customer renamed differently on each side
    for erp_key, crm_key in chosen[:3]:
        name = apps.erp_value("customer", erp_key, "name")
        apps.erp_update("customer", erp_key, name=f"{name} (ny adresse)", city="Oslo")
        apps.crm_update("account", crm_key, name=f"{name} Holding", telephone1="+47 22 00 00 00")
    # deleted in the CRM, but edited in the ERP since
    for erp_key, crm_key in chosen[3:5]:
        apps.crm_delete("account", crm_key)
        apps.erp_update("customer", erp_key, phone="+47 55 55 55 55")
    # deleted quietly: only Find Deleted notices it
    for _, crm_key in chosen[5:6]:
        apps.crm_delete("account", crm_key)
    # the CRM gives an account to another owner: the ERP gets that user's salesperson code
    for _, crm_key in chosen[6:7]:
        apps.crm_update("account", crm_key, ownerid=apps.rng.choice(users))
    # the CRM changes payment terms to Net 60: the ERP gets "60 DAYS" through the value map
    for _, crm_key in chosen[7:8]:
        apps.crm_update("account", crm_key, paymenttermscode=4)
    # ordinary edits in the ERP
    for erp_key, _ in chosen[8:11]:
        apps.erp_update("customer", erp_key, credit_limit=apps.rng.choice([20000, 75000]))


def _contacts(apps: _Apps, chosen: Sequence[Pair], accounts: list[str]) -> None:
    """`accounts`: accounts no other edit touches."""
    # deleted in the ERP, but edited in the CRM since
    for erp_key, crm_key in chosen[:2]:
        apps.erp_delete("contact", erp_key)
        apps.crm_update("contact", crm_key, jobtitle="Innkjøpssjef")
    # the CRM moves a contact to another account: the ERP gets that customer's number
    for _, crm_key in chosen[2:3] if accounts else ():
        apps.crm_update("contact", crm_key, parentcustomerid=apps.rng.choice(accounts))
    # ordinary edits in the CRM
    for _, crm_key in chosen[3:6]:
        apps.crm_update("contact", crm_key, telephone1="+47 90 00 00 00")
    # a contact new in the CRM, at an account the ERP knows as a customer
    for account in accounts[:1]:
        apps.crm_add(
            "contact",
            firstname="Marit",
            lastname="Fjeld",
            emailaddress1="marit.fjeld@example.no",
            jobtitle="Innkjøper",
            parentcustomerid=account,
        )


def _items(apps: _Apps, chosen: Sequence[Pair]) -> None:
    # deleted quietly in the ERP: Find Deleted finds it, Delete Records retires the product
    for erp_key, _ in chosen[:1]:
        apps.erp_delete("item", erp_key)
    for erp_key, _ in chosen[1:3]:
        apps.erp_update("item", erp_key, unit_price=round(apps.rng.uniform(5, 500), 2))


def _new_rows(apps: _Apps, sizes: Sizes) -> None:
    new, blocked, cod = (sizes.customer_no(sizes.customers + i) for i in range(3))
    apps.erp_add(
        "customer",
        _company(new, "Nordlys Energi AS", "Tromsø", "SP01", payment_terms_code="30 DAYS"),
        _company(blocked, "Sperret Handel AS", "Bergen", "SP02", blocked=True),
        _company(cod, "Fjellkraft AS", "Bodø", "SP03", payment_terms_code=UNMAPPED_PAYMENT_TERMS),
    )
    first, blocked_contact, switchboard = (sizes.contact_no(sizes.contacts + i) for i in range(3))
    apps.erp_add(
        "contact",
        _person(first, "Eva", "Nordli", new),
        _person(blocked_contact, "Tore", "Sperre", blocked),
        _person(switchboard, "Sentralbord", None, new),  # no surname: empty text in the CRM
    )
    long, negative = (sizes.item_no(sizes.items + i) for i in range(2))
    apps.erp_add(
        "item",
        {
            "no": long,
            "description": "Rustfri sekskantskrue med flens og låsemutter, 12 x 80 mm, A4",
            "unit_price": 12.5,
            "unit_of_measure": "STK",
        },
        {
            "no": negative,
            "description": "Returpall (pant)",
            "unit_price": -150,
            "unit_of_measure": "STK",
        },
    )


def _company(no: str, name: str, city: str, salesperson: str, **values: Any) -> dict[str, Any]:
    domain = name.split()[0].lower().replace("ø", "o")
    return {
        "no": no,
        "name": name,
        "city": city,
        "country": "NO",
        "email": f"post@{domain}.no",
        "salesperson_code": salesperson,
        "payment_terms_code": None,
        "credit_limit": 50000,
        "blocked": False,
    } | values


def _person(no: str, first: str, last: str | None, company: str) -> dict[str, Any]:
    return {
        "no": no,
        "first_name": first,
        "last_name": last,
        "email": f"{first}.{last or 'post'}@{company.lower()}.no".lower(),
        "company_no": company,
    }


def _key(table: Table) -> Any:
    return table.primary_key.columns[0]


def _typed(table: Table, key: str) -> Any:
    """A key as its column holds it (the CRM's contacts have integer keys)."""
    return int(key) if _key(table).type.python_type is int else key
