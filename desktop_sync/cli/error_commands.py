"""Commands on errors, logs, jobs and couplings: errors, resolve, retry-all, log, jobs, couple,
uncouple."""

from __future__ import annotations

import click

from desktop_sync.cli.common import SIDES, echo_json, open_service, print_action
from desktop_sync.cli.root import cli
from desktop_sync.domain import Action, Side


@cli.command(short_help="List the synchronization errors waiting for a person.")
@click.option("--mapping", default=None, help="Only this mapping.")
@click.option(
    "--kind",
    type=click.Choice(["changed_in_both", "deleted_in_erp", "deleted_in_crm", "failed"]),
    default=None,
    help="Only errors of this kind.",
)
@click.option("--search", default="", help="Free text in the message or a key.")
@click.option("--json", "as_json", is_flag=True, help="Print the errors as JSON.")
@click.pass_context
def errors(
    ctx: click.Context, mapping: str | None, kind: str | None, search: str, as_json: bool
) -> None:
    """List the coupled data synchronization errors that wait for a person: id, mapping, both
    records' keys, kind and message. The id is what `resolve` takes."""
    from desktop_sync.services import ErrorFilter

    with open_service(ctx) as service:
        if mapping:
            service.config.mapping(mapping)
        rows = service.errors(ErrorFilter(mapping=mapping, kind=kind, search=search))
    if as_json:
        echo_json([r.as_json() for r in rows])
        return
    if not rows:
        click.echo("No synchronization errors.")
    for r in rows:
        click.echo(
            f"{r.id:>6}  {r.mapping:<14} {r.erp_key or '-':<20} "
            f"{r.crm_key or '-':<38} {r.kind:<16} {r.message}"
        )


@cli.command(short_help="Retry, synchronize, restore, delete or uncouple errors.")
@click.argument("ids", nargs=-1, type=int, required=True)
@click.option(
    "--action",
    required=True,
    type=click.Choice([a.value for a in Action if a is not Action.SET_UP_COUPLING]),
    help="What to do with each error (see above).",
)
@click.option(
    "--winner", type=SIDES, default=None, help="For synchronize: whose version both apps get."
)
@click.pass_context
def resolve(ctx: click.Context, ids: tuple[int, ...], action: str, winner: str | None) -> None:
    """One action on the errors IDS (as `errors` lists them).

    \b
    retry            include the record in the next synchronization
    remove-coupling  the records stay, no longer synchronized
    synchronize      give both apps the --winner's version now
    restore          recreate a deleted record from the other app
    delete           delete the record where it still exists

    An error someone else is resolving, or has resolved, is refused with who and when (exit 1).
    """
    chosen = Action(action)
    if chosen is Action.SYNCHRONIZE and winner is None:
        raise click.UsageError("--action synchronize needs --winner erp|crm")
    with open_service(ctx) as service:
        result = service.act(chosen, ids, Side(winner) if winner else None)
    print_action(result)


@cli.command("retry-all", short_help="Retry every synchronization error.")
@click.option("--mapping", default=None, help="Only the errors of this mapping.")
@click.pass_context
def retry_all(ctx: click.Context, mapping: str | None) -> None:
    """Retry every synchronization error (of one mapping): each record is included in the
    next synchronization."""
    from desktop_sync.services import ErrorFilter

    with open_service(ctx) as service:
        if mapping:
            service.config.mapping(mapping)
        result = service.retry_all(ErrorFilter(mapping=mapping))
    print_action(result)


@cli.command("log", short_help="The synchronization log of one record.")
@click.argument("mapping")
@click.argument("key")
@click.option(
    "--side", type=SIDES, default="erp", show_default=True, help="The app whose key KEY is."
)
@click.option("--json", "as_json", is_flag=True, help="Print the log as JSON.")
@click.pass_context
def log_(ctx: click.Context, mapping: str, key: str, side: str, as_json: bool) -> None:
    """The synchronization log of one record (KEY in MAPPING): every job outcome and manual
    action, newest first, with who and when."""
    with open_service(ctx) as service:
        rows = service.log(mapping, Side(side), key)
    if as_json:
        echo_json([r.as_json() for r in rows])
        return
    if not rows:
        click.echo(f"No log lines for {side} record {key} in {mapping}.")
    for r in rows:
        job = f"job {r.job_id}" if r.job_id else "by hand"
        click.echo(
            f"{r.at:%Y-%m-%d %H:%M:%S}  {job:<10} {r.direction or '':<13} "
            f"{r.outcome:<10} {r.user or '':<10} {r.message}"
        )


@cli.command(short_help="Recent synchronization jobs with their counters.")
@click.option("--limit", default=20, show_default=True, help="How many jobs, newest first.")
@click.option("--json", "as_json", is_flag=True, help="Print the jobs as JSON.")
@click.pass_context
def jobs(ctx: click.Context, limit: int, as_json: bool) -> None:
    """Recent synchronization jobs: when, mapping, status, who ran them and their counters."""
    with open_service(ctx) as service:
        rows = service.jobs(limit=limit)
    if as_json:
        echo_json([r.as_json() for r in rows])
        return
    for r in rows:
        click.echo(
            f"{r.id:>5}  {r.started:%Y-%m-%d %H:%M:%S}  {r.mapping:<14} {r.status:<11} "
            f"{r.origin}/{r.user}  {r.counters_text}"
        )


@cli.command(short_help="Couple an ERP record to a CRM record by hand.")
@click.argument("mapping")
@click.argument("erp_key")
@click.argument("crm_key")
@click.option(
    "--sync-from", type=SIDES, default=None, help="Make the other side equal to this one now."
)
@click.pass_context
def couple(
    ctx: click.Context, mapping: str, erp_key: str, crm_key: str, sync_from: str | None
) -> None:
    """Couple the ERP record ERP_KEY to the CRM record CRM_KEY under MAPPING by hand."""
    with open_service(ctx) as service:
        click.echo(
            service.couple(mapping, erp_key, crm_key, Side(sync_from) if sync_from else None)
        )


@cli.command(short_help="Remove the coupling of an ERP record.")
@click.argument("mapping")
@click.argument("erp_key")
@click.pass_context
def uncouple(ctx: click.Context, mapping: str, erp_key: str) -> None:
    """Remove the coupling of the ERP record ERP_KEY under MAPPING; both records stay."""
    with open_service(ctx) as service:
        click.echo(service.uncouple(mapping, erp_key))
