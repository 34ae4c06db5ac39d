"""A small world for scenario tests: an ERP, a CRM, a store and a configuration.

Each side is a real database (SQLite files by default, or a server database) with a table of
customers. People's edits are made with plain SQL and a fresh last-modified stamp, exactly as
the apps themselves would.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    Integer,
    MetaData,
    Numeric,
    String,
    Table,
    create_engine,
    delete,
    false,
    insert,
    select,
    update,
)
from sqlalchemy.engine import URL

from desktop_sync.domain import JobResult, Side
from desktop_sync.mapping_toml import app, config_toml, field, mapping
from desktop_sync.services import ErrorFilter, Service
from desktop_sync.store.models import Coupling, LogEntry, SyncError, utcnow


def erp_table(md: MetaData) -> Table:
    return Table(
        "customer",
        md,
        Column("no", String(40), primary_key=True),
        Column("name", String(50), nullable=False),
        Column("city", String(30)),
        Column("email", String(80)),
        Column("blocked", Boolean, nullable=False, server_default=false()),
        Column("credit", Numeric(12, 2)),
        Column("last_modified", DateTime(), index=True),
        Column("created", DateTime()),
    )


def crm_table(md: MetaData, identity: bool = False) -> Table:
    key = (
        Column("accountid", Integer, primary_key=True, autoincrement=True)
        if identity
        else Column("accountid", String(36), primary_key=True)
    )
    return Table(
        "account",
        md,
        key,
        Column("name", String(50), nullable=False),
        Column("city", String(30)),
        Column("email", String(80)),
        Column("credit", Numeric(12, 2)),
        Column("typecode", Integer),
        Column("modifiedon", String(32), index=True),
    )


def config_text(
    store: str,
    erp: str,
    crm: str,
    *,
    direction: str = "bidirectional",
    update_conflict: str = "manual",
    deletion_conflict: str = "manual",
    match_on: list[str] | None = None,
    sync_only_coupled: bool = False,
    erp_filter: dict[str, Any] | None = None,
    city_direction: str | None = None,
    batch_size: int = 1000,
    erp_modified: str | list[str] | None = "last_modified",
    crm_modified: str | list[str] | None = "modifiedon",
    with_email: bool = True,
) -> str:
    """The CUSTOMER mapping of customer and account (see `erp_table`, `crm_table`)."""
    fields = [
        field("name", "name"),
        field("city", "city", direction=city_direction),
        *([field("email", "email")] if with_email else []),
    ]
    if direction != "to_erp":
        fields += [field("credit", "credit", direction="to_crm"), field(crm="typecode", constant=3)]
    customer = mapping(
        "CUSTOMER",
        ("customer", "account"),
        ("no", "accountid"),
        fields,
        modified=(erp_modified, crm_modified),
        direction=direction,
        sync_only_coupled=sync_only_coupled,
        match_on=match_on or [],
        update_conflict=update_conflict,
        deletion_conflict=deletion_conflict,
        erp_filter=erp_filter or {},
    )
    return config_toml(
        store,
        app(erp, "ERP"),
        app(crm, "CRM"),
        [customer],
        settings={"user": "tester", "batch_size": batch_size},
    )


class World:
    """Two apps, a store and a configuration; `sync()` and edits on either side."""

    def __init__(
        self,
        folder: Path,
        erp_url: URL | str | None = None,
        crm_url: URL | str | None = None,
        store_url: URL | str | None = None,
        crm_identity: bool = False,
        write_config: bool = True,
        **options: Any,
    ) -> None:
        self.folder = Path(folder)
        self.erp_url = str(erp_url or f"sqlite:///{self.folder / 'erp.db'}")
        self.crm_url = str(crm_url or f"sqlite:///{self.folder / 'crm.db'}")
        self.store_url = str(store_url or f"sqlite:///{self.folder / 'state.db'}")
        self.erp_engine = create_engine(_plain(self.erp_url))
        self.crm_engine = create_engine(_plain(self.crm_url))
        md = MetaData()
        self.erp = erp_table(md)
        crm_md = MetaData()
        self.crm = crm_table(crm_md, crm_identity)
        md.create_all(self.erp_engine)
        crm_md.create_all(self.crm_engine)
        self.config_path = self.folder / "desktop-sync.toml"
        self._service: Service | None = None
        if write_config:
            self.configure(**options)

    @classmethod
    def reopen(cls, folder: Path, crm_identity: bool = False) -> World:
        """The world in `folder` as it was left, with its configuration file unchanged."""
        return cls(folder, crm_identity=crm_identity, write_config=False)

    def configure(self, **options: Any) -> None:
        self.options = options
        self.config_path.write_text(
            config_text(
                _plain(self.store_url), _plain(self.erp_url), _plain(self.crm_url), **options
            ),
            encoding="utf-8",
        )
        if self._service is not None:
            self._service.close()
            self._service = None

    @property
    def service(self) -> Service:
        if self._service is None:
            self._service = Service.open(self.config_path)
        return self._service

    def close(self) -> None:
        if self._service is not None:
            self._service.close()
        self.erp_engine.dispose()
        self.crm_engine.dispose()

    # -- running ---------------------------------------------------------------------

    def sync(self) -> JobResult:
        (result,) = self.service.synchronize(["CUSTOMER"])
        assert result.status.value == "finished", result.message
        return result

    # -- people's edits ----------------------------------------------------------------

    def erp_insert(self, no: str, name: str, **values: Any) -> None:
        with self.erp_engine.begin() as conn:
            values.setdefault("last_modified", utcnow())
            conn.execute(insert(self.erp).values(no=no, name=name, **values))

    def erp_update(self, no: str, **values: Any) -> None:
        with self.erp_engine.begin() as conn:
            conn.execute(
                update(self.erp).where(self.erp.c.no == no).values(last_modified=utcnow(), **values)
            )

    def erp_delete(self, no: str) -> None:
        with self.erp_engine.begin() as conn:
            conn.execute(delete(self.erp).where(self.erp.c.no == no))

    def crm_insert(self, name: str, accountid: Any = None, **values: Any) -> Any:
        with self.crm_engine.begin() as conn:
            if accountid is not None:
                values["accountid"] = accountid
            result = conn.execute(
                insert(self.crm).values(name=name, modifiedon=_now_text(), **values)
            )
            return result.inserted_primary_key[0]

    def crm_update(self, accountid: Any, **values: Any) -> None:
        with self.crm_engine.begin() as conn:
            conn.execute(
                update(self.crm)
                .where(self.crm.c.accountid == accountid)
                .values(modifiedon=_now_text(), **values)
            )

    def crm_delete(self, accountid: Any) -> None:
        with self.crm_engine.begin() as conn:
            conn.execute(delete(self.crm).where(self.crm.c.accountid == accountid))

    # -- looking -----------------------------------------------------------------------

    def erp_rows(self) -> dict[str, dict[str, Any]]:
        with self.erp_engine.connect() as conn:
            return {r.no: dict(r._mapping) for r in conn.execute(select(self.erp))}

    def crm_rows(self) -> dict[str, dict[str, Any]]:
        with self.crm_engine.connect() as conn:
            return {str(r.accountid): dict(r._mapping) for r in conn.execute(select(self.crm))}

    def couplings(self) -> list[dict[str, Any]]:
        with self.service.store.session() as session:
            return [
                dict(r._mapping)
                for r in session.execute(select(Coupling.__table__).order_by(Coupling.id))
            ]

    def crm_key_of(self, erp_key: str) -> str:
        for c in self.couplings():
            if c["erp_key"] == erp_key:
                return c["crm_key"]
        raise AssertionError(f"{erp_key} is not coupled")

    def open_errors(self) -> list[Any]:
        return self.service.errors(ErrorFilter())

    def error_of(self, erp_key: str) -> Any:
        matches = [e for e in self.open_errors() if e.erp_key == erp_key]
        assert len(matches) == 1, matches
        return matches[0]

    def log(self, side: Side, key: str) -> list[Any]:
        return self.service.log("CUSTOMER", side, key)

    def all_log(self) -> list[dict[str, Any]]:
        with self.service.store.session() as session:
            return [
                dict(r._mapping)
                for r in session.execute(select(LogEntry.__table__).order_by(LogEntry.id))
            ]

    def all_errors(self) -> list[dict[str, Any]]:
        with self.service.store.session() as session:
            return [
                dict(r._mapping)
                for r in session.execute(select(SyncError.__table__).order_by(SyncError.id))
            ]


def _now_text() -> str:
    return utcnow().isoformat(timespec="microseconds")


def _plain(url: URL | str) -> str:
    return url.render_as_string(hide_password=False) if isinstance(url, URL) else url
