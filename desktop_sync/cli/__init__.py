"""The `desktop-sync` command line. Without a command it opens the window.

Exit status: 0 on success, 1 when a job finished with failed or skipped records (or failed
itself), 2 on bad usage or configuration. Problems are printed as one readable message, never
a traceback. The commands live in modules by what they work on; importing them registers them
on the group `cli`.
"""

from desktop_sync.cli import admin_commands, error_commands, run_commands  # noqa: F401
from desktop_sync.cli.common import EXIT_PROBLEMS, EXIT_USAGE, Failure
from desktop_sync.cli.root import cli


def main() -> None:
    cli(obj={})


__all__ = ["EXIT_PROBLEMS", "EXIT_USAGE", "Failure", "cli", "main"]
