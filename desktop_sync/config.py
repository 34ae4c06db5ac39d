"""Reading and checking the TOML configuration.

Every problem becomes one `ConfigError` that names the file, the key and what is expected,
so the command line and the window can show it as it is, without a traceback.
"""

from __future__ import annotations

import getpass
import tomllib
from collections.abc import Iterable
from collections.abc import Mapping as AnyMapping
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import platformdirs
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from desktop_sync import transforms
from desktop_sync.db import DEFAULT_CONNECT_TIMEOUT, DEFAULT_STATEMENT_TIMEOUT, Timeouts
from desktop_sync.domain import DeletionConflict, Direction, Side, UpdateConflict
from desktop_sync.transforms import Transform

APP_NAME = "desktop-sync"
CONFIG_FILENAME = "desktop-sync.toml"
DEFAULT_BATCH_SIZE = 5000
DEFAULT_LOOKBACK = timedelta(minutes=10)


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
    # The time zone of last-modified values kept without one (naive timestamps, ISO text without
    # an offset); None: the database server's own (UTC for SQLite).
    timezone: str | None = None


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
        return self.erp if side is Side.ERP else self.crm

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
        by_name = {}
        for f in self.value_fields:
            by_name.setdefault(f.erp, f)
            by_name.setdefault(f.crm, f)
        return tuple(by_name[n] for n in self.match_on)

    def columns(self, side: Side) -> list[str]:
        """Every column of `side` that this mapping reads or writes."""
        names = [self.key(side), *self.modified_columns(side)]
        names += [f.column(side) for f in self.fields if f.column(side)]
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
    lookback = _parse_duration(reader, settings, "settings.lookback", DEFAULT_LOOKBACK)
    mappings = reader.array_of_tables(data, "mapping")
    parsed = tuple(
        _parse_mapping(reader, m, f"mapping[{i}]", lookback) for i, m in enumerate(mappings)
    )
    names = [m.name for m in parsed]
    for i, name in enumerate(names):
        if names.index(name) != i:
            raise ConfigError(
                path, f"mapping[{i}].name", f"{name!r} is used twice; names must be unique"
            )
    order = tuple(m.name for m in _dependency_order(reader, parsed))
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
        order=order,
        **timeouts,
    )


def _parse_app(
    reader: _Reader, data: AnyMapping[str, Any], side: Side, base_dir: Path
) -> AppConfig:
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


def _parse_duration(
    reader: _Reader, data: AnyMapping[str, Any], key: str, default: timedelta
) -> timedelta:
    """A length of time: whole minutes, or text with a unit ("90s", "10m", "2h")."""
    name = key.rsplit(".", 1)[-1]
    if name not in data:
        return default
    value = data[name]
    units = {"s": "seconds", "m": "minutes", "h": "hours"}
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return timedelta(minutes=value)
    if isinstance(value, str):
        text = value.strip().lower()
        if text[:-1].isdigit() and text[-1:] in units:
            return timedelta(**{units[text[-1]]: int(text[:-1])})
    raise ConfigError(
        reader.path,
        key,
        f'expected whole minutes or a length such as "90s", "10m" or "2h", got {value!r}',
    )


def _parse_modified(reader: _Reader, m: AnyMapping[str, Any], key: str) -> tuple[str, ...]:
    """One last-modified column, a list of them (the first non-NULL counts), or none at all."""
    name = key.rsplit(".", 1)[-1]
    value = m.get(name)
    if value is None:
        return ()
    if isinstance(value, str) and value.strip():
        return (value,)
    if (
        isinstance(value, list)
        and value
        and all(isinstance(v, str) and v.strip() for v in value)
        and len(set(value)) == len(value)
    ):
        return tuple(value)
    raise ConfigError(
        reader.path,
        key,
        f"expected a column name or a list of different column names, got {value!r}; leave it "
        "out when the table has no last-modified column",
    )


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


def _parse_mapping(
    reader: _Reader, m: AnyMapping[str, Any], at: str, lookback: timedelta
) -> TableMapping:
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
        "lookback",
        "archive_erp",
        "archive_crm",
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
        erp_modified=_parse_modified(reader, m, f"{at}.erp_modified"),
        crm_modified=_parse_modified(reader, m, f"{at}.crm_modified"),
        lookback=_parse_duration(reader, m, f"{at}.lookback", lookback),
        archive_erp=_parse_archive(reader, m, f"{at}.archive_erp"),
        archive_crm=_parse_archive(reader, m, f"{at}.archive_crm"),
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


_FIELD_KEYS = {
    "erp", "crm", "direction", "label", "constant", "value", "on", "values", "default_erp",
    "default_crm", "transform", "transform_to_erp", "transform_to_crm", "lookup",
}  # fmt: skip
_PAIR_ONLY = ("values", "default_erp", "default_crm", "lookup")
_PAIR_ONLY += ("transform", "transform_to_erp", "transform_to_crm")


def _parse_field(
    reader: _Reader, f: AnyMapping[str, Any], at: str, mapping_direction: Direction
) -> FieldMapping:
    reader.no_unknown_keys(f, at, _FIELD_KEYS)
    erp = reader.value(f, f"{at}.erp", str, None)
    crm = reader.value(f, f"{at}.crm", str, None)
    if erp is None and crm is None:
        raise ConfigError(reader.path, at, "expected `erp`, `crm` or both")
    direction = reader.choice(f, f"{at}.direction", Direction, mapping_direction)
    if not direction.narrows(mapping_direction):
        raise ConfigError(
            reader.path,
            f"{at}.direction",
            f"{direction} widens the mapping's direction "
            f"{mapping_direction}; a field may only narrow it",
        )
    label = reader.value(f, f"{at}.label", str, None)
    if erp is None or crm is None:
        return _parse_one_sided(reader, f, at, erp, crm, direction, mapping_direction, label)
    for key in ("constant", "value", "on"):
        if key in f:
            raise ConfigError(
                reader.path,
                f"{at}.{key}",
                "a field pairing an erp and a crm column copies values; a constant or `value` "
                "goes to one side: give only `erp` or only `crm`",
            )
    lookup = reader.value(f, f"{at}.lookup", str, None)
    if lookup is not None and any(k in f for k in _PAIR_ONLY if k != "lookup"):
        raise ConfigError(
            reader.path,
            f"{at}.lookup",
            "a lookup field carries keys of another mapping's records; it takes no value map "
            "or transformation",
        )
    both = _transforms(reader, f, f"{at}.transform")
    return FieldMapping(
        erp=erp,
        crm=crm,
        direction=direction,
        values=_value_map(reader, f, f"{at}.values", direction),
        default_erp=f.get("default_erp", NO_DEFAULT),
        default_crm=f.get("default_crm", NO_DEFAULT),
        transform_to_crm=_transforms(reader, f, f"{at}.transform_to_crm") or both,
        transform_to_erp=_transforms(reader, f, f"{at}.transform_to_erp") or both,
        lookup=lookup,
        label=label,
    )


def _parse_one_sided(
    reader: _Reader,
    f: AnyMapping[str, Any],
    at: str,
    erp: str | None,
    crm: str | None,
    direction: Direction,
    mapping_direction: Direction,
    label: str | None,
) -> FieldMapping:
    """A constant or an expression (`now`, `today`, `user`) written into one side."""
    for key in _PAIR_ONLY:
        if key in f:
            raise ConfigError(
                reader.path, f"{at}.{key}", "only a field pairing an erp and a crm column has it"
            )
    if ("constant" in f) == ("value" in f):
        raise ConfigError(
            reader.path,
            at,
            "expected both `erp` and `crm` columns, or one of them with `constant` "
            '(a fixed value) or `value` ("now", "today" or "user")',
        )
    side = Side.CRM if crm is not None else Side.ERP
    if not mapping_direction.allows(side.other):
        raise ConfigError(
            reader.path,
            at,
            f"a constant for {side} is never written: the "
            f"mapping's direction is {mapping_direction}",
        )
    on = reader.value(f, f"{at}.on", str, "insert")
    if on not in ("insert", "always"):
        raise ConfigError(reader.path, f"{at}.on", f'expected "insert" or "always", got {on!r}')
    value = f.get("value")
    expression = value if isinstance(value, str) and value in EXPRESSIONS else None
    constant = f.get("constant", None if expression else value)
    return FieldMapping(
        erp=erp,
        crm=crm,
        direction=direction,
        constant=constant,
        expression=expression,
        on=on,
        label=label,
    )


def _transforms(reader: _Reader, f: AnyMapping[str, Any], key: str) -> tuple[Transform, ...]:
    steps = reader.value(f, key, list, [])
    try:
        return tuple(transforms.parse(str(step)) for step in steps)
    except ValueError as exc:
        raise ConfigError(reader.path, key, str(exc)) from None


def _value_map(
    reader: _Reader, f: AnyMapping[str, Any], key: str, direction: Direction
) -> tuple[tuple[Any, Any], ...]:
    """Pairs of ERP value and CRM value; each value a field is copied from must have one
    counterpart, so a bidirectional field needs a one-to-one list."""
    pairs = reader.value(f, key, list, [])
    for i, pair in enumerate(pairs):
        if not isinstance(pair, list) or len(pair) != 2:
            raise ConfigError(
                reader.path,
                f"{key}[{i}]",
                f"expected a pair [ERP value, CRM value], got {pair!r}",
            )
    for index, side in ((0, Side.ERP), (1, Side.CRM)):
        if not direction.allows(side):
            continue
        seen: dict[Any, Any] = {}
        for pair in pairs:
            value = (type(pair[index]), pair[index])
            if value in seen and seen[value] != pair[1 - index]:
                raise ConfigError(
                    reader.path,
                    key,
                    f"the {side} value {pair[index]!r} has two counterparts "
                    f"({seen[value]!r} and {pair[1 - index]!r}); values copied from "
                    f"{side} need exactly one",
                )
            seen[value] = pair[1 - index]
    return tuple((a, b) for a, b in pairs)


def _parse_archive(reader: _Reader, m: AnyMapping[str, Any], key: str) -> Archive | None:
    name = key.rsplit(".", 1)[-1]
    if name not in m:
        return None
    value = m[name]
    if not isinstance(value, dict) or set(value) != {"column", "value"}:
        raise ConfigError(
            reader.path,
            key,
            'expected { column = "active", value = false }: the column to set instead of '
            "deleting, and the value that marks a record archived",
        )
    column = value["column"]
    if not isinstance(column, str) or not column.strip():
        raise ConfigError(reader.path, f"{key}.column", "expected a column name")
    return Archive(column, value["value"])


def _dependency_order(
    reader: _Reader, mappings: tuple[TableMapping, ...]
) -> tuple[TableMapping, ...]:
    """The mappings with every mapping after those its lookups translate keys through
    (configuration order otherwise); a lookup to an unknown mapping or a cycle is an error."""
    by_name = {m.name: m for m in mappings}
    for i, m in enumerate(mappings):
        for j, f in enumerate(m.fields):
            if f.lookup is not None and f.lookup not in by_name:
                known = ", ".join(by_name)
                raise ConfigError(
                    reader.path,
                    f"mapping[{i}].field[{j}].lookup",
                    f"no mapping named {f.lookup!r} (known: {known})",
                )
    ordered: list[TableMapping] = []
    state: dict[str, str] = {}

    def visit(m: TableMapping, path: list[str]) -> None:
        if state.get(m.name) == "done":
            return
        if state.get(m.name) == "visiting":
            cycle = " → ".join([*path[path.index(m.name) :], m.name])
            raise ConfigError(
                reader.path,
                "mapping",
                f"the lookups make a cycle: {cycle}; one of these mappings must not look up "
                "the next",
            )
        state[m.name] = "visiting"
        for name in m.lookups:
            if name != m.name:  # a record's parent of the same mapping is no ordering
                visit(by_name[name], [*path, m.name])
        state[m.name] = "done"
        ordered.append(m)

    for m in mappings:
        visit(m, [])
    return tuple(ordered)


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
