"""Last-modified stamps and versions of records read from an OData service.

The service stamps every write itself (`lastModifiedDateTime`, `modifiedon`, `modifiedAt`), so
the engine never writes a stamp there (`db_fills`); it reads back what the service left. Each
record also carries its ETag, the version the service checks on every update and delete: the
stamp as read is a `ServiceStamp`, text of the stamp that carries the ETag with it, so that the
write of a record sends the ETag read *with that record*, never a later one.

A record's token (see `apps/stamps.py`) is its ETag where the service gives one (it changes with
every write, even two in one second), else its stamp, else a hash of its mapped values.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from desktop_sync.apps.odata import codec
from desktop_sync.apps.stamps import DbClock, StampError, value_token
from desktop_sync.apps.values import normalize_modified


class ServiceStamp(str):
    """A stamp as the service wrote it (ISO text; '' when none), with the record's ETag."""

    etag: str | None

    def __new__(cls, text: str, etag: str | None) -> ServiceStamp:
        stamp = super().__new__(cls, text)
        stamp.etag = etag
        return stamp


class ServiceStamps:
    """The `Stamps` of one entity set (the same questions as `apps.stamps.Stamps`)."""

    unique_per_batch = False  # the service stamps; nothing the engine writes is its alone
    db_fills = True
    whole_seconds = False
    is_text = False
    zone = UTC
    configured_zone = None

    def __init__(self, columns: Sequence[str], hashed: Sequence[str]) -> None:
        self.columns = list(columns)
        self.hashed = list(hashed)

    @property
    def present(self) -> bool:
        return bool(self.columns)

    def read_clock(self, conn: Any) -> DbClock:
        """The service's time now, from its `Date` header (whole seconds, cut: never later)."""
        return DbClock(conn.clock())

    def token(self, raw: Any, values: dict[str, Any]) -> str:
        if raw is None:
            return value_token([values.get(c) for c in self.hashed])
        etag = getattr(raw, "etag", None)
        if etag:
            return str(etag)
        if not raw:
            return value_token([values.get(c) for c in self.hashed])
        try:
            return normalize_modified(str(raw)) or ""
        except ValueError as exc:
            raise StampError(str(exc)) from None

    def moment(self, raw: Any) -> datetime | None:
        if raw is None or raw == "":
            return None
        if isinstance(raw, datetime):
            return raw.astimezone(UTC) if raw.tzinfo else raw.replace(tzinfo=UTC)
        try:
            return codec.parse_moment(str(raw)).astimezone(UTC)
        except ValueError:
            raise StampError(f"{raw!r} is not an ISO-8601 timestamp") from None

    def bound(self, moment: datetime) -> str:
        """The literal `modified ge …` compares with, for every stamp at or after `moment`."""
        return codec.moment_text(moment.replace(microsecond=moment.microsecond // 1000 * 1000))

    def write_value(self, moment: datetime) -> datetime:
        return moment  # never written: the service stamps (`db_fills`)

    def from_token(self, token: str) -> Any:
        return token

    def token_moment(self, token: str) -> datetime:
        try:
            return codec.parse_moment(token)
        except ValueError:
            return datetime.min.replace(tzinfo=UTC)
