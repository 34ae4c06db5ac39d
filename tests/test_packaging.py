"""What a wheel holds: every package of the source tree, its migrations, icons and translations."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_package_of_the_tree_is_listed_in_pyproject() -> None:
    listed = set(
        tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]
    )
    found = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "desktop_sync").rglob("__init__.py")
        if "__pycache__" not in init.parts
    }
    assert found - listed == set(), (
        "add these packages to [tool.setuptools] packages in pyproject.toml"
    )
    assert "desktop_sync.resources" in listed


def test_package_data_covers_migrations_and_resources() -> None:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"][
        "package-data"
    ]
    assert "store/migrations/versions/*.py" in data["desktop_sync"]
    assert {"icons/*.svg", "translations/*.qm"} <= set(data["desktop_sync.resources"])
    assert list((ROOT / "desktop_sync/store/migrations/versions").glob("*.py")), "a migration ships"
    assert list((ROOT / "resources/icons").glob("*.svg")), "icons ship"
