"""Failed errors a clerk can act on (issue 12, point 1): what the database said, mapped back to
the record, the field's label in the app where it is fixed, its value, what the other app
requires and what to do; the driver's own text stays in the detail.

One ERP (SQLite) sends items to a CRM whose product table refuses each of them for its own
reason: NOT NULL, a value too long, a unique key, a foreign key, a check constraint, a type. The
CRM is SQLite or PostgreSQL; MariaDB's and PostgreSQL's own error texts are taken apart too.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import (
    CheckConstraint,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    UniqueConstraint,
    create_engine,
    insert,
    text,
)
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError

from desktop_sync.apps import rejection as r
from desktop_sync.mapping_toml import app, config_toml, field, mapping
from desktop_sync.services import ErrorFilter, Service

ERP = "Business Central"
CRM = "Dynamics 365 Sales"


def erp_schema(md: MetaData) -> Table:
    return Table(
        "item",
        md,
        Column("no", String(20), primary_key=True),
        Column("description", String(100)),
        Column("unit_price", Float),
        Column("code", String(20)),
        Column("category", Integer),
        Column("available", String(20)),
        Column("last_modified", DateTime),
    )


def crm_schema(md: MetaData) -> Table:
    Table("category", md, Column("id", Integer, primary_key=True, autoincrement=False))
    return Table(
        "product",
        md,
        Column("productid", String(36), primary_key=True),
        Column("name", String(20), nullable=False),
        Column("price", Float, nullable=False),
        Column("code", String(20)),
        Column("categoryid", Integer, ForeignKey("category.id")),
        Column("availablefrom", DateTime),
        Column("modifiedon", String(32)),
        CheckConstraint("price >= 0", name="ck_product_price"),
        UniqueConstraint("code", name="uq_product_code"),
    )


ITEM = mapping(
    "ITEM-PRODUCT",
    ("item", "product"),
    ("no", "productid"),
    [
        field("description", "name", label="Description"),
        field("unit_price", "price", label="Unit Price"),
        field("code", "code", label="Item Code"),
        field("category", "categoryid", label="Item Category"),
        field("available", "availablefrom", label="Available From"),
    ],
    modified=("last_modified", "modifiedon"),
    direction="to_crm",
)

# Each item, and what the CRM says to it in a clerk's words.
ITEMS = {
    "9001": dict(description="Pall", unit_price=10.0, code="A", category=1),
    "9002": dict(description="Retur", unit_price=-150.0, code="B", category=1),
    "9003": dict(description="Uten pris", unit_price=None, code="C", category=1),
    "9004": dict(description="x" * 25, unit_price=1.0, code="D", category=1),
    "9005": dict(description="Kopi", unit_price=1.0, code="A", category=1),
    "9006": dict(description="Ukjent", unit_price=1.0, code="F", category=99),
    "9007": dict(description="Snart", unit_price=1.0, code="G", category=1, available="soon"),
}
WORDS = {
    "9002": f"Unit Price -150.0 of item 9002 is not allowed in {CRM} (must be 0 or more). "
    f"Correct it in {ERP}, then Retry.",
    "9003": f"Unit Price of item 9003 is empty, but {CRM} requires a value. Enter it in {ERP}, "
    "then Retry.",
    "9004": f"Description of item 9004 is 25 characters long; {CRM} takes at most 20. Shorten "
    f"it in {ERP}, then Retry.",
    "9005": f"Item Code 'A' of item 9005 is already used by another record in {CRM}, where it "
    f"must be unique. Change it in {ERP} (or couple the two records with Set Up Coupling), "
    "then Retry.",
    "9006": f"Item Category 99 of item 9006 names no record that exists in {CRM}. Correct it in "
    f"{ERP} (or create that record in {CRM} first), then Retry.",
    "9007": f"Available From 'soon' of item 9007 is not a date and time, which {CRM} requires "
    f"there. Correct it in {ERP}, then Retry.",
}
# What each database said, kept in the detail (SQLite, PostgreSQL).
SAID = {
    "sqlite": {
        "9002": "CHECK constraint failed: ck_product_price",
        "9003": "NOT NULL constraint failed: product.price",
        "9004": "value too long",
        "9005": "UNIQUE constraint failed: product.code",
        "9006": "FOREIGN KEY constraint failed",
        "9007": "SQLite DateTime type only accepts",
    },
    "postgresql": {
        "9002": 'violates check constraint "ck_product_price"',
        "9003": 'null value in column "price"',
        "9004": "value too long",
        "9005": 'duplicate key value violates unique constraint "uq_product_code"',
        "9006": 'violates foreign key constraint "product_categoryid_fkey"',
        "9007": 'invalid input syntax for type timestamp: "soon"',
    },
}


def open_service(folder: Path, crm_url: str) -> Service:
    erp_url = f"sqlite:///{folder / 'erp.db'}"
    erp_engine = create_engine(erp_url)
    md = MetaData()
    items = erp_schema(md)
    md.create_all(erp_engine)
    start = datetime(2026, 1, 1)
    with erp_engine.begin() as conn:
        for n, (no, values) in enumerate(ITEMS.items()):
            row = {"no": no, "last_modified": start + timedelta(seconds=n), **values}
            conn.execute(insert(items), [row])
    erp_engine.dispose()
    crm_engine = create_engine(crm_url)
    crm_md = MetaData()
    crm_schema(crm_md)
    crm_md.create_all(crm_engine)
    with crm_engine.begin() as conn:
        conn.execute(text("INSERT INTO category (id) VALUES (1)"))
    crm_engine.dispose()
    path = folder / "desktop-sync.toml"
    path.write_text(
        config_toml(
            f"sqlite:///{folder / 'state.db'}",
            app(erp_url, ERP),
            app(crm_url, CRM),
            [ITEM],
            settings={"user": "tester"},
        ),
        encoding="utf-8",
    )
    return Service.open(path)


@pytest.fixture(params=["sqlite", "postgresql"])
def crm_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'crm.db'}"
    else:
        url: URL = request.getfixturevalue("postgres_db")
        yield url.render_as_string(hide_password=False)


def test_each_rejection_says_record_field_value_requirement_and_fix(
    tmp_path: Path, crm_url: str
) -> None:
    service = open_service(tmp_path, crm_url)
    try:
        (result,) = service.synchronize(["ITEM-PRODUCT"])
        assert (result.counters.inserted, result.counters.failed) == (1, 6)
        errors = {e.erp_key: e for e in service.errors(ErrorFilter())}
        assert sorted(errors) == sorted(WORDS)
        backend = "sqlite" if crm_url.startswith("sqlite") else "postgresql"
        for key, words in WORDS.items():
            assert errors[key].message == words, key
            assert SAID[backend][key] in errors[key].detail, (key, errors[key].detail)
            assert "[SQL:" not in errors[key].message
    finally:
        service.close()


def test_the_words_are_kept_as_a_template_and_its_values(tmp_path: Path) -> None:
    service = open_service(tmp_path, f"sqlite:///{tmp_path / 'crm.db'}")
    try:
        service.synchronize(["ITEM-PRODUCT"])
        with service.store.session() as session:
            from desktop_sync.store.models import SyncError

            row = session.query(SyncError).filter(SyncError.erp_key == "9002").one()
            assert row.template.startswith("{field} {value} of {record} is not allowed in {app}")
            assert row.params["field"] == "Unit Price" and row.params["value"] == "-150.0"
            assert row.params["requirement"] == {
                "$message": "must be {n} or more",
                "values": {"n": "0"},
            }
    finally:
        service.close()


# -- the database's own words, taken apart ---------------------------------------------------


def rejections(url: str) -> dict[str, r.Rejection]:
    """Each rule broken once on the database at `url`, as `rejection_of` reads it."""
    engine = create_engine(url)
    md = MetaData()
    crm_schema(md)
    md.create_all(engine)
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO category (id) VALUES (1)"))
        conn.execute(
            text("INSERT INTO product (productid, name, price, code) VALUES ('p1', 'a', 1, 'A')")
        )
    statements = {
        "not_null": "INSERT INTO product (productid, name, price) VALUES ('p2', 'b', NULL)",
        "too_long": f"INSERT INTO product (productid, name, price) VALUES ('p3', '{'x' * 30}', 1)",
        "unique": "INSERT INTO product (productid, name, price, code) VALUES ('p4', 'b', 1, 'A')",
        "foreign_key": "INSERT INTO product (productid, name, price, categoryid) "
        "VALUES ('p5', 'b', 1, 99)",
        "check": "INSERT INTO product (productid, name, price) VALUES ('p6', 'b', -1)",
        "type": "INSERT INTO product (productid, name, price, categoryid) "
        "VALUES ('p7', 'b', 1, 'abc')",
    }
    found = {}
    for rule, statement in statements.items():
        try:
            with engine.begin() as conn:
                conn.execute(text(statement))
        except DBAPIError as exc:
            found[rule] = r.rejection_of(exc)
        else:
            found[rule] = r.Rejection("accepted")
    with engine.connect() as conn:
        found["expression"] = r.check_expression(conn, "product", "ck_product_price")  # type: ignore[assignment]
    engine.dispose()
    return found


@pytest.mark.postgres
def test_postgresql_says_column_constraint_and_value(postgres_db: URL) -> None:
    found = rejections(postgres_db.render_as_string(hide_password=False))
    assert found["not_null"].rule == r.NOT_NULL and found["not_null"].column == "price"
    assert (found["too_long"].rule, found["too_long"].limit) == (r.TOO_LONG, 20)
    assert found["unique"] == r.Rejection(
        r.UNIQUE, "code", "uq_product_code", "A", said=found["unique"].said
    )
    assert (found["foreign_key"].rule, found["foreign_key"].column) == (r.FOREIGN_KEY, "categoryid")
    assert found["foreign_key"].value == "99"
    assert (found["check"].rule, found["check"].constraint) == (r.CHECK, "ck_product_price")
    assert (found["type"].rule, found["type"].kind, found["type"].value) == (
        r.TYPE,
        "integer",
        "abc",
    )
    assert found["expression"] == "price >= 0"


@pytest.mark.mariadb
def test_mariadb_says_it_by_error_number(mariadb_db: URL) -> None:
    found = rejections(mariadb_db.render_as_string(hide_password=False))
    assert (found["not_null"].rule, found["not_null"].column) == (r.NOT_NULL, "price")
    assert (found["too_long"].rule, found["too_long"].column) == (r.TOO_LONG, "name")
    assert (found["unique"].rule, found["unique"].constraint, found["unique"].value) == (
        r.UNIQUE,
        "uq_product_code",
        "A",
    )
    assert (found["foreign_key"].rule, found["foreign_key"].column) == (r.FOREIGN_KEY, "categoryid")
    assert (found["check"].rule, found["check"].constraint) == (r.CHECK, "ck_product_price")
    assert (found["type"].rule, found["type"].column, found["type"].value) == (
        r.TYPE,
        "categoryid",
        "abc",
    )
    assert found["expression"] == "price >= 0"


def test_sqlite_says_it_in_its_message(tmp_path: Path) -> None:
    found = rejections(f"sqlite:///{tmp_path / 'crm.db'}")
    assert (found["not_null"].rule, found["not_null"].column) == (r.NOT_NULL, "price")
    assert found["too_long"].rule == "accepted", "SQLite keeps text of any length"
    assert (found["unique"].rule, found["unique"].column) == (r.UNIQUE, "code")
    assert found["foreign_key"].rule == r.FOREIGN_KEY or found["foreign_key"].rule == "accepted"
    assert (found["check"].rule, found["check"].constraint) == (r.CHECK, "ck_product_price")
    assert found["expression"] == "price >= 0"


@pytest.mark.parametrize(
    ("expression", "words"),
    [
        ("price >= 0", "must be 0 or more"),
        ("(price > (0)::numeric)", "must be more than 0"),
        ("price <= 100", "must be 100 or less"),
        ("0 <= price", "must be 0 or more"),
        ("status IN ('open', 'won')", "must be one of open, won"),
        ("((status)::text = ANY ((ARRAY['open'::character varying, 'won'])::text[]))", None),
        ("qty BETWEEN 1 AND 10", "must be from 1 to 10"),
        ("name <> ''", "must not be empty"),
        ("char_length(name) <= 10", "must be at most 10 characters long"),
        ("price * qty < 1000", "must meet the rule price * qty < 1000"),
    ],
)
def test_a_check_expression_in_words(expression: str, words: str | None) -> None:
    said = str(r.requirement_words(r.requirement(r._unwrap(expression))))
    if words is not None:
        assert said == words
    else:
        assert said.startswith("must")
