"""The migrations make exactly the tables the models describe, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy.engine import URL, make_url

from desktop_sync.store import Store
from desktop_sync.store.models import Base


def differences(url: URL) -> list[object]:
    store = Store.open(url)
    try:
        with store.engine.connect() as conn:
            return list(compare_metadata(MigrationContext.configure(conn), Base.metadata))
    finally:
        store.dispose()


def test_the_migrations_make_the_models_tables_on_sqlite(tmp_path) -> None:
    assert differences(make_url(f"sqlite:///{tmp_path / 'state.db'}")) == []


@pytest.mark.postgres
def test_the_migrations_make_the_models_tables_on_postgresql(postgres_db: URL) -> None:
    assert differences(postgres_db) == []
