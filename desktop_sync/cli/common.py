"""What every command shares: exit statuses, one readable failure, the configured service,
output helpers and logging to standard error."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import click

from desktop_sync.config import ConfigError, load_config
from desktop_sync.domain import JobResult, Progress
from desktop_sync.services.clock import when_text

log = logging.getLogger(__name__)

EXIT_PROBLEMS = 1
EXIT_USAGE = 2
SIDES = click.Choice(["erp", "crm"])


class Failure(click.ClickException):
    """A readable failure with its exit status."""

    def __init__(self, message: str, code: int = EXIT_PROBLEMS) -> None:
        super().__init__(message)
        self.exit_code = code  # type: ignore[misc]  # click reads the instance's status


@contextmanager
def open_service(ctx: click.Context, upgrade: bool = True) -> Iterator[Any]:
    """Open the configured service, turning every known failure into a clean message."""
    from desktop_sync.services import Service

    config = read_config(ctx)
    service = None
    try:
        service = Service.open(config, user=ctx.obj["user"], upgrade=upgrade)
        yield service
    except Exception as exc:  # noqa: BLE001 - each kind becomes its message below
        raise failure_of(exc) from None
    finally:
        if service is not None:
            service.close()


def read_config(ctx: click.Context) -> Any:
    """The configuration named by --config; a Failure with exit status 2 when it is unusable."""
    try:
        return load_config(ctx.obj["config"])
    except ConfigError as exc:
        raise Failure(str(exc), EXIT_USAGE) from None


def failure_of(exc: BaseException) -> click.ClickException:
    """One line for anything a command met: what it is and, where there is one, the fix. The
    database's statement and parameters, and the traceback, go only to the `-v` log."""
    from sqlalchemy.exc import SQLAlchemyError

    from desktop_sync.apps import AppError
    from desktop_sync.apps.connection import db_message
    from desktop_sync.apps.faults import TransientFault, is_transient
    from desktop_sync.db import database_name
    from desktop_sync.services import ActionError
    from desktop_sync.store import StoreError
    from desktop_sync.store.database import StoreTooNew
    from desktop_sync.store.lease import MappingBusy

    if isinstance(exc, click.ClickException):
        return exc
    if isinstance(exc, (ConfigError, StoreTooNew)):
        return Failure(str(exc), EXIT_USAGE)
    if isinstance(exc, MappingBusy):
        return Failure(busy_message(exc))
    if isinstance(exc, (StoreError, AppError, ActionError)):
        return Failure(str(exc))
    log.info("the command stopped", exc_info=exc)
    if is_transient(exc):
        fault = TransientFault.of(exc)  # a person's action, not a job: nobody runs it again
        return Failure(f"{fault.summary}. Nothing was lost; try again when it answers.")
    if isinstance(exc, SQLAlchemyError):
        where = database_name(exc) or "the database"
        return Failure(f"{where} refused: {db_message(exc)} (run with -v for the details)")
    return Failure(f"internal error: {exc.__class__.__name__}: {exc} (run with -v for the details)")


def busy_message(busy: Any, since: Any = None, user: str | None = None) -> str:
    """ "CONTACT is being synchronized by alice (host:pid:…) since 10:41; try again later";
    without the job's start, when its runner was last seen."""
    holder = f"{user} ({busy.holder})" if user else busy.holder
    if since is not None:
        when = f" since {when_text(since)}"
    else:
        when = f" (last seen {when_text(busy.since)})" if busy.since else ""
    return f"{busy.mapping} is being synchronized by {holder}{when}; try again later"


def echo_json(data: Any) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))


def progress_printer(enabled: bool) -> Callable[[Progress], None]:
    """Progress on standard error, one updating line, when it is a terminal."""
    if not enabled or not sys.stderr.isatty():
        return lambda progress: None

    def show(p: Progress) -> None:
        total = f"/{p.total}" if p.total else ""
        click.echo(f"\r{p.mapping}: {p.message} {p.done}{total}   ", nl=False, err=True)

    return show


def job_line(result: JobResult, started: Any = None) -> str:
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


def configure_logging(verbose: bool) -> None:
    """Log to standard error: warnings and worse, or with `-v` everything from INFO on."""
    handler = logging.StreamHandler()
    handler.setFormatter(_Formatter(verbose))
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, handlers=[handler])


def print_action(result: Any) -> None:
    for line in result.lines():
        click.echo(line)
    if not result.ok:
        sys.exit(EXIT_PROBLEMS)
