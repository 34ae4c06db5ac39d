"""Who else is on an error: a claim by another person (not lapsed), in the window's words.

The grid shows it in its "Being resolved by" column; the actions look before they try anything
or open a dialog, and say who has the error since when.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from PySide6.QtCore import QCoreApplication

from desktop_sync.services import Service
from desktop_sync.services.claims import CLAIM_TIMEOUT
from desktop_sync.services.queries import ErrorRow

translate = QCoreApplication.translate  # spelled out with its context for pyside6-lupdate


def clock(moment: datetime) -> str:
    """A stored moment (naive UTC) as local HH:MM, with the date when it is not today."""
    local = moment.replace(tzinfo=UTC).astimezone()
    today = datetime.now().astimezone().date()
    return f"{local:%H:%M}" if local.date() == today else f"{local:%Y-%m-%d %H:%M}"


def held_by(row: ErrorRow, me: str) -> str | None:
    """Who else is resolving `row` now: None when nobody, `me`, or a claim that lapsed."""
    if not row.claimed_by or row.resolved_at is not None or row.claimed_by == me:
        return None
    if row.claimed_at is not None:
        now = datetime.now(UTC).replace(tzinfo=None)
        if row.claimed_at < now - CLAIM_TIMEOUT:
            return None
    return row.claimed_by


def held_text(row: ErrorRow, me: str) -> str:
    """ "Being resolved by alice since 10:41" when another person holds `row`, else empty."""
    who = held_by(row, me)
    if who is None:
        return ""
    if row.claimed_at is None:
        return translate("ErrorsModel", "Being resolved by {user}").format(user=who)
    return translate("ErrorsModel", "Being resolved by {user} since {time}").format(
        user=who, time=clock(row.claimed_at)
    )


def named(row: ErrorRow) -> str:
    """ "Error 12 (CUSTOMER C1 / 7)" """
    keys = " / ".join(k for k in (row.erp_key, row.crm_key) if k) or "?"
    return translate("Held", "Error {id} ({mapping} {keys})").format(
        id=row.id, mapping=row.mapping, keys=keys
    )


def refusal_text(row: ErrorRow | None, service: Service) -> str:
    """Why nothing was tried on `row`: who else has it since when, or who resolved it."""
    if row is None:
        return translate("Held", "The error does not exist any more; nothing was tried.")
    if row.resolved_at is not None:
        return translate(
            "Held", "{error} was already resolved by {user} at {time}; nothing was tried."
        ).format(error=named(row), user=row.resolved_by or "?", time=clock(row.resolved_at))
    who = row.claimed_by if row.claimed_by != service.user else None
    if who and row.claimed_at is not None:
        return translate(
            "Held", "{error} is being resolved by {user} since {time}; nothing was tried."
        ).format(error=named(row), user=who, time=clock(row.claimed_at))
    return translate(
        "Held", "{error} is being resolved by somebody else; nothing was tried."
    ).format(error=named(row))


def refusals(rows: Sequence[ErrorRow], service: Service) -> str:
    """The refusal of every error another person holds among `rows`, a line each."""
    return "\n".join(refusal_text(r, service) for r in rows if held_by(r, service.user))
