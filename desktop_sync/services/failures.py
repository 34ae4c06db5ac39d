"""Failures in a person's words, for callers that must not reach below the service layer (the
window shows every failure of its worker threads through this)."""

from __future__ import annotations

from desktop_sync.apps.connection import db_message


def describe_failure(exc: BaseException) -> str:
    """A message for a person: the exception's own words (the database's own, for a failed
    statement), never a traceback."""
    text = db_message(exc) if hasattr(exc, "orig") else str(exc)
    return text or exc.__class__.__name__
