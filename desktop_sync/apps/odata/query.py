"""`$filter` expressions and rows of one entity set, as the engine reads them.

A row is a tuple like the database's: the key, the stamp (a `ServiceStamp` carrying the ETag)
and the mapped values, with `_mapping` naming them (see `SideTable.to_record`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from desktop_sync.apps.odata import codec
from desktop_sync.apps.odata.edm import EntitySet
from desktop_sync.apps.odata.stamps import ServiceStamp

MAX_FILTER = 3000  # characters of one `$filter`, well under every service's URL limit
TOMBSTONE = "@removed"  # the value of a record the service reported deleted (change tracking)


class ServiceRow(tuple):
    """One record as read: (key, stamp, *values), with `_mapping` like a database row's."""

    names: tuple[str, ...]

    def __new__(cls, values: Iterable[Any], names: tuple[str, ...]) -> ServiceRow:
        row = super().__new__(cls, values)
        row.names = names
        return row

    @property
    def _mapping(self) -> dict[str, Any]:
        return dict(zip(self.names, self, strict=False))


class Rows:
    """How the rows and filters of one entity set are made."""

    def __init__(
        self,
        entity: EntitySet,
        key: str,
        modified: str | None,
        columns: Sequence[str],
        names: tuple[str, ...],
    ) -> None:
        self.entity, self.key, self.modified = entity, key, modified
        self.columns = list(columns)  # the mapped columns, by the names the mapping uses
        self.names = names
        self.key_kind = entity.type.properties[entity.source(key)].type
        sources = [entity.source(c) for c in [key, *([modified] if modified else []), *columns]]
        self.select = ",".join(dict.fromkeys(sources))

    def kind(self, column: str) -> str:
        prop = self.entity.property(column)
        return prop.type if prop else "Edm.String"

    def row(self, item: dict[str, Any]) -> ServiceRow:
        """A record of a JSON answer as a row."""
        entity = self.entity
        key = codec.from_json(entity.property(self.key), item.get(entity.source(self.key)))
        stamp_text = item.get(self.modified) if self.modified else None
        etag = item.get("@odata.etag")
        stamp = ServiceStamp(stamp_text or "", etag) if (stamp_text or etag) else None
        values = [
            codec.from_json(entity.property(c), item.get(entity.source(c))) for c in self.columns
        ]
        return ServiceRow([key, stamp, *values], self.names)

    def tombstone(self, key: Any) -> ServiceRow:
        """A record the service reported deleted: its key, and `TOMBSTONE` in every value."""
        key = codec.from_json(self.entity.property(self.key), key)
        return ServiceRow([key, None, *([TOMBSTONE] * len(self.columns))], self.names)

    # -- filters -----------------------------------------------------------------------

    def equals(self, column: str, value: Any) -> str:
        prop = self.entity.source(column)
        return f"{prop} eq {codec.literal(self.kind(column), value)}"

    def one_of(self, column: str, values: Sequence[Any]) -> str:
        return "(" + " or ".join(self.equals(column, v) for v in values) + ")"

    def one_of_parts(self, column: str, values: Sequence[Any]) -> Iterator[str]:
        """`one_of` in pieces short enough for one URL each."""
        part: list[Any] = []
        length = 0
        for value in values:
            size = len(self.equals(column, value)) + 4
            if part and length + size > MAX_FILTER:
                yield self.one_of(column, part)
                part, length = [], 0
            part.append(value)
            length += size
        if part:
            yield self.one_of(column, part)

    def mapping_filter(self, wanted: dict[str, Any]) -> list[str]:
        """The mapping's `erp_filter`/`crm_filter` as `$filter` terms."""
        terms = []
        for column, value in wanted.items():
            values = value if isinstance(value, list) else [value]
            terms.append(self.one_of(column, values))
        return terms

    def not_value(self, column: str, value: Any) -> str:
        """The column does not hold `value` (NULL counts as not holding it)."""
        prop = self.entity.source(column)
        return f"({prop} ne {codec.literal(self.kind(column), value)} or {prop} eq null)"


def all_of(terms: Sequence[str]) -> str | None:
    terms = [t for t in terms if t]
    if not terms:
        return None
    return terms[0] if len(terms) == 1 else " and ".join(f"({t})" for t in terms)
