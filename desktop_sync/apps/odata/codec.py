"""Values between OData JSON and the Python values the engine compares and writes.

Reads give the same Python types a database would (an aware `datetime` for
`Edm.DateTimeOffset`, a `Decimal` for `Edm.Decimal`, …), so values compare equal across a SQL
app and an OData app. Writes give JSON the service takes, and `$filter` literals in the URL
syntax of OData v4.
"""

from __future__ import annotations

import base64
import json
import uuid
from datetime import UTC, date, datetime, time
from decimal import Decimal
from typing import Any
from urllib.parse import quote

from desktop_sync.apps.odata.edm import Property

INTEGERS = ("Edm.Int16", "Edm.Int32", "Edm.Int64", "Edm.Byte", "Edm.SByte")


def loads(text: str | bytes) -> Any:
    """JSON with every decimal number kept exactly (as Decimal)."""
    return json.loads(text, parse_float=Decimal)


def dumps(value: Any) -> bytes:
    return json.dumps(value, separators=(",", ":"), default=_json_default).encode("utf-8")


def _json_default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return to_json("Edm.Decimal", value)
    if isinstance(value, datetime | date | time | uuid.UUID | bytes):
        return to_json("", value)
    raise TypeError(f"{value!r} cannot be written as JSON")


def from_json(prop: Property | None, value: Any) -> Any:
    """A JSON value as the Python value of its property's type."""
    if value is None or prop is None:
        return value
    kind = prop.type
    if kind == "Edm.DateTimeOffset" and isinstance(value, str):
        return parse_moment(value)
    if kind == "Edm.Date" and isinstance(value, str):
        return date.fromisoformat(value)
    if kind == "Edm.TimeOfDay" and isinstance(value, str):
        return time.fromisoformat(_six_digits(value))
    if kind == "Edm.Decimal":
        return Decimal(str(value)) if not isinstance(value, Decimal) else value
    if kind in ("Edm.Double", "Edm.Single"):
        return float(value)
    if kind in INTEGERS:
        return int(value)
    if kind == "Edm.Guid":
        return str(value).lower()
    if kind == "Edm.Binary" and isinstance(value, str):
        return base64.b64decode(value)
    return value


def to_json(kind: str, value: Any) -> Any:
    """A Python value as JSON for a property of type `kind`."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, datetime):
        if kind == "Edm.Date":
            return value.date().isoformat()
        return moment_text(value)
    if isinstance(value, date):
        return (
            value.isoformat() if kind != "Edm.DateTimeOffset" else f"{value.isoformat()}T00:00:00Z"
        )
    if isinstance(value, time):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, Decimal):
        if kind in INTEGERS and value == value.to_integral_value():
            return int(value)
        as_float = float(value)
        # A number in JSON text is exact: written as the float's shortest form, it is the decimal
        # itself when that form reads back as the same decimal (money always does).
        return as_float if Decimal(repr(as_float)) == value else str(value)
    if isinstance(value, float) and kind in INTEGERS and value == int(value):
        return int(value)
    if isinstance(value, int) and kind == "Edm.Boolean":
        return bool(value)
    if isinstance(value, str) and kind in INTEGERS and value.strip().lstrip("-").isdigit():
        return int(value)
    return value


def parse_moment(text: str) -> datetime:
    """ISO-8601 text with an offset (`Z`) as an aware datetime; 7 fraction digits are cut to 6."""
    moment = datetime.fromisoformat(_six_digits(text.replace("Z", "+00:00")))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _six_digits(text: str) -> str:
    if "." not in text:
        return text
    head, _, tail = text.partition(".")
    digits = len(tail) - len(tail.lstrip("0123456789"))
    return f"{head}.{tail[: min(digits, 6)]}{tail[digits:]}"


def moment_text(moment: datetime) -> str:
    """An instant as OData writes it: UTC with milliseconds and `Z`."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    moment = moment.astimezone(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def literal(kind: str, value: Any) -> str:
    """`value` as a literal of a `$filter` expression."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if kind == "Edm.Guid":
        return str(uuid.UUID(str(value)))
    if kind == "Edm.DateTimeOffset":
        return value if isinstance(value, str) else moment_text(value)
    if kind in ("Edm.Date", "Edm.TimeOfDay"):
        return value.isoformat() if not isinstance(value, str) else value
    numbers = (*INTEGERS, "Edm.Decimal", "Edm.Double", "Edm.Single")
    if kind in numbers and isinstance(value, int | float | Decimal):
        return str(to_json(kind, value))
    text = str(value).replace("'", "''")
    return f"'{text}'"


def key_path(kind: str, value: Any) -> str:
    """The key of one entity in its URL: `customers(5f0…)`, `customer('C1')`."""
    return quote(literal(kind, value), safe="'-._~:")
