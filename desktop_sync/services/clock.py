"""The store's clock: every moment in the store is naive UTC, so waiting for one (the job queue's
next due entry) is measured against the same clock."""

from __future__ import annotations

from datetime import UTC, datetime

from desktop_sync.store.models import utcnow


def seconds_until(moment: datetime) -> float:
    """How long until `moment`, a time as the store keeps it; negative once it has passed."""
    return (moment - utcnow()).total_seconds()


def in_local(moment: datetime) -> datetime:
    """A moment as the store keeps it (naive UTC) as the local time it was here."""
    return moment.replace(tzinfo=UTC).astimezone()


def local_text(moment: datetime | None, seconds: bool = True) -> str:
    """A stored moment as local date and time, "2025-03-07 10:42:05"; "-" for none."""
    if moment is None:
        return "-"
    return (
        f"{in_local(moment):%Y-%m-%d %H:%M:%S}" if seconds else f"{in_local(moment):%Y-%m-%d %H:%M}"
    )


def when_text(moment: datetime) -> str:
    """A stored moment as people say it in a message: 10:42 today, 2025-03-07 10:42 before."""
    local = in_local(moment)
    today = datetime.now().astimezone().date()
    return f"{local:%H:%M}" if local.date() == today else f"{local:%Y-%m-%d %H:%M}"
