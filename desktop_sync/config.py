"""Reading and checking the TOML configuration.

Every problem becomes one `ConfigError` that names the file, the key and what is expected,
so the command line and the window can show it as it is, without a traceback.
"""

from __future__ import annotations

import getpass
import tomllib
from collections.abc import Mapping as AnyMapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import platformdirs
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from desktop_sync.db import DEFAULT_CONNECT_TIMEOUT, DEFAULT_STATEMENT_TIMEOUT, Timeouts
from desktop_sync.domain import DeletionConflict, Direction, Side, UpdateConflict

APP_NAME = "desktop-sync"
CONFIG_FILENAME = "desktop-sync.toml"
DEFAULT_BATCH_SIZE = 5000


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
class AppConfig:
    """How one side is reached."""

    side: Side
    name: str
    url: URL


@dataclass(frozen=True)
class FieldMapping:
    """One ERP column paired with one CRM column, or a constant written to one side."""

    erp: str | None
    crm: str | None
    direction: Direction
    constant: Any = None

    @property
    def is_constant(self) -> bool:
        return self.erp is None or self.crm is None

    @property
    def name(self) -> str:
        """A stable name for this field: the key of its value in a coupling's base."""
        return self.erp if self.erp is not None else f"crm:{self.crm}"

    def column(self, side: Side) -> str | None:
        return self.erp if side is Side.ERP else self.crm

    def flows_from(self, source: Side) -> bool:
        """True when this field's value is copied out of `source` into the other side."""
        return not self.is_constant and self.direction.allows(source)


@dataclass(frozen=True)
class TableMapping:
    """One ERP table paired with one CRM table."""

    name: str
    erp_table: str
    crm_table: str
    erp_key: str
    crm_key: str
    erp_modified: str
    crm_modified: str
    direction: Direction = Direction.BIDIRECTIONAL
    sync_only_coupled: bool = False
    match_on: tuple[str, ...] = ()
    update_conflict: UpdateConflict = UpdateConflict.MANUAL
    deletion_conflict: DeletionConflict = DeletionConflict.MANUAL
    erp_filter: tuple[tuple[str, Any], ...] = ()
    crm_filter: tuple[tuple[str, Any], ...] = ()
    fields: tuple[FieldMapping, ...] = ()

    def table(self, side: Side) -> str:
        return self.erp_table if side is Side.ERP else self.crm_table

    def key(self, side: Side) -> str:
        return self.erp_key if side is Side.ERP else self.crm_key

    def modified(self, side: Side) -> str:
        return self.erp_modified if side is Side.ERP else self.crm_modified

    def filter(self, side: Side) -> dict[str, Any]:
        return dict(self.erp_filter if side is Side.ERP else self.crm_filter)

    @property
    def value_fields(self) -> tuple[FieldMapping, ...]:
        """Fields that pair two columns (not constants)."""
        return tuple(f for f in self.fields if not f.is_constant)

    def constants_for(self, destination: Side) -> dict[str, Any]:
        return {
            f.column(destination): f.constant
            for f in self.fields
            if f.is_constant and f.column(destination) is not None
        }

    def match_fields(self) -> tuple[FieldMapping, ...]:
        by_name = {}
        for f in self.value_fields:
            by_name.setdefault(f.erp, f)
            by_name.setdefault(f.crm, f)
        return tuple(by_name[n] for n in self.match_on)

    def columns(self, side: Side) -> list[str]:
        """Every column of `side` that this mapping reads or writes."""
        names = [self.key(side), self.modified(side)]
        names += [f.column(side) for f in self.fields if f.column(side)]
        names += list(self.filter(side))
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
    connect_timeout: int = DEFAULT_CONNECT_TIMEOUT  # seconds
    statement_timeout: int = DEFAULT_STATEMENT_TIMEOUT  # seconds

    @property
    def timeouts(self) -> Timeouts:
        return Timeouts(connect=self.connect_timeout, statement=self.statement_timeout)

    def app(self, side: Side) -> AppConfig:
        return self.erp if side is Side.ERP else self.crm

    def mapping(self, name: str) -> TableMapping:
        for m in self.mappings:
            if m.name == name:
                return m
        known = ", ".join(m.name for m in self.mappings) or "none"
        raise ConfigError(self.path, "mapping", f"no mapping named {name!r} (known: {known})")

    def side_name(self, side: Side) -> str:
        return self.app(side).name


def load_config(path: Path | str | None = None) -> Config:
    """Read and check a configuration file; raises ConfigError on any problem."""
    path = Path(path) if path else default_config_path()
    if not path.exists():
        raise ConfigError(
            path, "", "file not found; run `desktop-sync demo DIR` for an example, or pass --config"
        )
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(path, "", f"not valid TOML ({exc})") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(path, "", f"cannot be read ({exc})") from None
    return parse_config(data, path)


def parse_config(data: AnyMapping[str, Any], path: Path | None = None) -> Config:
    reader = _Reader(path)
    base_dir = path.parent if path else Path.cwd()
    store_url = _parse_url(reader, reader.table(data, "store"), "store", base_dir)
    if store_url.get_backend_name() not in ("sqlite", "postgresql"):
        raise ConfigError(
            path,
            "store.url",
            f"the state store must be SQLite or PostgreSQL, not {store_url.get_backend_name()}; "
            'use e.g. "sqlite:///state.db" or "postgresql+psycopg://user@host/desktop_sync"',
        )
    erp = _parse_app(reader, data, Side.ERP, base_dir)
    crm = _parse_app(reader, data, Side.CRM, base_dir)
    settings = reader.table(data, "settings", required=False)
    mappings = reader.array_of_tables(data, "mapping")
    parsed = tuple(_parse_mapping(reader, m, f"mapping[{i}]") for i, m in enumerate(mappings))
    names = [m.name for m in parsed]
    for i, name in enumerate(names):
        if names.index(name) != i:
            raise ConfigError(
                path, f"mapping[{i}].name", f"{name!r} is used twice; names must be unique"
            )
    batch_size = reader.value(settings, "settings.batch_size", int, DEFAULT_BATCH_SIZE)
    if batch_size < 1:
        raise ConfigError(path, "settings.batch_size", "expected a positive whole number")
    timeouts = {
        name: reader.value(settings, f"settings.{name}", int, default)
        for name, default in (
            ("connect_timeout", DEFAULT_CONNECT_TIMEOUT),
            ("statement_timeout", DEFAULT_STATEMENT_TIMEOUT),
        )
    }
    for name, seconds in timeouts.items():
        if seconds < 1:
            raise ConfigError(
                path, f"settings.{name}", "expected a positive whole number of seconds"
            )
    return Config(
        store_url=store_url,
        erp=erp,
        crm=crm,
        mappings=parsed,
        path=path,
        user=reader.value(settings, "settings.user", str, None) or getpass.getuser(),
        batch_size=batch_size,
        **timeouts,
    )


def _parse_app(
    reader: _Reader, data: AnyMapping[str, Any], side: Side, base_dir: Path
) -> AppConfig:
    table = reader.table(data, side.value)
    default_name = "ERP" if side is Side.ERP else "CRM"
    name = reader.value(table, f"{side}.name", str, default_name)
    return AppConfig(side=side, name=name, url=_parse_url(reader, table, side.value, base_dir))


def _parse_url(reader: _Reader, table: AnyMapping[str, Any], prefix: str, base_dir: Path) -> URL:
    key = f"{prefix}.url"
    text = reader.value(table, key, str)
    try:
        url = make_url(text)
    except ArgumentError:
        raise ConfigError(
            reader.path, key, f"{text!r} is not a database URL; expected e.g. sqlite:///{prefix}.db"
        ) from None
    if url.password:
        raise ConfigError(
            reader.path,
            key,
            "contains a password; remove it from the file and run "
            f"`desktop-sync set-password {prefix}` or set DESKTOP_SYNC_{prefix.upper()}_PASSWORD",
        )
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        db_path = Path(url.database)
        if not db_path.is_absolute():
            url = url.set(database=str((base_dir / db_path).resolve()))
    return url


def _parse_mapping(reader: _Reader, m: AnyMapping[str, Any], at: str) -> TableMapping:
    known = {
        "name",
        "erp_table",
        "crm_table",
        "erp_key",
        "crm_key",
        "erp_modified",
        "crm_modified",
        "direction",
        "sync_only_coupled",
        "match_on",
        "update_conflict",
        "deletion_conflict",
        "erp_filter",
        "crm_filter",
        "field",
    }
    reader.no_unknown_keys(m, at, known)
    direction = reader.choice(m, f"{at}.direction", Direction, Direction.BIDIRECTIONAL)
    fields_ = tuple(
        _parse_field(reader, f, f"{at}.field[{i}]", direction)
        for i, f in enumerate(reader.array_of_tables(m, "field", at))
    )
    if not any(not f.is_constant for f in fields_):
        raise ConfigError(
            reader.path,
            f"{at}.field",
            "expected at least one field pairing an erp and a crm column",
        )
    mapping = TableMapping(
        name=reader.value(m, f"{at}.name", str),
        erp_table=reader.value(m, f"{at}.erp_table", str),
        crm_table=reader.value(m, f"{at}.crm_table", str),
        erp_key=reader.value(m, f"{at}.erp_key", str),
        crm_key=reader.value(m, f"{at}.crm_key", str),
        erp_modified=reader.value(m, f"{at}.erp_modified", str),
        crm_modified=reader.value(m, f"{at}.crm_modified", str),
        direction=direction,
        sync_only_coupled=reader.value(m, f"{at}.sync_only_coupled", bool, False),
        match_on=tuple(reader.value(m, f"{at}.match_on", list, [])),
        update_conflict=reader.choice(
            m, f"{at}.update_conflict", UpdateConflict, UpdateConflict.MANUAL
        ),
        deletion_conflict=reader.choice(
            m, f"{at}.deletion_conflict", DeletionConflict, DeletionConflict.MANUAL
        ),
        erp_filter=tuple(reader.value(m, f"{at}.erp_filter", dict, {}).items()),
        crm_filter=tuple(reader.value(m, f"{at}.crm_filter", dict, {}).items()),
        fields=fields_,
    )
    for i, name in enumerate(mapping.match_on):
        if not isinstance(name, str) or not any(
            name in (f.erp, f.crm) for f in mapping.value_fields
        ):
            raise ConfigError(
                reader.path,
                f"{at}.match_on[{i}]",
                f"{name!r} is not a mapped field; expected the "
                "erp or crm column of one of this mapping's fields",
            )
    return mapping


def _parse_field(
    reader: _Reader, f: AnyMapping[str, Any], at: str, mapping_direction: Direction
) -> FieldMapping:
    reader.no_unknown_keys(f, at, {"erp", "crm", "direction", "constant"})
    erp = reader.value(f, f"{at}.erp", str, None)
    crm = reader.value(f, f"{at}.crm", str, None)
    has_constant = "constant" in f
    if erp is None and crm is None:
        raise ConfigError(reader.path, at, "expected `erp`, `crm` or both")
    if has_constant and erp is not None and crm is not None:
        raise ConfigError(
            reader.path,
            f"{at}.constant",
            "a constant goes to one side: give only `erp` or only `crm`",
        )
    if not has_constant and (erp is None or crm is None):
        raise ConfigError(
            reader.path, at, "expected both `erp` and `crm` columns, or one of them with `constant`"
        )
    direction = reader.choice(f, f"{at}.direction", Direction, mapping_direction)
    if not direction.narrows(mapping_direction):
        raise ConfigError(
            reader.path,
            f"{at}.direction",
            f"{direction} widens the mapping's direction "
            f"{mapping_direction}; a field may only narrow it",
        )
    if has_constant:
        side = Side.CRM if crm is not None else Side.ERP
        if not mapping_direction.allows(side.other):
            raise ConfigError(
                reader.path,
                at,
                f"a constant for {side} is never written: the "
                f"mapping's direction is {mapping_direction}",
            )
    return FieldMapping(erp=erp, crm=crm, direction=direction, constant=f.get("constant"))


_TYPE_WORDS = {
    str: "text",
    int: "a whole number",
    bool: "true or false",
    list: "a list",
    dict: "a table",
}


@dataclass
class _Reader:
    """Typed access to parsed TOML that turns every mismatch into a ConfigError."""

    path: Path | None

    def table(
        self, data: AnyMapping[str, Any], key: str, required: bool = True
    ) -> AnyMapping[str, Any]:
        if key not in data:
            if required:
                raise ConfigError(self.path, f"[{key}]", "section is missing")
            return {}
        value = data[key]
        if not isinstance(value, dict):
            raise ConfigError(self.path, key, f"expected a [{key}] section")
        return value

    def array_of_tables(
        self, data: AnyMapping[str, Any], key: str, at: str = ""
    ) -> list[AnyMapping[str, Any]]:
        full = f"{at}.{key}" if at else key
        value = data.get(key)
        if not value:
            raise ConfigError(self.path, f"[[{full}]]", "expected at least one entry")
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise ConfigError(self.path, full, f"expected [[{full}]] tables")
        return value

    def value(self, data: AnyMapping[str, Any], key: str, kind: type, default: Any = ...) -> Any:
        name = key.rsplit(".", 1)[-1]
        if name not in data:
            if default is ...:
                raise ConfigError(self.path, key, f"is missing; expected {_TYPE_WORDS[kind]}")
            return default
        value = data[name]
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise ConfigError(self.path, key, f"expected {_TYPE_WORDS[kind]}, got {value!r}")
        if kind is str and not value.strip():
            raise ConfigError(self.path, key, "must not be empty")
        return value

    def choice(self, data: AnyMapping[str, Any], key: str, enum: type, default: Any) -> Any:
        value = self.value(data, key, str, default.value)
        try:
            return enum(value)
        except ValueError:
            allowed = " | ".join(e.value for e in enum)
            raise ConfigError(self.path, key, f"expected one of {allowed}, got {value!r}") from None

    def no_unknown_keys(self, data: AnyMapping[str, Any], at: str, known: set[str]) -> None:
        for key in data:
            if key not in known:
                raise ConfigError(
                    self.path,
                    f"{at}.{key}",
                    f"unknown key; expected one of {', '.join(sorted(known))}",
                )
