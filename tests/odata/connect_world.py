"""What the tests of connecting from the window stand on: a local Entra endpoint for the
device code sign-in (nobody has entered the code yet), the Business Central and Dataverse
protocol emulators accepting only tokens that endpoint issued, a SQLite CRM, a keyring that
keeps secrets in memory (a real keyring backend, so that what the form keeps can be read back),
and a Connect form filled in for them."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import keyring
import pytest
from keyring.backend import KeyringBackend

from desktop_sync.services.setup import BUSINESS_CENTRAL, DATAVERSE, ConnectForm
from tests.odata import emulated
from tests.odata.emulated_dataverse import Dataverse
from tests.odata.emulator import Emulator
from tests.odata.entra import CLIENT_ID, Entra
from tests.odata.services_world import SqlApp, customer_columns


class MemoryKeyring(KeyringBackend):
    """A keyring backend that keeps its entries in this process."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.entries.pop((service, username), None)


@dataclass
class ConnectWorld:
    folder: Path
    entra: Entra
    bc: emulated.BusinessCentral
    bc_emulator: Emulator
    dataverse: Dataverse
    dataverse_emulator: Emulator
    crm: SqlApp
    keyring: MemoryKeyring

    @property
    def config_path(self) -> Path:
        return self.folder / "config" / "desktop-sync.toml"

    def bc_form(self, **changes: Any) -> ConnectForm:
        """Business Central as the ERP (company not picked yet), the SQLite CRM."""
        form = ConnectForm(
            store_url="sqlite:///state.db",
            erp_kind=BUSINESS_CENTRAL,
            erp_name="Business Central",
            erp_tenant=emulated.TENANT,
            erp_environment=emulated.ENVIRONMENT,
            erp_client_id=CLIENT_ID,
            erp_auth="device_code",
            erp_api=self.bc_emulator.url,
            erp_authority=self.entra.authority,
            crm_name="Dynamics 365 Sales",
            crm_url=self.crm.url,
            mapping_name="CUSTOMER",
            erp_table="customers",
            crm_table="account",
            erp_key="id",
            crm_key="accountid",
            erp_modified="lastModifiedDateTime",
            crm_modified="last_modified",
            fields="displayName = name\ncity\nemail",
        )
        for key, value in changes.items():
            setattr(form, key, value)
        return form

    def dataverse_form(self, **changes: Any) -> ConnectForm:
        """The SQLite app as the ERP, Dataverse as the CRM (client credentials)."""
        form = ConnectForm(
            store_url="sqlite:///state.db",
            erp_name="ERP",
            erp_url=self.crm.url,
            crm_kind=DATAVERSE,
            crm_name="Dynamics 365 Sales",
            crm_url=self.dataverse_emulator.url,
            crm_tenant=emulated.TENANT,
            crm_client_id=CLIENT_ID,
            crm_auth="client_credentials",
            crm_authority=self.entra.authority,
            mapping_name="ACCOUNT",
            erp_table="account",
            crm_table="accounts",
            erp_key="accountid",
            crm_key="accountid",
            erp_modified="last_modified",
            crm_modified="modifiedon",
            fields="name\ncity = address1_city\nemail = emailaddress1",
        )
        for key, value in changes.items():
            setattr(form, key, value)
        return form


@pytest.fixture
def connect_world(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[ConnectWorld]:
    entra = Entra(tmp_path)
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(entra.cert_file))
    monkeypatch.setenv("DESKTOP_SYNC_TOKEN_CACHE", str(tmp_path / "tokens"))
    monkeypatch.setenv("DESKTOP_SYNC_STATE_DIR", str(tmp_path / "state"))
    for name in ("ERP", "CRM"):
        for what in ("CLIENT_SECRET", "TOKEN", "PASSWORD"):
            monkeypatch.delenv(f"DESKTOP_SYNC_{name}_{what}", raising=False)
    monkeypatch.setattr("desktop_sync.apps.odata.http.BACKOFF", (0.05, 0.1, 0.1, 0.1, 0.1))
    bc = emulated.BusinessCentral()
    bc.tokens = entra.issued  # only a token the sign-in got opens the service
    dataverse = Dataverse()
    dataverse.tokens = entra.issued
    crm = SqlApp(tmp_path / "crm.db", [("account", "accountid", customer_columns())])
    previous = keyring.get_keyring()
    memory = MemoryKeyring()
    keyring.set_keyring(memory)
    world = ConnectWorld(
        tmp_path, entra, bc, Emulator(bc), dataverse, Emulator(dataverse), crm, memory
    )
    yield world
    keyring.set_keyring(previous)
    world.bc_emulator.close()
    world.dataverse_emulator.close()
    crm.engine.dispose()
    entra.close()
