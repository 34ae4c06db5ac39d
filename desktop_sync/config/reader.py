"""Reading and checking the TOML configuration.

Every problem becomes one `ConfigError` that names the file, the key and what is expected,
so the command line and the window can show it as it is, without a traceback.
"""

from __future__ import annotations

import difflib
import getpass
import tomllib
from collections.abc import Mapping as AnyMapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy.engine import URL

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
from desktop_sync.config.services import SECRET_KEYS, parse_service_app
from desktop_sync.config.urls import parse_url
from desktop_sync.db import DEFAULT_CONNECT_TIMEOUT, DEFAULT_STATEMENT_TIMEOUT
from desktop_sync.domain import Side

# What each section may hold; anything else is a mistake to name (filters name columns and stay
# free-form; mappings and their fields are checked in `mappings`).
STORE_KEYS = {"url"}
APP_KEYS = {"name", "url", "timezone", "kind"}
SERVICE_KEYS = {"tenant", "environment", "company", "client_id", "auth", "api", "authority"}
SERVICE_KEYS |= {"change_tracking", "max_page", "scope"}
SETTINGS_KEYS = {
    "user",
    "batch_size",
    "lookback",
    "connect_timeout",
    "statement_timeout",
    "keep_days",
}


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
    reader.no_unknown_sections(data)
    store = reader.table(data, "store")
    reader.no_unknown_keys(store, "store", STORE_KEYS, purpose="store")
    store_url = _parse_url(reader, store, "store", base_dir)
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
    reader.no_unknown_keys(settings, "settings", SETTINGS_KEYS)
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
    web_api = reader.value(table, f"{side}.kind", str, "sql") != "sql"
    known = APP_KEYS | SERVICE_KEYS | set(SECRET_KEYS) if web_api else APP_KEYS
    reader.no_unknown_keys(table, side.value, known, purpose=side.value)
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
    if web_api:
        return parse_service_app(reader, table, side, name, timezone)
    url = _parse_url(reader, table, side.value, base_dir)
    return AppConfig(side=side, name=name, url=url, timezone=timezone)


def _parse_url(reader: Reader, table: AnyMapping[str, Any], prefix: str, base_dir: Path) -> URL:
    key = f"{prefix}.url"
    url = parse_url(reader.value(table, key, str), key, reader.path, prefix)
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
        if isinstance(value, str) and not value.strip():
            raise ConfigError(self.path, key, "must not be empty")
        return value

    def choice(
        self, data: AnyMapping[str, Any], key: str, enum: type[StrEnum], default: StrEnum
    ) -> Any:
        value = self.value(data, key, str, default.value)
        try:
            return enum(value)
        except ValueError:
            allowed = " | ".join(e.value for e in enum)
            raise ConfigError(self.path, key, f"expected one of {allowed}, got {value!r}") from None

    def no_unknown_sections(self, data: AnyMapping[str, Any]) -> None:
        """A ConfigError for the first top-level key that is no section of a configuration."""
        known = {"store": "[store]", "erp": "[erp]", "crm": "[crm]", "settings": "[settings]"}
        known["mapping"] = "[[mapping]]"
        for key, value in data.items():
            if key in known:
                continue
            shown = f"[[{key}]]" if isinstance(value, list) else f"[{key}]"
            if not isinstance(value, dict | list):
                shown = f"{key} (a key outside every section)"
            hint = _closest(key, set(known))
            hint = f"did you mean {known[hint]}? " if hint else ""
            raise ConfigError(
                self.path,
                key,
                f"unknown section {shown}; {hint}a configuration has {', '.join(known.values())}",
            )

    def no_unknown_keys(
        self,
        data: AnyMapping[str, Any],
        at: str,
        known: set[str],
        section: str | None = None,
        purpose: str | None = None,
    ) -> None:
        """A ConfigError for the first key of `data` not in `known`, naming its section, the
        known key it was likely meant to be, and all the known ones. With `purpose` (store, erp,
        crm), a key like "password" is told where a password goes instead."""
        section = section or f"[{at}]"
        for key in data:
            if key in known:
                continue
            takes = f"{section} takes {', '.join(sorted(known))}"
            if purpose and _closest(key, {"password", "passwd", "pwd"}):
                raise ConfigError(
                    self.path,
                    f"{at}.{key}",
                    f"a password never goes in this file: remove it and run `desktop-sync "
                    f"set-password {purpose}`, or set DESKTOP_SYNC_{purpose.upper()}_PASSWORD "
                    f"in the environment ({takes})",
                )
            hint = _closest(key, known)
            hint = f"did you mean {hint}? " if hint else ""
            raise ConfigError(self.path, f"{at}.{key}", f"unknown key in {section}; {hint}{takes}")


def _closest(word: str, known: set[str]) -> str | None:
    """The known word `word` is most likely a misspelling of (difflib), if any is close."""
    close = difflib.get_close_matches(word.lower(), sorted(known), n=1, cutoff=0.6)
    return close[0] if close else None
