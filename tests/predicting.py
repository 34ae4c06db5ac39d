"""Helpers for the tests of `check`'s predictions: real app databases made with DDL, a
configuration around one mapping, and the findings `Apps.check` gives for it."""

from __future__ import annotations

import tomllib
from pathlib import Path

from sqlalchemy import create_engine
from sqlalchemy.engine import URL

from desktop_sync.apps import Apps, Finding
from desktop_sync.config import parse_config

ERP_CUSTOMER = """
CREATE TABLE customer (
    no VARCHAR(40) PRIMARY KEY,
    name VARCHAR(50) NOT NULL,
    last_modified TIMESTAMP
)"""
CRM_ACCOUNT = """
CREATE TABLE account (
    accountid VARCHAR(36) PRIMARY KEY,
    name VARCHAR(50) NOT NULL,
    modifiedon TIMESTAMP
)"""


def mapping_toml(fields: str = "", extra: str = "", name: str = "CUSTOMER") -> str:
    """The CUSTOMER mapping (customer / account, name = name), more keys and fields."""
    return f"""
[[mapping]]
name = "{name}"
erp_table = "customer"
crm_table = "account"
erp_key = "no"
crm_key = "accountid"
erp_modified = "last_modified"
crm_modified = "modifiedon"
{extra}

  [[mapping.field]]
  erp = "name"
  crm = "name"
{fields}
"""


def config_text(erp: str, crm: str, mappings: str) -> str:
    return f"""
[store]
url = "sqlite:///state.db"

[erp]
name = "ERP"
url = "{erp}"

[crm]
name = "CRM"
url = "{crm}"
{mappings}"""


def plain(url: URL | str) -> str:
    return url.render_as_string(hide_password=False) if isinstance(url, URL) else url


def make_tables(url: str, ddl: str) -> None:
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            for statement in ddl.split(";"):
                if statement.strip():
                    conn.exec_driver_sql(statement)
    finally:
        engine.dispose()


def predicted(
    folder: Path,
    erp_ddl: str = ERP_CUSTOMER,
    crm_ddl: str = CRM_ACCOUNT,
    mappings: str | None = None,
    erp_url: URL | str | None = None,
    crm_url: URL | str | None = None,
) -> list[Finding]:
    """Make both apps' tables, then what `check` predicts for `mappings`."""
    erp = plain(erp_url or f"sqlite:///{folder / 'erp.db'}")
    crm = plain(crm_url or f"sqlite:///{folder / 'crm.db'}")
    make_tables(erp, erp_ddl)
    make_tables(crm, crm_ddl)
    text = config_text(erp, crm, mapping_toml() if mappings is None else mappings)
    config = parse_config(tomllib.loads(text), folder / "desktop-sync.toml")
    apps = Apps(config)
    try:
        return apps.check(config)
    finally:
        apps.dispose()


def lines(findings: list[Finding]) -> list[str]:
    return [str(f) for f in findings]


def one(findings: list[Finding], severity: str, where: str) -> Finding:
    """The one finding of `severity` whose place ("mapping CUSTOMER, CRM field 'x'") is `where`."""
    matching = [f for f in findings if f.severity == severity and f.where == where]
    assert len(matching) == 1, lines(findings)
    return matching[0]
