"""Saved decisions for conflicts: `[[mapping.rule]]` tables.

A rule settles a *changed in both* whose conflicting fields are exactly its `fields`: each
field's value is taken from its winner (`winner` for all of them, or `winners` per field), and
every other field changed in one app only from that app. Jobs apply rules by themselves and
journal the writes as the rule's doing; rules saved from the window live in the store and are
listed beside these (see `services.similar`).

```toml
  [[mapping.rule]]
  name = "addresses from the ERP"
  fields = ["city", "address"]      # the fields in conflict: ERP or CRM column, or label
  winner = "erp"                    # or winners = { city = "erp", address = "crm" }
```
"""

from __future__ import annotations

from collections.abc import Mapping as AnyMapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from desktop_sync.config.model import ConfigError, FieldMapping
from desktop_sync.domain import Side

if TYPE_CHECKING:
    from desktop_sync.config.reader import Reader


@dataclass(frozen=True)
class Rule:
    """A per-field decision for conflicts on exactly `fields` (field names, see
    `FieldMapping.name`); `winners` maps each of them to the side whose value both apps get."""

    name: str
    fields: frozenset[str]
    winners: dict[str, Side] = field(default_factory=dict, hash=False, compare=False)
    enabled: bool = True
    source: str = "config"  # config | store

    @property
    def fields_text(self) -> str:
        """The fields as the store keeps conflicting fields: sorted, joined by commas."""
        return ",".join(sorted(self.fields))


_RULE_KEYS = {"name", "fields", "winner", "winners"}


def field_named(fields_: tuple[FieldMapping, ...], name: str) -> FieldMapping | None:
    """The paired field known by `name`: its field name, either column, or its label."""
    for f in fields_:
        if not f.is_constant and name in (f.name, f.erp, f.crm, f.label):
            return f
    return None


def parse_rules(
    reader: Reader, m: AnyMapping[str, Any], at: str, fields_: tuple[FieldMapping, ...]
) -> tuple[Rule, ...]:
    tables = m.get("rule", [])
    if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
        raise ConfigError(reader.path, f"{at}.rule", f"expected [[{at}.rule]] tables")
    rules = []
    for i, t in enumerate(tables):
        where = f"{at}.rule[{i}]"
        reader.no_unknown_keys(t, where, _RULE_KEYS)
        name = reader.value(t, f"{where}.name", str)
        names = reader.value(t, f"{where}.fields", list)
        chosen: dict[str, Side] = {}
        resolved = []
        for j, given in enumerate(names):
            f = field_named(fields_, given) if isinstance(given, str) else None
            if f is None:
                raise ConfigError(
                    reader.path,
                    f"{where}.fields[{j}]",
                    f"{given!r} is not a field of this mapping; expected the erp or crm column "
                    "(or the label) of one of its fields",
                )
            resolved.append(f)
        if not resolved:
            raise ConfigError(reader.path, f"{where}.fields", "expected at least one field")
        if ("winner" in t) == ("winners" in t):
            raise ConfigError(
                reader.path,
                where,
                'expected `winner = "erp"` (or "crm") for every field, or `winners = { field = '
                '"erp", … }` per field',
            )
        if "winner" in t:
            side = _side(reader, t["winner"], f"{where}.winner")
            chosen = {f.name: side for f in resolved}
        else:
            per_field = reader.value(t, f"{where}.winners", dict)
            for f in resolved:
                given = next(
                    (per_field[n] for n in (f.name, f.erp, f.crm, f.label) if n in per_field), None
                )
                if given is None:
                    raise ConfigError(
                        reader.path, f"{where}.winners", f"no winner for field {f.name!r}"
                    )
                chosen[f.name] = _side(reader, given, f"{where}.winners.{f.name}")
        rules.append(Rule(name, frozenset(f.name for f in resolved), chosen))
    seen = [r.name for r in rules]
    for i, name in enumerate(seen):
        if seen.index(name) != i:
            raise ConfigError(reader.path, f"{at}.rule[{i}].name", f"{name!r} is used twice")
    return tuple(rules)


def _side(reader: Reader, value: Any, key: str) -> Side:
    if value not in ("erp", "crm"):
        raise ConfigError(reader.path, key, f'expected "erp" or "crm", got {value!r}')
    return Side(value)
