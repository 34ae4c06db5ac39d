"""An app's SQLite database is a file a person can move away: it is opened only when it is
there, and read-write (SQLite would otherwise make an empty one, and every table of the app
would seem to have vanished). Base layer, like `db`, which installs this on app engines.
"""

from __future__ import annotations

import os
import sqlite3
from typing import Any
from urllib.request import pathname2url

from sqlalchemy import Engine, event
from sqlalchemy.exc import DisconnectionError

from desktop_sync.words import QT_TRANSLATE_NOOP, Message, say


class MissingDatabase(sqlite3.OperationalError):
    """An app's SQLite file is not there. Opening it would make an empty one, and the app's
    tables would seem to have vanished: it is never opened then, and this says which app."""

    def __init__(self, name: str, path: str, purpose: str) -> None:
        self.words: Message = say(
            QT_TRANSLATE_NOOP(
                "Messages",
                "{app}'s database {path} does not exist; it was moved, renamed or deleted. "
                "Put it back (or correct url under [{side}] in the configuration), then try again.",
            ),
            app=name,
            path=path,
            side=purpose,
        )
        super().__init__(str(self.words))


def open_existing_only(engine: Engine, name: str, purpose: str) -> None:
    """Open `engine`'s SQLite file (the app `name`, configured under [`purpose`]) only when it
    is there: see `_ExistingFile`."""
    _ExistingFile(engine, name, purpose).install()


class _ExistingFile:
    """Opens an app's SQLite file only when it is there, and read-write (never creating it);
    a pooled connection whose file was moved away (or replaced) is dropped when checked out,
    so the next statement meets the file as it is now."""

    def __init__(self, engine: Engine, name: str, purpose: str) -> None:
        self.engine, self.name, self.purpose = engine, name, purpose

    def install(self) -> None:
        event.listen(self.engine, "do_connect", self._open)
        event.listen(self.engine, "checkout", self._checkout)

    def _open(self, _dialect: Any, record: Any, cargs: list[Any], cparams: dict[str, Any]) -> None:
        database = str(cargs[0]) if cargs else str(cparams.get("database", ""))
        if cparams.get("uri") or database in ("", ":memory:") or database.startswith("file:"):
            return  # an in-memory database, or a URI the configuration spelled out itself
        path = os.path.abspath(database)
        if not os.path.isfile(path):
            raise MissingDatabase(self.name, path, self.purpose)
        if cargs:
            cargs[0] = f"file:{pathname2url(path)}?mode=rw"
        else:
            cparams["database"] = f"file:{pathname2url(path)}?mode=rw"
        cparams["uri"] = True
        record.info["sqlite_file"] = (path, _identity(path))

    def _checkout(self, _dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        opened = record.info.get("sqlite_file")
        if opened is not None and _identity(opened[0]) != opened[1]:
            raise DisconnectionError(f"{opened[0]} was moved or replaced")


def _identity(path: str) -> tuple[int, int] | None:
    """Which file `path` is now (device and inode); None when there is none."""
    try:
        found = os.stat(path)
    except OSError:
        return None
    return found.st_dev, found.st_ino
