"""Signing in with MSAL end to end, against a local Entra token endpoint (a custom authority,
no instance discovery): client credentials for `worker`, the device code flow for a person,
silent refresh, and Entra's refusals in words a person can act on."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from desktop_sync.apps.odata.auth import EntraSignIn
from desktop_sync.apps.record import AppError
from desktop_sync.config import ServiceConfig
from desktop_sync.domain import Side
from tests.odata.entra import CLIENT_ID, SECRET, TENANT, Entra


@pytest.fixture
def entra(tmp_path, monkeypatch) -> Iterator[Entra]:
    server = Entra(tmp_path)
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(server.cert_file))
    monkeypatch.setenv("DESKTOP_SYNC_TOKEN_CACHE", str(tmp_path / "tokens"))
    yield server
    server.close()


def service(entra: Entra, auth: str) -> ServiceConfig:
    return ServiceConfig(
        kind="dataverse",
        root="https://contoso.crm4.dynamics.com/api/data/v9.2/",
        auth=auth,
        tenant=TENANT,
        client_id=CLIENT_ID,
        authority=entra.authority,
        scopes=("https://contoso.crm4.dynamics.com/.default",),
    )


def test_client_credentials_sign_in_once_and_reuse_the_token(entra, monkeypatch) -> None:
    monkeypatch.setenv("DESKTOP_SYNC_CRM_CLIENT_SECRET", SECRET)
    signer = EntraSignIn("Dynamics 365 Sales", service(entra, "client_credentials"), Side.CRM)
    first = signer.headers()["Authorization"]
    assert first.removeprefix("Bearer ") in entra.issued
    assert signer.headers()["Authorization"] == first, "the token is reused while valid"
    assert entra.grants == ["client_credentials"]


def test_a_wrong_client_secret_is_told_with_the_fix(entra, monkeypatch) -> None:
    monkeypatch.setenv("DESKTOP_SYNC_CRM_CLIENT_SECRET", "wrong")
    signer = EntraSignIn("Dynamics 365 Sales", service(entra, "client_credentials"), Side.CRM)
    with pytest.raises(AppError) as caught:
        signer.headers()
    message = str(caught.value)
    assert message.startswith("Signing in to Dynamics 365 Sales failed: the client secret is wrong")
    assert "DESKTOP_SYNC_CRM_CLIENT_SECRET" in message and "AADSTS7000215" in message


def test_no_client_secret_says_where_to_put_it(entra, monkeypatch) -> None:
    monkeypatch.delenv("DESKTOP_SYNC_CRM_CLIENT_SECRET", raising=False)
    with pytest.raises(AppError, match="no client secret.*DESKTOP_SYNC_CRM_CLIENT_SECRET"):
        EntraSignIn("Dynamics 365 Sales", service(entra, "client_credentials"), Side.CRM)


def test_device_code_shows_the_code_then_refreshes_silently(entra) -> None:
    shown: list[str] = []

    def prompt(message: str) -> None:
        shown.append(message)
        threading.Timer(0.2, entra.approved.set).start()  # the person enters the code

    signer = EntraSignIn("Dynamics 365 Sales", service(entra, "device_code"), Side.CRM, prompt)
    token = signer.headers()["Authorization"].removeprefix("Bearer ")
    assert token in entra.issued
    assert (
        len(shown) == 1 and "ABCD-EFGH" in shown[0] and shown[0].startswith("Dynamics 365 Sales: ")
    )
    refreshed = signer.headers(refresh=True)["Authorization"].removeprefix("Bearer ")
    assert refreshed != token and refreshed in entra.issued
    assert entra.grants[-1] == "refresh_token" and len(shown) == 1, "no second prompt"


@pytest.mark.parametrize(
    ("code", "words"),
    [
        ("AADSTS700016", "is not found in tenant contoso.onmicrosoft.com"),
        ("AADSTS65001", "an administrator must grant consent"),
        ("AADSTS50020", "is not a member of tenant"),
        ("AADSTS53003", "Conditional Access"),
        ("AADSTS500011", "is not known in tenant"),
    ],
)
def test_entra_refusals_name_the_fix(entra, code, words) -> None:
    entra.refuse["urn:ietf:params:oauth:grant-type:device_code"] = code
    entra.approved.set()
    signer = EntraSignIn("Business Central", service(entra, "device_code"), Side.ERP, print)
    with pytest.raises(AppError) as caught:
        signer.headers()
    assert words in str(caught.value) and code in str(caught.value)


def test_an_unreachable_entra_is_a_passing_fault(entra, monkeypatch) -> None:
    from desktop_sync.apps.faults import TransientFault, is_transient

    monkeypatch.setenv("DESKTOP_SYNC_CRM_CLIENT_SECRET", SECRET)
    config = service(entra, "client_credentials")
    entra.close()  # nobody answers at the authority any more
    with pytest.raises(TransientFault) as caught:
        EntraSignIn("Dynamics 365 Sales", config, Side.CRM).headers()
    assert is_transient(caught.value)
    assert "Microsoft Entra ID cannot be reached" in caught.value.message
