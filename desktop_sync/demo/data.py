"""The demo apps' first rows: Norwegian companies, people and items, the same for the same seed.

`Sizes` says how many of each there are and numbers them (`C10000`, `CT100000`, `1000`), so rows
the edits add later take the next numbers and never meet a generated one, whatever the size.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import MetaData, Table, create_engine, insert

from desktop_sync.demo.config import PAYMENT_TERMS
from desktop_sync.demo.schema import crm_schema, erp_schema
from desktop_sync.store.models import utcnow

FIRST = [
    "Ola", "Kari", "Per", "Ingrid", "Lars", "Anne", "Jon", "Marte", "Nils", "Silje", "Erik",
    "Hanne", "Knut", "Ida", "Bjørn", "Sofie",
]  # fmt: skip
LAST = [
    "Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen", "Kristiansen",
    "Jensen", "Berg", "Dahl",
]  # fmt: skip
TRADE = [
    "Bygg", "Handel", "Transport", "Elektro", "Mat", "Rør", "Data", "Maskin", "Trykk",
    "Regnskap", "Fisk", "Tre", "Auto",
]  # fmt: skip
SUFFIX = ["AS", "AS", "AS", "ASA", "ANS", "DA"]
CITIES = [
    ("Oslo", "0150"),
    ("Bergen", "5003"),
    ("Trondheim", "7010"),
    ("Stavanger", "4006"),
    ("Tromsø", "9008"),
    ("Drammen", "3015"),
    ("Kristiansand", "4610"),
    ("Bodø", "8006"),
]
STREETS = [
    "Storgata", "Kirkegata", "Strandveien", "Parkveien", "Skolegata", "Industriveien",
    "Havnegata",
]  # fmt: skip
PRODUCTS = [
    "Skrue", "Bolt", "Mutter", "Hengsel", "Lås", "Kabel", "Rør", "Plate", "Bjelke", "Lampe",
    "Bryter", "Pumpe", "Ventil",
]  # fmt: skip
TITLES = ["Daglig leder", "Innkjøper", "Økonomisjef", "Selger", "Prosjektleder", "Lagersjef"]
SALESPEOPLE = 8
USERS_ALREADY_IN_CRM = 5  # of the salespeople: the CRM has them as users already


@dataclass(frozen=True)
class Sizes:
    """How many rows of each the demo starts with, and their numbers."""

    customers: int

    @property
    def contacts(self) -> int:
        return self.customers * 3 // 2

    @property
    def items(self) -> int:
        return max(self.customers // 2, 5)

    @staticmethod
    def customer_no(i: int) -> str:
        return f"C{10000 + i * 10}"

    @staticmethod
    def contact_no(i: int) -> str:
        return f"CT{100000 + i}"

    @staticmethod
    def item_no(i: int) -> str:
        return f"{1000 + i}"


class Generator:
    """Realistic values for both apps, drawn from one random generator."""

    def __init__(self, rng: random.Random, now: datetime) -> None:
        self.rng, self.now = rng, now

    def person(self) -> tuple[str, str]:
        return self.rng.choice(FIRST), self.rng.choice(LAST)

    def phone(self) -> str:
        rng = self.rng
        return f"+47 {rng.randint(400, 999)} {rng.randint(10, 99)} {rng.randint(100, 999)}"

    def email(self, local: str, domain: str) -> str:
        return f"{local}@{domain}".lower().translate(ASCII)

    def stamp(self) -> datetime:
        """A moment in the last month."""
        return self.now - timedelta(minutes=self.rng.randint(1, 60 * 24 * 30))

    def iso_stamp(self) -> str:
        return self.stamp().isoformat(timespec="microseconds")

    def uuid(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def company(self, index: int) -> dict[str, Any]:
        rng = self.rng
        city, post = rng.choice(CITIES)
        name = f"{rng.choice(LAST)} {rng.choice(TRADE)} {rng.choice(SUFFIX)}"
        return {
            "name": name,
            "address": f"{rng.choice(STREETS)} {rng.randint(1, 120)}",
            "city": city,
            "post_code": post,
            "country": "NO",
            "phone": self.phone(),
            "email": self.email("post", f"{name.split()[0]}{index}.no"),
        }


ASCII = str.maketrans({"ø": "o", "å": "a", "æ": "ae"})


def fill(erp_url: str, crm_url: str, sizes: Sizes, rng: random.Random) -> None:
    """Create both apps' tables and their first rows."""
    gen = Generator(rng, utcnow() - timedelta(days=1))
    salespeople = [
        {
            "code": f"SP{i + 1:02d}",
            "name": f"{first} {last}",
            "email": gen.email(f"{first}.{last}", "firma.no"),
            "phone": gen.phone(),
            "last_modified": gen.stamp(),
        }
        for i, (first, last) in enumerate(gen.person() for _ in range(SALESPEOPLE))
    ]
    customers = [_customer(gen, sizes, i, salespeople) for i in range(sizes.customers)]
    open_ = [c for c in customers if not c["blocked"]]
    contacts = [_contact(gen, sizes, i, open_) for i in range(sizes.contacts)]
    items = [
        {
            "no": sizes.item_no(i),
            "description": f"{rng.choice(PRODUCTS)} {rng.randint(2, 200)} mm",
            "unit_price": round(rng.uniform(5, 5000), 2),
            "unit_of_measure": rng.choice(["STK", "PK", "M"]),
            "last_modified": gen.stamp(),
        }
        for i in range(sizes.items)
    ]
    users = [
        {
            "systemuserid": gen.uuid(),
            "fullname": s["name"],
            "internalemailaddress": s["email"],
            "modifiedon": gen.iso_stamp(),
        }
        for s in salespeople[:USERS_ALREADY_IN_CRM]
    ]
    accounts = _accounts(gen, sizes, open_, users)
    erp_md, erp = erp_schema()
    _write(
        erp_url,
        erp_md,
        [
            (erp["salesperson"], salespeople),
            (erp["customer"], customers),
            (erp["contact"], contacts),
            (erp["item"], items),
        ],
    )
    crm_md, crm = crm_schema()
    _write(crm_url, crm_md, [(crm["systemuser"], users), (crm["account"], accounts)])


def _write(url: str, md: MetaData, rows: list[tuple[Table, list[dict]]]) -> None:
    """Create the tables of `md` and insert the rows, in one transaction."""
    engine = create_engine(url)
    try:
        md.create_all(engine)
        with engine.begin() as conn:
            for table, values in rows:
                conn.execute(insert(table), values)
    finally:
        engine.dispose()


def _customer(gen: Generator, sizes: Sizes, i: int, salespeople: list[dict]) -> dict[str, Any]:
    rng = gen.rng
    terms = [code for code, _ in PAYMENT_TERMS]
    return gen.company(i) | {
        "no": sizes.customer_no(i),
        "salesperson_code": rng.choice(salespeople)["code"],
        "payment_terms_code": rng.choice(terms) if rng.random() < 0.9 else None,
        "credit_limit": rng.choice([0, 10000, 25000, 50000, 100000]),
        "blocked": rng.random() < 0.03,
        "last_modified": gen.stamp(),
    }


def _contact(gen: Generator, sizes: Sizes, i: int, companies: list[dict]) -> dict[str, Any]:
    """A person at one of `companies`; a few belong to none, and a switchboard has no surname."""
    rng = gen.rng
    first, last = gen.person()
    switchboard = rng.random() < 0.03
    return {
        "no": sizes.contact_no(i),
        "first_name": "Sentralbord" if switchboard else first,
        "last_name": None if switchboard else last,
        "email": gen.email(f"{first}.{last}{i}", "example.no"),
        "phone": gen.phone(),
        "job_title": None if switchboard else rng.choice(TITLES),
        "company_no": rng.choice(companies)["no"] if companies and rng.random() < 0.95 else None,
        "last_modified": gen.stamp(),
    }


def _accounts(
    gen: Generator, sizes: Sizes, customers: list[dict], users: list[dict]
) -> list[dict[str, Any]]:
    """Accounts the CRM has before the first synchronization: some with a customer's e-mail
    (coupled to it by `match_on`), and some the ERP does not know (copied into it)."""
    rng = gen.rng

    def account(company: dict[str, Any], **values: Any) -> dict[str, Any]:
        """Every column, so that one INSERT takes all the rows."""
        return {
            "accountid": gen.uuid(),
            "name": company["name"],
            "address1_line1": company.get("address"),
            "address1_city": company["city"],
            "address1_postalcode": company.get("post_code"),
            "address1_country": company.get("country"),
            "telephone1": company.get("phone"),
            "emailaddress1": company["email"],
            "ownerid": None,
            "paymenttermscode": None,
            "customertypecode": 3,
            "statuscode": 1,
            "createdon": gen.stamp(),
            "modifiedon": gen.iso_stamp(),
        } | values

    known = rng.sample(customers, min(len(customers), max(1, sizes.customers // 20)))
    accounts = [account({k: c[k] for k in ("name", "city", "email")}) for c in known]
    for i in range(max(1, sizes.customers // 25)):
        accounts.append(
            account(
                gen.company(sizes.customers + i),
                ownerid=rng.choice(users)["systemuserid"],
                paymenttermscode=rng.choice(PAYMENT_TERMS)[1],
            )
        )
    return accounts
