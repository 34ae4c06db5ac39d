"""Commands that run synchronization jobs now: sync and find-deleted.

Before any job starts, every table and column the chosen mappings name must exist in both
apps, as `check` says (exit 2, no job row). Mappings run one at a time in dependency order;
when another runner holds one, the jobs that ran are printed first, then who holds it since
when (exit 1).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

import click

from desktop_sync.cli.common import (
    EXIT_PROBLEMS,
    EXIT_USAGE,
    SIDES,
    Failure,
    busy_message,
    echo_json,
    job_line,
    open_service,
    progress_printer,
)
from desktop_sync.cli.root import cli
from desktop_sync.domain import JobResult, Side


@cli.command(short_help="Run synchronization jobs now, one line per job.")
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
    """Run synchronization jobs now, one per mapping (all, or those named) in the order their
    lookups need, and print one line per job with its counters.

    Every mapped table and column must exist first (exit 2 and no job otherwise, as `check`
    says). Exit 1 when a job had failed or skipped records, or a mapping was busy with another
    runner: the jobs that ran are printed, then who has the busy one.
    """
    if (record is None) != (side is None):
        raise click.UsageError("--record and --side go together")
    if full and record:
        raise click.UsageError("--full compares every record; leave out --record")
    target = (Side(side), record) if record and side else None
    with open_service(ctx) as service:
        progress = progress_printer(not as_json)

        def run(name: str) -> list[JobResult]:
            return service.synchronize([name], record=target, progress=progress, full=full)

        results, busy = _run_each(service, mappings, run)
        if sys.stderr.isatty() and not as_json:
            click.echo("", err=True)
        jobs = {j.id: j for j in service.jobs(limit=len(results) + 5)}
    if as_json:
        echo_json([_job_json(jobs.get(r.id), r) for r in results])
    else:
        for result in results:
            click.echo(job_line(result))
    _finish(results, busy)


@cli.command("find-deleted", short_help="Find coupled records deleted in one app.")
@click.option("--mapping", "mappings", multiple=True, help="Only this mapping (repeatable).")
@click.pass_context
def find_deleted(ctx: click.Context, mappings: tuple[str, ...]) -> None:
    """Look for coupled records deleted in one app while nothing changed in the other; each
    one found becomes a deleted_in_erp or deleted_in_crm error (or follows the mapping's
    deletion_conflict policy)."""
    with open_service(ctx) as service:
        progress = progress_printer(True)
        results, busy = _run_each(
            service, mappings, lambda name: service.find_deleted([name], progress=progress)
        )
        if sys.stderr.isatty():
            click.echo("", err=True)
    for result in results:
        click.echo(job_line(result))
    _finish(results, busy)


def _run_each(
    service: Any, mappings: tuple[str, ...], run: Callable[[str], list[JobResult]]
) -> tuple[list[JobResult], str | None]:
    """Check the mappings' tables, then run one mapping at a time; the results so far and,
    when a mapping was busy, what to say about it (the mappings after it are not run)."""
    from desktop_sync.store.lease import MappingBusy

    for name in mappings:
        service.config.mapping(name)  # an unknown name: exit 2
    names = service.config.in_order(mappings or None)
    problems = missing_tables_and_columns(service, names)
    if problems:
        lines = "\n".join(problems)
        raise Failure(
            f"{lines}\nnothing was synchronized: fix the configuration or the app's table "
            "(`desktop-sync check` tells every problem)",
            EXIT_USAGE,
        )
    results: list[JobResult] = []
    for i, name in enumerate(names):
        try:
            results += run(name)
        except MappingBusy as busy:
            rest = names[i + 1 :]
            not_run = f" (not run either: {', '.join(rest)})" if rest else ""
            return results, busy_message(busy, *_busy_job(service, busy)) + not_run
    return results, None


def missing_tables_and_columns(service: Any, names: list[str]) -> list[str]:
    """Each table or column the mappings `names` use that an app lacks, as `check` words it.
    An app that cannot be reached now is left to the job, which says so."""
    from desktop_sync.apps import AppError
    from desktop_sync.apps.faults import is_transient

    problems: list[str] = []
    unreachable: set[Side] = set()
    for name in names:
        mapping = service.config.mapping(name)
        for side in Side:
            if side in unreachable:
                continue
            app = service.apps[side]
            try:
                app.table(mapping.table(side))
            except AppError as exc:
                if is_transient(exc):
                    unreachable.add(side)
                    continue
            problems += app.check(mapping)
    return problems


def _busy_job(service: Any, busy: Any) -> tuple[Any, str | None]:
    """When the job of the runner holding a busy mapping started, and for whom."""
    for job in service.jobs(limit=10, mapping=busy.mapping):
        if job.status == "running" and job.runner == busy.holder:
            return job.started, job.user
    return None, None


def _finish(results: list[JobResult], busy: str | None) -> None:
    if busy:
        click.echo(f"Error: {busy}", err=True)
    if busy or any(r.had_problems for r in results):
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
