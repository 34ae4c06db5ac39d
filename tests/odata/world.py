"""The tests' world (`tests/helpers.World`) with both apps behind a real OData v4 server.

The ERP is CAP's `/erp/` service (customers, stamped `modifiedAt`), the CRM its `/crm/` service
(accounts, stamped `modifiedon`); the configuration reaches them as `kind = "odata"`. People's
edits go through the services' API (POST, PATCH, DELETE), so the service stamps them as a real
app would; what the apps hold is read from the server's SQLite file, and a test that changes the
schema (a unique index) does it there too (`erp_engine`, `crm_engine`, `crm_url`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import tomlkit
from sqlalchemy import MetaData, Table, create_engine, select

from tests.helpers import World, config_text
from tests.odata.cap import CapServer


class ODataWorld(World):
    """Two apps on a CAP server, a store and a configuration (see the module's docstring)."""

    def __init__(self, folder: Path, server: CapServer, **options: Any) -> None:
        self.folder = Path(folder)
        self.server = server
        self.erp_service, self.crm_service = server.service("erp"), server.service("crm")
        self.erp_url = self.crm_url = f"sqlite:///{server.db_file}"
        self.store_url = f"sqlite:///{self.folder / 'state.db'}"
        self.erp_engine = self.crm_engine = create_engine(self.erp_url)
        md = MetaData()
        self.erp = Table("customer", md, autoload_with=self.erp_engine)
        self.crm = Table("account", md, autoload_with=self.crm_engine)
        self.http = httpx.Client(timeout=30, headers={"Accept": "application/json"})
        self.config_path = self.folder / "desktop-sync.toml"
        self._service = None
        self.configure(**options)

    def configure(self, **options: Any) -> None:
        self.options = options
        options = {"erp_modified": "modifiedAt", "crm_modified": "modifiedon", **options}
        doc = tomlkit.parse(config_text(self.store_url, "sqlite://", "sqlite://", **options))
        for side, url in (("erp", self.erp_service), ("crm", self.crm_service)):
            doc[side]["url"] = url  # type: ignore[index]
            doc[side]["kind"] = "odata"  # type: ignore[index]
            doc[side]["auth"] = "none"  # type: ignore[index]
        self.config_path.write_text(tomlkit.dumps(doc), encoding="utf-8")
        if self._service is not None:
            self._service.close()
            self._service = None

    def close(self) -> None:
        super().close()
        self.http.close()

    # -- people's edits, through the services ------------------------------------------

    def _send(self, method: str, url: str, body: dict[str, Any] | None = None) -> Any:
        headers = {"If-Match": "*"} if method in ("PATCH", "DELETE") else {}
        response = self.http.request(method, url, json=_json(body), headers=headers)
        assert response.status_code < 300, f"{method} {url}: {response.text}"
        return response.json() if response.content else None

    def erp_insert(self, no: str, name: str, **values: Any) -> None:
        values.pop("last_modified", None)  # the service stamps
        self._send("POST", self.erp_service + "customer", {"no": no, "name": name, **values})

    def erp_update(self, no: str, **values: Any) -> None:
        values.pop("last_modified", None)
        self._send("PATCH", f"{self.erp_service}customer('{no}')", values)

    def erp_delete(self, no: str) -> None:
        self._send("DELETE", f"{self.erp_service}customer('{no}')")

    def crm_insert(self, name: str, accountid: Any = None, **values: Any) -> Any:
        values.pop("modifiedon", None)
        key = accountid if accountid is not None else _new_key()
        self._send("POST", self.crm_service + "account", {"accountid": key, "name": name, **values})
        return key

    def crm_update(self, accountid: Any, **values: Any) -> None:
        values.pop("modifiedon", None)
        self._send("PATCH", f"{self.crm_service}account('{accountid}')", values)

    def crm_delete(self, accountid: Any) -> None:
        self._send("DELETE", f"{self.crm_service}account('{accountid}')")

    # -- looking -----------------------------------------------------------------------

    def erp_rows(self) -> dict[str, dict[str, Any]]:
        with self.erp_engine.connect() as conn:
            return {r.no: dict(r._mapping) for r in conn.execute(select(self.erp))}

    def crm_rows(self) -> dict[str, dict[str, Any]]:
        with self.crm_engine.connect() as conn:
            return {str(r.accountid): dict(r._mapping) for r in conn.execute(select(self.crm))}


def _new_key() -> str:
    import uuid

    return str(uuid.uuid4())


def _json(body: dict[str, Any] | None) -> Any:
    from decimal import Decimal

    if body is None:
        return None
    return {k: float(v) if isinstance(v, Decimal) else v for k, v in body.items()}
