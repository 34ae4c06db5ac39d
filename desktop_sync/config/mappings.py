"""Reading the `[[mapping]]` tables: keys, stamps, policies, fields and their translations."""

from __future__ import annotations

from collections.abc import Mapping as AnyMapping
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from desktop_sync import transforms
from desktop_sync.config.model import (
    EXPRESSIONS,
    NO_DEFAULT,
    Archive,
    ConfigError,
    FieldMapping,
    TableMapping,
)
from desktop_sync.config.rules import parse_rules
from desktop_sync.domain import DeletionConflict, Direction, Side, UpdateConflict
from desktop_sync.transforms import Transform

if TYPE_CHECKING:
    from desktop_sync.config.reader import Reader


def parse_mapping(
    reader: Reader, m: AnyMapping[str, Any], at: str, lookback: timedelta
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
        "rule",
    }
    name = m.get("name")
    section = f"[[mapping]] {name!r}" if isinstance(name, str) else "[[mapping]]"
    reader.no_unknown_keys(m, at, known, section)
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
        lookback=parse_duration(reader, m, f"{at}.lookback", lookback),
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
        rules=parse_rules(reader, m, at, fields_),
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


def _parse_modified(reader: Reader, m: AnyMapping[str, Any], key: str) -> tuple[str, ...]:
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


_FIELD_KEYS = {
    "erp", "crm", "direction", "label", "constant", "value", "on", "values", "default_erp",
    "default_crm", "transform", "transform_to_erp", "transform_to_crm", "lookup",
}  # fmt: skip


_PAIR_ONLY: tuple[str, ...] = ("values", "default_erp", "default_crm", "lookup")
_PAIR_ONLY += ("transform", "transform_to_erp", "transform_to_crm")


def _parse_field(
    reader: Reader, f: AnyMapping[str, Any], at: str, mapping_direction: Direction
) -> FieldMapping:
    reader.no_unknown_keys(f, at, _FIELD_KEYS, "[[mapping.field]]")
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
    reader: Reader,
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


def _transforms(reader: Reader, f: AnyMapping[str, Any], key: str) -> tuple[Transform, ...]:
    steps = reader.value(f, key, list, [])
    try:
        return tuple(transforms.parse(str(step)) for step in steps)
    except ValueError as exc:
        raise ConfigError(reader.path, key, str(exc)) from None


def _value_map(
    reader: Reader, f: AnyMapping[str, Any], key: str, direction: Direction
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


def _parse_archive(reader: Reader, m: AnyMapping[str, Any], key: str) -> Archive | None:
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


def dependency_order(
    reader: Reader, mappings: tuple[TableMapping, ...]
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


def parse_duration(
    reader: Reader, data: AnyMapping[str, Any], key: str, default: timedelta
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
