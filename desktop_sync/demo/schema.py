"""The demo apps' tables.

The ERP looks like Business Central: salespeople, customers, contacts and items with text keys
and DATETIME stamps; a customer has a salesperson code and a payment terms code, a contact the
number of its company, and most text columns may be NULL. The CRM looks like Dynamics 365 Sales:
users, accounts, contacts and products with UUID keys (for contacts an integer the database
assigns) and ISO text stamps; an account has an owner (a user) and a payment terms option, a
contact a parent account (a customer lookup, which may point at an account or a contact, so no
foreign key); what the CRM's own code fills is NOT NULL without a default here: `createdon`, and
a contact's `lastname`.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    DateTime,
    ForeignKey,
    Integer,
    MetaData,
    Numeric,
    String,
    Table,
    text,
)


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
            Column("no", String(40), primary_key=True),  # a CRM key, for accounts made there
            Column("name", String(100), nullable=False),
            Column("address", String(100)),
            Column("city", String(30)),
            Column("post_code", String(20)),
            Column("country", String(10)),
            Column("phone", String(30)),
            Column("email", String(80), index=True),
            Column("salesperson_code", String(20), ForeignKey("salesperson.code")),
            Column("payment_terms_code", String(10)),
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
            Column("company_no", String(40), ForeignKey("customer.no")),
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
            Column("ownerid", String(36), ForeignKey("systemuser.systemuserid")),
            Column("paymenttermscode", Integer),
            Column("creditlimit", Numeric(12, 2)),
            Column("customertypecode", Integer),
            Column("statuscode", Integer),
            Column("createdon", DateTime, nullable=False),
            Column("modifiedon", String(32), index=True),
        ),
        "contact": Table(
            "contact",
            md,
            Column("contactid", Integer, primary_key=True, autoincrement=True),
            Column("firstname", String(30)),
            Column("lastname", String(30), nullable=False),
            Column("emailaddress1", String(80), index=True),
            Column("telephone1", String(30)),
            Column("jobtitle", String(30)),
            Column("parentcustomerid", String(36)),
            Column("createdon", DateTime, nullable=False),
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
