"""The layers check themselves: the window reaches the apps, the store and the engine only through
the service layer; nothing below the window imports Qt; and neither the window nor the service
layer imports itself in a circle.

Every file of the package is read with `ast`, so an import inside a function (a local import)
counts as much as one at the top. The window's circles are counted with every import, even those
only for type checkers; the service layer's with the imports that run (its modules name `Service`
for type checkers only, and that is no circle at run time), and none of its modules imports the
package itself, which only names what callers import.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "desktop_sync"

GUI = "desktop_sync.gui"
BELOW_THE_SERVICES = ("desktop_sync.apps", "desktop_sync.store", "desktop_sync.engine")
QT = ("PySide6", "shiboken6")
ENGINE = "desktop_sync.engine"
SERVICES = "desktop_sync.services"
# The layers, each importing only those below it: gui → services → engine → apps | store → the
# base (configuration, domain types, database engines). What each may not import:
BASE = tuple(
    f"desktop_sync.{m}"
    for m in ("config", "domain", "db", "bulk", "transforms", "secrets", "words", "sqlite_apps")
)
FORBIDDEN = {
    SERVICES: (GUI,),
    ENGINE: (GUI, SERVICES),
    "desktop_sync.apps": (GUI, SERVICES, ENGINE, "desktop_sync.store"),
    "desktop_sync.store": (GUI, SERVICES, ENGINE, "desktop_sync.apps"),
    BASE: (GUI, SERVICES, ENGINE, "desktop_sync.apps", "desktop_sync.store"),
}


@dataclass(frozen=True)
class Import:
    module: str  # the importing module
    target: str  # the module imported (a submodule when `from package import submodule`)
    line: int
    type_checking: bool  # inside `if TYPE_CHECKING:`


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path, root: Path, modules: set[str]) -> list[Import]:
    """Every import in one file, top-level or not, with relative imports resolved."""
    name = module_name(path, root)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: list[Import] = []

    def visit(node: ast.AST, type_checking: bool) -> None:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.body:
                visit(child, True)
            for child in node.orelse:
                visit(child, type_checking)
            return
        if isinstance(node, ast.Import):
            for alias in node.names:
                found.append(Import(name, alias.name, node.lineno, type_checking))
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                target = submodule if submodule in modules else base
                found.append(Import(name, target, node.lineno, type_checking))
        for child in ast.iter_child_nodes(node):
            visit(child, type_checking)

    visit(tree, False)
    return found


def package_imports(root: Path) -> list[Import]:
    files = [
        p for p in sorted((root / "desktop_sync").rglob("*.py")) if "__pycache__" not in p.parts
    ]
    modules = {module_name(p, root) for p in files}
    return list(dict.fromkeys(i for p in files for i in imports_of(p, root, modules)))


def within(name: str, package: str | tuple[str, ...]) -> bool:
    packages = (package,) if isinstance(package, str) else package
    return any(name == p or name.startswith(p + ".") for p in packages)


def layer_problems(imports: list[Import]) -> list[str]:
    """Every import that crosses a layer the wrong way."""
    problems = []
    for i in imports:
        if within(i.module, GUI) and within(i.target, BELOW_THE_SERVICES):
            problems.append(f"{i.module}:{i.line} imports {i.target}: use the services")
        if not within(i.module, GUI) and within(i.target, QT):
            problems.append(f"{i.module}:{i.line} imports {i.target}: only desktop_sync.gui has Qt")
        for layer, forbidden in FORBIDDEN.items():
            if within(i.module, layer) and within(i.target, forbidden):
                problems.append(f"{i.module}:{i.line} imports {i.target}: a layer above it")
        if within(i.module, SERVICES) and within(i.target, ENGINE) and i.target != ENGINE:
            problems.append(f"{i.module}:{i.line} imports {i.target}: use desktop_sync.engine")
    return problems


def cycles(imports: list[Import], package: str, with_type_checking: bool) -> list[list[str]]:
    """The import circles among the modules of `package` (each circle once)."""
    graph: dict[str, set[str]] = {}
    for i in imports:
        inside = within(i.module, package) and within(i.target, package)
        if inside and i.module != i.target and (with_type_checking or not i.type_checking):
            graph.setdefault(i.module, set()).add(i.target)
    found: list[list[str]] = []
    seen: set[str] = set()

    def walk(node: str, path: list[str]) -> None:
        if node in path:
            circle = path[path.index(node) :]
            start = circle.index(min(circle))
            circle = circle[start:] + circle[:start]
            if circle not in found:
                found.append(circle)
            return
        if node in seen:
            return
        for target in sorted(graph.get(node, ())):
            walk(target, [*path, node])
        seen.add(node)

    for node in sorted(graph):
        walk(node, [])
    return found


# -- the package ---------------------------------------------------------------------------------


def test_the_window_reaches_below_the_services_only_through_them_and_only_it_has_qt() -> None:
    problems = layer_problems(package_imports(ROOT))
    assert problems == [], "\n".join(problems)


def test_the_window_imports_itself_in_no_circle() -> None:
    found = cycles(package_imports(ROOT), GUI, with_type_checking=True)
    assert found == [], [" -> ".join([*c, c[0]]) for c in found]


def test_the_service_layer_imports_itself_in_no_circle() -> None:
    imports = package_imports(ROOT)
    found = cycles(imports, "desktop_sync.services", with_type_checking=False)
    assert found == [], [" -> ".join([*c, c[0]]) for c in found]
    back = [
        f"{i.module}:{i.line}"
        for i in imports
        if within(i.module, "desktop_sync.services") and i.target == "desktop_sync.services"
    ]
    assert back == [], f"{back}: import from the module (services.service…), not the package"


# -- the checks can fail ------------------------------------------------------------------------


def write(root: Path, module: str, text: str) -> None:
    path = root.joinpath(*module.split(".")).with_suffix(".py")
    path.parent.mkdir(parents=True, exist_ok=True)
    for parent in [path.parent, *path.parent.parents]:
        if parent == root:
            break
        (parent / "__init__.py").touch()
    path.write_text(text, encoding="utf-8")


def test_the_checks_find_a_bad_snippet(tmp_path: Path) -> None:
    write(
        tmp_path,
        "desktop_sync.gui.errors.bad",
        "from desktop_sync.services import Service\n\n"
        "def later():\n"
        "    from desktop_sync.store.models import utcnow  # a local import counts too\n"
        "    return utcnow()\n",
    )
    write(tmp_path, "desktop_sync.gui.errors.worse", "from ...engine import plan\n")
    write(tmp_path, "desktop_sync.engine.plan", "import PySide6.QtCore\n")
    write(tmp_path, "desktop_sync.engine.jobs", "from desktop_sync.services import Service\n")
    write(tmp_path, "desktop_sync.apps.connection", "from desktop_sync.store import database\n")
    write(tmp_path, "desktop_sync.services.actions", "from desktop_sync.engine.plan import Item\n")
    write(tmp_path, "desktop_sync.gui.a", "from desktop_sync.gui import b\n")
    write(
        tmp_path,
        "desktop_sync.gui.b",
        "from typing import TYPE_CHECKING\n\n"
        "if TYPE_CHECKING:\n"
        "    from desktop_sync.gui.a import A  # a circle for type checkers is still one\n",
    )
    imports = package_imports(tmp_path)
    assert layer_problems(imports) == [
        "desktop_sync.apps.connection:1 imports desktop_sync.store: a layer above it",
        "desktop_sync.engine.jobs:1 imports desktop_sync.services: a layer above it",
        "desktop_sync.engine.plan:1 imports PySide6.QtCore: only desktop_sync.gui has Qt",
        "desktop_sync.gui.errors.bad:4 imports desktop_sync.store.models: use the services",
        "desktop_sync.gui.errors.worse:1 imports desktop_sync.engine.plan: use the services",
        "desktop_sync.services.actions:1 imports desktop_sync.engine.plan: use desktop_sync.engine",
    ]
    assert cycles(imports, GUI, with_type_checking=True) == [
        ["desktop_sync.gui.a", "desktop_sync.gui.b"]
    ]
    assert cycles(imports, GUI, with_type_checking=False) == []


MOST_LINES = 400  # a module longer than this holds more than one thing: split it by what it holds


def test_no_module_is_longer_than_it_should_be() -> None:
    long = {
        str(path.relative_to(ROOT)): lines
        for path in PACKAGE.rglob("*.py")
        if "migrations" not in path.parts
        and (lines := len(path.read_text(encoding="utf-8").splitlines())) > MOST_LINES
    }
    assert not long, f"modules over {MOST_LINES} lines: {long}"
