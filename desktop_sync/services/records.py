"""One record as a person looks at it: its values, its coupled record, its coupling state."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop_sync.apps import Record
from desktop_sync.domain import Side
from desktop_sync.services import queries
from desktop_sync.services.queries import ErrorRow
from desktop_sync.store.records import CouplingRow, coupling_by_key

if TYPE_CHECKING:
    from desktop_sync.services import Service


@dataclass(frozen=True)
class RecordView:
    mapping: str
    side: Side
    key: str
    record: Record | None  # None: no such record (any more)
    coupling: CouplingRow | None
    other: Record | None  # the coupled record of the other side, when it exists
    errors: tuple[ErrorRow, ...]  # open errors of this record

    @property
    def other_key(self) -> str | None:
        return self.coupling.key(self.side.other) if self.coupling else None


def record_view(service: Service, mapping_name: str, side: Side, key: str) -> RecordView:
    """Read one record, its coupling, the coupled record and its open errors."""
    mapping = service.config.mapping(mapping_name)
    with service.store.session() as session:
        coupling = coupling_by_key(session, mapping.name, side, key)
        errors = tuple(queries.open_errors_of_record(session, mapping.name, side, key))
    records: dict[Side, Record | None] = {}
    for s, k in ((side, key), (side.other, coupling.key(side.other) if coupling else None)):
        records[s] = None
        if k is None:
            continue
        table = service.apps[s].side_table(mapping)
        try:
            table.key_native(k)
        except ValueError:
            continue
        with service.apps[s].connect() as conn:
            rows = table.read_by_keys(conn, [k])
        records[s] = table.to_record(rows[k]) if k in rows else None
    return RecordView(mapping.name, side, key, records[side], coupling, records[side.other], errors)
