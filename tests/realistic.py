"""A world shaped like real apps: an ERP with salespeople, customers and contacts, and a CRM
with system users, accounts and contacts, whose schemas have what real ones have — NOT NULL
columns the app's code fills, app-side defaults, choice columns, foreign keys between tables,
a boolean `active` beside an integer state code.

`RealWorld` writes rows with plain SQL as the apps would, and reads both apps back, so tests
assert on what the databases hold.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    create_engine,
    insert,
    select,
    text,
    true,
    update,
)
from sqlalchemy.engine import URL

from desktop_sync.domain import JobResult
from desktop_sync.services import ErrorFilter, Service
from desktop_sync.store.models import utcnow


def erp_tables(md: MetaData) -> dict[str, Table]:
    salesperson = Table(
        "salesperson",
        md,
        Column("code", String(20), primary_key=True),
        Column("name", String(50), nullable=False),
        Column("email", String(80)),
        Column("last_modified", DateTime()),
    )
    customer = Table(
        "customer",
        md,
        Column("no", String(40), primary_key=True),
        Column("name", String(50), nullable=False),
        Column("email", String(80)),
        Column("address", String(50)),
        Column("salesperson_code", String(20), ForeignKey("salesperson.code")),
        Column("payment_terms", String(10)),
        Column("active", Boolean, nullable=False, server_default=true()),
        Column("last_modified", DateTime()),
    )
    contact = Table(
        "contact",
        md,
        Column("no", String(40), primary_key=True),
        Column("name", String(50), nullable=False),
        Column("company_no", String(40), ForeignKey("customer.no")),
        Column("last_modified", DateTime()),
    )
    return {"salesperson": salesperson, "customer": customer, "contact": contact}


def crm_tables(md: MetaData) -> dict[str, Table]:
    systemuser = Table(
        "systemuser",
        md,
        Column("systemuserid", String(36), primary_key=True),
        Column("fullname", String(50), nullable=False),
        Column("internalemailaddress", String(80)),
        Column("modifiedon", String(40)),
    )
    account = Table(
        "account",
        md,
        Column("accountid", String(36), primary_key=True),
        Column("name", String(50), nullable=False),
        Column("emailaddress1", String(80)),
        Column("street", String(50), nullable=False),
        Column("ownerid", String(36), ForeignKey("systemuser.systemuserid")),
        Column("paymenttermscode", Integer),
        Column("statecode", Integer, nullable=False, server_default=text("0")),
        Column("status", String(10), nullable=False),
        Column("createdon", DateTime(), nullable=False),
        Column("createdby", String(50)),
        Column("modifiedon", String(40)),
    )
    contact = Table(
        "crm_contact",
        md,
        Column("contactid", String(36), primary_key=True),
        Column("fullname", String(50), nullable=False),
        Column("parentcustomerid", String(36), ForeignKey("account.accountid")),
        Column("modifiedon", String(40)),
    )
    return {"systemuser": systemuser, "account": account, "contact": contact}


SALESPEOPLE = """
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
  label = "Name"

  [[mapping.field]]
  erp = "email"
  crm = "internalemailaddress"
  label = "Email"
"""

CUSTOMER = """
[[mapping]]
name = "CUSTOMER"
erp_table = "customer"
crm_table = "account"
erp_key = "no"
crm_key = "accountid"
erp_modified = "last_modified"
crm_modified = "modifiedon"
direction = "{direction}"
match_on = ["email"]
{extra}

  [[mapping.field]]
  erp = "name"
  crm = "name"
  label = "Name"

  [[mapping.field]]
  erp = "email"
  crm = "emailaddress1"
  label = "Email"
  transform = ["trim", "lower"]

  [[mapping.field]]
  erp = "address"
  crm = "street"
  label = "Address"

  [[mapping.field]]
  erp = "salesperson_code"
  crm = "ownerid"
  label = "Salesperson"
  lookup = "SALESPEOPLE"

  [[mapping.field]]
  erp = "payment_terms"
  crm = "paymenttermscode"
  label = "Payment terms"
  values = [["14D", 1], ["30D", 2], ["60D", 3]]
{payment_default}
  [[mapping.field]]
  crm = "status"
  constant = "open"

  [[mapping.field]]
  crm = "createdon"
  value = "now"

  [[mapping.field]]
  crm = "createdby"
  value = "user"
"""

CONTACT = """
[[mapping]]
name = "CONTACT"
erp_table = "contact"
crm_table = "crm_contact"
erp_key = "no"
crm_key = "contactid"
erp_modified = "last_modified"
crm_modified = "modifiedon"

  [[mapping.field]]
  erp = "name"
  crm = "fullname"
  label = "Name"

  [[mapping.field]]
  erp = "company_no"
  crm = "parentcustomerid"
  label = "Company"
  lookup = "CUSTOMER"
"""


def config_text(
    store: str,
    erp: str,
    crm: str,
    customer_direction: str = "bidirectional",
    customer_extra: str = "",
    payment_default: str = "",
    contact_first: bool = True,
) -> str:
    customer = CUSTOMER.format(
        direction=customer_direction, extra=customer_extra, payment_default=payment_default
    )
    mappings = (CONTACT + customer + SALESPEOPLE) if contact_first else (SALESPEOPLE + customer)
    return f"""
[settings]
user = "tester"

[store]
url = "{store}"

[erp]
name = "Business Central"
url = "{erp}"

[crm]
name = "Dynamics 365 Sales"
url = "{crm}"
{mappings}"""


class RealWorld:
    """Both apps on SQLite files or one server database, a store, and a configuration."""

    def __init__(self, folder: Path, server: URL | None = None, **options: Any) -> None:
        self.folder = Path(folder)
        url = server.render_as_string(hide_password=False) if server else None
        self.erp_url = url or f"sqlite:///{self.folder / 'erp.db'}"
        self.crm_url = url or f"sqlite:///{self.folder / 'crm.db'}"
        self.store_url = f"sqlite:///{self.folder / 'state.db'}"
        self.erp_engine = create_engine(self.erp_url)
        self.crm_engine = create_engine(self.crm_url)
        erp_md, crm_md = MetaData(), MetaData()
        self.erp = erp_tables(erp_md)
        self.crm = crm_tables(crm_md)
        erp_md.create_all(self.erp_engine)
        crm_md.create_all(self.crm_engine)
        self.config_path = self.folder / "desktop-sync.toml"
        self._service: Service | None = None
        self.configure(**options)

    def configure(self, **options: Any) -> None:
        text_ = config_text(self.store_url, self.erp_url, self.crm_url, **options)
        self.config_path.write_text(text_, encoding="utf-8")
        if self._service is not None:
            self._service.close()
            self._service = None

    @property
    def service(self) -> Service:
        if self._service is None:
            self._service = Service.open(self.config_path)
        return self._service

    def close(self) -> None:
        if self._service is not None:
            self._service.close()
        self.erp_engine.dispose()
        self.crm_engine.dispose()

    def sync(self, *mappings: str) -> dict[str, JobResult]:
        results = self.service.synchronize(list(mappings) or None)
        for result in results:
            assert result.status.value == "finished", result.message
        return {r.mapping: r for r in results}

    # -- the apps' own writes ----------------------------------------------------------

    def erp_add(self, table: str, **values: Any) -> None:
        with self.erp_engine.begin() as conn:
            conn.execute(insert(self.erp[table]).values(last_modified=utcnow(), **values))

    def erp_edit(self, table: str, key: str, **values: Any) -> None:
        t = self.erp[table]
        column = t.primary_key.columns[0]
        with self.erp_engine.begin() as conn:
            conn.execute(update(t).where(column == key).values(last_modified=utcnow(), **values))

    def crm_add(self, table: str, **values: Any) -> None:
        with self.crm_engine.begin() as conn:
            conn.execute(insert(self.crm[table]).values(modifiedon=_now_text(), **values))

    def crm_edit(self, table: str, key: str, **values: Any) -> None:
        t = self.crm[table]
        column = t.primary_key.columns[0]
        with self.crm_engine.begin() as conn:
            conn.execute(update(t).where(column == key).values(modifiedon=_now_text(), **values))

    # -- looking -----------------------------------------------------------------------

    def erp_rows(self, table: str) -> dict[str, dict[str, Any]]:
        return _rows(self.erp_engine, self.erp[table])

    def crm_rows(self, table: str) -> dict[str, dict[str, Any]]:
        return _rows(self.crm_engine, self.crm[table])

    def crm_key_of(self, mapping: str, erp_key: str) -> str:
        (key,) = self.service.coupled_keys(mapping, _erp(), [erp_key]).values()
        assert key is not None, f"{erp_key} is not coupled in {mapping}"
        return key

    def open_errors(self) -> list[Any]:
        return self.service.errors(ErrorFilter())


def _erp() -> Any:
    from desktop_sync.domain import Side

    return Side.ERP


def _rows(engine: Any, table: Table) -> dict[str, dict[str, Any]]:
    key = table.primary_key.columns[0]
    with engine.connect() as conn:
        return {str(r._mapping[key]): dict(r._mapping) for r in conn.execute(select(table))}


def _now_text() -> str:
    return utcnow().isoformat(timespec="microseconds")
