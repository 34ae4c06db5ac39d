"""Commands that make or look at a setup, or run the queue: demo, worker, check."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from desktop_sync.cli.common import (
    EXIT_USAGE,
    Failure,
    open_service,
)
from desktop_sync.cli.root import cli
from desktop_sync.config import ConfigError, load_config


@cli.command(short_help="Write a demo to try: two apps, a configuration, some errors.")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--records",
    default=200,
    show_default=True,
    type=int,
    help="Customers to create (5 to 50,000), with half again as many contacts.",
)
@click.option(
    "--seed", default=1, show_default=True, help="Random seed, for the same demo every time."
)
def demo(folder: Path, records: int, seed: int) -> None:
    """Write a demo into FOLDER (which must not exist yet): an ERP and a CRM in two SQLite
    files, a configuration and a state store; synchronize them, then edit both apps so that an
    error of every kind is waiting. Nothing is left behind when it fails."""
    from desktop_sync.demo import DemoError, create_demo

    show = (lambda m: click.echo(f"… {m}", err=True)) if sys.stderr.isatty() else (lambda m: None)
    try:
        paths = create_demo(folder, records=records, seed=seed, progress=show)
    except DemoError as exc:
        raise Failure(str(exc), EXIT_USAGE) from None
    click.echo(f"Demo written to {paths.folder}")
    click.echo(f"  desktop-sync --config {paths.config} errors     # what needs a person")
    click.echo(f"  desktop-sync --config {paths.config} sync       # synchronize again")
    click.echo(f"  desktop-sync --config {paths.config}            # open the window")


@cli.command(short_help="Run the job queue without a window.")
@click.option("--once", is_flag=True, help="Run every entry that is due now, then exit.")
@click.option(
    "--poll",
    default=60.0,
    show_default=True,
    type=click.FloatRange(min=0.1),
    help="Longest wait between two looks at the queue, in seconds.",
)
@click.pass_context
def worker(ctx: click.Context, once: bool, poll: float) -> None:
    """Run the job queue without a window, until SIGTERM or Ctrl+C: claim each due entry,
    synchronize its mapping and print one line per job. A running job stops at its next batch,
    keeping what was done."""
    from desktop_sync.worker import run_worker

    def echo(line: str) -> None:
        click.echo(line)
        sys.stdout.flush()

    with open_service(ctx) as service:
        code = run_worker(
            service, once=once, poll=poll, echo=echo, notice=lambda line: click.echo(line, err=True)
        )
    if code:
        sys.exit(code)


@cli.command(short_help="Predict what the mappings' writes would meet, before any.")
@click.pass_context
def check(ctx: click.Context) -> None:
    """Predict what writes would meet, before anything is written: the configuration, the
    store, both apps' mapped tables, and every insert or update that would fail (errors) or
    surprise (warnings). Exit 2 on any error."""
    try:
        load_config(ctx.obj["config"])
    except ConfigError as exc:  # a lookup to no mapping, a cycle of lookups…
        click.echo(f"error: {exc}")
        sys.exit(EXIT_USAGE)
    with open_service(ctx) as service:
        findings = service.check()
    for finding in findings:
        click.echo(str(finding))
    errors = sum(f.is_error for f in findings)
    if errors:
        warnings = len(findings) - errors
        more = f" and {warnings} warning(s)" if warnings else ""
        click.echo(f"{errors} error(s){more}: fix the errors before synchronizing.")
        sys.exit(EXIT_USAGE)
    more = f", with {len(findings)} warning(s) above" if findings else ""
    click.echo(f"Configuration, store and both apps are in order{more}.")
