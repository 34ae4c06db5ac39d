"""Commands about the installation and the state store: self-test, db upgrade, set-password."""

from __future__ import annotations

import sys

import click

from desktop_sync.cli.common import EXIT_PROBLEMS, EXIT_USAGE, Failure, open_service
from desktop_sync.cli.root import cli
from desktop_sync.config import ConfigError, load_config
from desktop_sync.domain import Side


@cli.command("self-test")
@click.pass_context
def self_test(ctx: click.Context) -> None:
    """Check this installation: resources, SVG icons, translations, database drivers, keyring;
    with --config, also open the window on it."""
    from desktop_sync.gui.selftest import run_self_test

    if run_self_test(ctx.obj["config"], echo=click.echo):
        sys.exit(EXIT_PROBLEMS)


@cli.group()
def db() -> None:
    """The state store's schema."""


@db.command("upgrade")
@click.pass_context
def db_upgrade(ctx: click.Context) -> None:
    """Bring the state store's schema up to date (also done on every start)."""
    with open_service(ctx, upgrade=False) as service:
        before = service.store.current_revision()
        service.store.upgrade()
        click.echo(
            f"state store at revision {service.store.current_revision()} (was {before or 'empty'})"
        )


@cli.command("set-password")
@click.argument("purpose", type=click.Choice(["store", "erp", "crm"]))
@click.pass_context
def set_password(ctx: click.Context, purpose: str) -> None:
    """Keep a database password in the system keyring."""
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
            f"the system keyring refused the password: {exc}; set {purpose.upper()} in the "
            f"environment as DESKTOP_SYNC_{purpose.upper()}_PASSWORD instead"
        ) from None
    click.echo("password stored in the system keyring")
