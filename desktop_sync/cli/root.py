"""The `desktop-sync` command group and its options; without a command it opens the window."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from desktop_sync import __version__
from desktop_sync.cli.common import configure_logging

EPILOG = (
    "Exit status: 0 done; 1 a job had failed or skipped records (or failed, or its mapping was "
    "busy), or an action was refused; 2 bad usage or configuration. Every problem is one "
    "message on standard error, never a traceback (-v logs the details)."
)


@click.group(
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    epilog=EPILOG,
)
@click.option(
    "--config",
    "config",
    type=click.Path(dir_okay=False, path_type=Path),
    envvar="DESKTOP_SYNC_CONFIG",
    show_envvar=True,
    help="Configuration file (default: desktop-sync.toml in your user config folder).",
)
@click.option(
    "--user",
    default=None,
    help="Name recorded for your actions (default: settings.user or your login).",
)
@click.option(
    "--lang", type=click.Choice(["en", "nb"]), default=None, help="Language of the window."
)
@click.option(
    "-v",
    "--verbose",
    is_flag=True,
    help="Log what happens to standard error, with database statements and tracebacks.",
)
@click.version_option(__version__, prog_name="desktop-sync")
@click.pass_context
def cli(
    ctx: click.Context, config: Path | None, user: str | None, lang: str | None, verbose: bool
) -> None:
    """Keep ERP and CRM records synchronized, and resolve what cannot be synchronized.

    Without a command, opens the window. Every command reads the configuration given by
    --config; `desktop-sync demo DIR` writes one to try.
    """
    ctx.ensure_object(dict)
    ctx.obj.update(config=config, user=user, lang=lang)
    configure_logging(verbose)
    if ctx.invoked_subcommand is None:
        from desktop_sync.gui.app import run_gui

        sys.exit(run_gui(config, user=user, lang=lang))
