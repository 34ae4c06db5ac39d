"""App connections: how the engine reaches the ERP's and the CRM's databases."""

from __future__ import annotations

from desktop_sync.apps.connection import AppConnection, AppError, Record, SideTable
from desktop_sync.config import Config
from desktop_sync.domain import Side


class Apps:
    """Both sides' connections of one configuration."""

    def __init__(self, config: Config) -> None:
        self.erp = AppConnection(config.erp, config.timeouts)
        self.crm = AppConnection(config.crm, config.timeouts)

    def __getitem__(self, side: Side) -> AppConnection:
        return self.erp if side is Side.ERP else self.crm

    def check(self, config: Config) -> list[str]:
        """Every mapped table or column that does not exist, on both sides, for every mapping."""
        return [
            problem for m in config.mappings for side in Side for problem in self[side].check(m)
        ]

    def notes(self, config: Config) -> list[str]:
        """What `check` tells besides problems (costs), for every mapping."""
        return [note for m in config.mappings for side in Side for note in self[side].notes(m)]

    def dispose(self) -> None:
        self.erp.dispose()
        self.crm.dispose()


__all__ = ["AppConnection", "AppError", "Apps", "Record", "SideTable"]
