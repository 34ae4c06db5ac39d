"""Fixtures of the OData tests: the CAP server (one per test worker, emptied for every test) and
the tests' world with both apps behind it (`world` here is the OData world, so scenario tests
imported from `tests/` run over OData unchanged)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.odata.cap import CapServer
from tests.odata.world import ODataWorld


@pytest.fixture(scope="session")
def cap_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CapServer]:
    server = CapServer(tmp_path_factory.mktemp("cap") / "apps.sqlite")
    yield server
    server.stop()


@pytest.fixture
def cap(cap_server: CapServer) -> CapServer:
    cap_server.clear()
    return cap_server


@pytest.fixture
def world(tmp_path, cap: CapServer, monkeypatch) -> Iterator[ODataWorld]:
    monkeypatch.setenv("DESKTOP_SYNC_STATE_DIR", str(tmp_path / "state"))
    w = ODataWorld(tmp_path, cap)
    yield w
    w.close()
