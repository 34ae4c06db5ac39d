"""Last-modified stamps of one side of a mapping, read as moments by the app database's clock.

Apps keep their last-modified values in many forms: a timestamp with or without a time zone,
ISO text with or without an offset, seconds since 1970, whole seconds only, NULL until the first
edit, several columns of which the first non-NULL counts (`write_date`, then `create_date`), or
no such column at all. `Stamps` hides the form, so the engine can

- ask the database for its own clock (never the desktop's, which may be minutes off),
- turn a moment into a bound for `stamp >= bound` in the column's own form,
- stamp its writes with a value that is unique to one batch where the column allows it,
- turn a stamp into a *token* that is equal exactly when the stamp is: re-read rows whose token
  equals the one their coupling saw are unchanged, whatever the clock did in between.

A row without a stamp (the column is NULL, or there is none) gets a token made from its mapped
values (`#` and a hash): it is compared by value on every run.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Column, Connection, Table, func, literal, null, select, text
from sqlalchemy import types as sqltypes
from sqlalchemy.sql.elements import ColumnElement

from desktop_sync.apps.values import canonical, normalize_modified

# ISO text is compared as text in SQL, where "19:04-05:00" sorts before "00:00+00:00" of the same
# moment; reading from the date this much before a bound covers every offset there is.
WIDEST_OFFSET = timedelta(hours=14)


class StampError(ValueError):
    """A stamp that is not a moment (text that is no ISO-8601 timestamp, say)."""


@dataclass
class DbClock:
    """The app database's clock for one job: read once, then advanced by the desktop's
    monotonic clock, strictly increasing so that each batch's stamp is its own."""

    start: datetime  # aware UTC, as the database said
    started: float = field(default_factory=time.monotonic)
    last: datetime | None = None

    def now(self) -> datetime:
        moment = self.start + timedelta(seconds=time.monotonic() - self.started)
        if self.last is not None and moment <= self.last:
            moment = self.last + timedelta(microseconds=1)
        self.last = moment
        return moment


class Stamps:
    """How one table keeps last-modified values (see the module's docstring)."""

    def __init__(
        self,
        table: Table,
        columns: Sequence[str],
        dialect: str,
        zone_name: str | None,
        hashed: Sequence[str],
    ) -> None:
        self.columns: list[Column[Any]] = [table.c[c] for c in columns]
        self.dialect = dialect
        self.hashed = list(hashed)  # the columns whose values make a stampless row's token
        self.configured_zone: tzinfo | None = ZoneInfo(zone_name) if zone_name else None
        self.zone: tzinfo = self.configured_zone or UTC  # set from the server by `read_clock`
        first = self.columns[0] if self.columns else None
        self.written: Column[Any] | None = first
        kind = first.type if first is not None else None
        self.is_text = isinstance(kind, sqltypes.String)
        self.is_integer = isinstance(kind, sqltypes.Integer)
        self.is_number = isinstance(kind, sqltypes.Integer | sqltypes.Numeric | sqltypes.Float)
        self.is_date = isinstance(kind, sqltypes.Date) and not isinstance(kind, sqltypes.DateTime)
        self.has_tz = bool(getattr(kind, "timezone", False))
        self.whole_seconds = self.is_integer or (
            dialect in ("mysql", "mariadb")
            and first is not None
            and not self.is_text
            and not getattr(kind, "fsp", None)
        )
        default = str(getattr(first, "server_default", None) and first.server_default.arg)  # type: ignore[union-attr]
        self.db_fills = "on update" in default.lower()

    # -- what to select -----------------------------------------------------------------

    @property
    def present(self) -> bool:
        """Whether the table has a last-modified column at all."""
        return bool(self.columns)

    @property
    def expression(self) -> ColumnElement[Any]:
        """The stamp in SQL: the column, the first non-NULL of several, or NULL when none."""
        if not self.columns:
            return null()
        if len(self.columns) == 1:
            return self.columns[0]
        return func.coalesce(*self.columns)

    @property
    def unique_per_batch(self) -> bool:
        """Whether a stamp the engine writes is its own (so rows carrying it are its echo)."""
        return self.present and not self.whole_seconds and not self.db_fills and not self.is_date

    # -- the database's clock ------------------------------------------------------------

    def read_clock(self, conn: Connection) -> DbClock:
        """The database's time now; also learns the server's zone for stamps kept without one."""
        utc, local = _server_times(conn, self.dialect)
        if self.configured_zone is None:
            offset = timedelta(minutes=round((local - utc).total_seconds() / 60))
            self.zone = UTC if not offset else timezone(offset)
        return DbClock(utc.replace(tzinfo=UTC))

    # -- tokens and moments --------------------------------------------------------------

    def token(self, raw: Any, values: dict[str, Any]) -> str:
        """Equal exactly when the stamp is (or, without a stamp, the mapped values are)."""
        if raw is None:
            return value_token([values.get(c) for c in self.hashed])
        try:
            return normalize_modified(raw) or ""
        except ValueError as exc:
            raise StampError(str(exc)) from None

    def moment(self, raw: Any) -> datetime | None:
        """A stamp as an aware UTC moment; None for NULL. Raises StampError when it is none."""
        if raw is None:
            return None
        if isinstance(raw, datetime):
            moment = raw
        elif isinstance(raw, date):
            moment = datetime(raw.year, raw.month, raw.day)
        elif isinstance(raw, int | float | Decimal) and not isinstance(raw, bool):
            return datetime.fromtimestamp(float(raw), UTC)
        elif isinstance(raw, str):
            try:
                moment = datetime.fromisoformat(raw.strip())
            except ValueError:
                raise StampError(f"{raw!r} is not an ISO-8601 timestamp") from None
        else:
            raise StampError(f"{raw!r} is not a timestamp")
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=self.zone)
        return moment.astimezone(UTC)

    def bound(self, moment: datetime) -> Any:
        """A value such that `expression >= value` holds for every stamp at or after `moment`."""
        if self.is_text:
            return (moment - WIDEST_OFFSET).astimezone(UTC).date().isoformat()
        if self.is_number:
            return int(moment.timestamp()) - 1 if self.is_integer else moment.timestamp()
        if self.is_date:
            return (moment.astimezone(self.zone) - timedelta(days=1)).date()
        if self.has_tz:
            return moment
        local = moment.astimezone(self.zone).replace(tzinfo=None)
        return local.replace(microsecond=0) - timedelta(seconds=1) if self.whole_seconds else local

    def write_value(self, moment: datetime) -> Any:
        """The stamp the engine's writes made at `moment` carry.

        A column of whole seconds gets the second *before* `moment`: a person's edit after the
        engine's write, even within the same second, then carries another value than the
        engine's own and is seen as a change, instead of being taken for the engine's echo.
        """
        if self.whole_seconds:
            moment = moment.replace(microsecond=0) - timedelta(seconds=1)
        if self.is_text:
            return moment.astimezone(UTC).isoformat(timespec="microseconds")
        if self.is_number:
            return int(moment.timestamp()) if self.is_integer else moment.timestamp()
        if self.is_date:
            return moment.astimezone(self.zone).date()
        if self.has_tz:
            return moment
        return moment.astimezone(self.zone).replace(tzinfo=None)

    def from_token(self, token: str) -> Any:
        """The value a stamp the engine wrote holds in the column, from its token."""
        moment = datetime.fromisoformat(token)
        if self.is_text:
            return moment.replace(tzinfo=UTC).isoformat(timespec="microseconds")
        if self.is_number:
            seconds = moment.replace(tzinfo=UTC).timestamp()
            return int(seconds) if self.is_integer else seconds
        if self.has_tz:
            return moment.replace(tzinfo=UTC)
        return moment

    def token_moment(self, token: str) -> datetime:
        """The moment of a stamp the engine wrote, from its token (see `from_token`)."""
        return self.moment(self.from_token(token)) or datetime.min.replace(tzinfo=UTC)


def moment_text(moment: datetime) -> str:
    """An aware moment as UTC text, as watermarks keep it."""
    return moment.astimezone(UTC).replace(tzinfo=None).isoformat(timespec="microseconds")


def value_token(values: Sequence[Any]) -> str:
    """A short, stable fingerprint of values (for rows that carry no stamp)."""
    text_ = repr([canonical(v) for v in values]).encode("utf-8", "surrogatepass")
    return "#" + hashlib.blake2b(text_, digest_size=12).hexdigest()


def row_token(row: Any) -> str:
    """A token of a whole row as read, for a row that cannot be taken as a record: it stays
    the same while the row does, and changes when someone corrects it."""
    text_ = repr(tuple(row)).encode("utf-8", "surrogatepass")
    return "!" + hashlib.blake2b(text_, digest_size=12).hexdigest()


def is_value_token(token: str | None) -> bool:
    return bool(token) and token.startswith("#")  # type: ignore[union-attr]


_CLOCK_SQL = {
    "postgresql": "SELECT now() AT TIME ZONE 'UTC', localtimestamp",
    "mysql": "SELECT UTC_TIMESTAMP(6), NOW(6)",
    "mariadb": "SELECT UTC_TIMESTAMP(6), NOW(6)",
    "mssql": "SELECT SYSUTCDATETIME(), SYSDATETIME()",
}


def _server_times(conn: Connection, dialect: str) -> tuple[datetime, datetime]:
    """The server's time now in UTC and in its own zone, both naive."""
    if dialect == "sqlite":
        # SQLite has no server: its clock is this computer's, and CURRENT_TIMESTAMP is UTC.
        now = conn.execute(select(func.strftime("%Y-%m-%d %H:%M:%f", literal("now")))).scalar()
        moment = datetime.fromisoformat(str(now))
        return moment, moment
    statement = _CLOCK_SQL.get(dialect)
    if statement is None:
        now = datetime.now(UTC).replace(tzinfo=None)
        return now, datetime.now()
    utc, local = conn.execute(text(statement)).one()
    return _naive(utc), _naive(local)


def _naive(value: Any) -> datetime:
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if value.tzinfo is not None:
        value = value.astimezone(UTC).replace(tzinfo=None)
    return value
