"""The command line of issue 14: `journal`, `undo`, `history`, `rules`, `cleanup`,
`dashboard`, and options added to `errors` (`--csv`, `--xlsx`, `--needs-person`), `jobs`
(`--csv`, `--xlsx`) and `resolve` (`--comment`, `--similar-to`, `--save-rule`).

`register(cli)` adds them to the command group, and the options of existing commands (see
`cli_options`), so the main module needs no more than the call to `register`.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import click

from desktop_sync.cli.common import (
    EXIT_PROBLEMS,
    Failure,
    echo_json,
    open_service,
)
from desktop_sync.services.clock import local_text

SIDES = click.Choice(["erp", "crm"])
FILE = click.Path(dir_okay=False, path_type=Path)


def _since(text: str | None) -> datetime | None:
    """A date or a date and time (local), as the store's naive UTC."""
    if text is None:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise click.BadParameter(
            f"{text!r} is not a date (YYYY-MM-DD or YYYY-MM-DD HH:MM)"
        ) from None
    if moment.tzinfo is None:
        moment = moment.astimezone()
    return moment.astimezone(UTC).replace(tzinfo=None)


def _export(kind: str, csv_file: Path | None, xlsx_file: Path | None) -> Path | None:
    if csv_file and xlsx_file:
        raise click.UsageError("give --csv or --xlsx, not both")
    path = csv_file or xlsx_file
    if path is not None and path.suffix.lower() != (".csv" if csv_file else ".xlsx"):
        path = path.with_suffix(".csv" if csv_file else ".xlsx")
    return path


def _resolved_json(row: Any) -> dict[str, object]:
    """An error of the history as JSON: the error with who resolved it, how and when."""
    at = row.resolved_at.isoformat() if row.resolved_at else None
    return row.as_json() | {
        "resolved_by": row.resolved_by,
        "resolution": row.resolution,
        "resolved_at": at,
    }


def _exported(done: Any, what: str) -> None:
    if done.cancelled:
        raise Failure("export cancelled; no file written")
    click.echo(f"{done.rows} {what} written to {done.path}")


@click.command()
@click.option("--mapping", default=None, help="Only this mapping.")
@click.option("--record", default=None, help="Only this record (its key); needs --side.")
@click.option("--side", type=SIDES, default=None, help="The side of --record.")
@click.option("--since", default=None, help="Only writes at or after this date (YYYY-MM-DD).")
@click.option("--user", "who", default=None, help="Only this person's writes.")
@click.option("--action", default=None, help="Only this action (sync, rule, synchronize, undo…).")
@click.option(
    "--limit",
    default=50,
    show_default=True,
    type=click.IntRange(min=1),
    help="At most this many rows, newest first.",
)
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
@click.option("--csv", "csv_file", type=FILE, default=None, help="Write the whole journal as CSV.")
@click.option("--xlsx", "xlsx_file", type=FILE, default=None, help="… or as an Excel workbook.")
@click.pass_context
def journal(
    ctx: click.Context,
    mapping: str | None,
    record: str | None,
    side: str | None,
    since: str | None,
    who: str | None,
    action: str | None,
    limit: int,
    as_json: bool,
    csv_file: Path | None,
    xlsx_file: Path | None,
) -> None:
    """Every write to the apps: values before and after, who, when (newest first)."""
    from desktop_sync.domain import Side
    from desktop_sync.services.journal import JournalFilter, Page

    if (record is None) != (side is None):
        raise click.UsageError("--record and --side go together")
    where = JournalFilter(
        mapping, Side(side) if side else None, record, _since(since), None, who, action
    )
    path = _export("journal", csv_file, xlsx_file)
    with open_service(ctx) as service:
        if mapping:
            service.config.mapping(mapping)
        if path is not None:
            _exported(service.export_journal(path, where), "journal line(s)")
            return
        rows = service.journal(where, Page(limit)).rows
    if as_json:
        echo_json([r.as_json() for r in rows])
        return
    if not rows:
        click.echo("No journal entries.")
    for r in rows:
        changes = ", ".join(f"{c}: {b!r} → {a!r}" for c, b, a in r.changes())
        comment = f" — {r.comment}" if r.comment else ""
        click.echo(
            f"{r.id:>6}  {local_text(r.at)}  {r.mapping:<12} {r.erp_key or '-':<12} "
            f"{r.side}:{r.kind:<7} {r.who:<14} {r.action:<12} {changes}{comment}"
        )


@click.command()
@click.argument("entry", type=int)
@click.option("--comment", default=None, help="Why (kept in the journal and the log).")
@click.pass_context
def undo(ctx: click.Context, entry: int, comment: str | None) -> None:
    """Undo a person's resolution (a journal entry): its values written back, guarded."""
    with open_service(ctx) as service:
        result = service.undo(entry, comment)
    click.echo(result.message)
    if not result.written:
        sys.exit(EXIT_PROBLEMS)


@click.command()
@click.option("--mapping", default=None, help="Only this mapping.")
@click.option("--since", default=None, help="Resolved at or after this date (YYYY-MM-DD).")
@click.option(
    "--limit",
    default=50,
    show_default=True,
    type=click.IntRange(min=1),
    help="At most this many rows, newest first.",
)
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
@click.pass_context
def history(
    ctx: click.Context, mapping: str | None, since: str | None, limit: int, as_json: bool
) -> None:
    """Resolved errors: who resolved them, how and when (most recent first)."""
    from desktop_sync.services.history import HistoryFilter

    with open_service(ctx) as service:
        rows = service.history(HistoryFilter(mapping=mapping, since=_since(since)), limit).rows
    if as_json:
        echo_json([_resolved_json(r) for r in rows])
        return
    if not rows:
        click.echo("No resolved errors.")
    for r in rows:
        click.echo(
            f"{r.id:>6}  {local_text(r.resolved_at)}  {r.resolved_by or '':<10} "
            f"{r.resolution or '':<16} {r.mapping:<12} {r.erp_key or '-':<12} {r.kind:<16} "
            f"{r.message}"
        )


@click.command()
@click.option("--mapping", default=None, help="Only this mapping.")
@click.option("--off", "off", default=None, metavar="NAME", help="Switch this rule off.")
@click.option("--on", "on", default=None, metavar="NAME", help="Switch this rule on again.")
@click.option("--delete", "remove", default=None, metavar="NAME", help="Delete a saved rule.")
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
@click.pass_context
def rules(
    ctx: click.Context,
    mapping: str | None,
    off: str | None,
    on: str | None,
    remove: str | None,
    as_json: bool,
) -> None:
    """The rules jobs apply to conflicts by themselves; switch one off or on."""
    from desktop_sync.domain import Side

    chosen = [n for n in (off, on, remove) if n]
    if chosen and not mapping:
        raise click.UsageError("--off, --on and --delete need --mapping")
    with open_service(ctx) as service:
        if off or on:
            service.set_rule_enabled(mapping, off or on, bool(on))
        if remove:
            service.delete_rule(mapping, remove)
        rows = service.rules(mapping)
        names = {s: service.side_name(s) for s in Side}
    if as_json:
        echo_json([r.as_json() for r in rows])
        return
    if not rows:
        click.echo("No rules.")
    for r in rows:
        click.echo(f"{r.mapping:<14} {r.source:<6} {r.describe(names)}")


@click.command()
@click.option("--dry-run", is_flag=True, help="Only count what would be deleted.")
@click.pass_context
def cleanup(ctx: click.Context, dry_run: bool) -> None:
    """Delete resolved errors, log lines, journal entries and jobs older than keep_days."""
    with open_service(ctx) as service:
        done = service.cleanup(dry_run=dry_run)
        days = service.config.keep_days
    words = ", ".join(f"{n} {t.replace('sync_', '')}" for t, n in done.rows.items())
    verb = "would delete" if dry_run else "deleted"
    click.echo(f"older than {days} days ({local_text(done.cutoff)}): {verb} {words}")
    if not dry_run:
        click.echo(f"{done.transactions} transaction(s), the longest {done.longest:.2f} s")


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
@click.pass_context
def dashboard(ctx: click.Context, as_json: bool) -> None:
    """Health at a glance: open errors, jobs per day, records by coupling state, the queue."""
    from dataclasses import asdict

    with open_service(ctx) as service:
        board = service.dashboard()
    if as_json:
        data = asdict(board)
        data["open_now"] = [
            {"mapping": m, "kind": k, "open": n} for (m, k), n in board.open_now.items()
        ]
        echo_json(data)
        return
    click.echo("open errors now:")
    for (mapping, kind), count in sorted(board.open_now.items()):
        click.echo(f"  {mapping:<14} {kind:<16} {count}")
    click.echo("jobs per day:")
    for d in board.jobs[-7:]:
        click.echo(
            f"  {d.day}  {d.jobs} job(s), {d.inserted} inserted, {d.modified} modified, "
            f"{d.failed} failed, {d.skipped} skipped, longest {d.seconds_longest:.1f} s"
        )
    click.echo("records by coupling state:")
    for c in board.couplings:
        click.echo(
            f"  {c.mapping:<14} {c.synchronizing} synchronizing, {c.skipped} skipped, "
            f"{c.pending} pending, {c.half} half coupled"
        )
    click.echo("job queue:")
    for q in board.queue:
        click.echo(f"  {q.mapping:<14} {q.status:<10} next {local_text(q.next_run)}")


SHORT = {  # the lines of `desktop-sync --help`, whole
    "journal": "Every write to the apps, its values before and after.",
    "undo": "Undo a person's resolution (a journal entry).",
    "history": "Resolved errors: who resolved them, how and when.",
    "rules": "The rules jobs apply to conflicts by themselves.",
    "cleanup": "Delete history older than keep_days.",
    "dashboard": "Health at a glance: errors, jobs, records, queue.",
}


def register(cli: click.Group) -> None:
    """Add this module's commands, and the options of `export_options`, to `desktop-sync`."""
    from desktop_sync.cli.export_options import extend

    for command in (journal, undo, history, rules, cleanup, dashboard):
        command.short_help = SHORT[command.name]  # type: ignore[index]
        cli.add_command(command)
    extend(cli)
