"""Options of issue 14 added to existing commands: `errors --csv/--xlsx/--needs-person`,
`jobs --csv/--xlsx`, `resolve --comment/--similar-to/--save-rule`.

Each command's own callback runs as before when the new options are not used.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import Any

import click

from desktop_sync.cli.common import (
    EXIT_PROBLEMS,
    echo_json,
    open_service,
    print_action,
    progress_printer,
)
from desktop_sync.cli.journal_commands import FILE, _export, _exported

# -- options added to existing commands ---------------------------------------------------


def _extend(command: click.Command, options: list[click.Option], run: Callable[..., bool]) -> None:
    """Add `options` to `command`; `run(new, old)` gets the new options' and the command's own
    values and returns True when it handled the call (else the command runs as before)."""
    command.params.extend(options)
    original = command.callback
    assert original is not None
    names = [o.name for o in options]

    @functools.wraps(original)
    def callback(*args: Any, **kwargs: Any) -> Any:
        new = {n: kwargs.pop(n) for n in names}
        if run(new, kwargs):
            return None
        return original(*args, **kwargs)

    command.callback = callback


def _errors(new: dict[str, Any], old: dict[str, Any]) -> bool:
    from desktop_sync.services import ErrorFilter

    path = _export("errors", new["csv_file"], new["xlsx_file"])
    if path is None and not new["needs_person"]:
        return False
    where = ErrorFilter(
        mapping=old["mapping"],
        kind=old["kind"],
        search=old["search"],
        needs_person=new["needs_person"],
    )
    with open_service(click.get_current_context()) as service:
        if old["mapping"]:
            service.config.mapping(old["mapping"])
        if path is not None:
            _exported(service.export_errors(path, where), "error(s)")
            return True
        rows = service.errors(where)
    if old["as_json"]:
        echo_json([r.as_json() for r in rows])
        return True
    if not rows:
        click.echo("No synchronization errors need a person.")
    for r in rows:
        click.echo(
            f"{r.id:>6}  {r.mapping:<14} {r.erp_key or '-':<20} {r.crm_key or '-':<38} "
            f"{r.kind:<16} {r.message}"
        )
    return True


def _jobs(new: dict[str, Any], old: dict[str, Any]) -> bool:
    path = _export("jobs", new["csv_file"], new["xlsx_file"])
    if path is None:
        return False
    with open_service(click.get_current_context()) as service:
        _exported(service.export_jobs(path), "job(s)")
    return True


def _resolve(new: dict[str, Any], old: dict[str, Any]) -> bool:
    from desktop_sync.domain import Action, Side
    from desktop_sync.services.similar import Decision

    similar_to, comment, save_rule = new["similar_to"], new["comment"], new["save_rule"]
    ids, action, winner = old["ids"], old["action"], old["winner"]
    if similar_to is None:
        if not ids:
            raise click.UsageError("Missing argument 'IDS...' (or --similar-to ID)")
        if action is None:
            raise click.UsageError("Missing option '--action'")
        if save_rule:
            raise click.UsageError("--save-rule goes with --similar-to")
        if comment is None:
            return False
        chosen = Action(action)
        if chosen is Action.SYNCHRONIZE and winner is None:
            raise click.UsageError("--action synchronize needs --winner erp|crm")
        with open_service(click.get_current_context()) as service:
            result = service.act(chosen, ids, Side(winner) if winner else None, comment)
        print_action(result)
        return True
    if ids:
        raise click.UsageError("give error ids or --similar-to ID, not both")
    chosen = Action(action) if action else Action.SYNCHRONIZE
    if chosen is Action.SYNCHRONIZE and winner is None:
        raise click.UsageError("--similar-to needs --winner erp|crm (or another --action)")
    decision = Decision(chosen, Side(winner) if winner else None)
    with open_service(click.get_current_context()) as service:
        similar = service.similar_errors(similar_to)
        click.echo(f"{similar.count} open error(s) {similar.alike}")
        result = service.apply_to_similar(
            similar_to, decision, progress_printer(True), comment=comment
        )
        if sys.stderr.isatty():
            click.echo("", err=True)
        if save_rule:
            rule = service.save_rule_from(similar_to, decision, save_rule, comment)
            names = {s: service.side_name(s) for s in Side}
            click.echo(f"rule saved: {rule.describe(names)}")
    for line in result.lines():
        click.echo(line)
    if not result.ok:
        sys.exit(EXIT_PROBLEMS)
    return True


def extend(cli: click.Group) -> None:
    """Add the options to `errors`, `jobs` and `resolve`."""
    _extend(
        cli.commands["errors"],
        [
            click.Option(
                ["--needs-person"], is_flag=True, help="Only errors a person must resolve."
            ),
            click.Option(["--csv", "csv_file"], type=FILE, help="Write the list as CSV."),
            click.Option(["--xlsx", "xlsx_file"], type=FILE, help="… or as an Excel workbook."),
        ],
        _errors,
    )
    _extend(
        cli.commands["jobs"],
        [
            click.Option(["--csv", "csv_file"], type=FILE, help="Write every job as CSV."),
            click.Option(["--xlsx", "xlsx_file"], type=FILE, help="… or as an Excel workbook."),
        ],
        _jobs,
    )
    resolve = cli.commands["resolve"]
    for param in resolve.params:
        if param.name in ("ids", "action"):
            param.required = False
    _extend(
        resolve,
        [
            click.Option(
                ["--comment"], default=None, help="Why (kept in the journal and the log)."
            ),
            click.Option(
                ["--similar-to"],
                type=int,
                default=None,
                metavar="ID",
                help="The same decision for every open error alike this one.",
            ),
            click.Option(
                ["--save-rule"],
                default=None,
                metavar="NAME",
                help="With --similar-to: save the decision as a rule future jobs apply.",
            ),
        ],  # fmt: skip
        _resolve,
    )
