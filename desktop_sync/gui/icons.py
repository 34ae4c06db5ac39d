"""Icons by name, from the SVG set in `resources/icons`, cached.

SVG icons stay sharp at every size and device pixel ratio; QIcon renders them on demand.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QIcon

from desktop_sync.resources import icon_path


@cache
def icon(name: str) -> QIcon:
    return QIcon(str(icon_path(name)))


def app_icon() -> QIcon:
    return icon("desktop-sync")
