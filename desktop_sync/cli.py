"""The `desktop-sync` command line. Without a command it opens the window.

Exit status: 0 on success, 1 when a job finished with failed or skipped records (or failed
itself), 2 on bad usage or configuration. Problems are printed as one readable message, never
a traceback.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from desktop_sync import __version__
from desktop_sync.config import ConfigError, load_config
from desktop_sync.domain import Action, JobResult, Progress, Side

EXIT_PROBLEMS = 1
EXIT_USAGE = 2
SIDES = click.Choice(["erp", "crm"])


class Failure(click.ClickException):
    """A readable failure with its exit status."""

    def __init__(self, message: str, code: int = EXIT_PROBLEMS) -> None:
        super().__init__(message)
        self.exit_code = code


@contextmanager
def _service(ctx: click.Context, upgrade: bool = True) -> Iterator[Any]:
    """Open the configured service, turning every known failure into a clean message."""
    from sqlalchemy.exc import SQLAlchemyError

    from desktop_sync.apps import AppError
    from desktop_sync.apps.faults import TransientFault, is_transient
    from desktop_sync.services import ActionError, Service
    from desktop_sync.store import StoreError
    from desktop_sync.store.lease import MappingBusy

    try:
        config = load_config(ctx.obj["config"])
    except ConfigError as exc:
        raise Failure(str(exc), EXIT_USAGE) from None
    service = None
    try:
        service = Service.open(config, user=ctx.obj["user"], upgrade=upgrade)
        yield service
    except ConfigError as exc:
        raise Failure(str(exc), EXIT_USAGE) from None
    except (StoreError, AppError, ActionError, MappingBusy) as exc:
        raise Failure(str(exc)) from None
    except (TransientFault, SQLAlchemyError) as exc:
        if not is_transient(exc):
            raise
        fault = TransientFault.of(exc)  # a person's action, not a job: nobody runs it again
        raise Failure(f"{fault.summary}. Nothing was lost; try again when it answers.") from None
    finally:
        if service is not None:
            service.close()


def _echo_json(data: Any) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))


def _progress_printer(enabled: bool) -> Callable[[Progress], None]:
    """Progress on standard error, one updating line, when it is a terminal."""
    if not enabled or not sys.stderr.isatty():
        return lambda progress: None

    def show(p: Progress) -> None:
        total = f"/{p.total}" if p.total else ""
        click.echo(f"\r{p.mapping}: {p.message} {p.done}{total}   ", nl=False, err=True)

    return show


def _job_line(result: JobResult, started: Any = None) -> str:
    counters = ", ".join(f"{k} {v}" for k, v in result.counters.as_dict().items())
    text = f"job {result.id} {result.mapping}: {result.status.value} — {counters}"
    return text + (f" — {result.message}" if result.message else "")


class _Formatter(logging.Formatter):
    """One line per record; the traceback only with `-v` (standard error is for people)."""

    def __init__(self, verbose: bool) -> None:
        super().__init__("%(levelname)s %(name)s: %(message)s")
        self.verbose = verbose

    def format(self, record: logging.LogRecord) -> str:
        if self.verbose:
            return super().format(record)
        plain = logging.makeLogRecord(record.__dict__)
        plain.exc_info, plain.exc_text, plain.stack_info = None, None, None
        return super().format(plain)


def _configure_logging(verbose: bool) -> None:
    """Log to standard error: warnings and worse, or with `-v` everything from INFO on."""
    handler = logging.StreamHandler()
    handler.setFormatter(_Formatter(verbose))
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, handlers=[handler])


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
    _configure_logging(verbose)
    if ctx.invoked_subcommand is None:
        from desktop_sync.gui.app import run_gui

        sys.exit(run_gui(config, user=user, lang=lang))


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
    with _service(ctx) as service:
        for name in mappings:
            service.config.mapping(name)
        target = (Side(side), record) if record and side else None
        results = service.synchronize(
            mappings or None, record=target, progress=_progress_printer(not as_json), full=full
        )
        if sys.stderr.isatty() and not as_json:
            click.echo("", err=True)
        jobs = {j.id: j for j in service.jobs(limit=len(results) + 5)}
    if as_json:
        _echo_json([_job_json(jobs.get(r.id), r) for r in results])
    else:
        for result in results:
            click.echo(_job_line(result))
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


@cli.command()
@click.option("--mapping", default=None, help="Only this mapping.")
@click.option(
    "--kind",
    type=click.Choice(["changed_in_both", "deleted_in_erp", "deleted_in_crm", "failed"]),
    default=None,
)
@click.option("--search", default="", help="Free text in the message or a key.")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def errors(
    ctx: click.Context, mapping: str | None, kind: str | None, search: str, as_json: bool
) -> None:
    """The coupled data synchronization errors."""
    from desktop_sync.services import ErrorFilter

    with _service(ctx) as service:
        if mapping:
            service.config.mapping(mapping)
        rows = service.errors(ErrorFilter(mapping=mapping, kind=kind, search=search))
    if as_json:
        _echo_json([r.as_json() for r in rows])
        return
    if not rows:
        click.echo("No synchronization errors.")
    for r in rows:
        click.echo(
            f"{r.id:>6}  {r.mapping:<14} {r.erp_key or '-':<20} "
            f"{r.crm_key or '-':<38} {r.kind:<16} {r.message}"
        )


@cli.command()
@click.argument("ids", nargs=-1, type=int, required=True)
@click.option(
    "--action",
    required=True,
    type=click.Choice([a.value for a in Action if a is not Action.SET_UP_COUPLING]),
)
@click.option(
    "--winner", type=SIDES, default=None, help="For synchronize: whose version both apps get."
)
@click.pass_context
def resolve(ctx: click.Context, ids: tuple[int, ...], action: str, winner: str | None) -> None:
    """One action on one or more errors."""
    chosen = Action(action)
    if chosen is Action.SYNCHRONIZE and winner is None:
        raise click.UsageError("--action synchronize needs --winner erp|crm")
    with _service(ctx) as service:
        result = service.act(chosen, ids, Side(winner) if winner else None)
    _print_action(result)


def _print_action(result: Any) -> None:
    for line in result.lines():
        click.echo(line)
    if not result.ok:
        sys.exit(EXIT_PROBLEMS)


@cli.command("retry-all")
@click.option("--mapping", default=None)
@click.pass_context
def retry_all(ctx: click.Context, mapping: str | None) -> None:
    """Retry every synchronization error (of one mapping)."""
    from desktop_sync.services import ErrorFilter

    with _service(ctx) as service:
        if mapping:
            service.config.mapping(mapping)
        result = service.retry_all(ErrorFilter(mapping=mapping))
    _print_action(result)


@cli.command("find-deleted")
@click.option("--mapping", "mappings", multiple=True)
@click.pass_context
def find_deleted(ctx: click.Context, mappings: tuple[str, ...]) -> None:
    """Look for coupled records deleted in one app while nothing changed in the other."""
    with _service(ctx) as service:
        for name in mappings:
            service.config.mapping(name)
        results = service.find_deleted(mappings or None, progress=_progress_printer(True))
        if sys.stderr.isatty():
            click.echo("", err=True)
    for result in results:
        click.echo(_job_line(result))
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

    with _service(ctx) as service:
        code = run_worker(
            service, once=once, poll=poll, echo=echo, notice=lambda line: click.echo(line, err=True)
        )
    if code:
        sys.exit(code)


@cli.command("log")
@click.argument("mapping")
@click.argument("key")
@click.option("--side", type=SIDES, default="erp", show_default=True)
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def log_(ctx: click.Context, mapping: str, key: str, side: str, as_json: bool) -> None:
    """The synchronization log of one record."""
    with _service(ctx) as service:
        rows = service.log(mapping, Side(side), key)
    if as_json:
        _echo_json([r.as_json() for r in rows])
        return
    if not rows:
        click.echo(f"No log lines for {side} record {key} in {mapping}.")
    for r in rows:
        job = f"job {r.job_id}" if r.job_id else "by hand"
        click.echo(
            f"{r.at:%Y-%m-%d %H:%M:%S}  {job:<10} {r.direction or '':<13} "
            f"{r.outcome:<10} {r.user or '':<10} {r.message}"
        )


@cli.command()
@click.option("--limit", default=20, show_default=True)
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def jobs(ctx: click.Context, limit: int, as_json: bool) -> None:
    """Recent synchronization jobs with their counters."""
    with _service(ctx) as service:
        rows = service.jobs(limit=limit)
    if as_json:
        _echo_json([r.as_json() for r in rows])
        return
    for r in rows:
        click.echo(
            f"{r.id:>5}  {r.started:%Y-%m-%d %H:%M:%S}  {r.mapping:<14} {r.status:<11} "
            f"{r.origin}/{r.user}  {r.counters_text}"
        )


@cli.command()
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
    """Couple an ERP record to a CRM record by hand."""
    with _service(ctx) as service:
        click.echo(
            service.couple(mapping, erp_key, crm_key, Side(sync_from) if sync_from else None)
        )


@cli.command()
@click.argument("mapping")
@click.argument("erp_key")
@click.pass_context
def uncouple(ctx: click.Context, mapping: str, erp_key: str) -> None:
    """Remove the coupling of an ERP record."""
    with _service(ctx) as service:
        click.echo(service.uncouple(mapping, erp_key))


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
    with _service(ctx) as service:
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
    with _service(ctx, upgrade=False) as service:
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


# The journal, undo, history, rules, cleanup and exports (issue 14) live in their own module.
from desktop_sync.cli_journal import register as _register_journal  # noqa: E402

_register_journal(cli)


def main() -> None:
    cli(obj={})


if __name__ == "__main__":
    main()
