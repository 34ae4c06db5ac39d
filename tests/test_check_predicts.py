"""`check` predicts write failures before any write: one test per finding, on real SQLite apps
(the server variants are in test_check_servers)."""

from __future__ import annotations

from pathlib import Path

from tests.predicting import (
    CRM_ACCOUNT,
    ERP_CUSTOMER,
    lines,
    mapping_toml,
    one,
    predicted,
)

CRM_CREATED = """
CREATE TABLE account (
    accountid VARCHAR(36) PRIMARY KEY,
    name VARCHAR(50) NOT NULL,
    createdon TIMESTAMP NOT NULL,
    modifiedon TIMESTAMP
)"""
ERP_CREATED = ERP_CUSTOMER.replace("last_modified", "created TIMESTAMP,\n    last_modified")


def test_a_mapping_that_fills_everything_gives_no_finding(tmp_path: Path) -> None:
    crm = CRM_CREATED.replace("modifiedon", "active BOOLEAN NOT NULL DEFAULT 0,\n    modifiedon")
    fields = """
  [[mapping.field]]
  erp = "created"
  crm = "createdon"
  direction = "to_erp"

  [[mapping.field]]
  crm = "createdon"
  value = "now"

  [[mapping.field]]
  crm = "active"
  constant = true
"""
    assert predicted(tmp_path, ERP_CREATED, crm, mapping_toml(fields)) == []


def test_a_not_null_column_no_field_fills_on_insert_is_an_error_named_by_its_label(
    tmp_path: Path,
) -> None:
    fields = """
  [[mapping.field]]
  erp = "created"
  crm = "createdon"
  direction = "to_erp"
  label = "created on"
"""
    found = predicted(tmp_path, ERP_CREATED, CRM_CREATED, mapping_toml(fields))
    finding = one(found, "error", "mapping CUSTOMER, CRM field 'created on' (createdon)")
    assert str(finding).startswith(
        "error: mapping CUSTOMER, CRM field 'created on' (createdon): NOT NULL without a default, "
        "and no field fills it, so every insert into CRM fails; map a field to it"
    )
    assert (finding.side, finding.column, finding.label) == ("crm", "createdon", "created on")
    assert len(found) == 1, lines(found)


def test_keys_the_engine_or_database_makes_and_the_stamp_count_as_filled(tmp_path: Path) -> None:
    crm = CRM_ACCOUNT.replace("accountid VARCHAR(36) PRIMARY KEY", "accountid INTEGER PRIMARY KEY")
    crm = crm.replace("modifiedon TIMESTAMP", "modifiedon TIMESTAMP NOT NULL")
    erp = ERP_CUSTOMER.replace("no VARCHAR(40)", "no VARCHAR(40) NOT NULL")
    assert predicted(tmp_path, erp, crm) == []


def test_a_key_the_engine_cannot_make_is_an_error(tmp_path: Path) -> None:
    crm = CRM_ACCOUNT.replace("accountid VARCHAR(36) PRIMARY KEY", "accountid VARCHAR(12) NOT NULL")
    found = predicted(tmp_path, crm_ddl=crm)
    finding = one(found, "error", "mapping CUSTOMER, CRM column 'accountid'")
    assert "keys of 36 characters (UUIDs) and the column holds 12" in finding.message


def test_an_active_column_defaulting_to_false_warns_that_inserted_rows_are_hidden(
    tmp_path: Path,
) -> None:
    erp = ERP_CUSTOMER.replace(
        "last_modified", "active BOOLEAN NOT NULL DEFAULT false,\n    last_modified"
    )
    crm = CRM_ACCOUNT.replace("modifiedon", "is_visible INTEGER DEFAULT 0,\n    modifiedon")
    found = predicted(tmp_path, erp, crm)
    finding = one(found, "warning", "mapping CUSTOMER, ERP column 'active'")
    assert "rows the engine inserts are hidden in ERP" in finding.message
    assert "constant = true" in finding.fix
    one(found, "warning", "mapping CUSTOMER, CRM column 'is_visible'")
    assert len(found) == 2, lines(found)


def test_an_archive_column_whose_default_archives_every_insert_is_an_error(
    tmp_path: Path,
) -> None:
    crm = CRM_ACCOUNT.replace("modifiedon", "is_active BOOLEAN DEFAULT FALSE,\n    modifiedon")
    mapping = mapping_toml(extra='archive_crm = { column = "is_active", value = false }')
    found = predicted(tmp_path, crm_ddl=crm, mappings=mapping)
    finding = one(found, "error", "mapping CUSTOMER, CRM column 'is_active'")
    assert "counts as deleted at once" in finding.message


def test_a_constant_into_a_unique_column_is_an_error(tmp_path: Path) -> None:
    crm = CRM_ACCOUNT.replace(
        "modifiedon",
        "email VARCHAR(80) UNIQUE,\n    code VARCHAR(20),\n    owner VARCHAR(20),\n    modifiedon",
    )
    crm += ";\nCREATE UNIQUE INDEX account_code ON account (code)"
    fields = """
  [[mapping.field]]
  crm = "email"
  constant = "post@example.com"

  [[mapping.field]]
  crm = "code"
  value = "user"
  label = "account code"

  [[mapping.field]]
  crm = "owner"
  value = "user"
"""
    found = predicted(tmp_path, crm_ddl=crm, mappings=mapping_toml(fields))
    email = one(found, "error", "mapping CUSTOMER, CRM field 'email'")
    assert "every record gets the same value ('post@example.com'), so the second" in email.message
    code = one(found, "error", "mapping CUSTOMER, CRM field 'account code' (code)")
    assert "(the user expression)" in code.message
    assert len(found) == 2, lines(found)


def test_a_nullable_column_into_a_not_null_number_warns_and_into_text_does_not(
    tmp_path: Path,
) -> None:
    erp = ERP_CUSTOMER.replace(
        "last_modified", "credit DECIMAL(12, 2),\n    city VARCHAR(30),\n    last_modified"
    )
    crm = CRM_ACCOUNT.replace(
        "modifiedon",
        "credit DECIMAL(12, 2) NOT NULL DEFAULT 0,\n    city VARCHAR(30) NOT NULL,\n    modifiedon",
    )
    fields = """
  [[mapping.field]]
  erp = "credit"
  crm = "credit"
  direction = "to_crm"

  [[mapping.field]]
  erp = "city"
  crm = "city"
  direction = "to_crm"
"""
    found = predicted(tmp_path, erp, crm, mapping_toml(fields))
    finding = one(found, "warning", "mapping CUSTOMER, CRM field 'credit'")
    assert "ERP column 'credit' may be NULL" in finding.message
    assert len(found) == 1, lines(found)


def test_longer_source_text_warns_unless_max_length_cuts_it(tmp_path: Path) -> None:
    erp = ERP_CUSTOMER.replace("name VARCHAR(50)", "name VARCHAR(100)")
    found = predicted(tmp_path, erp_ddl=erp)
    finding = one(found, "warning", "mapping CUSTOMER, CRM field 'name'")
    assert (
        "ERP column 'name' holds up to 100 characters, CRM column 'name' at most 50: the engine "
        "fails each record with a longer value"
    ) in finding.message
    assert 'transform_to_crm = ["max_length:50"]' in finding.fix
    cut = mapping_toml().replace(
        'crm = "name"', 'crm = "name"\n  transform_to_crm = ["max_length:40"]'
    )
    (tmp_path / "again").mkdir()
    assert predicted(tmp_path / "again", erp, CRM_ACCOUNT, cut) == []


def test_values_of_another_kind_are_errors(tmp_path: Path) -> None:
    erp = ERP_CUSTOMER.replace(
        "last_modified",
        "phone VARCHAR(20),\n    blocked BOOLEAN,\n    rating DECIMAL(5, 2),\n    last_modified",
    )
    crm = CRM_ACCOUNT.replace(
        "modifiedon", "phone INTEGER,\n    blocked VARCHAR(5),\n    vip BOOLEAN,\n    modifiedon"
    )
    fields = """
  [[mapping.field]]
  erp = "phone"
  crm = "phone"
  direction = "to_crm"

  [[mapping.field]]
  erp = "blocked"
  crm = "blocked"

  [[mapping.field]]
  erp = "rating"
  crm = "vip"
  direction = "to_crm"
"""
    found = predicted(tmp_path, erp, crm, mapping_toml(fields))
    phone = one(found, "error", "mapping CUSTOMER, CRM field 'phone'")
    assert "holds whole numbers but gets text from ERP column 'phone'" in phone.message
    assert "every record whose text is not a whole number fails" in phone.message
    blocked = one(found, "error", "mapping CUSTOMER, CRM field 'blocked'")
    assert "holds text but gets true/false" in blocked.message
    back = one(found, "error", "mapping CUSTOMER, ERP field 'blocked'")
    assert "holds true/false but gets text" in back.message
    one(found, "error", "mapping CUSTOMER, CRM field 'vip'")
    assert len(found) == 4, lines(found)


def test_a_value_map_is_checked_against_the_destination_instead(tmp_path: Path) -> None:
    erp = ERP_CUSTOMER.replace(
        "last_modified", "blocked BOOLEAN,\n    status VARCHAR(10),\n    last_modified"
    )
    crm = CRM_ACCOUNT.replace(
        "modifiedon", "blocked VARCHAR(5),\n    statecode INTEGER,\n    modifiedon"
    )
    fields = """
  [[mapping.field]]
  erp = "blocked"
  crm = "blocked"
  values = [[true, "yes"], [false, "no"]]

  [[mapping.field]]
  erp = "status"
  crm = "statecode"
  values = [["open", 0], ["closed", "1"], ["held", 2]]
  direction = "to_crm"
  default_crm = 9
"""
    found = predicted(tmp_path, erp, crm, mapping_toml(fields))
    finding = one(found, "error", "mapping CUSTOMER, CRM field 'statecode'")
    assert (
        "the value map writes '1' into CRM column 'statecode', but '1' is not a whole number"
        in (finding.message)
    )
    assert len(found) == 1, lines(found)


def test_a_lookup_column_of_another_kind_than_the_key_it_holds_is_an_error(tmp_path: Path) -> None:
    erp = (
        ERP_CUSTOMER
        + """;
CREATE TABLE contact (no VARCHAR(40) PRIMARY KEY, name VARCHAR(50), customer_no VARCHAR(40),
                      last_modified TIMESTAMP)"""
    )
    crm = (
        CRM_ACCOUNT
        + """;
CREATE TABLE contact (contactid VARCHAR(36) PRIMARY KEY, name VARCHAR(50), parentid INTEGER,
                      modifiedon TIMESTAMP)"""
    )
    contact = """
[[mapping]]
name = "CONTACT"
erp_table = "contact"
crm_table = "contact"
erp_key = "no"
crm_key = "contactid"
erp_modified = "last_modified"
crm_modified = "modifiedon"
direction = "to_crm"

  [[mapping.field]]
  erp = "name"
  crm = "name"

  [[mapping.field]]
  erp = "customer_no"
  crm = "parentid"
  lookup = "CUSTOMER"
  label = "company"
"""
    found = predicted(tmp_path, erp, crm, mapping_toml() + contact)
    finding = one(found, "error", "mapping CONTACT, CRM field 'company' (parentid)")
    assert (
        "it holds keys of mapping CUSTOMER's CRM records (column 'accountid' of table "
        "'account'), but keys are text and the column holds whole numbers"
    ) in finding.message
    assert [f.mapping for f in found] == ["CONTACT"], lines(found)


def test_missing_tables_and_columns_and_date_stamps_are_errors(tmp_path: Path) -> None:
    erp = ERP_CUSTOMER.replace("last_modified TIMESTAMP", "last_modified DATE")
    mapping = mapping_toml('  [[mapping.field]]\n  erp = "town"\n  crm = "city"\n')
    found = predicted(tmp_path, erp, "CREATE TABLE other (id INTEGER)", mapping)
    assert lines(found) == [
        "error: mapping CUSTOMER, ERP field 'town': ERP table 'customer' has no column 'town'; "
        "correct the column's name in the configuration",
        "error: mapping CUSTOMER, ERP column 'last_modified': it holds dates without a time, "
        "which cannot tell two edits of a day apart; name a timestamp column as last-modified, "
        "or leave it out to compare by value",
        "error: mapping CUSTOMER, CRM table 'account': CRM has no table 'account'; correct "
        "crm_table, or create the table in CRM",
    ]


def test_a_side_without_a_last_modified_column_is_a_warning(tmp_path: Path) -> None:
    mapping = mapping_toml().replace('crm_modified = "modifiedon"\n', "")
    (finding,) = predicted(tmp_path, mappings=mapping)
    assert str(finding).startswith(
        "warning: mapping CUSTOMER, CRM table 'account': no last-modified column (crm_modified "
        "is not set), so every run reads its whole table"
    )


def test_a_side_only_restore_records_inserts_into_gets_warnings_not_errors(
    tmp_path: Path,
) -> None:
    mapping = mapping_toml(extra='direction = "to_crm"')
    erp = ERP_CUSTOMER.replace("last_modified", "created TIMESTAMP NOT NULL,\n    last_modified")
    found = predicted(tmp_path, erp, CRM_ACCOUNT, mapping)
    finding = one(found, "warning", "mapping CUSTOMER, ERP column 'created'")
    assert "so Restore Records into ERP fails" in finding.message
    assert len(found) == 1, lines(found)


def test_a_whole_number_key_the_database_does_not_assign_is_an_error(tmp_path: Path) -> None:
    crm = CRM_ACCOUNT.replace("accountid VARCHAR(36) PRIMARY KEY", "accountid INTEGER NOT NULL")
    found = predicted(tmp_path, crm_ddl=crm)
    finding = one(found, "error", "mapping CUSTOMER, CRM column 'accountid'")
    assert "the engine makes only text or UUID keys, so every insert into CRM fails" in (
        finding.message
    )
    assert len(found) == 1, lines(found)


def test_a_constant_of_another_kind_than_its_column_is_an_error(tmp_path: Path) -> None:
    crm = CRM_ACCOUNT.replace("modifiedon", "typecode INTEGER,\n    modifiedon")
    fields = '\n  [[mapping.field]]\n  crm = "typecode"\n  constant = "customer"\n'
    found = predicted(tmp_path, crm_ddl=crm, mappings=mapping_toml(fields))
    finding = one(found, "error", "mapping CUSTOMER, CRM field 'typecode'")
    assert (
        finding.message
        == "the constant 'customer' is not a whole number, so every write of it fails"
    )


def test_decimals_into_whole_numbers_warn(tmp_path: Path) -> None:
    erp = ERP_CUSTOMER.replace("last_modified", "credit DECIMAL(12, 2),\n    last_modified")
    crm = CRM_ACCOUNT.replace("modifiedon", "credit INTEGER,\n    modifiedon")
    fields = '\n  [[mapping.field]]\n  erp = "credit"\n  crm = "credit"\n'
    found = predicted(tmp_path, erp, crm, mapping_toml(fields))
    finding = one(found, "warning", "mapping CUSTOMER, CRM field 'credit'")
    assert "decimals are cut off or rounded" in finding.message
    assert len(found) == 1, lines(found)  # whole numbers into decimals are fine
