"""The `desktop-sync` command group and its options; without a command it opens the window."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from desktop_sync import __version__
from desktop_sync.cli.common import configure_logging


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--config",
    "config",
    type=click.Path(dir_okay=False, path_type=Path),
    envvar="DESKTOP_SYNC_CONFIG",
    help="Configuration file (default: the one in your user config folder).",
)
@click.option(
    "--user",
    default=None,
    help="Name recorded for your actions (default: settings.user or your login).",
)
@click.option(
    "--lang", type=click.Choice(["en", "nb"]), default=None, help="Language of the window."
)
@click.option("-v", "--verbose", is_flag=True, help="Log what happens to standard error.")
@click.version_option(__version__, prog_name="desktop-sync")
@click.pass_context
def cli(
    ctx: click.Context, config: Path | None, user: str | None, lang: str | None, verbose: bool
) -> None:
    """Keep ERP and CRM records synchronized, and resolve what cannot be synchronized."""
    ctx.ensure_object(dict)
    ctx.obj.update(config=config, user=user, lang=lang)
    configure_logging(verbose)
    if ctx.invoked_subcommand is None:
        from desktop_sync.gui.app import run_gui

        sys.exit(run_gui(config, user=user, lang=lang))
