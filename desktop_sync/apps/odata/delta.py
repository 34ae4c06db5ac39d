"""Dataverse change tracking: the changes and deletions of a table since the last read.

The first read asks for every record with `Prefer: odata.track-changes`; its last page carries
a *delta link*. Read later, that link gives what changed since, deleted records included
(`$deletedEntity`, only their id), which become deletions on one side at once. Per the Web API
documentation the table must have change tracking on, no `$filter` or `$orderby` goes with it,
and a token expires after 7 days (90 by an administrator's setting).

- A table without change tracking answers without a delta link (or refuses the preference):
  its changes are read by last-modified stamp, like any other service (`ServiceTable`).
- The new delta link is kept only once the engine has asked for the batch after the last one,
  which it does only when every earlier batch was applied: a job that stops halfway reads the
  same changes again next time (re-read records whose version the coupling saw are skipped).
- An expired link (the service answers that the version stamp expired) is dropped: every
  record is read again and compared. Deletions during the gap are found by Find Deleted.
- Links are kept per user in a small file per table and mapping (`DESKTOP_SYNC_STATE_DIR` or the
  user state folder); the job's mapping filter is applied to the records read.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

import platformdirs

from desktop_sync.apps.odata.http import ServiceError
from desktop_sync.apps.values import same
from desktop_sync.config import APP_NAME

if TYPE_CHECKING:
    from desktop_sync.apps.odata.connection import ServiceSession
    from desktop_sync.apps.odata.query import ServiceRow
    from desktop_sync.apps.odata.table import ServiceTable

log = logging.getLogger(__name__)

DELETED = "$deletedEntity"
EXPIRED_WORDS = ("expired", "version stamp")


def state_folder() -> Path:
    folder = os.environ.get("DESKTOP_SYNC_STATE_DIR")
    base = Path(folder) if folder else Path(platformdirs.user_state_dir(APP_NAME, appauthor=False))
    return base / "delta"


class DeltaReader:
    """The change-tracking reads of one table (see the module's docstring)."""

    def __init__(self, table: ServiceTable) -> None:
        self.table = table
        self.available = True  # until the service says the table has no change tracking
        name = f"{table.app.service.root}|{table.path}|{table.mapping.name}|{table.side}"
        self.file = state_folder() / (hashlib.sha1(name.encode()).hexdigest()[:24] + ".json")
        self.next: str | None = None  # the next page of the current pass
        self.pending: str | None = None  # the delta link the current pass ends with
        self.started = False

    def saved_link(self) -> str | None:
        try:
            return json.loads(self.file.read_text(encoding="utf-8")).get("link")
        except (OSError, ValueError):
            return None

    def save(self, link: str | None) -> None:
        self.file.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.file.with_suffix(".tmp")
        temporary.write_text(json.dumps({"link": link}), encoding="utf-8")
        temporary.replace(self.file)

    def read(self, conn: ServiceSession, first: bool, limit: int) -> list[ServiceRow] | None:
        """The next batch of changes; [] when the pass is done; None: no change tracking."""
        page = min(limit, self.table.page_size)
        headers = {"Prefer": f"odata.track-changes,odata.maxpagesize={page}"}
        if first or not self.started:
            self.started, self.pending = True, None
            payload = self._first(conn, self.saved_link(), headers)
            if payload is None:
                return None
        elif self.next is not None:
            payload = conn.http.get_json(self.next, None, **headers)
        else:
            return self._done()
        while True:
            self.next = payload.get("@odata.nextLink")
            self.pending = payload.get("@odata.deltaLink") or self.pending
            rows = self._rows(payload)
            if self.next is None and self.pending is None:
                log.info("%s: no delta link; changes are read by stamp", self.table.display)
                self.available = False
            if rows:
                return rows
            if self.next is None:
                return self._done()  # nothing (more) to apply: the link can be kept now
            payload = conn.http.get_json(self.next, None, **headers)

    def _done(self) -> list[ServiceRow]:
        """Every batch of the pass was applied: keep the pass's delta link."""
        if self.pending is not None:
            self.save(self.pending)
        self.started, self.pending, self.next = False, None, None
        return []

    def _first(
        self, conn: ServiceSession, link: str | None, headers: dict[str, str]
    ) -> dict[str, Any] | None:
        if link is not None:
            try:
                return conn.http.get_json(link, None, **headers)
            except ServiceError as exc:
                if not any(w in exc.message.lower() for w in EXPIRED_WORDS) and exc.status != 410:
                    raise
                log.info("%s: the delta link expired; reading every record", self.table.display)
                self.save(None)
        params = {"$select": self.table.rows.select}
        try:
            return conn.http.get_json(self.table.path, params, **headers)
        except ServiceError as exc:
            if exc.status != 400:
                raise
            log.info("%s: no change tracking (%s)", self.table.display, exc.message)
            self.available = False
            return None

    def _rows(self, payload: dict[str, Any]) -> list[ServiceRow]:
        rows = []
        rows_of = self.table.rows
        wanted = self.table.filter
        key = self.table.entity.source(self.table.key.name)
        for item in payload.get("value", []):
            if DELETED in str(item.get("@odata.context", "")) or item.get("@removed"):
                rows.append(rows_of.tombstone(item.get("id") or item.get(key)))
                continue
            row = rows_of.row(item)
            values = dict(zip(rows_of.names, row, strict=True))
            if all(
                any(same(values.get(c), v) for v in (w if isinstance(w, list) else [w]))
                for c, w in wanted.items()
            ):
                rows.append(row)
        return rows
