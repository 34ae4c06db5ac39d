"""App connections: how the engine reaches the ERP's and the CRM's databases."""

from __future__ import annotations

from desktop_sync.apps.connection import AppConnection, AppError, Record, SideTable
from desktop_sync.apps.connector import Connector, SideAccess, connect_app, lookup_tables
from desktop_sync.apps.finding import Finding
from desktop_sync.apps.predict import predict
from desktop_sync.config import Config
from desktop_sync.domain import Side


class Apps:
    """Both sides' connections of one configuration."""

    def __init__(self, config: Config) -> None:
        self.erp: Connector = connect_app(
            config.erp, config.timeouts, lookup_tables(config, Side.ERP)
        )
        self.crm: Connector = connect_app(
            config.crm, config.timeouts, lookup_tables(config, Side.CRM)
        )

    def __getitem__(self, side: Side) -> Connector:
        return self.erp if side is Side.ERP else self.crm

    def check(self, config: Config) -> list[Finding]:
        """What writes under `config` would meet, predicted from both apps' tables: errors
        (missing tables and columns, writes that fail) first, then warnings (see `predict`)."""
        return predict(config, self.__getitem__)

    def forget(self) -> None:
        """Reflect both apps' tables again at their next use (see `AppConnection.forget`)."""
        self.erp.forget()
        self.crm.forget()

    def dispose(self) -> None:
        self.erp.dispose()
        self.crm.dispose()


__all__ = [
    "AppConnection",
    "AppError",
    "Apps",
    "Connector",
    "Finding",
    "Record",
    "SideAccess",
    "SideTable",
]
