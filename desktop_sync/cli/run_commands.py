"""Commands that run jobs or look at the apps: demo, sync, find-deleted, worker, check."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from desktop_sync.cli.common import (
    EXIT_PROBLEMS,
    EXIT_USAGE,
    SIDES,
    Failure,
    echo_json,
    job_line,
    open_service,
    progress_printer,
)
from desktop_sync.cli.root import cli
from desktop_sync.config import ConfigError, load_config
from desktop_sync.domain import JobResult, Side


@cli.command()
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
    """Create a demo: two small apps, a configuration, a synchronization and some errors."""
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


@cli.command()
@click.option("--mapping", "mappings", multiple=True, help="Only this mapping (repeatable).")
@click.option("--record", default=None, help="Only this record (its key); needs --side.")
@click.option("--side", type=SIDES, default=None, help="The side of --record.")
@click.option(
    "--full",
    is_flag=True,
    help="Also compare every coupled pair by value, whatever the last-modified values say.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the jobs as JSON.")
@click.pass_context
def sync(
    ctx: click.Context,
    mappings: tuple[str, ...],
    record: str | None,
    side: str | None,
    full: bool,
    as_json: bool,
) -> None:
    """Run synchronization jobs now."""
    if (record is None) != (side is None):
        raise click.UsageError("--record and --side go together")
    if full and record:
        raise click.UsageError("--full compares every record; leave out --record")
    with open_service(ctx) as service:
        for name in mappings:
            service.config.mapping(name)
        target = (Side(side), record) if record and side else None
        results = service.synchronize(
            mappings or None, record=target, progress=progress_printer(not as_json), full=full
        )
        if sys.stderr.isatty() and not as_json:
            click.echo("", err=True)
        jobs = {j.id: j for j in service.jobs(limit=len(results) + 5)}
    if as_json:
        echo_json([_job_json(jobs.get(r.id), r) for r in results])
    else:
        for result in results:
            click.echo(job_line(result))
    if any(r.had_problems for r in results):
        sys.exit(EXIT_PROBLEMS)


def _job_json(row: Any, result: JobResult) -> dict[str, Any]:
    data = {
        "id": result.id,
        "mapping": result.mapping,
        "status": result.status.value,
        "started": row.started.isoformat() if row else None,
        "finished": row.finished.isoformat() if row and row.finished else None,
    }
    return data | result.counters.as_dict() | {"message": result.message}


@cli.command("find-deleted")
@click.option("--mapping", "mappings", multiple=True)
@click.pass_context
def find_deleted(ctx: click.Context, mappings: tuple[str, ...]) -> None:
    """Look for coupled records deleted in one app while nothing changed in the other."""
    with open_service(ctx) as service:
        for name in mappings:
            service.config.mapping(name)
        results = service.find_deleted(mappings or None, progress=progress_printer(True))
        if sys.stderr.isatty():
            click.echo("", err=True)
    for result in results:
        click.echo(job_line(result))
    if any(r.had_problems for r in results):
        sys.exit(EXIT_PROBLEMS)


@cli.command()
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
    """Run the job queue without a window, until SIGTERM or Ctrl+C (one line per job)."""
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


@cli.command()
@click.pass_context
def check(ctx: click.Context) -> None:
    """Predict what writes would meet: the configuration, the store, both apps' mapped tables,
    and every insert or update that would fail (errors) or surprise (warnings)."""
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
