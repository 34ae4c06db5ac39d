"""Configuration files from plain data: the store, both apps, settings and table mappings.

The demo, the tests' worlds and the benchmarks describe their mappings as data — names, tables,
keys, last-modified columns, direction and other options, and fields with their options — and
`config_toml` writes the TOML that `desktop_sync.config.load_config` reads back as described.
Options are passed through as they are (`load_config` checks them); an option that is None is
left out, so "no stamp column" or "no label" is simply None. Tables given as option values
(`erp_filter`, `archive_crm`) are written inline, as a person would write them.

tomlkit writes the text: values are quoted and escaped by a TOML library, and a mapping or a
field may carry a `note` that the file shows as a comment (the demo explains itself that way).
No Qt here: tests and benchmarks use it without a window.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from collections.abc import Mapping as AnyMapping
from dataclasses import dataclass
from typing import Any

import tomlkit
from tomlkit.items import Table

__all__ = ["Field", "Mapping", "app", "config_toml", "field", "mapping"]


@dataclass(frozen=True)
class Field:
    """One `[[mapping.field]]`: an ERP column, a CRM column or both, and its options
    (`direction`, `label`, `constant`, `value`, `on`, `values`, `lookup`, `transform`…)."""

    erp: str | None = None
    crm: str | None = None
    options: AnyMapping[str, Any] = dataclasses.field(default_factory=dict)
    note: str = ""

    def data(self) -> dict[str, Any]:
        return _present({"erp": self.erp, "crm": self.crm, **self.options})


@dataclass(frozen=True)
class Mapping:
    """One `[[mapping]]`: two tables, their keys and last-modified columns, options
    (`direction`, `match_on`, `update_conflict`, `erp_filter`, `archive_crm`…) and fields."""

    name: str
    erp_table: str
    crm_table: str
    erp_key: str
    crm_key: str
    fields: tuple[Field, ...]
    erp_modified: str | Sequence[str] | None = None
    crm_modified: str | Sequence[str] | None = None
    options: AnyMapping[str, Any] = dataclasses.field(default_factory=dict)
    note: str = ""

    def data(self) -> dict[str, Any]:
        return _present(
            {
                "name": self.name,
                "erp_table": self.erp_table,
                "crm_table": self.crm_table,
                "erp_key": self.erp_key,
                "crm_key": self.crm_key,
                "erp_modified": self.erp_modified,
                "crm_modified": self.crm_modified,
                **self.options,
            }
        )


def field(
    erp: str | None = None, crm: str | None = None, *, note: str = "", **options: Any
) -> Field:
    """A field: `field("name", "fullname", label="Name")`, `field(crm="statuscode", constant=1)`."""
    return Field(erp, crm, options, note)


def mapping(
    name: str,
    tables: tuple[str, str],
    keys: tuple[str, str],
    fields: Iterable[Field],
    *,
    modified: tuple[str | Sequence[str] | None, str | Sequence[str] | None] = (None, None),
    note: str = "",
    **options: Any,
) -> Mapping:
    """A table mapping: `tables`, `keys` and `modified` are (ERP, CRM) pairs."""
    return Mapping(
        name,
        tables[0],
        tables[1],
        keys[0],
        keys[1],
        tuple(fields),
        erp_modified=modified[0],
        crm_modified=modified[1],
        options=options,
        note=note,
    )


def app(url: str, name: str | None = None, **options: Any) -> dict[str, Any]:
    """The `[erp]`, `[crm]` or `[store]` table: a database URL, and a display name for an app."""
    return _present({"name": name, "url": url, **options})


def config_toml(
    store: str | AnyMapping[str, Any],
    erp: str | AnyMapping[str, Any],
    crm: str | AnyMapping[str, Any],
    mappings: Iterable[Mapping],
    *,
    settings: AnyMapping[str, Any] | None = None,
    header: str = "",
) -> str:
    """The whole configuration file. `store`, `erp` and `crm` are URLs or `app(...)` tables;
    `header` becomes comment lines at the top."""
    doc = tomlkit.document()
    for line in header.splitlines():
        doc.add(tomlkit.comment(line) if line.strip() else tomlkit.nl())
    if header:
        doc.add(tomlkit.nl())
    if settings:
        doc["settings"] = _table(settings)
    for name, value in (("store", store), ("erp", erp), ("crm", crm)):
        doc[name] = _table(app(value) if isinstance(value, str) else value)
    tables = tomlkit.aot()
    for m in mappings:
        table = _table(m.data(), m.note)
        fields = tomlkit.aot()
        for f in m.fields:
            fields.append(_table(f.data(), f.note).indent(2))
        table["field"] = fields
        tables.append(table)
    doc["mapping"] = tables
    return tomlkit.dumps(doc)


def _table(values: AnyMapping[str, Any], note: str = "") -> Table:
    table = tomlkit.table()
    for line in note.splitlines():
        table.add(tomlkit.comment(line))
    for key, value in _present(values).items():
        table[key] = _inline(value) if isinstance(value, AnyMapping) else value
    return table


def _inline(values: AnyMapping[str, Any]) -> Any:
    table = tomlkit.inline_table()
    table.update(values)
    return table


def _present(values: AnyMapping[str, Any]) -> dict[str, Any]:
    """The options that are given (None: left out)."""
    return {k: v for k, v in values.items() if v is not None}
