"""The store's clock: every moment in the store is naive UTC, so waiting for one (the job queue's
next due entry) is measured against the same clock."""

from __future__ import annotations

from datetime import datetime

from desktop_sync.store.models import utcnow


def seconds_until(moment: datetime) -> float:
    """How long until `moment`, a time as the store keeps it; negative once it has passed."""
    return (moment - utcnow()).total_seconds()
