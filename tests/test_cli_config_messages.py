"""The command line's clear errors about the configuration file (issue 12, point 12): an
unknown key anywhere, and a database URL that cannot be used, are one message naming the key,
its section and the fix, exit 2, no traceback; a password is never shown."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.helpers import World
from tests.test_cli_messages import SECRET, edit, run

# -- unknown keys ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "[settings]\n",
            "[settings]\nbatch_sise = 100\n",
            "settings.batch_sise: unknown key in [settings]; did you mean batch_size? [settings] "
            "takes batch_size, connect_timeout, keep_days, lookback, statement_timeout, user",
        ),
        (
            "[store]\n",
            "[store]\nurl_ = 'x'\n",
            "store.url_: unknown key in [store]; did you mean url? [store] takes url",
        ),
        (
            "[crm]\n",
            "[crm]\ntimezon = 'UTC'\n",
            "crm.timezon: unknown key in [crm]; did you mean timezone? [crm] takes kind, name, "
            "timezone, url",
        ),
        (
            "[erp]\n",
            "[mappings]\nname = 'X'\n\n[erp]\n",
            "mappings: unknown section [mappings]; did you mean [[mapping]]? a configuration has "
            "[store], [erp], [crm], [settings], [[mapping]]",
        ),
        (
            'erp_table = "customer"',
            'erp_tabel = "customer"',
            "mapping[0].erp_tabel: unknown key in [[mapping]] 'CUSTOMER'; did you mean erp_table?",
        ),
        (
            'erp = "name"',
            'epr = "name"',
            "mapping[0].field[0].epr: unknown key in [[mapping.field]]; did you mean erp?",
        ),
    ],
    ids=["settings", "store", "crm", "top-level", "mapping", "field"],
)
def test_an_unknown_key_is_named_with_its_section_and_the_likely_one(
    world: World, old: str, new: str, message: str
) -> None:
    result = run("jobs", config=edit(world.config_path, old, new))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {world.config_path}: {message}")
    assert result.stdout == ""


def test_a_password_key_in_an_app_section_says_where_passwords_go(world: World) -> None:
    result = run(
        "sync", config=edit(world.config_path, "[erp]\n", f'[erp]\npasword = "{SECRET}"\n')
    )
    assert result.exit_code == 2
    assert (
        "erp.pasword: a password never goes in this file: remove it and run `desktop-sync "
        "set-password erp`, or set DESKTOP_SYNC_ERP_PASSWORD in the environment"
    ) in result.stderr
    assert SECRET not in result.output


def test_filters_stay_free_form_they_name_columns(world: World) -> None:
    world.configure(erp_filter={"blocked": False})
    assert run("check", config=world.config_path).exit_code == 0


# -- URLs --------------------------------------------------------------------------------------


def erp_url(world: World, url: str) -> Path:
    return edit(world.config_path, f'url = "{world.erp_url}"', f'url = "{url}"')


@pytest.mark.parametrize("user", ["u", f"u:{SECRET}"], ids=["no-password", "password"])
def test_a_port_that_is_not_a_number_is_named_and_no_password_shown(
    world: World, user: str
) -> None:
    result = run("sync", config=erp_url(world, f"postgresql+psycopg://{user}@host:54x2/db"))
    assert result.exit_code == 2
    shown = "u:***" if ":" in user else "u"
    assert (
        f"erp.url: in 'postgresql+psycopg://{shown}@host:54x2/db' the port '54x2' is not a "
        "number; write host:port with the port in digits (e.g. dbhost:5432), or leave the port "
        "out for the database's usual one"
    ) in result.stderr
    assert SECRET not in result.output


@pytest.mark.parametrize(
    ("url", "message"),
    [
        (
            "postgresql+nosuchdriver://u@host/db",
            "postgresql has no driver 'nosuchdriver'; installed postgresql drivers: psycopg; "
            "known but not installed: psycopg2, pg8000; e.g. postgresql+psycopg://user@host/database",
        ),
        (
            "foo://u@host/db",
            "'foo' is no kind of database desktop-sync knows; desktop-sync works with "
            "sqlite:///erp.db, postgresql+psycopg://user@host/database, "
            "mysql+pymysql://user@host/database",
        ),
        (
            "mysql://u@host/db",
            "mysql's default driver mysqldb is not installed; installed mysql drivers: pymysql",
        ),
        (
            "postgresql+asyncpg://u@host/db",
            "asyncpg is a driver for asyncio programs, which desktop-sync is not; installed "
            "postgresql drivers: psycopg",
        ),
    ],
    ids=["no-such-driver", "no-such-kind", "default-driver-missing", "async"],
)
def test_an_unknown_or_missing_driver_says_which_are_installed(
    world: World, url: str, message: str
) -> None:
    result = run("sync", config=erp_url(world, url))
    assert result.exit_code == 2
    assert f"erp.url: in '{url}': {message}" in result.stderr


def test_a_store_of_an_unknown_kind_says_which_drivers_are_known(world: World) -> None:
    path = edit(world.config_path, f'url = "{world.store_url}"', 'url = "foo://u@host/db"')
    result = run("jobs", config=path)
    assert result.exit_code == 2
    assert "store.url: in 'foo://u@host/db': 'foo' is no kind of database" in result.stderr
    assert "sqlite:///store.db" in result.stderr


@pytest.mark.parametrize(
    "url",
    [
        f"postgresql+psycopg://sync:{SECRET}@[::1/db",
        f"sync:{SECRET}@dbhost/erp",
        f"not a url {SECRET}@dbhost",
    ],
    ids=["bad-host", "no-scheme", "text"],
)
def test_a_url_that_does_not_parse_is_never_shown_with_its_password(world: World, url: str) -> None:
    result = run("sync", config=erp_url(world, url))
    assert result.exit_code == 2 and "erp.url: " in result.stderr
    assert SECRET not in result.output
    assert re.search(r"\*\*\*@", result.stderr)
