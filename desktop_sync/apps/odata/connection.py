"""Reaching one app through its OData v4 web API: the `Connector` of a Business Central,
Dataverse or other OData service (see `apps/connector.py`).

The service's `$metadata` is read once and gives every entity set as a table (`edm.as_table`),
so the mapping's fields are checked as for a database, and `check` predicts write failures from
the same column facts. A session (`connect()`) is cheap: HTTP has no transaction to begin.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator
from datetime import datetime
from types import SimpleNamespace
from typing import Any

from sqlalchemy import MetaData, Table

from desktop_sync.apps.odata.auth import sign_in
from desktop_sync.apps.odata.edm import EntitySet, Lookup, Metadata, as_table, parse_metadata
from desktop_sync.apps.odata.flavors import FLAVORS
from desktop_sync.apps.odata.http import Http, ServiceError
from desktop_sync.apps.odata.table import ServiceTable
from desktop_sync.apps.record import AppError
from desktop_sync.config import AppConfig, TableMapping
from desktop_sync.db import Timeouts
from desktop_sync.secrets import display_url


class ServiceSession:
    """What the engine holds as a connection (`with conn.begin():` around each step)."""

    def __init__(self, app: ServiceConnection) -> None:
        self.app = app

    @property
    def http(self) -> Http:
        return self.app.http

    @contextlib.contextmanager
    def begin(self) -> Iterator[ServiceSession]:
        yield self  # every request stands alone; writes are guarded by ETags instead

    def clock(self) -> datetime:
        return self.app.http.clock()

    def execute(self, statement: Any, *args: Any) -> Any:
        """SQL, which the window's record lists still send: not to a web API (yet)."""
        raise AppError(
            f"{self.app.name} is a web service: its records cannot be listed here yet; "
            "synchronization, Find Deleted and every error action work"
        )

    scalar = execute

    def close(self) -> None:
        pass

    def __enter__(self) -> ServiceSession:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class ServiceConnection:
    """One side's OData service: sign-in, limits, metadata, and the side of each mapping."""

    def __init__(
        self,
        config: AppConfig,
        timeouts: Timeouts | None = None,
        lookup_tables: dict[str, str] | None = None,
        prompt: Callable[[str], None] | None = None,
        signer: Any = None,
    ) -> None:
        assert config.service is not None
        self.side, self.name, self.url = config.side, config.name, config.url
        self.timezone = config.timezone
        self.service = config.service
        self.flavor = FLAVORS[config.service.kind]
        self.engine = SimpleNamespace(
            dialect=SimpleNamespace(name=config.service.kind), dispose=lambda: None
        )
        self.timeouts = timeouts or Timeouts()
        self.lookup_tables = lookup_tables or {}
        self.prompt = prompt
        self.signer = signer  # how requests sign in, when the caller made it (see `auth`)
        self.metadata = MetaData()
        self._model: Metadata | None = None
        self._http: Http | None = None
        self._side_tables: dict[str, ServiceTable] = {}
        self._lock = threading.Lock()

    @property
    def http(self) -> Http:
        with self._lock:
            if self._http is None:
                signer = self.signer or sign_in(self.name, self.service, self.side, self.prompt)
                user = self.service.client_id or ""
                self._http = Http(
                    self.name,
                    self.service.root,
                    signer.headers,
                    self.flavor.limits,
                    (float(self.timeouts.connect), float(self.timeouts.deadline)),
                    user,
                )
            return self._http

    def connect(self) -> ServiceSession:
        return ServiceSession(self)

    def unreachable(self, exc: BaseException) -> str:
        return f"{self.name} ({display_url(self.url)}) cannot be reached: {exc}"

    @property
    def model(self) -> Metadata:
        if self._model is None:
            try:
                response = self.http.request(
                    "GET", "$metadata", headers={"Accept": "application/xml"}
                )
            except ServiceError as exc:
                raise AppError(f"{self.name} did not give its metadata: {exc}") from exc
            self._model = parse_metadata(response.content)
        return self._model

    def entity_set(self, name: str) -> EntitySet:
        found = self.model.entity_sets.get(name)
        if found is None:
            known = ", ".join(sorted(self.model.entity_sets)[:12])
            raise AppError(f"{self.name} has no entity set {name!r} (it has e.g. {known})")
        return found

    def table(self, name: str) -> Table:
        """The entity set `name` as a table (columns from the metadata), for `check`."""
        return as_table(self.entity_set(name), self.metadata)

    def side_table(self, mapping: TableMapping) -> ServiceTable:
        if mapping.name not in self._side_tables:
            problems = self.check(mapping)
            if problems:
                raise AppError("; ".join(problems))
            name = mapping.table(self.side)
            self._side_tables[mapping.name] = ServiceTable(
                self, mapping, self.entity_set(name), self.table(name)
            )
        return self._side_tables[mapping.name]

    def check(self, mapping: TableMapping) -> list[str]:
        """Every reason this side cannot serve `mapping`, naming mapping, entity set and field."""
        try:
            table = self.table(mapping.table(self.side))
        except AppError as exc:
            if exc.__cause__ is not None:
                raise
            return [f"mapping {mapping.name}: {exc}"]
        problems = [
            f"mapping {mapping.name}: {self.name} entity set {table.name!r} has no field {c!r}"
            for c in mapping.columns(self.side)
            if c not in table.c
        ]
        if len(mapping.modified_columns(self.side)) > 1:
            problems.append(
                f"mapping {mapping.name}: {self.name} is a web service: name one last-modified "
                f"field, not {len(mapping.modified_columns(self.side))}"
            )
        return problems

    def lookup_target(self, mapping: TableMapping, column: str, lookup: Lookup) -> tuple[str, str]:
        """The entity set a lookup column points at, and the navigation property that binds it
        (Dataverse: `parentcustomerid` of an account → `accounts`, `parentcustomerid_account`)."""
        field = next((f for f in mapping.value_fields if f.paired(self.side) == column), None)
        target_set = self.lookup_tables.get(field.lookup) if field and field.lookup else None
        if target_set is None and len(lookup.targets) == 1:
            (target_type,) = lookup.targets
            target_set = self.model.set_of_type.get(target_type)
        if target_set is None:
            raise AppError(
                f"mapping {mapping.name}: {self.name} field {column!r} may point at several "
                'tables; give it `lookup = "<mapping>"` to say which'
            )
        type_name = self.entity_set(target_set).type.name
        navigation = lookup.targets.get(type_name)
        if navigation is None:
            raise AppError(
                f"mapping {mapping.name}: {self.name} field {column!r} cannot point at "
                f"{target_set!r}"
            )
        return target_set, navigation

    def forget(self) -> None:
        """Read the service's tables again at their next use (after a failure)."""
        self.metadata = MetaData()
        self._side_tables.clear()

    def dispose(self) -> None:
        if self._http is not None:
            self._http.close()
            self._http = None


def requests_sent(app: Any) -> tuple[int, float]:
    """How many requests a connection sent and the seconds spent waiting (the benchmark's)."""
    http = getattr(app, "_http", None)
    return (http.requests, http.waited) if http is not None else (0, 0.0)
