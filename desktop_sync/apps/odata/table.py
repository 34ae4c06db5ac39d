"""One side of one table mapping on an OData service: what `SideTable` is for a database.

Reads follow the engine's contract (`apps/connector.py`):

- **changed since a moment**: `modified ge <watermark − look-back>`, ordered by stamp and key,
  a batch at a time. Batches continue by the stamp (`modified gt <last stamp>`), never by a
  next link held across batches: some services page by position (`$skiptoken=1000`), and a
  record edited between two batches moves to the end, which would skip another one. A batch
  ends at a change of stamp, so the next one starts after the last stamp whole; only more
  records than a batch with one stamp continue by key within it.
- **Dataverse change tracking** where a table has it on (`delta.py`): changes and deletions since
  the last delta link, deletions as records that count as deleted at once.
- **by keys, by values, every key** (Find Deleted): `$filter` with `or` in URL-sized pieces, or
  every key paged by next link with `$select` of the key alone.
"""

from __future__ import annotations

import contextlib
import time
import uuid
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import Column, Table
from sqlalchemy import types as sqltypes

from desktop_sync.apps.odata import codec
from desktop_sync.apps.odata.delta import DeltaReader
from desktop_sync.apps.odata.edm import EntitySet
from desktop_sync.apps.odata.http import ServiceError
from desktop_sync.apps.odata.query import TOMBSTONE, Rows, ServiceRow, all_of
from desktop_sync.apps.odata.stamps import ServiceStamps
from desktop_sync.apps.odata.writes import ServiceWrites
from desktop_sync.apps.record import STAMP, AppError, BadRow, Record
from desktop_sync.apps.values import same
from desktop_sync.config import TableMapping

if TYPE_CHECKING:
    from desktop_sync.apps.odata.connection import ServiceConnection, ServiceSession

SNAPSHOT_FROM = 300  # more keys than this are checked against every key of the entity set
SNAPSHOT_AGE = 120.0  # seconds a set of every key is used before it is read again


class ServiceTable(ServiceWrites):
    """One side of one table mapping on an OData service (see the module's docstring)."""

    def __init__(
        self, app: ServiceConnection, mapping: TableMapping, entity: EntitySet, table: Table
    ) -> None:
        side = app.side
        self.app, self.side, self.mapping, self.table, self.entity = (
            app,
            side,
            mapping,
            table,
            entity,
        )
        self.flavor = app.flavor
        self.key: Column[Any] = table.c[mapping.key(side)]
        self.field_columns = {f.name: f.paired(side) for f in mapping.value_fields}
        self.filter = mapping.filter(side)
        self.archive = mapping.archive(side)
        others = [*self.field_columns.values(), *self.filter]
        others += [self.archive.column] if self.archive else []
        value_names = [c for c in dict.fromkeys(others) if c != self.key.name and c is not None]
        self.value_columns = [table.c[c] for c in value_names]
        modified = mapping.modified_columns(side)
        self.stamps = ServiceStamps(  # type: ignore[assignment]  # the same questions as Stamps
            modified[:1], list(dict.fromkeys(self.field_columns.values()))
        )
        self.modified_name = modified[0] if modified else None
        self._names = (self.key.name, STAMP, *value_names)
        self.rows = Rows(entity, self.key.name, self.modified_name, value_names, self._names)
        kind = self.rows.key_kind
        self.key_type: type = (
            int if kind in codec.INTEGERS else uuid.UUID if kind == "Edm.Guid" else str
        )
        prop = entity.type.properties[entity.source(self.key.name)]
        service_keys = self.flavor.service_keys
        self.identity_key = prop.computed if service_keys is None else service_keys
        self.key_is_unique = True
        self.check_text = False
        self._empties = {
            c.name: "" if isinstance(c.type, sqltypes.String) else None
            for c in table.c
            if isinstance(c.type, sqltypes.String) != bool(c.nullable)
            or not isinstance(c.type, sqltypes.String)
        }
        written = {f.column(side) for f in mapping.fields if f.column(side)} | {self.key.name}
        self._lengths = {
            c.name: c.type.length
            for c in table.c
            if c.name in written and isinstance(c.type, sqltypes.String) and c.type.length
        }
        self.delta = (
            DeltaReader(self) if self.flavor.delta and app.service.change_tracking else None
        )
        self._tie: tuple[str, str] | None = None  # a batch that ended inside one stamp
        self._snapshot: tuple[float, set[str]] | None = None
        self.init_writes()

    @property
    def path(self) -> str:
        """The entity set's URL, relative to the service root."""
        return self.app.service.prefix + self.entity.name

    @property
    def display(self) -> str:
        return f"{self.app.name} table {self.table.name!r}"

    def name_of(self, key: str) -> str:
        return f"{self.app.name} record {key} (table {self.table.name!r})"

    @property
    def stamp_column(self) -> str | None:
        return self.modified_name

    # -- keys --------------------------------------------------------------------------

    def key_text(self, value: Any) -> str:
        return str(value).lower() if self.key_type is uuid.UUID else str(value)

    def key_native(self, text: str) -> Any:
        if self.key_type is int:
            return int(text)
        if self.key_type is uuid.UUID:
            return str(uuid.UUID(text))
        return text

    def new_key(self) -> Any:
        """A key for a record the engine inserts; None when the service makes it."""
        if self.identity_key:
            return None
        if self.key_type is uuid.UUID or self.key_type is str:
            return str(uuid.uuid4())
        raise AppError(
            f"{self.display}: cannot create a key for a new record: {self.key.name!r} is a "
            "number the service does not assign"
        )

    # -- records -------------------------------------------------------------------------

    @property
    def columns(self) -> list[Any]:
        return [self.key, *self.value_columns]

    @property
    def text_columns(self) -> list[Column[Any]]:
        return [c for c in [self.key, *self.value_columns] if isinstance(c.type, sqltypes.String)]

    def is_archived(self, record: Record) -> bool:
        """Archived (see `TableMapping.archive`), or reported deleted by change tracking."""
        if record.modified == "!deleted":
            return True
        return self.archive is not None and same(
            record.values.get(self.archive.column), self.archive.value
        )

    def to_record(self, row: Any) -> Record:
        key, raw = row[0], row[1]
        values = dict(zip(self._names, row, strict=True))
        if key is None:
            raise BadRow(
                f"A {self.display} record has no {self.key.name!r}, so it cannot be synchronized"
            )
        if raw is None and row[2:] and row[2] == TOMBSTONE:
            return Record(self.key_text(key), "!deleted", None, dict.fromkeys(values))
        record = Record(self.key_text(key), self.stamps.token(raw, values), raw, values)
        if raw is not None and raw.etag:
            self.remember_etag(record.key, raw.etag)
        return record

    # -- reads ---------------------------------------------------------------------------

    def fetch(
        self,
        conn: ServiceSession,
        terms: Sequence[str],
        limit: int | None,
        order: str | None = None,
        select: str | None = None,
    ) -> list[ServiceRow]:
        """Rows matching every term, in `order`, at most `limit` (pages followed at once)."""
        page = min(limit or self.page_size, self.page_size)
        params = {"$select": select or self.rows.select}
        where = all_of(list(terms))
        if where:
            params["$filter"] = where
        if order:
            params["$orderby"] = order
        if limit is not None and limit <= self.flavor.page_limit:
            params["$top"] = str(limit)
        found: list[ServiceRow] = []
        headers = {"Prefer": f"odata.maxpagesize={page}"}
        for payload in conn.http.pages(self.path, params, headers):
            found += [self.rows.row(item) for item in payload.get("value", [])]
            if limit is not None and len(found) >= limit:
                return found[:limit]
        return found

    @property
    def page_size(self) -> int:
        return min(self.app.service.max_page or self.flavor.page_limit, self.flavor.page_limit)

    def _base(self, with_filter: bool, live: bool) -> list[str]:
        terms = self.rows.mapping_filter(self.filter) if with_filter else []
        if live and self.archive is not None:
            terms.append(self.rows.not_value(self.archive.column, self.archive.value))
        return terms

    def read_changed(
        self,
        conn: ServiceSession,
        bound: Any,
        after: tuple[Any, Any] | None,
        limit: int,
        exclude: Sequence[Any] = (),
    ) -> list[Any]:
        """Records within the mapping's filter stamped at or after `bound`, in (stamp, key)
        order, after the `(stamp, key)` pair `after` (see the module's docstring)."""
        if self.delta is not None and self.delta.available:
            rows = self.delta.read(conn, after is None, limit)
            if rows is not None:
                return rows
        stamp = self.entity.source(self.modified_name or "")
        terms = [*self._base(True, False), f"{stamp} ne null"]
        if bound is not None:
            terms.append(f"{stamp} ge {bound}")
        if after is not None:
            last = str(after[0])
            if self._tie is not None and self._tie == (last, self.key_text(after[1])):
                key = codec.literal(self.rows.key_kind, after[1])
                terms.append(
                    f"({stamp} eq {last} and {self.entity.source(self.key.name)} gt {key}) "
                    f"or {stamp} gt {last}"
                )
            else:
                terms.append(f"{stamp} gt {last}")
        order = f"{stamp},{self.entity.source(self.key.name)}"
        rows = self.fetch(conn, terms, limit, order)
        self._tie = None
        if len(rows) < limit:
            return rows
        last_stamp = str(rows[-1][1])
        whole = [r for r in rows if str(r[1]) != last_stamp]
        if whole:
            return whole  # the next batch starts after the last whole stamp
        self._tie = (last_stamp, self.key_text(rows[-1][0]))
        return rows

    def read_unstamped(self, conn: ServiceSession, after: Any, limit: int) -> list[Any]:
        """Records without a last-modified value (all, without such a property), by key."""
        if self.stamps.present and self.flavor.always_stamped:
            return []
        terms = self._base(True, False)
        if self.stamps.present:
            terms.append(f"{self.entity.source(self.modified_name or '')} eq null")
        key = self.entity.source(self.key.name)
        if after is not None:
            terms.append(f"{key} gt {codec.literal(self.rows.key_kind, after)}")
        return self.fetch(conn, terms, limit, key)

    def read_by_keys(  # type: ignore[override]  # each table gets its own app's session
        self,
        conn: ServiceSession,
        keys: Iterable[str],
        with_filter: bool = False,
        live: bool = False,
    ) -> dict[str, Any]:
        natives = [self.key_native(k) for k in dict.fromkeys(keys)]
        found: dict[str, Any] = {}
        for part in self.rows.one_of_parts(self.key.name, natives):
            for row in self.fetch(conn, [*self._base(with_filter, live), part], None):
                found[self.key_text(row[0])] = row
        return found

    def doubled_keys(self, conn: ServiceSession, keys: Iterable[str]) -> dict[str, int]:
        return {}  # a key names one record of an entity set

    def existing_keys(self, conn: ServiceSession, keys: Iterable[str]) -> set[str]:
        """Which of these keys name a record that is there (and not archived). Many keys are
        compared with the set of every key (read `$select`ing the key alone, a page at a
        time); a key missing there is looked up once more by itself before it counts as gone,
        since a record deleted while the pages were read may shift a page by position."""
        wanted = list(dict.fromkeys(keys))
        if len(wanted) <= SNAPSHOT_FROM:
            return set(self.read_by_keys(conn, wanted, live=True))
        every = self._every_key(conn)
        missing = [k for k in wanted if k not in every]
        found = set(wanted) - set(missing)
        if missing:
            found |= set(self.read_by_keys(conn, missing, live=True))
        return found

    def _every_key(self, conn: ServiceSession) -> set[str]:
        if self._snapshot is not None and time.monotonic() - self._snapshot[0] < SNAPSHOT_AGE:
            return self._snapshot[1]
        key = self.entity.source(self.key.name)
        params = {"$select": key}
        where = all_of(self._base(False, True))
        if where:
            params["$filter"] = where
        headers = {"Prefer": f"odata.maxpagesize={self.page_size}"}
        prop = self.entity.property(self.key.name)
        every = {
            self.key_text(codec.from_json(prop, item.get(key)))
            for payload in conn.http.pages(self.path, params, headers)
            for item in payload.get("value", [])
        }
        self._snapshot = (time.monotonic(), every)
        return every

    def forget_keys(self) -> None:
        """Writes change which keys exist: the next comparison reads them again."""
        self._snapshot = None

    def read_by_values(self, conn: ServiceSession, column: str, values: Iterable[Any]) -> list[Any]:
        wanted = [v for v in dict.fromkeys(values) if v is not None]
        rows: list[Any] = []
        for part in self.rows.one_of_parts(column, wanted):
            rows += self.fetch(conn, [part], None)
        return rows

    def read_stamped(self, conn: ServiceSession, stamp: Any) -> list[Any]:
        return []  # the service stamps every write itself: no stamp is the engine's own

    def search(self, conn: ServiceSession, text: str, limit: int = 50) -> list[Any]:
        terms = []
        if text:
            quoted = codec.literal("Edm.String", text)
            terms = [f"contains({self.entity.source(c.name)},{quoted})" for c in self.text_columns]
            with contextlib.suppress(ValueError):
                terms.append(self.rows.equals(self.key.name, self.key_native(text)))
        where = " or ".join(terms)
        return self.fetch(conn, [where] if where else [], limit, self.entity.source(self.key.name))

    def count_changed(self, conn: ServiceSession, bound: Any, exclude: Sequence[Any] = ()) -> int:
        """How many records the pass will read (0 when the service cannot count them)."""
        if self.delta is not None and self.delta.available:
            return 0
        terms = self._base(True, False)
        if self.stamps.present and bound is not None:
            terms.append(f"{self.entity.source(self.modified_name or '')} ge {bound}")
        params = {}
        where = all_of(terms)
        if where:
            params["$filter"] = where
        try:
            response = conn.http.request("GET", f"{self.path}/$count", params=params)
            return int(response.text.strip().lstrip("\ufeff"))
        except (ServiceError, ValueError):
            return 0
