"""The `desktop-sync` command line. Without a command it opens the window.

Exit status: 0 on success, 1 when a job finished with failed or skipped records (or failed
itself), 2 on bad usage or configuration. Problems are printed as one readable message, never
a traceback. The commands live in modules by what they work on; importing them registers them
on the group `cli`.
"""

import sys

from desktop_sync.cli import (  # noqa: F401 - importing a module registers its commands
    admin_commands,
    error_commands,
    run_commands,
    sync_commands,
)
from desktop_sync.cli.common import EXIT_PROBLEMS, EXIT_USAGE, Failure, failure_of
from desktop_sync.cli.journal_commands import register
from desktop_sync.cli.root import cli

register(cli)  # the journal's commands, and export options on errors, jobs and resolve


def main() -> None:
    """The console script: every command, and for anything no command turned into a message
    itself, one line on standard error (the traceback only with -v)."""
    try:
        cli(obj={})
    except Exception as exc:  # noqa: BLE001 - a person gets a sentence, not a traceback
        failure = failure_of(exc)
        failure.show()
        sys.exit(failure.exit_code)


__all__ = ["EXIT_PROBLEMS", "EXIT_USAGE", "Failure", "cli", "main"]
