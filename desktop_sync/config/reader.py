"""Reading and checking the TOML configuration.

Every problem becomes one `ConfigError` that names the file, the key and what is expected,
so the command line and the window can show it as it is, without a traceback.
"""

from __future__ import annotations

import getpass
import tomllib
from collections.abc import Mapping as AnyMapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from desktop_sync.config.mappings import dependency_order, parse_duration, parse_mapping
from desktop_sync.config.model import (
    DEFAULT_BATCH_SIZE,
    DEFAULT_KEEP_DAYS,
    DEFAULT_LOOKBACK,
    AppConfig,
    Config,
    ConfigError,
    default_config_path,
)
from desktop_sync.db import DEFAULT_CONNECT_TIMEOUT, DEFAULT_STATEMENT_TIMEOUT
from desktop_sync.domain import Side


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
    reader = Reader(path)
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
    lookback = parse_duration(reader, settings, "settings.lookback", DEFAULT_LOOKBACK)
    mappings = reader.array_of_tables(data, "mapping")
    parsed = tuple(
        parse_mapping(reader, m, f"mapping[{i}]", lookback) for i, m in enumerate(mappings)
    )
    names = [m.name for m in parsed]
    for i, name in enumerate(names):
        if names.index(name) != i:
            raise ConfigError(
                path, f"mapping[{i}].name", f"{name!r} is used twice; names must be unique"
            )
    order = tuple(m.name for m in dependency_order(reader, parsed))
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
    keep_days = reader.value(settings, "settings.keep_days", int, DEFAULT_KEEP_DAYS)
    if keep_days < 1:
        raise ConfigError(path, "settings.keep_days", "expected a positive whole number of days")
    return Config(
        store_url=store_url,
        erp=erp,
        crm=crm,
        mappings=parsed,
        path=path,
        user=reader.value(settings, "settings.user", str, None) or getpass.getuser(),
        batch_size=batch_size,
        order=order,
        keep_days=keep_days,
        **timeouts,
    )


def _parse_app(reader: Reader, data: AnyMapping[str, Any], side: Side, base_dir: Path) -> AppConfig:
    table = reader.table(data, side.value)
    default_name = "ERP" if side is Side.ERP else "CRM"
    name = reader.value(table, f"{side}.name", str, default_name)
    timezone = reader.value(table, f"{side}.timezone", str, None)
    if timezone is not None:
        try:
            ZoneInfo(timezone)
        except (ZoneInfoNotFoundError, ValueError):
            raise ConfigError(
                reader.path,
                f"{side}.timezone",
                f'{timezone!r} is not a time zone; expected a name such as "UTC" or '
                '"Europe/Oslo", or leave it out to use the database server\'s',
            ) from None
    url = _parse_url(reader, table, side.value, base_dir)
    return AppConfig(side=side, name=name, url=url, timezone=timezone)


def _parse_url(reader: Reader, table: AnyMapping[str, Any], prefix: str, base_dir: Path) -> URL:
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


_TYPE_WORDS = {
    str: "text",
    int: "a whole number",
    bool: "true or false",
    list: "a list",
    dict: "a table",
}


@dataclass
class Reader:
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
