"""Opening the state store and keeping its schema current with Alembic."""

from __future__ import annotations

import logging
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from alembic import command
from alembic.config import Config as AlembicConfig
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError as AlembicError
from sqlalchemy import text
from sqlalchemy.engine import URL
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from desktop_sync.db import Timeouts, create_db_engine
from desktop_sync.secrets import display_url

MIGRATIONS = Path(__file__).with_name("migrations")
log = logging.getLogger(__name__)

__all__ = [
    "Store",
    "StoreError",
    "StoreTooNew",
    "create_db_engine",
]  # create_db_engine: moved to desktop_sync.db


class StoreError(Exception):
    """The state store cannot be opened or upgraded; the message says which and why."""


class StoreTooNew(StoreError):
    """The state store's schema was made by a newer desktop-sync than this one."""


class Store:
    """The state store: an engine, a session factory and the schema upgrade."""

    def __init__(self, url: URL, timeouts: Timeouts | None = None) -> None:
        self.url = url
        self.engine = create_db_engine(url, "store", timeouts)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)

    @classmethod
    def open(cls, url: URL, upgrade: bool = True, timeouts: Timeouts | None = None) -> Store:
        store = cls(url, timeouts)
        if upgrade:
            store.upgrade()
        return store

    @property
    def is_postgresql(self) -> bool:
        return self.engine.dialect.name == "postgresql"

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session committed on success and rolled back on any error."""
        with self.sessions() as session, session.begin():
            yield session

    def current_revision(self) -> str | None:
        with self.engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()

    def head_revision(self) -> str | None:
        return ScriptDirectory.from_config(self._alembic_config()).get_current_head()

    def known_revision(self, revision: str | None) -> bool:
        """Whether this program's migrations know `revision` (None: an empty store)."""
        if revision is None:
            return True
        try:
            return (
                ScriptDirectory.from_config(self._alembic_config()).get_revision(revision)
                is not None
            )
        except AlembicError:
            return False

    def upgrade(self) -> None:
        """Bring the schema to the newest revision; an SQLite file is copied aside first, and
        only when it is really upgraded. A schema made by a newer desktop-sync is refused
        (StoreTooNew) and left as it is."""
        try:
            current = self.current_revision()
            if current == self.head_revision():
                return
            self._refuse_newer(current)
            with self.engine.begin() as connection:
                if connection.dialect.name == "postgresql":
                    # Desktops and workers starting together: one migrates, the others wait.
                    connection.execute(text("SELECT pg_advisory_xact_lock(7461837)"))
                current = MigrationContext.configure(connection).get_current_revision()
                if current == self.head_revision():
                    return
                self._refuse_newer(current)
                if current is not None:
                    self._backup_sqlite(current)
                config = self._alembic_config()
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
        except SQLAlchemyError as exc:
            raise StoreError(
                f"cannot open the state store {display_url(self.url)}: {exc.__class__.__name__}: "
                f"{getattr(exc, 'orig', exc)}"
            ) from exc

    def _refuse_newer(self, current: str | None) -> None:
        if not self.known_revision(current):
            raise StoreTooNew(
                f"the state store {display_url(self.url)} is at schema revision {current}, "
                f"made by a newer desktop-sync (this one knows revisions up to "
                f"{self.head_revision()}); upgrade the program. The store was left as it is."
            )

    def dispose(self) -> None:
        self.engine.dispose()

    def _alembic_config(self) -> AlembicConfig:
        config = AlembicConfig()
        config.set_main_option("script_location", str(MIGRATIONS))
        return config

    def _backup_sqlite(self, revision: str) -> None:
        database = self.url.database
        if self.url.get_backend_name() != "sqlite" or not database or database == ":memory:":
            return
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        target = Path(f"{database}.{revision}.{stamp}.bak")
        shutil.copy2(database, target)
        log.info("copied the state store to %s before upgrading it", target)
