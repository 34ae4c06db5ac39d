"""Where desktop-sync's own files live: icons, translations, the desktop entry.

Installed as the package `desktop_sync.resources`, so the same paths work from a source tree,
an installed wheel and a PyInstaller bundle. Plain paths only; the window turns them into Qt
objects (see `desktop_sync.gui.icons`).
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent
ICONS = ROOT / "icons"
TRANSLATIONS = ROOT / "translations"
DESKTOP_FILE = ROOT / "desktop-sync.desktop"


def icon_path(name: str) -> Path:
    """The SVG of an icon by name (without extension); raises FileNotFoundError for a typo."""
    path = ICONS / f"{name}.svg"
    if not path.is_file():
        raise FileNotFoundError(f"no icon named {name!r} in {ICONS}")
    return path


def translation_path(language: str, extension: str = "qm") -> Path:
    return TRANSLATIONS / f"desktop_sync_{language}.{extension}"
