"""Worlds with one app behind an emulated Microsoft service (Business Central or Dataverse) and
the other a SQLite database: the engine works the same whatever each app is. Both sign in with
client credentials against the local Entra endpoint (`entra.py`)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import (
    Column,
    DateTime,
    MetaData,
    Numeric,
    String,
    Table,
    create_engine,
    insert,
    select,
    update,
)

from desktop_sync.domain import JobResult
from desktop_sync.mapping_toml import Mapping, app, config_toml
from desktop_sync.services import ErrorFilter, Service
from desktop_sync.store.models import utcnow
from tests.odata import emulated
from tests.odata.emulator import Emulator
from tests.odata.entra import CLIENT_ID, SECRET, Entra


@pytest.fixture
def entra(tmp_path, monkeypatch) -> Iterator[Entra]:
    server = Entra(tmp_path)
    server.approved.set()
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(server.cert_file))
    monkeypatch.setenv("DESKTOP_SYNC_TOKEN_CACHE", str(tmp_path / "tokens"))
    monkeypatch.setenv("DESKTOP_SYNC_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.setenv("DESKTOP_SYNC_ERP_CLIENT_SECRET", SECRET)
    monkeypatch.setenv("DESKTOP_SYNC_CRM_CLIENT_SECRET", SECRET)
    monkeypatch.setattr("desktop_sync.apps.odata.http.BACKOFF", (0.05, 0.1, 0.1, 0.1, 0.1))
    yield server
    server.close()


def business_central_app(emulator: Emulator, entra: Entra) -> dict[str, Any]:
    return app(
        None,  # type: ignore[arg-type]
        "Business Central",
        kind="business_central",
        tenant=emulated.TENANT,
        environment=emulated.ENVIRONMENT,
        company=emulated.COMPANY,
        client_id=CLIENT_ID,
        auth="client_credentials",
        api=emulator.url,
        authority=entra.authority,
    )


def dataverse_app(emulator: Emulator, entra: Entra, **options: Any) -> dict[str, Any]:
    return app(
        emulator.url,
        "Dynamics 365 Sales",
        kind="dataverse",
        tenant=emulated.TENANT,
        client_id=CLIENT_ID,
        auth="client_credentials",
        authority=entra.authority,
        **options,
    )


class SqlApp:
    """A SQLite app whose people's edits are plain SQL with a fresh stamp."""

    def __init__(self, path: Path, tables: list[tuple[str, str, list[Column[Any]]]]) -> None:
        self.url = f"sqlite:///{path}"
        self.engine = create_engine(self.url)
        md = MetaData()
        self.tables = {
            name: Table(
                name,
                md,
                Column(key, String(40), primary_key=True),
                *columns,
                Column("last_modified", DateTime()),
            )
            for name, key, columns in tables
        }
        md.create_all(self.engine)

    def insert(self, table: str, **values: Any) -> None:
        with self.engine.begin() as conn:
            conn.execute(insert(self.tables[table]).values(last_modified=utcnow(), **values))

    def update(self, table: str, key: str, **values: Any) -> None:
        t = self.tables[table]
        with self.engine.begin() as conn:
            conn.execute(
                update(t)
                .where(t.c[t.primary_key.columns[0].name] == key)
                .values(last_modified=utcnow(), **values)
            )

    def rows(self, table: str) -> dict[str, dict[str, Any]]:
        t = self.tables[table]
        with self.engine.connect() as conn:
            return {str(r[0]): dict(r._mapping) for r in conn.execute(select(t))}


def customer_columns() -> list[Column[Any]]:
    return [
        Column("name", String(100), nullable=False),
        Column("city", String(30)),
        Column("email", String(80)),
        Column("credit", Numeric(12, 2)),
    ]


class Sync:
    """A configuration of two apps and its service."""

    def __init__(
        self,
        folder: Path,
        erp: dict[str, Any],
        crm: dict[str, Any],
        mappings: list[Mapping],
        **settings: Any,
    ) -> None:
        self.path = folder / "desktop-sync.toml"
        settings = {"user": "tester", "batch_size": 1000, **settings}
        self.path.write_text(
            config_toml(f"sqlite:///{folder / 'state.db'}", erp, crm, mappings, settings=settings),
            encoding="utf-8",
        )
        self.service = Service.open(self.path)

    def sync(self, *names: str, ok: bool = True) -> list[JobResult]:
        results = self.service.synchronize(list(names) or None)
        if ok:
            for result in results:
                assert result.status.value == "finished", result.message
        return results

    def errors(self) -> list[Any]:
        return self.service.errors(ErrorFilter())

    def close(self) -> None:
        self.service.close()
