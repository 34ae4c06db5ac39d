"""`check` on PostgreSQL and MariaDB schemas with server defaults, and `desktop-sync check` on
the command line: its wording, its order (errors, then warnings) and its exit status."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from desktop_sync.cli import cli
from tests.predicting import config_text, lines, make_tables, mapping_toml, predicted

ERP = """
CREATE TABLE customer (
    no VARCHAR(40) PRIMARY KEY,
    name VARCHAR(50) NOT NULL,
    active BOOLEAN NOT NULL DEFAULT false,
    created_on TIMESTAMP NOT NULL,
    email VARCHAR(80) UNIQUE,
    phone VARCHAR(20),
    last_modified TIMESTAMP NULL
)"""
CRM = """
CREATE TABLE account (
    accountid VARCHAR(36) PRIMARY KEY,
    name VARCHAR(50) NOT NULL,
    telephone1 INTEGER,
    modifiedon TIMESTAMP NULL
)"""
FIELDS = """
  [[mapping.field]]
  erp = "phone"
  crm = "telephone1"
  direction = "to_crm"
  label = "phone number"

  [[mapping.field]]
  erp = "email"
  constant = "sales@example.com"
"""
EXPECTED = [
    "error: mapping CUSTOMER, ERP column 'created_on': NOT NULL without a default, and no field "
    "fills it, so every insert into ERP fails",
    "error: mapping CUSTOMER, ERP field 'email': it must be unique, and every record gets the "
    "same value ('sales@example.com'), so the second record written fails",
    "error: mapping CUSTOMER, CRM field 'phone number' (telephone1): CRM column 'telephone1' "
    "holds whole numbers but gets text from ERP column 'phone': every record whose text is not "
    "a whole number fails",
    "warning: mapping CUSTOMER, ERP column 'active': it defaults to false, so rows the engine "
    "inserts are hidden in ERP (inactive) until someone switches them on",
]


@pytest.mark.parametrize("server", ["postgres_db", "mariadb_db"])
def test_not_null_hidden_unique_and_type_findings_on_a_server(
    request, server: str, tmp_path: Path
) -> None:
    url = request.getfixturevalue(server)
    found = predicted(tmp_path, ERP, CRM, mapping_toml(FIELDS), erp_url=url, crm_url=url)
    assert [line.split("; ")[0] for line in lines(found)] == EXPECTED


@pytest.mark.parametrize("server", ["postgres_db", "mariadb_db"])
def test_a_mapping_that_fills_everything_gives_no_finding_on_a_server(
    request, server: str, tmp_path: Path
) -> None:
    url = request.getfixturevalue(server)
    fields = """
  [[mapping.field]]
  erp = "created_on"
  value = "now"

  [[mapping.field]]
  erp = "active"
  constant = true

  [[mapping.field]]
  erp = "email"
  crm = "email"
"""
    crm = CRM.replace("telephone1 INTEGER", "email VARCHAR(80)")
    assert predicted(tmp_path, ERP, crm, mapping_toml(fields), erp_url=url, crm_url=url) == []


# -- the command line ------------------------------------------------------------------------


def run_check(path: Path) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["--config", str(path), "check"], obj={})
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def write_config(folder: Path, erp_ddl: str, crm_ddl: str, mappings: str) -> Path:
    erp, crm = f"sqlite:///{folder / 'erp.db'}", f"sqlite:///{folder / 'crm.db'}"
    make_tables(erp, erp_ddl)
    make_tables(crm, crm_ddl)
    path = folder / "desktop-sync.toml"
    path.write_text(config_text(erp, crm, mappings), encoding="utf-8")
    return path


def test_check_prints_errors_then_warnings_and_exits_2(tmp_path: Path) -> None:
    erp = ERP.replace("BOOLEAN NOT NULL DEFAULT false", "BOOLEAN NOT NULL DEFAULT 0")
    crm = CRM.replace("modifiedon TIMESTAMP NULL", "modifiedon TIMESTAMP")
    path = write_config(tmp_path, erp, crm, mapping_toml(FIELDS))
    code, out = run_check(path)
    assert code == 2
    assert [line.split("; ")[0] for line in out.splitlines()] == [
        *EXPECTED,
        "3 error(s) and 1 warning(s): fix the errors before synchronizing.",
    ]
    assert "Traceback" not in out and "in order" not in out


def test_check_with_warnings_only_is_in_order_and_exits_0(tmp_path: Path) -> None:
    erp = ERP.replace("created_on TIMESTAMP NOT NULL", "created_on TIMESTAMP")
    path = write_config(tmp_path, erp, CRM, mapping_toml())
    code, out = run_check(path)
    assert code == 0, out
    assert out.splitlines() == [
        "warning: mapping CUSTOMER, ERP column 'active': it defaults to false, so rows the engine "
        "inserts are hidden in ERP (inactive) until someone switches them on; write true on "
        'insert: a field with erp = "active" and constant = true',
        "Configuration, store and both apps are in order, with 1 warning(s) above.",
    ]


LOOKING_UP = """
  [[mapping.field]]
  erp = "no"
  crm = "accountid"
  lookup = "{other}"
"""


def test_check_names_a_cycle_of_lookups_and_exits_2(tmp_path: Path) -> None:
    mappings = mapping_toml(LOOKING_UP.format(other="B"), name="A") + mapping_toml(
        LOOKING_UP.format(other="A"), name="B"
    )
    path = write_config(tmp_path, ERP, CRM, mappings)
    code, out = run_check(path)
    assert code == 2
    assert out.startswith(f"error: {path}: mapping: the lookups make a cycle: A → B → A; ")
    assert "Traceback" not in out


def test_check_names_a_lookup_to_an_unknown_mapping_and_exits_2(tmp_path: Path) -> None:
    path = write_config(tmp_path, ERP, CRM, mapping_toml(LOOKING_UP.format(other="NOPE")))
    code, out = run_check(path)
    assert code == 2
    assert out == (
        f"error: {path}: mapping[0].field[1].lookup: no mapping named 'NOPE' (known: CUSTOMER)\n"
    )
