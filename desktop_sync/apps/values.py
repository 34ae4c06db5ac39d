"""Comparable forms of column values and last-modified stamps.

The two apps may keep the same value in different types (a DECIMAL in one, a REAL in the other;
a datetime in one, ISO text in the other). Comparisons and the stored base of a coupling use the
canonical form, which is plain JSON.
"""

from __future__ import annotations

import math
import uuid
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any


def canonical(value: Any) -> Any:
    """A JSON-able form of `value` in which equal business values compare equal."""
    kind = type(value)
    if kind is str or kind is int or value is None:
        return value
    if isinstance(value, (str, bool)):
        return value
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if math.isfinite(value) and value == int(value) and abs(value) < 2**53:
            return int(value)
        return value
    if isinstance(value, Decimal):
        if value == value.to_integral_value():
            return int(value)
        return float(value)
    if isinstance(value, datetime):
        return normalize_datetime(value).isoformat(timespec="microseconds")
    if isinstance(value, (date, time)):
        return value.isoformat()
    if isinstance(value, timedelta):
        return value.total_seconds()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value).hex()
    return str(value)


def same(a: Any, b: Any) -> bool:
    """Equal after canonicalization; NULL and '' count as equal, and so do a bool and 0/1
    (SQLite keeps booleans as 0/1). Never raises: values that cannot be compared (a boolean
    and the text 'open') differ."""
    a, b = canonical(a), canonical(b)
    if (a is None or a == "") and (b is None or b == ""):
        return True  # NULL in one app is '' in the other: both are empty
    if isinstance(a, bool) or isinstance(b, bool):
        if a is None or b is None:
            return False
        if isinstance(a, int | float) and isinstance(b, int | float):
            return int(a) == int(b) and a == int(a) and b == int(b)
        return False
    return bool(a == b)


def normalize_datetime(value: datetime) -> datetime:
    """Naive UTC: aware datetimes are converted, naive ones are taken as UTC already."""
    if value.tzinfo is not None:
        value = value.astimezone(UTC).replace(tzinfo=None)
    return value


def normalize_modified(value: Any) -> str | None:
    """A last-modified value as fixed-width text, so that text order is time order.

    Raises ValueError for a value that is not a timestamp.
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, date):
        moment = datetime.combine(value, time())
    elif isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        moment = datetime.fromtimestamp(float(value), UTC)
    elif isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(f"{value!r} is not an ISO-8601 timestamp") from None
    else:
        raise ValueError(f"{value!r} is not a timestamp")
    return normalize_datetime(moment).isoformat(timespec="microseconds")
