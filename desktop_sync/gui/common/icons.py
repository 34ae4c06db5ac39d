"""Icons by name, from the SVG set in `resources/icons`, cached.

SVG icons stay sharp at every size and device pixel ratio; QIcon renders them on demand.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QIcon

from desktop_sync.domain import ErrorKind
from desktop_sync.resources import icon_path

KIND_ICONS = {  # an error kind's icon, wherever an error kind is shown
    ErrorKind.CHANGED_IN_BOTH.value: "synchronize",
    ErrorKind.DELETED_IN_ERP.value: "delete",
    ErrorKind.DELETED_IN_CRM.value: "delete",
    ErrorKind.FAILED.value: "error",
}


@cache
def icon(name: str) -> QIcon:
    return QIcon(str(icon_path(name)))


def app_icon() -> QIcon:
    return icon("desktop-sync")
