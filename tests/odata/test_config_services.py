"""`[erp]`/`[crm]` sections of apps reached through their web APIs: read into a ServiceConfig,
and every mistake named by file, key and fix."""

from __future__ import annotations

from typing import Any

import pytest

from desktop_sync.config import ConfigError, parse_config

MAPPING = {
    "name": "CUSTOMER",
    "erp_table": "customers",
    "crm_table": "accounts",
    "erp_key": "id",
    "crm_key": "accountid",
    "field": [{"erp": "displayName", "crm": "name"}],
}
BC = {
    "name": "Business Central",
    "kind": "business_central",
    "tenant": "contoso.onmicrosoft.com",
    "environment": "production",
    "company": "7b4c1f6e-2f0b-4c36-9d0a-6c1b9d7e2a11",
    "client_id": "11111111-2222-3333-4444-555555555555",
}
DATAVERSE = {
    "name": "Dynamics 365 Sales",
    "kind": "dataverse",
    "url": "https://contoso.crm4.dynamics.com/",
    "tenant": "contoso.onmicrosoft.com",
    "client_id": "11111111-2222-3333-4444-555555555555",
    "auth": "client_credentials",
}


def config(erp: dict[str, Any], crm: dict[str, Any]) -> Any:
    return parse_config(
        {"store": {"url": "sqlite:///state.db"}, "erp": erp, "crm": crm, "mapping": [MAPPING]}
    )


def test_business_central_and_dataverse_are_read() -> None:
    parsed = config(BC, DATAVERSE)
    bc, dv = parsed.erp.service, parsed.crm.service
    assert parsed.erp.kind == "business_central" and bc is not None
    assert bc.root == (
        "https://api.businesscentral.dynamics.com/v2.0/contoso.onmicrosoft.com/production/api/v2.0/"
    )
    assert bc.prefix == "companies(7b4c1f6e-2f0b-4c36-9d0a-6c1b9d7e2a11)/"
    assert bc.scopes == ("https://api.businesscentral.dynamics.com/.default",)
    assert (bc.auth, bc.authority) == (
        "device_code",
        "https://login.microsoftonline.com/contoso.onmicrosoft.com",
    )
    assert dv is not None and dv.root == "https://contoso.crm4.dynamics.com/api/data/v9.2/"
    assert dv.scopes == ("https://contoso.crm4.dynamics.com/.default",)
    assert dv.change_tracking


def test_a_desktop_user_asks_dataverse_for_user_impersonation() -> None:
    parsed = config(BC, {**DATAVERSE, "auth": "device_code"})
    assert parsed.crm.service.scopes == ("https://contoso.crm4.dynamics.com/user_impersonation",)


def test_any_odata_service() -> None:
    parsed = config({"kind": "odata", "url": "https://erp.example.com/odata/v4/sales"}, DATAVERSE)
    assert parsed.erp.service.root == "https://erp.example.com/odata/v4/sales/"
    assert parsed.erp.service.auth == "none" and parsed.erp.kind == "odata"


@pytest.mark.parametrize(
    ("erp", "key", "words"),
    [
        ({**BC, "tenant": None}, "erp.tenant", "is missing"),
        ({**BC, "client_secret": "s3cret"}, "erp.client_secret", "DESKTOP_SYNC_ERP_CLIENT_SECRET"),
        ({**BC, "auth": "password"}, "erp.auth", "device_code | client_credentials"),
        ({**BC, "kind": "navision"}, "erp.kind", "business_central | dataverse | odata"),
        ({"kind": "odata", "url": "erp.example.com"}, "erp.url", "http(s)://"),
        ({"kind": "odata", "url": "https://x/", "auth": "device_code"}, "erp.tenant", "missing"),
        ({**BC, "authority": "http://login"}, "erp.authority", "https://"),
    ],
)
def test_mistakes_are_named_with_the_fix(erp, key, words) -> None:
    erp = {k: v for k, v in erp.items() if v is not None}
    with pytest.raises(ConfigError) as caught:
        config(erp, DATAVERSE)
    assert caught.value.key == key and words in caught.value.problem
