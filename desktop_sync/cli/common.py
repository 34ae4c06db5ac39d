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

EXIT_PROBLEMS = 1
EXIT_USAGE = 2
SIDES = click.Choice(["erp", "crm"])


class Failure(click.ClickException):
    """A readable failure with its exit status."""

    def __init__(self, message: str, code: int = EXIT_PROBLEMS) -> None:
        super().__init__(message)
        self.exit_code = code


@contextmanager
def open_service(ctx: click.Context, upgrade: bool = True) -> Iterator[Any]:
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
