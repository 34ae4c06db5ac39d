"""One record as a person looks at it: the record, its coupling, the coupled record of the
other app and the open errors of the record (the record window reads this)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from desktop_sync.apps import Record, SideTable
from desktop_sync.domain import Side
from desktop_sync.services import queries
from desktop_sync.services.queries import ErrorRow
from desktop_sync.store.models import Coupling
from desktop_sync.store.records import LAST_SYNCED, CouplingRow, coupling_by_key

if TYPE_CHECKING:
    from desktop_sync.services.service import Service


@dataclass(frozen=True)
class RecordView:
    mapping: str
    side: Side
    key: str
    record: Record | None  # None: no such record (any more)
    coupling: CouplingRow | None
    other: Record | None  # the coupled record of the other side, when it exists
    errors: tuple[ErrorRow, ...]  # open errors of this record, newest first
    synced_at: datetime | None = None  # when the coupling was last synchronized

    @property
    def other_key(self) -> str | None:
        return self.coupling.key(self.side.other) if self.coupling else None

    @property
    def skipped(self) -> bool:
        return bool(self.coupling and self.coupling.skipped)

    @property
    def other_gone(self) -> bool:
        """Coupled to a record of the other side that no longer exists."""
        return self.other_key is not None and self.other is None


def record_view(service: Service, mapping_name: str, side: Side, key: str) -> RecordView:
    """Read one record, its coupling, the coupled record and its open errors."""
    mapping = service.config.mapping(mapping_name)
    with service.store.session() as session:
        coupling = coupling_by_key(session, mapping.name, side, key)
        errors = tuple(queries.open_errors_of_record(session, mapping.name, side, key))
        synced_at = (
            session.scalar(select(LAST_SYNCED).where(Coupling.id == coupling.id))
            if coupling
            else None
        )
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
        records[s] = _record(table, rows[k]) if k in rows else None
    return RecordView(
        mapping.name, side, key, records[side], coupling, records[side.other], errors, synced_at
    )


def _record(table: SideTable, row: Any) -> Record:
    """A row as a Record, also when its last-modified value is not a timestamp (shown as is)."""
    try:
        return table.to_record(row)
    except ValueError:
        return Record(table.key_text(row[0]), "", row[1], dict(row._mapping))
