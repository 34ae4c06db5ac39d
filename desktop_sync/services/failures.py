"""Failures in a person's words, for callers that must not reach below the service layer (the
window shows every failure of its worker threads through this)."""

from __future__ import annotations

from desktop_sync.apps.connection import db_message
from desktop_sync.db import database_name


def describe_failure(exc: BaseException) -> str:
    """A message for a person: the exception's own words (the database's own, for a failed
    statement, after the name of the database it went to), never a traceback."""
    if not hasattr(exc, "orig"):
        return str(exc) or exc.__class__.__name__
    text = db_message(exc) or exc.__class__.__name__
    name = database_name(exc)
    return f"{name}: {text}" if name and name not in text else text
