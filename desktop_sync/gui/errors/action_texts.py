"""The texts of the error actions (name and tip), in the "ErrorActions" context: apart from
`ErrorActions`, so that the actions' module holds what they do."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction

translate = QCoreApplication.translate  # spelled out with its context for pyside6-lupdate


def action_texts(a: Any) -> dict[QAction, tuple[str, str]]:
    """Each action of `a` (an `ErrorActions`) with its text and tip."""
    return {
        a.remove_coupling: (
            translate("ErrorActions", "Remove Coupling"),
            translate(
                "ErrorActions",
                "Uncouple the records; they stay in both apps but are no longer synchronized",
            ),
        ),
        a.retry: (
            translate("ErrorActions", "Retry"),
            translate("ErrorActions", "Include the records in the next synchronization"),
        ),
        a.retry_all: (
            translate("ErrorActions", "Retry All"),
            translate("ErrorActions", "Retry every error in the list as filtered"),
        ),
        a.synchronize: (
            translate("ErrorActions", "Synchronize…"),
            translate("ErrorActions", "Choose, field by field, which version both apps get"),
        ),
        a.restore: (
            translate("ErrorActions", "Restore Records"),
            translate("ErrorActions", "Recreate each record in the app it was deleted from"),
        ),
        a.delete: (
            translate("ErrorActions", "Delete Records"),
            translate("ErrorActions", "Delete each record in the app where it still exists"),
        ),
        a.set_up_coupling: (
            translate("ErrorActions", "Set Up Coupling…"),
            translate("ErrorActions", "Couple the record to another record of the other app"),
        ),
        a.sync_log: (
            translate("ErrorActions", "Synchronization Log"),
            translate("ErrorActions", "The synchronization log of the selected record"),
        ),
        a.find_deleted: (
            translate("ErrorActions", "Find Deleted"),
            translate(
                "ErrorActions",
                "Look for coupled records deleted in one app while nothing changed in the other",
            ),
        ),
        a.compare_all: (
            translate("ErrorActions", "Compare All Records"),
            translate(
                "ErrorActions",
                "Compare every coupled pair by value, whatever the last-modified values say, "
                "and copy what one app changed",
            ),
        ),
        a.details: (
            translate("ErrorActions", "Show Details"),
            translate("ErrorActions", "The full message and technical detail"),
        ),
        a.open_record: (
            translate("ErrorActions", "Open Record"),
            translate("ErrorActions", "Open the record window"),
        ),
        a.refresh: (
            translate("ErrorActions", "Refresh"),
            translate("ErrorActions", "Read the errors again"),
        ),
        a.apply_similar: (
            translate("ErrorActions", "Apply to Similar Errors…"),
            translate(
                "ErrorActions",
                "One decision for every open error like the selected one: same mapping and "
                "kind, the same conflicting fields or message",
            ),
        ),
        a.rules: (
            translate("ErrorActions", "Rules…"),
            translate(
                "ErrorActions",
                "The rules that settle conflicts by themselves; switch them on or off",
            ),
        ),
    }
