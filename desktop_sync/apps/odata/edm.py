"""A service's `$metadata` (CSDL XML) as entity sets, and each entity set as a SQLAlchemy `Table`.

The engine and `check` know an app's tables by their columns: types, lengths, NOT NULL, keys and
defaults. An OData service says the same in its metadata, so each entity set becomes a `Table`
(never bound to a database) whose columns carry what the properties declare:

- `Edm.String` with `MaxLength` → `String(n)`, `Edm.Int32` → `Integer`, `Edm.Decimal` →
  `Numeric(p, s)`, `Edm.DateTimeOffset` → `DateTime(timezone=True)`, `Edm.Guid` → `Uuid`, …
- `Nullable="false"` → NOT NULL; the key properties → the primary key;
- a property the service fills itself (`Core.Computed`) → a server default.

Dataverse keeps a lookup as a read-only `_parentcustomerid_value` property and one navigation
property per target table (`parentcustomerid_account`) for writing it; such a lookup becomes one
column under its logical name (`parentcustomerid`), see `Lookup`.
"""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    DefaultClause,
    FetchedValue,
    Float,
    Integer,
    LargeBinary,
    MetaData,
    Numeric,
    SmallInteger,
    String,
    Table,
    Text,
    Time,
    Uuid,
    text,
)
from sqlalchemy.types import TypeEngine

EDM = "{http://docs.oasis-open.org/odata/ns/edm}"
COMPUTED_TERMS = ("Core.Computed", "Org.OData.Core.V1.Computed")
LOOKUP_VALUE = re.compile(r"^_(?P<name>.+)_value$")


@dataclass
class Property:
    name: str
    type: str  # Edm.String, Edm.Guid, … (an enum or complex type keeps its qualified name)
    nullable: bool = True
    max_length: int | None = None
    precision: int | None = None
    scale: int | None = None
    computed: bool = False
    default: str | None = None  # `DefaultValue`: what the service fills in when none is given


@dataclass
class Lookup:
    """A Dataverse lookup: read as `value_property`, written by binding a navigation property
    (one per table it may point at: `targets`, entity type → navigation property)."""

    name: str  # the logical name the mapping uses: parentcustomerid
    value_property: str  # _parentcustomerid_value
    targets: dict[str, str] = field(default_factory=dict)


@dataclass
class EntityType:
    name: str  # qualified: Namespace.Name
    key: list[str] = field(default_factory=list)
    properties: dict[str, Property] = field(default_factory=dict)
    base: str | None = None
    # navigation property → (target entity type, the value property it is bound through)
    navigations: dict[str, tuple[str, str | None]] = field(default_factory=dict)


@dataclass
class EntitySet:
    name: str
    type: EntityType
    lookups: dict[str, Lookup] = field(default_factory=dict)

    @property
    def key(self) -> list[str]:
        return self.type.key

    def property(self, column: str) -> Property | None:
        """The property a column name reads (a lookup's logical name reads its value)."""
        if column in self.lookups:
            return self.type.properties.get(self.lookups[column].value_property)
        return self.type.properties.get(column)

    def source(self, column: str) -> str:
        """The property name a column is read from."""
        return self.lookups[column].value_property if column in self.lookups else column


@dataclass
class Metadata:
    entity_sets: dict[str, EntitySet]
    set_of_type: dict[str, str]  # entity type → the entity set holding it


def parse_metadata(data: bytes, wanted: set[str] | None = None) -> Metadata:
    """The entity sets of a `$metadata` document (only `wanted` ones when given: Dataverse's
    metadata describes hundreds of tables)."""
    types: dict[str, EntityType] = {}
    sets: dict[str, str] = {}
    computed: set[str] = set()  # "Type/property" targets annotated as computed
    namespace = ""
    aliases: dict[str, str] = {}
    for event, element in ET.iterparse(io.BytesIO(data), events=("start", "end")):
        tag = element.tag
        if event == "start":
            if tag == f"{EDM}Schema":
                namespace = element.get("Namespace", "")
                if element.get("Alias"):
                    aliases[element.get("Alias", "")] = namespace
            continue
        if tag == f"{EDM}EntityType":
            entity = _entity_type(element, namespace)
            types[entity.name] = entity
            element.clear()
        elif tag == f"{EDM}EntitySet":
            sets[element.get("Name", "")] = element.get("EntityType", "")
        elif tag == f"{EDM}Annotations":
            target = element.get("Target", "")
            if any(a.get("Term") in COMPUTED_TERMS for a in element.iter(f"{EDM}Annotation")):
                computed.add(target)
            element.clear()
    for entity in types.values():
        for prop in entity.properties.values():
            if f"{entity.name}/{prop.name}" in computed:
                prop.computed = True
    resolved = {name: _with_base(types, _unalias(t, aliases)) for name, t in sets.items()}
    entity_sets = {
        name: _entity_set(name, entity, types)
        for name, entity in resolved.items()
        if entity is not None and (wanted is None or name in wanted)
    }
    set_of_type = {_unalias(t, aliases): name for name, t in sets.items()}
    return Metadata(entity_sets, set_of_type)


def _unalias(name: str, aliases: dict[str, str]) -> str:
    prefix, _, rest = name.rpartition(".")
    return f"{aliases.get(prefix, prefix)}.{rest}" if prefix else name


def _entity_type(element: ET.Element, namespace: str) -> EntityType:
    entity = EntityType(f"{namespace}.{element.get('Name')}", base=element.get("BaseType"))
    key = element.find(f"{EDM}Key")
    if key is not None:
        entity.key = [ref.get("Name", "") for ref in key.findall(f"{EDM}PropertyRef")]
    for prop in element.findall(f"{EDM}Property"):
        name = prop.get("Name", "")
        annotations = [a.get("Term") for a in prop.findall(f"{EDM}Annotation")]
        entity.properties[name] = Property(
            name,
            prop.get("Type", "Edm.String"),
            prop.get("Nullable", "true") != "false",
            _int(prop.get("MaxLength")),
            _int(prop.get("Precision")),
            _int(prop.get("Scale")),
            any(t in COMPUTED_TERMS for t in annotations),
            prop.get("DefaultValue"),
        )
    for nav in element.findall(f"{EDM}NavigationProperty"):
        target = nav.get("Type", "")
        if target.startswith("Collection("):
            continue
        constraint = nav.find(f"{EDM}ReferentialConstraint")
        via = constraint.get("Property") if constraint is not None else None
        entity.navigations[nav.get("Name", "")] = (target, via)
    return entity


def _with_base(types: dict[str, EntityType], name: str) -> EntityType | None:
    entity = types.get(name)
    if entity is None or entity.base is None or entity.base not in types:
        return entity
    base = _with_base(types, entity.base)
    assert base is not None
    merged = EntityType(entity.name, entity.key or base.key)
    merged.properties = {**base.properties, **entity.properties}
    merged.navigations = {**base.navigations, **entity.navigations}
    return merged


def _entity_set(name: str, entity: EntityType, types: dict[str, EntityType]) -> EntitySet:
    found = EntitySet(name, entity)
    for prop in entity.properties:
        match = LOOKUP_VALUE.match(prop)
        if match and match.group("name") not in entity.properties:
            found.lookups[match.group("name")] = Lookup(match.group("name"), prop)
    for nav, (target, via) in entity.navigations.items():
        match = LOOKUP_VALUE.match(via or "")
        if match and match.group("name") in found.lookups:
            found.lookups[match.group("name")].targets[target] = nav
    return found


def _int(text: str | None) -> int | None:
    return int(text) if text and text.isdigit() else None


# -- entity sets as tables ---------------------------------------------------------------


def sql_type(prop: Property) -> TypeEngine:
    kind = prop.type
    if kind == "Edm.String":
        return String(prop.max_length) if prop.max_length else Text()
    simple: dict[str, TypeEngine] = {
        "Edm.Int32": Integer(),
        "Edm.Int16": SmallInteger(),
        "Edm.Byte": SmallInteger(),
        "Edm.SByte": SmallInteger(),
        "Edm.Int64": BigInteger(),
        "Edm.Boolean": Boolean(),
        "Edm.Double": Float(),
        "Edm.Single": Float(),
        "Edm.DateTimeOffset": DateTime(timezone=True),
        "Edm.Date": Date(),
        "Edm.TimeOfDay": Time(),
        "Edm.Guid": Uuid(as_uuid=False),
        "Edm.Binary": LargeBinary(),
    }
    if kind == "Edm.Decimal":
        return Numeric(prop.precision, prop.scale)
    return simple.get(kind, String())  # enumerations are written by their member names


def as_table(entity_set: EntitySet, metadata: MetaData) -> Table:
    """The entity set as a Table of `metadata` (see the module's docstring)."""
    if entity_set.name in metadata.tables:
        return metadata.tables[entity_set.name]
    columns = []
    for prop in entity_set.type.properties.values():
        columns.append(_column(prop.name, prop, prop.name in entity_set.key))
    for lookup in entity_set.lookups.values():
        prop = entity_set.type.properties[lookup.value_property]
        columns.append(_column(lookup.name, prop, False))
    return Table(entity_set.name, metadata, *columns)


def _column(name: str, prop: Property, key: bool) -> Column:
    default: Any = FetchedValue() if prop.computed else None
    if prop.default is not None:
        default = DefaultClause(text(_sql_literal(prop)))
    return Column(
        name,
        sql_type(prop),
        primary_key=key,
        nullable=prop.nullable and not key,
        server_default=default,
        autoincrement=False,
    )


def _sql_literal(prop: Property) -> str:
    """A `DefaultValue` as the text of a database default (`check` reads it like one)."""
    value = prop.default or ""
    if prop.type == "Edm.String":
        return "'" + value.replace("'", "''") + "'"
    return value
