"""The synchronization engine: rules, batches, jobs. Headless; never imports Qt.

Its public face, what the service layer uses: `Engine` runs jobs (`jobs`); a person's action
builds a `Context`, reads a pair's records (`read_items`), decides with a `Planner` and writes
with `apply_plans`, exactly as a job does. `undo_written` writes a journaled resolution's
before-values back; `load_rules` lists the rules a job of a mapping applies.
"""

from desktop_sync.engine.batch import apply_plans
from desktop_sync.engine.compare import MISSING, choose
from desktop_sync.engine.context import (
    FIND_DELETED,
    FULL,
    TABLE,
    Context,
    JobError,
    ProgressCallback,
    Scope,
    WatermarkState,
    load_watermark,
    read_items,
)
from desktop_sync.engine.items import Item, Plan
from desktop_sync.engine.jobs import Engine
from desktop_sync.engine.plan import Planner
from desktop_sync.engine.rules import load_rules
from desktop_sync.engine.translate import Lookups, TranslationError
from desktop_sync.engine.undo import UndoOutcome, Written, undo_written

__all__ = [
    "FIND_DELETED",
    "FULL",
    "MISSING",
    "TABLE",
    "Context",
    "Engine",
    "Item",
    "JobError",
    "Lookups",
    "Plan",
    "Planner",
    "ProgressCallback",
    "Scope",
    "TranslationError",
    "UndoOutcome",
    "WatermarkState",
    "Written",
    "apply_plans",
    "choose",
    "load_rules",
    "load_watermark",
    "read_items",
    "undo_written",
]
