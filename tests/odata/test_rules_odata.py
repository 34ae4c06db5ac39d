"""Every synchronization rule's scenario (`tests/test_rules.py`), unchanged, with both apps
behind a real OData v4 server (SAP CAP) instead of two databases.

The tests are the same functions: this module imports them, and pytest gives them this
folder's `world` (`conftest.py`). The two things they reach for besides `world` are pointed at
the OData side while they run: a `World(...)` a test makes itself is an OData world, and
`desktop_sync.apps.connection.SideTable` (which rule 6's tests patch to make a write meet a
concurrent edit) is the OData connector's `ServiceTable`.
"""

from __future__ import annotations

from typing import Any

import pytest

import desktop_sync.apps.connection
from desktop_sync.apps.odata import ServiceTable
from tests import test_rules
from tests.odata.cap import CapServer
from tests.odata.world import ODataWorld
from tests.test_rules import *  # noqa: F403 - the scenario tests and their fixtures themselves

NOT_OVER_ODATA = {
    "test_rule5_rejected_write_fails_that_record_and_the_job_goes_on": (
        "it asserts SQLite's own words for a unique index ('UNIQUE constraint failed'); the "
        "same scenario with the service's words ('Entity already exists') is "
        "tests/odata/test_odata_writes.py::test_rejected_inserts_fail_alone_in_the_services_words"
    ),
    "test_rule1_integer_identity_key_is_assigned_by_the_database": (
        "a CRM database that numbers its rows itself; over OData, keys the service makes are "
        "covered by the Business Central tests (tests/odata/test_business_central.py)"
    ),
}


@pytest.fixture(autouse=True)
def _over_odata(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch, cap: CapServer
) -> None:
    reason = NOT_OVER_ODATA.get(request.node.originalname)
    if reason:
        pytest.skip(f"not an OData scenario: {reason}")

    def odata_world(folder: Any, crm_identity: bool = False, **options: Any) -> ODataWorld:
        return ODataWorld(folder, cap, **options)

    monkeypatch.setattr(test_rules, "World", odata_world)
    monkeypatch.setattr(desktop_sync.apps.connection, "SideTable", ServiceTable)
