"""The mapping builder: what it writes is read back by `load_config` as it was described."""

from __future__ import annotations

import tomllib
from pathlib import Path

from desktop_sync.config import load_config
from desktop_sync.domain import Direction, Side
from desktop_sync.mapping_toml import app, config_toml, field, mapping


def test_a_described_mapping_is_read_back_as_described(tmp_path: Path) -> None:
    customer = mapping(
        "CUSTOMER",
        ("customer", "account"),
        ("no", "accountid"),
        [
            field("name", "name", label='The "Name"\nline two', direction=None),
            field("terms", "paymenttermscode", values=[["14D", 1], [True, 2]]),
            field(crm="createdon", value="now", note="filled on insert\nby the database"),
        ],
        modified=(["last_modified", "created"], None),
        note="a note",
        direction="to_crm",
        match_on=("name",),
        erp_filter={"blocked": False},
        archive_crm={"column": "statecode", "value": 1},
        lookback=None,
    )
    text = config_toml(
        "sqlite:///state.db",
        app("sqlite:///erp.db", "Business Central"),
        "sqlite:///crm.db",
        [customer],
        settings={"user": "kari"},
        header="first line\n\nthird line",
    )
    assert text.startswith("# first line\n\n# third line\n")
    assert "# a note\n" in text and "  # filled on insert\n  # by the database\n" in text
    assert "erp_filter = {blocked = false}" in text, "a table option is written inline"
    path = tmp_path / "desktop-sync.toml"
    path.write_text(text, encoding="utf-8")
    config = load_config(path)
    (m,) = config.mappings
    assert (config.user, config.erp.name, config.crm.name) == ("kari", "Business Central", "CRM")
    assert m.erp_modified == ("last_modified", "created") and m.crm_modified == ()
    assert m.direction is Direction.TO_CRM and m.match_on == ("name",)
    assert m.filter(Side.ERP) == {"blocked": False} and m.archive_crm is not None
    name, terms, created = m.fields
    assert name.label == 'The "Name"\nline two', "quoted and escaped by the TOML library"
    assert terms.values == (("14D", 1), (True, 2))
    assert (created.crm, created.expression) == ("createdon", "now")
    assert "lookback" not in tomllib.loads(text)["mapping"][0], "None leaves an option out"
