"""`desktop-sync demo DIR`: two small business apps, a configuration, and real errors to resolve.

The ERP looks like Business Central, the CRM like Dynamics 365 Sales (`schema`); the
configuration uses the whole mapping language (`config`); the first rows (`data`) are
synchronized, then people edit both apps (`edits`) so that the next synchronization leaves an
error of every kind. 200 customers take about a second.
"""

from __future__ import annotations

import random
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from desktop_sync.config import CONFIG_FILENAME
from desktop_sync.demo.config import CONFIG
from desktop_sync.demo.data import Sizes, fill
from desktop_sync.demo.edits import edit_both_apps

__all__ = ["CONFIG", "MAX_RECORDS", "MIN_RECORDS", "DemoError", "DemoExists", "create_demo"]

MIN_RECORDS = 5
MAX_RECORDS = 50_000  # customers: about a minute and a half; more is a benchmark (bench/)


class DemoError(Exception):
    """The demo cannot be made as asked; the message says why."""


class DemoExists(DemoError):
    pass


@dataclass(frozen=True)
class DemoPaths:
    folder: Path

    @property
    def config(self) -> Path:
        return self.folder / CONFIG_FILENAME

    @property
    def erp(self) -> Path:
        return self.folder / "erp.db"

    @property
    def crm(self) -> Path:
        return self.folder / "crm.db"

    @property
    def store(self) -> Path:
        return self.folder / "state.db"

    @property
    def files(self) -> tuple[Path, ...]:
        return (self.config, self.erp, self.crm, self.store)


def create_demo(
    folder: Path,
    records: int = 200,
    seed: int = 1,
    sync: bool = True,
    progress: Callable[[str], None] = lambda message: None,
) -> DemoPaths:
    """Write the demo apps and configuration into `folder`, synchronize, then make errors.

    `records` customers (MIN_RECORDS to MAX_RECORDS), half again as many contacts, half as many
    items. Raises DemoError before writing anything when the folder holds a demo already or
    `records` is out of range; on any failure, removes what it had written.
    """
    paths = DemoPaths(Path(folder))
    if not MIN_RECORDS <= records <= MAX_RECORDS:
        raise DemoError(
            f"{records:,} records: the demo makes {MIN_RECORDS} to {MAX_RECORDS:,} customers"
        )
    existing = [p for p in paths.files if p.exists()]
    if existing:
        raise DemoExists(f"{existing[0]} already exists; choose an empty folder")
    made = paths.folder.absolute()  # the outermost folder this makes, if any
    while not made.parent.exists():
        made = made.parent
    made_folder = None if made.exists() else made
    try:
        paths.folder.mkdir(parents=True, exist_ok=True)
        _create(paths, Sizes(records), random.Random(seed), sync, progress)
    except BaseException:
        _remove(paths, made_folder)
        raise
    return paths


def _create(
    paths: DemoPaths,
    sizes: Sizes,
    rng: random.Random,
    sync: bool,
    progress: Callable[[str], None],
) -> None:
    erp, crm, store = (f"sqlite:///{p}" for p in (paths.erp, paths.crm, paths.store))
    progress("creating the ERP and CRM databases")
    fill(erp, crm, sizes, rng)
    paths.config.write_text(CONFIG, encoding="utf-8")
    if not sync:
        return
    from desktop_sync.services import Service

    service = Service.open(paths.config, user="demo")
    try:
        progress("first synchronization")
        service.synchronize()
        progress("people edit both apps")
        edit_both_apps(erp, crm, store, sizes, rng)
        progress("second synchronization, which finds the problems")
        service.synchronize()
        service.queue.ensure_entries()
    finally:
        service.close()


def _remove(paths: DemoPaths, made_folder: Path | None) -> None:
    """Leave no half-made demo: the folder if this made it, else the files it wrote."""
    if made_folder is not None:
        shutil.rmtree(made_folder, ignore_errors=True)
        return
    for path in paths.files:
        for suffix in ("", "-journal", "-wal", "-shm"):
            path.with_name(path.name + suffix).unlink(missing_ok=True)
