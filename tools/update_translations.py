#!/usr/bin/env python3
"""Bring the translations up to date: pyside6-lupdate into the .ts files, pyside6-lrelease to .qm.

    python tools/update_translations.py           # update the .ts files and compile every .qm
    python tools/update_translations.py --check   # exit 1 when a .ts or .qm is out of date

After an update, translate the new messages of resources/translations/desktop_sync_nb.ts (with
Qt Linguist: `pyside6-linguist resources/translations/desktop_sync_nb.ts`, or in the XML) and
run this again to compile them. The files:

- desktop_sync_nb.ts  Norwegian Bokmål, every message.
- desktop_sync_en.ts  English plural forms only ("%n error(s)" -> "1 error" / "2 errors").
- qtbase_nb.ts        Qt's own words (standard buttons, edit menus) in Bokmål, written by hand:
                      Qt ships no qtbase_nb. Not touched by lupdate, only compiled.

Source locations are left out of the .ts files (-locations none), so that moving code around does
not change them; the context (the class) and the text identify each message.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "desktop_sync"
TRANSLATIONS = ROOT / "resources" / "translations"
LUPDATE_TARGETS = {"desktop_sync_nb.ts": [], "desktop_sync_en.ts": ["-pluralonly"]}
HANDWRITTEN = ["qtbase_nb.ts"]
SKIP = ("store/migrations",)


@dataclass(frozen=True, order=True)
class Message:
    context: str
    source: str
    plural: bool


def tool(name: str) -> list[str]:
    """pyside6-lupdate / pyside6-lrelease: beside this Python, on PATH, or inside PySide6."""
    for candidate in (
        Path(sys.executable).with_name(f"pyside6-{name}"),
        shutil.which(f"pyside6-{name}"),
    ):
        if candidate and Path(candidate).exists():
            return [str(candidate)]
    import PySide6

    binary = Path(PySide6.__file__).parent / (f"{name}.exe" if os.name == "nt" else name)
    if binary.exists():
        return [str(binary)]
    raise SystemExit(f"pyside6-{name} not found; install PySide6 (pip install -e .)")


def sources() -> list[Path]:
    files = sorted(p for p in SOURCES.rglob("*.py") if not any(s in p.as_posix() for s in SKIP))
    return [p for p in files if "__pycache__" not in p.parts]


def lupdate(ts: Path, options: list[str] = ()) -> str:  # type: ignore[assignment]
    command = [
        *tool("lupdate"),
        "-silent",
        "-no-obsolete",
        "-locations",
        "none",
        *options,
        *(str(p.relative_to(ROOT)) for p in sources()),
        "-ts",
        str(ts),
    ]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    if done.returncode:
        raise SystemExit(f"lupdate failed:\n{done.stdout}{done.stderr}")
    return done.stdout + done.stderr


def lrelease(ts: Path, qm: Path) -> None:
    command = [*tool("lrelease"), "-silent", "-nounfinished", str(ts), "-qm", str(qm)]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    if done.returncode:
        raise SystemExit(f"lrelease failed:\n{done.stdout}{done.stderr}")


def messages(ts: Path) -> dict[Message, list[str]]:
    """Every message of a .ts file with its translation (one string per plural form)."""
    found: dict[Message, list[str]] = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is not None and translation.get("type") in ("obsolete", "vanished"):
                continue
            plural = message.get("numerus") == "yes"
            forms = (
                [f.text or "" for f in translation.iter("numerusform")]
                if plural
                else [translation.text or ""]
            )
            unfinished = translation.get("type") == "unfinished"
            found[Message(name, message.findtext("source") or "", plural)] = (
                [] if unfinished else forms
            )
    return found


def fresh_messages(target: str) -> dict[Message, list[str]]:
    """What lupdate finds in the code today, merged with the committed translations."""
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / target
        if (TRANSLATIONS / target).exists():
            shutil.copy(TRANSLATIONS / target, copy)
        lupdate(copy, LUPDATE_TARGETS[target])
        return messages(copy)


def check() -> list[str]:
    """Every way the committed translations are out of date."""
    problems = []
    for target in LUPDATE_TARGETS:
        if not (TRANSLATIONS / target).exists():
            problems.append(f"{target} is missing")
            continue
        committed, fresh = messages(TRANSLATIONS / target), fresh_messages(target)
        for m in sorted(set(fresh) - set(committed)):
            problems.append(f"{target}: new message {m.context}: {m.source!r}")
        for m in sorted(set(committed) - set(fresh)):
            problems.append(f"{target}: message no longer in the code {m.context}: {m.source!r}")
    with tempfile.TemporaryDirectory() as tmp:
        for ts in [*LUPDATE_TARGETS, *HANDWRITTEN]:
            qm = TRANSLATIONS / ts.replace(".ts", ".qm")
            built = Path(tmp) / qm.name
            lrelease(TRANSLATIONS / ts, built)
            if not qm.exists() or not filecmp.cmp(built, qm, shallow=False):
                problems.append(f"{qm.name} is not compiled from {ts}")
    return problems


def update() -> None:
    TRANSLATIONS.mkdir(parents=True, exist_ok=True)
    for target, options in LUPDATE_TARGETS.items():
        print(lupdate(TRANSLATIONS / target, options).strip() or f"{target} updated")
    for ts in [*LUPDATE_TARGETS, *HANDWRITTEN]:
        lrelease(TRANSLATIONS / ts, TRANSLATIONS / ts.replace(".ts", ".qm"))
    unfinished = [
        m for m, forms in messages(TRANSLATIONS / "desktop_sync_nb.ts").items() if not forms
    ]
    if unfinished:
        print(
            f"{len(unfinished)} message(s) of desktop_sync_nb.ts wait for a translation, e.g. "
            f"{unfinished[0].context}: {unfinished[0].source!r}"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--check", action="store_true", help="only report what is out of date (exit 1 if anything)"
    )
    args = parser.parse_args()
    if args.check:
        problems = check()
        for line in problems:
            print(line)
        if problems:
            print("run: python tools/update_translations.py, translate, and run it again")
        return 1 if problems else 0
    update()
    return 0


if __name__ == "__main__":
    sys.exit(main())
