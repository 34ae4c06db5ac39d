"""Writing records of one side of a mapping through an OData service. A part of `ServiceTable`.

- **Never blindly.** Every update and delete carries the ETag read with the record (`If-Match`);
  only where none was read, `If-Match: *` (the record must still be there, so a Dataverse PATCH
  never re-creates a deleted record). A 412 (Business Central: `Request_EntityChanged`, 409 or
  412) means the record changed since it was read: the update does not land, and the engine
  looks at the record again next time (rule 6). A delete that meets it fails that record, so a
  person sees it instead of losing the edit.
- **In `$batch` requests** of at most the service's limit, each answered alone. When some records
  of a batch are rejected, the batch raises `Rejected`; the engine then writes the batch's
  records one by one to tell each its fate (`engine/batch.py`), and those calls are answered
  from what the batch already did, so nothing is written twice and no request is repeated.
- **What the service stored** comes back with each answer (its ETag), so the engine's read-back
  of its own writes (`tokens_of`) costs no request.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from desktop_sync.apps.faults import BUSY, TransientFault
from desktop_sync.apps.odata import batch, codec
from desktop_sync.apps.odata.batch import Answer, Op
from desktop_sync.apps.odata.http import ServiceError
from desktop_sync.apps.record import Record
from desktop_sync.apps.table_writes import TableWrites

if TYPE_CHECKING:
    from desktop_sync.apps.odata.connection import ServiceConnection, ServiceSession
    from desktop_sync.apps.odata.edm import EntitySet
    from desktop_sync.apps.odata.flavors import Flavor
    from desktop_sync.apps.odata.query import Rows
    from desktop_sync.config import TableMapping

PASSING = (429, 502, 503, 504)  # an answer inside a batch that is no record's fault
REMEMBERED_ETAGS = 200_000


class Rejected(ValueError):
    """The service refused a record's write; the message is the service's own."""


class ServiceWrites(TableWrites):
    """The writes of a `ServiceTable` (see the module's docstring)."""

    if TYPE_CHECKING:  # what `ServiceTable` provides
        app: ServiceConnection
        mapping: TableMapping
        entity: EntitySet
        flavor: Flavor
        rows: Rows

        @property
        def path(self) -> str: ...

        key_type: type

        def read_by_keys(
            self, conn: Any, keys: Iterable[str], with_filter: bool = False, live: bool = False
        ) -> dict[str, Any]: ...
        def to_record(self, row: Any) -> Record: ...
        def forget_keys(self) -> None: ...

    def init_writes(self) -> None:
        self._etags: dict[str, str] = {}  # the ETag of each record as last read
        self._fresh: dict[str, str] = {}  # tokens the service gave back for the engine's writes
        self._outcomes: dict[tuple[str, ...], tuple[str, Any]] = {}  # see `_decided`

    def remember_etag(self, key: str, etag: str) -> None:
        if len(self._etags) > REMEMBERED_ETAGS:
            self._etags.clear()
        self._etags[key] = etag

    # -- what is sent ----------------------------------------------------------------------

    def body(self, values: dict[str, Any]) -> dict[str, Any]:
        """Column values as the JSON the service takes (Dataverse lookups as binds)."""
        found: dict[str, Any] = {}
        for column, value in values.items():
            lookup = self.entity.lookups.get(column)
            if lookup is not None and self.flavor.binds_lookups:
                target_set, navigation = self.app.lookup_target(self.mapping, column, lookup)
                found[f"{navigation}@odata.bind"] = (
                    None if value is None else f"/{target_set}({codec.literal('Edm.Guid', value)})"
                )
                continue
            prop = self.entity.property(column)
            found[self.entity.source(column)] = codec.to_json(prop.type if prop else "", value)
        return found

    def entity_path(self, key: str) -> str:
        return f"{self.path}({codec.key_path(self.rows.key_kind, self.key_native(key))})"

    def _send(self, conn: ServiceSession, ops: list[Op]) -> list[Answer]:
        """Each op answered: one request alone, more in `$batch` requests of the service's size."""
        if len(ops) == 1:
            op = ops[0]
            try:
                response = conn.http.request(op.method, op.path, body=op.body, headers=op.headers)
            except ServiceError as exc:
                return [
                    Answer(
                        exc.status,
                        {},
                        {"error": {"code": exc.code, "message": exc.message, "target": exc.target}},
                    )
                ]
            body = codec.loads(response.content) if response.content else None
            return [
                Answer(
                    response.status_code, {k.lower(): v for k, v in response.headers.items()}, body
                )
            ]
        answers: list[Answer] = []
        size = self.flavor.batch_limit
        for start in range(0, len(ops), size):
            answers += batch.send(conn.http, ops[start : start + size], self.flavor.multipart_batch)
        return answers

    def _passing(self, answers: Sequence[Answer]) -> None:
        for answer in answers:
            if answer.status in PASSING:
                raise TransientFault(
                    self.app.name, f"a write in a batch was answered {answer.status}", BUSY
                )

    def _decided(self, what: tuple[str, ...]) -> tuple[str, Any] | None:
        """The fate of a write the last rejected batch already made (see the docstring)."""
        return self._outcomes.pop(what, None)

    def _finish(
        self, decided: Sequence[tuple[tuple[str, ...], tuple[str, Any]]], remembered: bool = False
    ) -> None:
        """Raise `Rejected` when a record was refused, keeping every fate of what was sent for
        the calls that follow (see `_decided`)."""
        rejected = [fate for _, fate in decided if fate[0] == "rejected"]
        if rejected:
            if not remembered:
                self._outcomes = dict(decided)
            raise Rejected(rejected[0][1])

    def _message(self, answer: Answer) -> str:
        return str(answer.error())

    # -- writes ----------------------------------------------------------------------------

    def insert_rows(  # type: ignore[override]  # each table gets its own app's session
        self, conn: ServiceSession, rows: list[dict[str, Any]]
    ) -> list[str]:
        """Insert records and return their keys (the service's, where it makes them)."""
        if not rows:
            return []
        self.forget_keys()
        whats = [("insert", codec.dumps(self.body(row)).decode()) for row in rows]
        if len(rows) == 1 and (fate := self._decided(whats[0])) is not None:
            self._finish([(whats[0], fate)], remembered=True)
            return [fate[1]]
        self._outcomes = {}
        headers = {"Prefer": "return=representation"}
        ops = [Op("POST", self.path, self.body(row), dict(headers)) for row in rows]
        answers = self._send(conn, ops)
        self._passing(answers)
        keys: list[str] = []
        decided = []
        for row, what, answer in zip(rows, whats, answers, strict=True):
            if answer.ok:
                key = self._inserted_key(row, answer)
                keys.append(key)
                if answer.etag:
                    self._fresh[key] = answer.etag
                decided.append((what, ("ok", key)))
            else:
                keys.append("")
                decided.append((what, ("rejected", self._message(answer))))
        self._finish(decided)
        return keys

    def _inserted_key(self, row: dict[str, Any], answer: Answer) -> str:
        if row.get(self.key.name) is not None:
            return self.key_text(row[self.key.name])
        if isinstance(answer.body, dict) and answer.body.get(self.entity.source(self.key.name)):
            return self.key_text(answer.body[self.entity.source(self.key.name)])
        location = answer.headers.get("odata-entityid") or answer.headers.get("location") or ""
        inside = location.rpartition("(")[2].rstrip(")").strip("'")
        if not inside:
            raise Rejected(f"{self.display}: the service did not say the new record's key")
        return self.key_text(inside)

    def update_rows(  # type: ignore[override]  # each table gets its own app's session
        self, conn: ServiceSession, rows: list[tuple[Record, dict[str, Any]]]
    ) -> set[str]:
        """Updates guarded by the ETag read with each record; returns the keys that landed."""
        if not rows:
            return set()
        whats = [("update", r.key, codec.dumps(self.body(v)).decode()) for r, v in rows]
        if len(rows) == 1 and (fate := self._decided(whats[0])) is not None:
            self._finish([(whats[0], fate)], remembered=True)
            return {rows[0][0].key} if fate[0] == "ok" else set()
        self._outcomes = {}
        ops = []
        for record, values in rows:
            etag = getattr(record.raw_modified, "etag", None) or "*"
            headers = {"If-Match": etag, "Prefer": "return=representation"}
            ops.append(Op("PATCH", self.entity_path(record.key), self.body(values), headers))
        answers = self._send(conn, ops)
        self._passing(answers)
        landed: set[str] = set()
        decided = []
        for (record, _), what, answer in zip(rows, whats, answers, strict=True):
            if answer.ok:
                landed.add(record.key)
                if answer.etag:
                    self._fresh[record.key] = answer.etag
                decided.append((what, ("ok", record.key)))
            elif self.flavor.stale(answer.error()) or self.flavor.missing(answer.error()):
                decided.append((what, ("stale", record.key)))
            else:
                decided.append((what, ("rejected", self._message(answer))))
        self._finish(decided)
        return landed

    def delete_rows(  # type: ignore[override]  # each table gets its own app's session
        self, conn: ServiceSession, keys: Sequence[str], stamp: Any = None
    ) -> int:
        """Delete records (or archive them, where the mapping says so), each guarded by the
        ETag it was read with; a record changed since fails instead of being deleted."""
        if not keys:
            return 0
        self.forget_keys()
        whats = [("delete", k) for k in keys]
        if len(keys) == 1 and (fate := self._decided(whats[0])) is not None:
            self._finish([(whats[0], fate)], remembered=True)
            return 1
        self._outcomes = {}
        ops = []
        for key in keys:
            headers = {"If-Match": self._etags.get(key, "*")}
            if self.archive is None:
                ops.append(Op("DELETE", self.entity_path(key), None, headers))
            else:
                body = self.body({self.archive.column: self.archive.value})
                ops.append(Op("PATCH", self.entity_path(key), body, headers))
        answers = self._send(conn, ops)
        self._passing(answers)
        decided = []
        for key, what, answer in zip(keys, whats, answers, strict=True):
            if answer.ok or self.flavor.missing(answer.error()):
                self._etags.pop(key, None)
                decided.append((what, ("ok", key)))
            elif self.flavor.stale(answer.error()):
                message = (
                    f"{self.name_of(key)} changed since it was read, so it was not deleted; "
                    "it is compared again next time"
                )
                decided.append((what, ("rejected", message)))
            else:
                decided.append((what, ("rejected", self._message(answer))))
        self._finish(decided)
        return len(keys)

    def tokens_of(  # type: ignore[override]  # each table gets its own app's session
        self, conn: ServiceSession, keys: Iterable[str]
    ) -> dict[str, str]:
        """The tokens records carry now: those the service gave back with the engine's writes,
        the others read."""
        wanted = list(dict.fromkeys(keys))
        found = {k: self._fresh.pop(k) for k in wanted if k in self._fresh}
        rest = [k for k in wanted if k not in found]
        if rest:
            rows = self.read_by_keys(conn, rest)
            found |= {k: self.to_record(row).modified for k, row in rows.items()}
        return found
