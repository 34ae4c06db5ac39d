"""The configuration file: the documented shape, and one clear message per mistake."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_sync.config import ConfigError, load_config
from desktop_sync.demo import CONFIG
from desktop_sync.domain import DeletionConflict, Direction, Side, UpdateConflict
from desktop_sync.mapping_toml import app, config_toml, field, mapping

# The shape README.md documents under "Configuration"
ISSUE_EXAMPLE = config_toml(
    "sqlite:///state.db",
    app("sqlite:///erp.db", "Business Central"),
    app("sqlite:///crm.db", "Dynamics 365 Sales"),
    [
        mapping(
            "CUSTOMER",
            ("customer", "account"),
            ("no", "accountid"),
            [
                field("name", "name", direction="bidirectional"),
                field("email", "emailaddress1"),
                field(crm="customertypecode", constant=3),
            ],
            modified=("last_modified", "modifiedon"),
            direction="bidirectional",
            sync_only_coupled=False,
            match_on=["email"],
            update_conflict="manual",
            deletion_conflict="manual",
            erp_filter={"blocked": False},
            crm_filter={},
        )
    ],
)


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "desktop-sync.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_issues_example_loads(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, ISSUE_EXAMPLE))
    (mapping,) = config.mappings
    assert config.store_url.database == str(tmp_path / "state.db"), (
        "relative paths resolve against the file"
    )
    assert config.erp.name == "Business Central" and config.app(Side.CRM).url.database == str(
        tmp_path / "crm.db"
    )
    assert mapping.direction is Direction.BIDIRECTIONAL and mapping.match_on == ("email",)
    assert (
        mapping.update_conflict is UpdateConflict.MANUAL
        and mapping.deletion_conflict is DeletionConflict.MANUAL
    )
    assert mapping.filter(Side.ERP) == {"blocked": False} and mapping.filter(Side.CRM) == {}
    (constant,) = mapping.written_to(Side.CRM, insert=True)
    assert (constant.crm, constant.constant, constant.on) == ("customertypecode", 3, "insert")
    assert mapping.written_to(Side.CRM, insert=False) == ()
    assert [f.name for f in mapping.value_fields] == ["name", "email"]


def test_timeouts_have_defaults_and_can_be_set(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, ISSUE_EXAMPLE))
    assert (config.connect_timeout, config.statement_timeout) == (15, 300)
    text = "[settings]\nconnect_timeout = 5\nstatement_timeout = 60\n\n" + ISSUE_EXAMPLE
    timeouts = load_config(write(tmp_path, text)).timeouts
    assert (timeouts.connect, timeouts.statement) == (5, 60)
    assert timeouts.deadline > timeouts.statement, "the server's own timeout answers first"


def test_the_demo_configuration_loads(tmp_path: Path) -> None:
    assert len(load_config(write(tmp_path, CONFIG)).mappings) == 4


@pytest.mark.parametrize(
    ("change", "key", "words"),
    [
        (
            ('direction = "bidirectional"\nsync', 'direction = "both"\nsync'),
            "mapping[0].direction",
            "expected one of bidirectional | to_crm | to_erp, got 'both'",
        ),
        (
            ('update_conflict = "manual"', 'update_conflict = "newest"'),
            "mapping[0].update_conflict",
            "erp_wins",
        ),
        (
            ("sync_only_coupled = false", 'sync_only_coupled = "no"'),
            "mapping[0].sync_only_coupled",
            "expected true or false",
        ),
        (('erp_key = "no"\n', ""), "mapping[0].erp_key", "is missing"),
        (
            ('match_on = ["email"]', 'match_on = ["phone"]'),
            "mapping[0].match_on[0]",
            "'phone' is not a mapped field",
        ),
        (("[erp]\nname", '[erp]\nurl = "sqlite:///x.db"\nname'), "", "not valid TOML"),
        (
            ('url = "sqlite:///erp.db"', 'url = "postgresql://u:secret@h/db"'),
            "erp.url",
            "contains a password",
        ),
        (('url = "sqlite:///crm.db"', 'url = "not a url"'), "crm.url", "is not a database URL"),
        (
            (
                '  erp = "name"\n  crm = "name"\n  direction = "bidirectional"',
                '  erp = "name"\n  crm = "name"\n  direction = "sideways"',
            ),
            "mapping[0].field[0].direction",
            "expected one of",
        ),
        (
            (
                '  crm = "customertypecode"\n  constant = 3',
                '  erp = "x"\n  crm = "customertypecode"\n  constant = 3',
            ),
            "mapping[0].field[2].constant",
            "a constant or `value` goes to one side",
        ),
        (
            ("crm_filter = {}", 'crm_filter = {}\ncolour = "red"'),
            "mapping[0].colour",
            "unknown key",
        ),
        (
            ("[store]", "[settings]\nstatement_timeout = 0\n\n[store]"),
            "settings.statement_timeout",
            "expected a positive whole number of seconds",
        ),
        (
            ("[store]", '[settings]\nconnect_timeout = "10"\n\n[store]'),
            "settings.connect_timeout",
            "expected a whole number, got '10'",
        ),
    ],
)
def test_a_mistake_names_file_key_and_fix(
    tmp_path: Path, change: tuple[str, str], key: str, words: str
) -> None:
    old, new = change
    assert old in ISSUE_EXAMPLE
    path = write(tmp_path, ISSUE_EXAMPLE.replace(old, new, 1))
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: ")
    assert key in message and words in message


def test_a_field_may_only_narrow_the_mappings_direction(tmp_path: Path) -> None:
    text = ISSUE_EXAMPLE.replace('direction = "bidirectional"\nsync', 'direction = "to_crm"\nsync')
    text = text.replace(
        '  crm = "name"\n  direction = "bidirectional"', '  crm = "name"\n  direction = "to_erp"'
    )
    with pytest.raises(
        ConfigError, match=r"field\[0\].direction: to_erp widens the mapping's direction to_crm"
    ):
        load_config(write(tmp_path, text))


def test_a_missing_file_says_how_to_get_one(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="file not found; run `desktop-sync demo DIR`"):
        load_config(tmp_path / "nope.toml")


def test_a_missing_section_is_named(tmp_path: Path) -> None:
    without_store = ISSUE_EXAMPLE.replace('[store]\nurl = "sqlite:///state.db"\n', "")
    assert "[store]" not in without_store
    with pytest.raises(ConfigError, match=r"\[store\]: section is missing"):
        load_config(write(tmp_path, without_store))
    with pytest.raises(
        ConfigError, match=r"stor: unknown section \[stor\]; did you mean \[store\]"
    ):
        load_config(write(tmp_path, ISSUE_EXAMPLE.replace("[store]", "[stor]")))
