"""The service layer: every verb a user can do, for the command line and the window alike.

Nothing here imports Qt. `Service` (in `service`) holds one configuration's store and app
connections; its methods take and return plain data (dataclasses, ids, counters), never live ORM
objects, so the window can call them from worker threads and show the results on the GUI thread.
This package only names what callers import; no module of it imports the package back.
"""

from __future__ import annotations

from desktop_sync.apps import AppError
from desktop_sync.apps.values import canonical
from desktop_sync.domain import ErrorKind
from desktop_sync.services.actions import ActionError, ActionResult
from desktop_sync.services.comparison import FieldDiff, RecordComparison
from desktop_sync.services.failures import describe_failure
from desktop_sync.services.queries import ErrorFilter
from desktop_sync.services.service import Service

__all__ = [
    "ActionError",
    "ActionResult",
    "AppError",
    "ErrorFilter",
    "ErrorKind",
    "FieldDiff",
    "RecordComparison",
    "Service",
    "canonical",
    "describe_failure",
]
