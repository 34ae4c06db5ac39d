"""How a person knows an error's records: the table, the key and the first mapped text value (the
name, mostly) — "customer C10810 “Bygg AS”" — so that a question names what it acts on; and the
records whose mapped text values match a search, so that the errors grid finds "Bygg" too.

Both read the apps a bounded number of rows at a time (by key, or one `LIKE` per text column in
SQL), never a whole table.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from desktop_sync.domain import Side
from desktop_sync.services.queries import ErrorRow

if TYPE_CHECKING:
    from desktop_sync.services.service import Service

NAMED_AT_MOST = 20  # a question lists a few records by name, then "and 12 more"
MATCHES_PER_TABLE = 200  # records per mapping and side that a search of the errors grid takes


@dataclass(frozen=True)
class RecordName:
    """One record as a person knows it."""

    side: Side
    app: str  # the app's display name
    table: str
    key: str
    title: str  # the first mapped text value that is not empty; "" when none
    exists: bool

    def __str__(self) -> str:
        named = f"{self.table} {self.key}"
        return f"{named} “{self.title}”" if self.title else named


@dataclass(frozen=True)
class ErrorNames:
    """An error's records on both sides (None where the error has no key for a side)."""

    error_id: int
    erp: RecordName | None
    crm: RecordName | None

    def on(self, side: Side) -> RecordName | None:
        return self.erp if side is Side.ERP else self.crm


def title_of(values: dict[str, Any], columns: Sequence[str]) -> str:
    for column in columns:
        value = values.get(column)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return ""


def error_names(service: Service, errors: Sequence[ErrorRow]) -> dict[int, ErrorNames]:
    """The records of (at most `NAMED_AT_MOST` of) these errors, named; a record that no longer
    exists takes its title from its coupled record."""
    errors = list(errors)[:NAMED_AT_MOST]
    titles: dict[tuple[str, Side, str], str] = {}
    for mapping_name in dict.fromkeys(e.mapping for e in errors):
        mapping = service.config.mapping(mapping_name)
        for side in Side:
            keys = [
                k
                for e in errors
                if e.mapping == mapping_name and (k := e.key(side)) and _exists(e, side)
            ]
            if not keys:
                continue
            table = service.apps[side].side_table(mapping)
            columns = [f.paired(side) for f in mapping.value_fields]
            with service.apps[side].connect() as conn:
                rows = table.read_by_keys(conn, keys)
            for key, row in rows.items():
                titles[(mapping_name, side, key)] = title_of(
                    table.to_record(row).values,
                    columns,
                )
    found = {}
    for e in errors:
        mapping = service.config.mapping(e.mapping)
        both = {s: titles.get((e.mapping, s, e.key(s) or ""), "") for s in Side}
        names = {
            s: RecordName(
                s,
                service.side_name(s),
                mapping.table(s),
                e.key(s) or "",
                both[s] or both[s.other],
                _exists(e, s),
            )
            if e.key(s)
            else None
            for s in Side
        }
        found[e.id] = ErrorNames(e.id, names[Side.ERP], names[Side.CRM])
    return found


def _exists(error: ErrorRow, side: Side) -> bool:
    return error.erp_exists if side is Side.ERP else error.crm_exists


def matching_keys(service: Service, text: str) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """Per mapping and side, the keys of records whose key or a mapped text value contains
    `text` (at most `MATCHES_PER_TABLE` each): for `ErrorFilter.records`."""
    text = text.strip()
    if not text:
        return ()
    found = []
    for mapping in service.config.mappings:
        for side in Side:
            records = service.search_records(mapping.name, side, text, MATCHES_PER_TABLE)
            if records:
                found.append((mapping.name, side.value, tuple(r.key for r in records)))
    return tuple(found)
