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
from desktop_sync.mapping_toml import Mapping, app, config_toml, field, mapping
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


SALESPEOPLE = mapping(
    "SALESPEOPLE",
    ("salesperson", "systemuser"),
    ("code", "systemuserid"),
    [
        field("name", "fullname", label="Name"),
        field("email", "internalemailaddress", label="Email"),
    ],
    modified=("last_modified", "modifiedon"),
    direction="to_crm",
    match_on=["email"],
)

PAYMENT_TERMS = [["14D", 1], ["30D", 2], ["60D", 3]]


def customer(direction: str, options: dict[str, Any], payment_default: Any) -> Mapping:
    return mapping(
        "CUSTOMER",
        ("customer", "account"),
        ("no", "accountid"),
        [
            field("name", "name", label="Name"),
            field("email", "emailaddress1", label="Email", transform=["trim", "lower"]),
            field("address", "street", label="Address"),
            field("salesperson_code", "ownerid", label="Salesperson", lookup="SALESPEOPLE"),
            field(
                "payment_terms",
                "paymenttermscode",
                label="Payment terms",
                values=PAYMENT_TERMS,
                default_crm=payment_default,
            ),
            field(crm="status", constant="open"),
            field(crm="createdon", value="now"),
            field(crm="createdby", value="user"),
        ],
        modified=("last_modified", "modifiedon"),
        direction=direction,
        match_on=["email"],
        **options,
    )


CONTACT = mapping(
    "CONTACT",
    ("contact", "crm_contact"),
    ("no", "contactid"),
    [
        field("name", "fullname", label="Name"),
        field("company_no", "parentcustomerid", label="Company", lookup="CUSTOMER"),
    ],
    modified=("last_modified", "modifiedon"),
)


def config_text(
    store: str,
    erp: str,
    crm: str,
    customer_direction: str = "bidirectional",
    customer_options: dict[str, Any] | None = None,
    payment_default: Any = None,
    contact_first: bool = True,
) -> str:
    """SALESPEOPLE, CUSTOMER and CONTACT; `customer_options` adds to CUSTOMER's options and
    `payment_default` is the payment terms' `default_crm`."""
    account = customer(customer_direction, customer_options or {}, payment_default)
    mappings = [CONTACT, account, SALESPEOPLE] if contact_first else [SALESPEOPLE, account]
    return config_toml(
        store,
        app(erp, "Business Central"),
        app(crm, "Dynamics 365 Sales"),
        mappings,
        settings={"user": "tester"},
    )


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
