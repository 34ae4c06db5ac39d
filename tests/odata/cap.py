"""A real OData v4 server for the tests: SAP CAP (`@sap/cds` 8 with `@cap-js/sqlite` 1) on
Node.js, serving an ERP-like and a CRM-like service from one SQLite file (`server/`).

`npm ci` installs it into `tests/odata/server/node_modules` the first time (`.ci/run` does it
before the tests). Where Node.js or npm is missing, the tests that need the server skip, saying
so, unless DESKTOP_SYNC_REQUIRE_SERVERS=1 makes them mandatory.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import sqlite3
import subprocess
import threading
import time
from pathlib import Path

import pytest

SERVER_DIR = Path(__file__).parent / "server"
REQUIRE_SERVERS = os.environ.get("DESKTOP_SYNC_REQUIRE_SERVERS") == "1"
STARTUP = 90.0  # seconds a server may take to start (deploying the model included)


def unavailable(reason: str) -> None:
    if REQUIRE_SERVERS:
        pytest.fail(f"{reason} (DESKTOP_SYNC_REQUIRE_SERVERS=1 makes it mandatory)")
    pytest.skip(reason)


def ensure_installed() -> None:
    """Node.js and the CAP packages, installed once (a lock keeps parallel workers in turn)."""
    if shutil.which("node") is None or shutil.which("npm") is None:
        unavailable("Node.js and npm are needed for the OData server tests (SAP CAP)")
    if (SERVER_DIR / "node_modules" / "@sap" / "cds").exists():
        return
    with open(SERVER_DIR / ".install.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if (SERVER_DIR / "node_modules" / "@sap" / "cds").exists():
            return
        command = ["npm", "ci", "--no-audit", "--no-fund"]
        done = subprocess.run(command, cwd=SERVER_DIR, capture_output=True, text=True, timeout=600)
        if done.returncode != 0:
            unavailable(f"`npm ci` in {SERVER_DIR} failed: {done.stderr.strip()[-400:]}")


class CapServer:
    """One CAP server process on a free port, with its SQLite file."""

    def __init__(self, db_file: Path) -> None:
        ensure_installed()
        self.db_file = db_file
        self.process = subprocess.Popen(
            ["node", "server.js", str(db_file), "0"],
            cwd=SERVER_DIR,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.output: list[str] = []
        port = self._port()
        self.url = f"http://127.0.0.1:{port}"
        # Keep reading its output, so that a full pipe never blocks the server.
        threading.Thread(target=self._drain, daemon=True).start()

    def _port(self) -> int:
        deadline = time.monotonic() + STARTUP
        assert self.process.stdout is not None
        while time.monotonic() < deadline:
            line = self.process.stdout.readline()
            if not line:
                break
            self.output.append(line)
            if line.startswith("listening "):
                return int(line.split()[1])
        self.stop()
        unavailable("the CAP server did not start: " + "".join(self.output)[-800:])
        raise AssertionError  # unreachable

    def _drain(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.output.append(line)
            del self.output[:-200]

    def service(self, name: str) -> str:
        return f"{self.url}/{name}/"

    def clear(self) -> None:
        """Empty both apps' tables and drop indexes a test made."""
        with sqlite3.connect(self.db_file, timeout=30) as db:
            for (index,) in db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
            ).fetchall():
                db.execute(f'DROP INDEX "{index}"')
            db.execute("DELETE FROM customer")
            db.execute("DELETE FROM account")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
