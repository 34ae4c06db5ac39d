"""The configuration as Python types: apps, table mappings, field mappings, settings."""

from __future__ import annotations

import getpass
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import platformdirs
from sqlalchemy.engine import URL

from desktop_sync.db import DEFAULT_CONNECT_TIMEOUT, DEFAULT_STATEMENT_TIMEOUT, Timeouts
from desktop_sync.domain import DeletionConflict, Direction, Side, UpdateConflict
from desktop_sync.transforms import Transform

if TYPE_CHECKING:
    from desktop_sync.config.rules import Rule

APP_NAME = "desktop-sync"


CONFIG_FILENAME = "desktop-sync.toml"


DEFAULT_BATCH_SIZE = 5000


DEFAULT_LOOKBACK = timedelta(minutes=10)


DEFAULT_KEEP_DAYS = 400


class ConfigError(Exception):
    """A configuration problem: which file, which key, and what would fix it."""

    def __init__(self, path: Path | None, key: str, problem: str) -> None:
        self.path, self.key, self.problem = path, key, problem
        where = f"{path}: " if path else ""
        super().__init__(f"{where}{key}: {problem}" if key else f"{where}{problem}")


def default_config_path() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / CONFIG_FILENAME


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


@dataclass(frozen=True)
class ServiceConfig:
    """An app reached through its web API (OData v4) instead of its database: which kind of
    service, where, and how to sign in (see `config/services.py`)."""

    kind: str  # business_central | dataverse | odata
    root: str  # the service root every entity set URL is relative to, ending in "/"
    auth: str  # none | bearer | device_code | client_credentials
    tenant: str | None = None
    client_id: str | None = None
    authority: str | None = None  # https://login.microsoftonline.com/{tenant} unless set
    scopes: tuple[str, ...] = ()
    prefix: str = ""  # before every entity set: Business Central's companies({id})/
    change_tracking: bool = True  # Dataverse: read changes through delta links where enabled
    max_page: int | None = None  # records per page asked for (the service's own limit counts)


@dataclass(frozen=True)
class AppConfig:
    """How one side is reached."""

    side: Side
    name: str
    url: URL
    # The time zone of last-modified values kept without one (naive timestamps, ISO text without
    # an offset); None: the database server's own (UTC for SQLite).
    timezone: str | None = None
    # Set for an app reached through its web API; `url` then holds the service's address.
    service: ServiceConfig | None = None

    @property
    def kind(self) -> str:
        """`sql`, or the kind of web API (`business_central`, `dataverse`, `odata`)."""
        return self.service.kind if self.service else "sql"


EXPRESSIONS = ("now", "today", "user")  # values worked out when written, not constants


class _NoDefault:
    """No `default_erp`/`default_crm`: an unmapped value fails its record."""

    def __repr__(self) -> str:
        return "NO_DEFAULT"


NO_DEFAULT: Any = _NoDefault()


@dataclass(frozen=True)
class FieldMapping:
    """One ERP column paired with one CRM column, or a value written to one side.

    A pair may translate values on the way: through another mapping's couplings (`lookup`),
    a value map (`values`, pairs of ERP value and CRM value) or transformations. A one-sided
    field writes a constant or an expression (`now`, `today`, `user`) when its record is
    inserted, or with every write (`on = "always"`).
    """

    erp: str | None
    crm: str | None
    direction: Direction
    constant: Any = None
    expression: str | None = None
    on: str = "insert"
    values: tuple[tuple[Any, Any], ...] = ()
    default_erp: Any = NO_DEFAULT
    default_crm: Any = NO_DEFAULT
    transform_to_crm: tuple[Transform, ...] = ()
    transform_to_erp: tuple[Transform, ...] = ()
    lookup: str | None = None
    label: str | None = None

    @property
    def is_constant(self) -> bool:
        return self.erp is None or self.crm is None

    @property
    def name(self) -> str:
        """A stable name for this field: the key of its value in a coupling's base."""
        return self.erp if self.erp is not None else f"crm:{self.crm}"

    def column(self, side: Side) -> str | None:
        """The column of `side`; None on the side a one-sided field is not written to."""
        return self.erp if side is Side.ERP else self.crm

    def paired(self, side: Side) -> str:
        """The column of `side` of a field that pairs two (every one of `value_fields`)."""
        column = self.erp if side is Side.ERP else self.crm
        if column is None:
            raise ValueError(f"field {self.name} writes one side only; it has no {side} column")
        return column

    def label_on(self, side: Side) -> str:
        """How people know this field in the app of `side`."""
        return self.label or self.column(side) or self.column(side.other) or self.name

    def flows_from(self, source: Side) -> bool:
        """True when this field's value is copied out of `source` into the other side."""
        return not self.is_constant and self.direction.allows(source)

    def transforms(self, destination: Side) -> tuple[Transform, ...]:
        return self.transform_to_crm if destination is Side.CRM else self.transform_to_erp

    def default(self, destination: Side) -> Any:
        return self.default_crm if destination is Side.CRM else self.default_erp

    @property
    def translates(self) -> bool:
        """Whether values change on the way (so the two apps' values are compared translated)."""
        return bool(self.values or self.transform_to_crm or self.transform_to_erp or self.lookup)


@dataclass(frozen=True)
class Archive:
    """Archive instead of delete: set `column` to `value`; a row holding it counts as deleted."""

    column: str
    value: Any


@dataclass(frozen=True)
class TableMapping:
    """One ERP table paired with one CRM table."""

    name: str
    erp_table: str
    crm_table: str
    erp_key: str
    crm_key: str
    erp_modified: tuple[str, ...]  # the first non-NULL of these counts; empty: no stamp column
    crm_modified: tuple[str, ...]
    direction: Direction = Direction.BIDIRECTIONAL
    sync_only_coupled: bool = False
    match_on: tuple[str, ...] = ()
    update_conflict: UpdateConflict = UpdateConflict.MANUAL
    deletion_conflict: DeletionConflict = DeletionConflict.MANUAL
    erp_filter: tuple[tuple[str, Any], ...] = ()
    crm_filter: tuple[tuple[str, Any], ...] = ()
    fields: tuple[FieldMapping, ...] = ()
    lookback: timedelta = DEFAULT_LOOKBACK
    archive_erp: Archive | None = None
    archive_crm: Archive | None = None
    rules: tuple[Rule, ...] = ()  # saved decisions for conflicts (see `config.rules`)

    def table(self, side: Side) -> str:
        return self.erp_table if side is Side.ERP else self.crm_table

    def key(self, side: Side) -> str:
        return self.erp_key if side is Side.ERP else self.crm_key

    def modified_columns(self, side: Side) -> tuple[str, ...]:
        """The last-modified columns of `side`, first non-NULL counting; empty when none."""
        return self.erp_modified if side is Side.ERP else self.crm_modified

    def modified(self, side: Side) -> str | None:
        """The last-modified column of `side` the engine stamps its writes into (for display)."""
        columns = self.modified_columns(side)
        return columns[0] if columns else None

    def filter(self, side: Side) -> dict[str, Any]:
        return dict(self.erp_filter if side is Side.ERP else self.crm_filter)

    @property
    def value_fields(self) -> tuple[FieldMapping, ...]:
        """Fields that pair two columns (not constants)."""
        return tuple(f for f in self.fields if not f.is_constant)

    def written_to(self, destination: Side, insert: bool) -> tuple[FieldMapping, ...]:
        """The one-sided fields written into `destination` by an insert, or by every write."""
        return tuple(
            f
            for f in self.fields
            if f.is_constant and f.column(destination) is not None and (insert or f.on == "always")
        )

    def archive(self, side: Side) -> Archive | None:
        return self.archive_erp if side is Side.ERP else self.archive_crm

    @property
    def lookups(self) -> tuple[str, ...]:
        """The mappings whose couplings this one's fields translate keys through."""
        return tuple(dict.fromkeys(f.lookup for f in self.value_fields if f.lookup))

    def match_fields(self) -> tuple[FieldMapping, ...]:
        by_name: dict[str, FieldMapping] = {}
        for f in self.value_fields:
            by_name.setdefault(f.paired(Side.ERP), f)
            by_name.setdefault(f.paired(Side.CRM), f)
        return tuple(by_name[n] for n in self.match_on)

    def columns(self, side: Side) -> list[str]:
        """Every column of `side` that this mapping reads or writes."""
        names = [self.key(side), *self.modified_columns(side)]
        names += [c for f in self.fields if (c := f.column(side)) is not None]
        names += list(self.filter(side))
        archive = self.archive(side)
        names += [archive.column] if archive else []
        return list(dict.fromkeys(names))


@dataclass(frozen=True)
class Config:
    store_url: URL
    erp: AppConfig
    crm: AppConfig
    mappings: tuple[TableMapping, ...]
    path: Path | None = None
    user: str = field(default_factory=getpass.getuser)
    batch_size: int = DEFAULT_BATCH_SIZE
    order: tuple[str, ...] = ()  # mapping names in dependency order (see `in_order`)
    connect_timeout: int = DEFAULT_CONNECT_TIMEOUT  # seconds
    statement_timeout: int = DEFAULT_STATEMENT_TIMEOUT  # seconds
    keep_days: int = DEFAULT_KEEP_DAYS  # history (resolved errors, log, journal, jobs) kept

    @property
    def timeouts(self) -> Timeouts:
        return Timeouts(connect=self.connect_timeout, statement=self.statement_timeout)

    def app(self, side: Side) -> AppConfig:
        return self.erp if side is Side.ERP else self.crm

    def in_order(self, names: Iterable[str] | None = None) -> list[str]:
        """Mapping names (all by default) with each after the mappings its lookups use."""
        order = self.order or tuple(m.name for m in self.mappings)
        wanted = set(names) if names is not None else set(order)
        return [name for name in order if name in wanted]

    def mapping(self, name: str) -> TableMapping:
        for m in self.mappings:
            if m.name == name:
                return m
        known = ", ".join(m.name for m in self.mappings) or "none"
        raise ConfigError(self.path, "mapping", f"no mapping named {name!r} (known: {known})")

    def side_name(self, side: Side) -> str:
        return self.app(side).name
