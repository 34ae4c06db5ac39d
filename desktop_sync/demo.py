"""`desktop-sync demo DIR`: two small business apps, a configuration, and real errors to resolve.

The ERP looks like Business Central (customers, contacts, items, salespeople; DATETIME stamps,
text keys); the CRM looks like Dynamics 365 Sales (accounts, contacts, products, users; ISO text
stamps, UUID keys and, for contacts, an integer key the database assigns). After a first
synchronization, people "edit" both apps so that the next synchronization leaves at least one
error of every kind.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    DateTime,
    Integer,
    MetaData,
    Numeric,
    String,
    Table,
    create_engine,
    delete,
    insert,
    select,
    text,
    update,
)

from desktop_sync.config import CONFIG_FILENAME
from desktop_sync.store.models import utcnow

FIRST = [
    "Ola",
    "Kari",
    "Per",
    "Ingrid",
    "Lars",
    "Anne",
    "Jon",
    "Marte",
    "Nils",
    "Silje",
    "Erik",
    "Hanne",
    "Knut",
    "Ida",
    "Bjørn",
    "Sofie",
    "Arne",
    "Nora",
    "Tor",
    "Emma",
]
LAST = [
    "Hansen",
    "Johansen",
    "Olsen",
    "Larsen",
    "Andersen",
    "Pedersen",
    "Nilsen",
    "Kristiansen",
    "Jensen",
    "Karlsen",
    "Berg",
    "Haugen",
    "Bakken",
    "Dahl",
    "Lie",
]
TRADE = [
    "Bygg",
    "Handel",
    "Transport",
    "Elektro",
    "Mat",
    "Rør",
    "Data",
    "Maskin",
    "Trykk",
    "Regnskap",
    "Fisk",
    "Tre",
    "Auto",
    "Energi",
    "Møbel",
]
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
    ("Ålesund", "6002"),
    ("Fredrikstad", "1606"),
]
STREETS = [
    "Storgata",
    "Kirkegata",
    "Strandveien",
    "Parkveien",
    "Skolegata",
    "Industriveien",
    "Havnegata",
    "Torggata",
]
PRODUCTS = [
    "Skrue",
    "Bolt",
    "Mutter",
    "Hengsel",
    "Lås",
    "Kabel",
    "Rør",
    "Plate",
    "Bjelke",
    "Lampe",
    "Bryter",
    "Pumpe",
    "Ventil",
    "Filter",
]
TITLES = ["Daglig leder", "Innkjøper", "Økonomisjef", "Selger", "Prosjektleder", "Lagersjef"]


def erp_schema() -> tuple[MetaData, dict[str, Table]]:
    md = MetaData()
    tables = {
        "salesperson": Table(
            "salesperson",
            md,
            Column("code", String(20), primary_key=True),
            Column("name", String(50), nullable=False),
            Column("email", String(80)),
            Column("phone", String(30)),
            Column("last_modified", DateTime, index=True),
        ),
        "customer": Table(
            "customer",
            md,
            Column("no", String(40), primary_key=True),
            Column("name", String(100), nullable=False),
            Column("address", String(100)),
            Column("city", String(30)),
            Column("post_code", String(20)),
            Column("country", String(10)),
            Column("phone", String(30)),
            Column("email", String(80), index=True),
            Column("salesperson_code", String(20)),
            Column("credit_limit", Numeric(12, 2)),
            Column("blocked", Boolean, nullable=False, server_default=text("0")),
            Column("last_modified", DateTime, index=True),
        ),
        "contact": Table(
            "contact",
            md,
            Column("no", String(40), primary_key=True),
            Column("first_name", String(30)),
            Column("last_name", String(30)),
            Column("email", String(80), index=True),
            Column("phone", String(30)),
            Column("job_title", String(30)),
            Column("company_no", String(20)),
            Column("last_modified", DateTime, index=True),
        ),
        "item": Table(
            "item",
            md,
            Column("no", String(20), primary_key=True),
            Column("description", String(100), nullable=False),
            Column("unit_price", Numeric(12, 2)),
            Column("unit_of_measure", String(10)),
            Column("last_modified", DateTime, index=True),
        ),
    }
    return md, tables


def crm_schema() -> tuple[MetaData, dict[str, Table]]:
    md = MetaData()
    tables = {
        "systemuser": Table(
            "systemuser",
            md,
            Column("systemuserid", String(36), primary_key=True),
            Column("fullname", String(50)),
            Column("internalemailaddress", String(80)),
            Column("mobilephone", String(30)),
            Column("modifiedon", String(32), index=True),
        ),
        "account": Table(
            "account",
            md,
            Column("accountid", String(36), primary_key=True),
            Column("name", String(160), nullable=False),
            Column("address1_line1", String(100)),
            Column("address1_city", String(30)),
            Column("address1_postalcode", String(20)),
            Column("address1_country", String(10)),
            Column("telephone1", String(30)),
            Column("emailaddress1", String(80), index=True),
            Column("creditlimit", Numeric(12, 2)),
            Column("customertypecode", Integer),
            Column("modifiedon", String(32), index=True),
        ),
        "contact": Table(
            "contact",
            md,
            Column("contactid", Integer, primary_key=True, autoincrement=True),
            Column("firstname", String(30)),
            Column("lastname", String(30)),
            Column("emailaddress1", String(80), index=True),
            Column("telephone1", String(30)),
            Column("jobtitle", String(30)),
            Column("modifiedon", String(32), index=True),
        ),
        "product": Table(
            "product",
            md,
            Column("productid", String(36), primary_key=True),
            Column("name", String(50), nullable=False),
            Column("price", Numeric(12, 2)),
            Column("defaultuomid", String(10)),
            Column("statecode", Integer),
            Column("modifiedon", String(32), index=True),
            CheckConstraint("price >= 0", name="ck_product_price"),
        ),
    }
    return md, tables


CONFIG = (
    "# desktop-sync demo configuration: an ERP (Business Central-like) and a CRM "
    "(Dynamics 365 Sales-like).\n"
    """\
[store]
url = "sqlite:///state.db"

[erp]
name = "Business Central"
url = "sqlite:///erp.db"

[crm]
name = "Dynamics 365 Sales"
url = "sqlite:///crm.db"

[[mapping]]
name = "SALESPEOPLE"
erp_table = "salesperson"
crm_table = "systemuser"
erp_key = "code"
crm_key = "systemuserid"
erp_modified = "last_modified"
crm_modified = "modifiedon"
direction = "to_crm"
match_on = ["email"]

  [[mapping.field]]
  erp = "name"
  crm = "fullname"

  [[mapping.field]]
  erp = "email"
  crm = "internalemailaddress"

  [[mapping.field]]
  erp = "phone"
  crm = "mobilephone"

[[mapping]]
name = "CUSTOMER"
erp_table = "customer"
crm_table = "account"
erp_key = "no"
crm_key = "accountid"
erp_modified = "last_modified"
crm_modified = "modifiedon"
direction = "bidirectional"
match_on = ["email"]
update_conflict = "manual"
deletion_conflict = "manual"
erp_filter = { blocked = false }

  [[mapping.field]]
  erp = "name"
  crm = "name"

  [[mapping.field]]
  erp = "address"
  crm = "address1_line1"

  [[mapping.field]]
  erp = "city"
  crm = "address1_city"

  [[mapping.field]]
  erp = "post_code"
  crm = "address1_postalcode"

  [[mapping.field]]
  erp = "country"
  crm = "address1_country"

  [[mapping.field]]
  erp = "phone"
  crm = "telephone1"

  [[mapping.field]]
  erp = "email"
  crm = "emailaddress1"

  [[mapping.field]]
  erp = "credit_limit"
  crm = "creditlimit"
  direction = "to_crm"

  [[mapping.field]]
  crm = "customertypecode"
  constant = 3

[[mapping]]
name = "CONTACT"
erp_table = "contact"
crm_table = "contact"
erp_key = "no"
crm_key = "contactid"
erp_modified = "last_modified"
crm_modified = "modifiedon"
direction = "bidirectional"
update_conflict = "manual"
deletion_conflict = "manual"

  [[mapping.field]]
  erp = "first_name"
  crm = "firstname"

  [[mapping.field]]
  erp = "last_name"
  crm = "lastname"

  [[mapping.field]]
  erp = "email"
  crm = "emailaddress1"

  [[mapping.field]]
  erp = "phone"
  crm = "telephone1"

  [[mapping.field]]
  erp = "job_title"
  crm = "jobtitle"

[[mapping]]
name = "ITEM-PRODUCT"
erp_table = "item"
crm_table = "product"
erp_key = "no"
crm_key = "productid"
erp_modified = "last_modified"
crm_modified = "modifiedon"
direction = "to_crm"

  [[mapping.field]]
  erp = "description"
  crm = "name"

  [[mapping.field]]
  erp = "unit_price"
  crm = "price"

  [[mapping.field]]
  erp = "unit_of_measure"
  crm = "defaultuomid"

  [[mapping.field]]
  crm = "statecode"
  constant = 0
"""
)


@dataclass(frozen=True)
class DemoPaths:
    folder: Path

    @property
    def config(self) -> Path:
        return self.folder / CONFIG_FILENAME

    @property
    def erp(self) -> Path:
        return self.folder / "erp.db"

    @property
    def crm(self) -> Path:
        return self.folder / "crm.db"

    @property
    def store(self) -> Path:
        return self.folder / "state.db"


class DemoExists(Exception):
    pass


def create_demo(
    folder: Path,
    records: int = 200,
    seed: int = 1,
    sync: bool = True,
    progress: Callable[[str], None] = lambda message: None,
) -> DemoPaths:
    """Write the demo apps and configuration into `folder`, synchronize, then make errors."""
    paths = DemoPaths(Path(folder))
    existing = [p for p in (paths.config, paths.erp, paths.crm, paths.store) if p.exists()]
    if existing:
        raise DemoExists(f"{existing[0]} already exists; choose an empty folder")
    paths.folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    progress("creating the ERP and CRM databases")
    people = _Generator(rng, records)
    _fill(paths, people)
    paths.config.write_text(CONFIG, encoding="utf-8")
    if sync:
        from desktop_sync.services import Service

        service = Service.open(paths.config, user="demo")
        try:
            progress("first synchronization")
            service.synchronize()
            progress("people edit both apps")
            _edit_both_apps(paths, rng)
            progress("second synchronization, which finds the problems")
            service.synchronize()
            service.queue.ensure_entries()
        finally:
            service.close()
    return paths


class _Generator:
    """Realistic rows for both apps."""

    def __init__(self, rng: random.Random, customers: int) -> None:
        self.rng, self.customers = rng, customers

    def person(self) -> tuple[str, str]:
        return self.rng.choice(FIRST), self.rng.choice(LAST)

    def phone(self) -> str:
        return (
            f"+47 {self.rng.randint(400, 999)} {self.rng.randint(10, 99)} "
            f"{self.rng.randint(100, 999)}"
        )

    def company(self, index: int) -> dict:
        rng = self.rng
        city, post = rng.choice(CITIES)
        name = f"{rng.choice(LAST)} {rng.choice(TRADE)} {rng.choice(SUFFIX)}"
        slug = name.split()[0].lower().replace("ø", "o").replace("å", "a").replace("æ", "ae")
        return {
            "name": name,
            "address": f"{rng.choice(STREETS)} {rng.randint(1, 120)}",
            "city": city,
            "post_code": post,
            "country": "NO",
            "phone": self.phone(),
            "email": f"post@{slug}{index}.no",
        }


def _fill(paths: DemoPaths, gen: _Generator) -> None:
    rng = gen.rng
    now = utcnow() - timedelta(days=1)
    erp_md, erp = erp_schema()
    crm_md, crm = crm_schema()
    erp_engine = create_engine(f"sqlite:///{paths.erp}")
    crm_engine = create_engine(f"sqlite:///{paths.crm}")
    erp_md.create_all(erp_engine)
    crm_md.create_all(crm_engine)
    stamp = lambda: now - timedelta(minutes=rng.randint(1, 60 * 24 * 30))  # noqa: E731
    salespeople = []
    for i in range(8):
        first, last = gen.person()
        salespeople.append(
            {
                "code": f"SP{i + 1:02d}",
                "name": f"{first} {last}",
                "email": f"{first.lower()}.{last.lower()}@firma.no".replace("ø", "o").replace(
                    "å", "a"
                ),
                "phone": gen.phone(),
                "last_modified": stamp(),
            }
        )
    customers = []
    for i in range(gen.customers):
        company = gen.company(i)
        customers.append(
            company
            | {
                "no": f"C{10000 + i * 10}",
                "salesperson_code": rng.choice(salespeople)["code"],
                "credit_limit": rng.choice([0, 10000, 25000, 50000, 100000]),
                "blocked": rng.random() < 0.03,
                "last_modified": stamp(),
            }
        )
    contacts = []
    for i in range(int(gen.customers * 1.5)):
        first, last = gen.person()
        company = rng.choice(customers)
        contacts.append(
            {
                "no": f"CT{100000 + i}",
                "first_name": first,
                "last_name": last,
                "email": f"{first.lower()}.{last.lower()}{i}@example.no".replace("ø", "o").replace(
                    "å", "a"
                ),
                "phone": gen.phone(),
                "job_title": rng.choice(TITLES),
                "company_no": company["no"],
                "last_modified": stamp(),
            }
        )
    items = []
    for i in range(max(gen.customers // 2, 5)):
        items.append(
            {
                "no": f"{1000 + i}",
                "description": f"{rng.choice(PRODUCTS)} {rng.randint(2, 200)} mm",
                "unit_price": round(rng.uniform(5, 5000), 2),
                "unit_of_measure": rng.choice(["STK", "PK", "M"]),
                "last_modified": stamp(),
            }
        )
    # A few accounts already exist in the CRM: same e-mail (coupled by match_on), and CRM-only ones.
    iso = lambda d: d.isoformat(timespec="microseconds")  # noqa: E731
    accounts = []
    for c in rng.sample(customers, max(1, gen.customers // 20)):
        accounts.append(
            {
                "accountid": _uuid(rng),
                "name": c["name"],
                "address1_city": c["city"],
                "emailaddress1": c["email"],
                "customertypecode": 3,
                "modifiedon": iso(stamp()),
            }
        )
    for i in range(max(1, gen.customers // 25)):
        company = gen.company(90000 + i)
        accounts.append(
            {
                "accountid": _uuid(rng),
                "name": company["name"],
                "address1_line1": company["address"],
                "address1_city": company["city"],
                "address1_postalcode": company["post_code"],
                "address1_country": "NO",
                "telephone1": company["phone"],
                "emailaddress1": company["email"],
                "customertypecode": 3,
                "modifiedon": iso(stamp()),
            }
        )
    with erp_engine.begin() as conn:
        for name, rows in (
            ("salesperson", salespeople),
            ("customer", customers),
            ("contact", contacts),
            ("item", items),
        ):
            conn.execute(insert(erp[name]), rows)
    with crm_engine.begin() as conn:
        conn.execute(insert(crm["account"]), accounts)
    erp_engine.dispose()
    crm_engine.dispose()


def _uuid(rng: random.Random) -> str:
    import uuid

    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _edit_both_apps(paths: DemoPaths, rng: random.Random) -> None:
    """What people do between two synchronizations, including what makes errors."""
    from desktop_sync.store.models import Coupling

    _, erp = erp_schema()
    _, crm = crm_schema()
    erp_engine = create_engine(f"sqlite:///{paths.erp}")
    crm_engine = create_engine(f"sqlite:///{paths.crm}")
    store_engine = create_engine(f"sqlite:///{paths.store}")
    now = utcnow()
    later = lambda: now + timedelta(milliseconds=rng.randint(1, 5000))  # noqa: E731
    iso = lambda d: d.isoformat(timespec="microseconds")  # noqa: E731
    with store_engine.connect() as conn:
        pairs = {
            m: list(
                conn.execute(
                    select(Coupling.erp_key, Coupling.crm_key)
                    .where(Coupling.mapping == m)
                    .order_by(Coupling.id)
                )
            )
            for m in ("CUSTOMER", "CONTACT", "ITEM-PRODUCT")
        }
    customers = rng.sample(pairs["CUSTOMER"], min(len(pairs["CUSTOMER"]), 14))
    contacts = rng.sample(pairs["CONTACT"], min(len(pairs["CONTACT"]), 8))
    with erp_engine.begin() as e, crm_engine.begin() as c:
        # changed in both apps: the same customer renamed differently on each side
        for erp_key, crm_key in customers[:4]:
            name = e.scalar(select(erp["customer"].c.name).where(erp["customer"].c.no == erp_key))
            e.execute(
                update(erp["customer"])
                .where(erp["customer"].c.no == erp_key)
                .values(name=f"{name} (ny adresse)", city="Oslo", last_modified=later())
            )
            c.execute(
                update(crm["account"])
                .where(crm["account"].c.accountid == crm_key)
                .values(
                    name=f"{name} Holding", telephone1="+47 22 00 00 00", modifiedon=iso(later())
                )
            )
        # deleted in the CRM, but edited in the ERP since
        for erp_key, crm_key in customers[4:6]:
            c.execute(delete(crm["account"]).where(crm["account"].c.accountid == crm_key))
            e.execute(
                update(erp["customer"])
                .where(erp["customer"].c.no == erp_key)
                .values(phone="+47 55 55 55 55", last_modified=later())
            )
        # deleted in the ERP, but edited in the CRM since
        for erp_key, crm_key in contacts[:2]:
            e.execute(delete(erp["contact"]).where(erp["contact"].c.no == erp_key))
            c.execute(
                update(crm["contact"])
                .where(crm["contact"].c.contactid == int(crm_key))
                .values(jobtitle="Innkjøpssjef", modifiedon=iso(later()))
            )
        # deleted quietly: only "Find Deleted" notices these
        for _, crm_key in customers[6:7]:
            c.execute(delete(crm["account"]).where(crm["account"].c.accountid == crm_key))
        # ordinary edits that synchronize without trouble
        for erp_key, _ in customers[7:12]:
            e.execute(
                update(erp["customer"])
                .where(erp["customer"].c.no == erp_key)
                .values(credit_limit=rng.choice([20000, 75000]), last_modified=later())
            )
        for _, crm_key in contacts[2:6]:
            c.execute(
                update(crm["contact"])
                .where(crm["contact"].c.contactid == int(crm_key))
                .values(telephone1="+47 90 00 00 00", modifiedon=iso(later()))
            )
        # rejected by the CRM: descriptions longer than its 50-character product names,
        # and a negative price its check constraint refuses
        e.execute(
            insert(erp["item"]),
            [
                {
                    "no": "9001",
                    "description": "Rustfri sekskantskrue med flens og låsemutter, 12 x 80 mm, A4",
                    "unit_price": 12.5,
                    "unit_of_measure": "STK",
                    "last_modified": later(),
                },
                {
                    "no": "9002",
                    "description": "Returpall (pant)",
                    "unit_price": -150,
                    "unit_of_measure": "STK",
                    "last_modified": later(),
                },
            ],
        )
        # a brand new customer, and one that is blocked (the filter keeps it out of the CRM)
        e.execute(
            insert(erp["customer"]),
            [
                {
                    "no": "C99990",
                    "name": "Nordlys Energi AS",
                    "city": "Tromsø",
                    "country": "NO",
                    "email": "post@nordlys-energi.no",
                    "blocked": False,
                    "credit_limit": 50000,
                    "last_modified": later(),
                },
                {
                    "no": "C99991",
                    "name": "Sperret Handel AS",
                    "city": "Bergen",
                    "country": "NO",
                    "email": "post@sperret.no",
                    "blocked": True,
                    "credit_limit": 0,
                    "last_modified": later(),
                },
            ],
        )
    for engine in (erp_engine, crm_engine, store_engine):
        engine.dispose()
