"""Commands about the installation and the state store: self-test, db upgrade, set-password."""

from __future__ import annotations

import sys

import click

from desktop_sync.cli.common import EXIT_PROBLEMS, EXIT_USAGE, Failure, open_service
from desktop_sync.cli.root import cli
from desktop_sync.config import ConfigError, load_config
from desktop_sync.domain import Side


@cli.command("self-test", short_help="Check this installation.")
@click.pass_context
def self_test(ctx: click.Context) -> None:
    """Check this installation: resources, SVG icons, translations, database drivers, keyring;
    with --config, also open the window on it."""
    from desktop_sync.gui.selftest import run_self_test

    if run_self_test(ctx.obj["config"], echo=click.echo):
        sys.exit(EXIT_PROBLEMS)


@cli.group(short_help="The state store's schema: db upgrade.")
def db() -> None:
    """The state store's schema (desktop-sync's own database)."""


@db.command("upgrade", short_help="Bring the state store's schema up to date.")
@click.pass_context
def db_upgrade(ctx: click.Context) -> None:
    """Bring the state store's schema up to date (also done on every start). An SQLite store
    is copied beside itself first; a store made by a newer desktop-sync is refused (exit 2)."""
    with open_service(ctx, upgrade=False) as service:
        before = service.store.current_revision()
        service.store.upgrade()
        click.echo(
            f"state store at revision {service.store.current_revision()} (was {before or 'empty'})"
        )


@cli.command("set-password", short_help="Keep a database password in the system keyring.")
@click.argument("purpose", type=click.Choice(["store", "erp", "crm"]))
@click.pass_context
def set_password(ctx: click.Context, purpose: str) -> None:
    """Keep the password of the store's, the ERP's or the CRM's database in the system
    keyring (asked for, never shown). The URL in the configuration names the user; the
    password never goes in the file. Without a keyring, set DESKTOP_SYNC_STORE_PASSWORD,
    DESKTOP_SYNC_ERP_PASSWORD or DESKTOP_SYNC_CRM_PASSWORD in the environment instead."""
    from desktop_sync.secrets import store_password

    try:
        config = load_config(ctx.obj["config"])
    except ConfigError as exc:
        raise Failure(str(exc), EXIT_USAGE) from None
    url = config.store_url if purpose == "store" else config.app(Side(purpose)).url
    if not url.username:
        raise Failure(f"the {purpose} URL has no user name, so it needs no password", EXIT_USAGE)
    password = click.prompt(f"Password for {url.username}@{url.host}", hide_input=True)
    try:
        store_password(url, purpose, password)
    except Exception as exc:  # noqa: BLE001 - keyring backends raise their own kinds
        raise Failure(
            f"the system keyring refused the password ({exc.__class__.__name__}: {exc}); set it "
            f"in the environment as DESKTOP_SYNC_{purpose.upper()}_PASSWORD instead"
        ) from None
    click.echo("password stored in the system keyring")
