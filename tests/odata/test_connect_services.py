"""Connecting Business Central and Dynamics 365 Sales below the window: the form's kinds and
their fields, the TOML it writes (no secret in it), signing in by device code against the local
Entra endpoint (with Cancel, and Entra's refusals in plain words), Business Central's companies
to pick, the check of every mapped entity set and field, and a job's progress while a service
makes it wait."""

from __future__ import annotations

import threading
import tomllib

import pytest

from desktop_sync.config import load_config
from desktop_sync.domain import Progress, Side
from desktop_sync.services import Service
from desktop_sync.services.form_checks import check_whole_form, side_app
from desktop_sync.services.setup import (
    ODATA,
    FormProblems,
    check_connections,
    config_toml,
    save_config,
)
from desktop_sync.services.signin import (
    DeviceCode,
    SignInCancelled,
    SignInFailed,
    companies,
    service_answers,
    sign_in_now,
    signed_in,
    who_must_sign_in,
)
from tests.odata import emulated
from tests.odata.connect_world import ConnectWorld, connect_world
from tests.odata.entra import CLIENT_ID, SECRET

__all__ = ["connect_world"]

DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code"


def enter_code(world: ConnectWorld, shown: list[DeviceCode]):  # type: ignore[no-untyped-def]
    def show(code: DeviceCode) -> None:
        shown.append(code)
        threading.Timer(0.2, world.entra.approved.set).start()  # the person enters the code

    return show


def test_business_central_sign_in_pick_company_check_and_save(connect_world: ConnectWorld) -> None:
    world = connect_world
    form = world.bc_form()
    with pytest.raises(FormProblems) as caught:
        check_whole_form(form, world.config_path)
    assert [p.field_name for p in caught.value.problems] == ["erp_company"], "pick it first"

    app = side_app(form, "erp", world.config_path)
    assert not signed_in(app)
    shown: list[DeviceCode] = []
    sign_in_now(app, enter_code(world, shown))
    assert len(shown) == 1 and shown[0].user_code == "ABCD-EFGH"
    assert shown[0].verification_uri == "https://microsoft.com/devicelogin"
    assert signed_in(app), "the token is cached for every later connection"

    found = companies(app)
    assert [c.name for c in found] == ["CRONUS International Ltd.", "My Company"]
    form.erp_company = found[0].id
    config = check_whole_form(form, world.config_path)
    result = check_connections(config, form.passwords)
    assert result.problems == [] and result.ok, [str(p) for p in result.problems]
    assert world.entra.grants.count(DEVICE_GRANT) >= 1
    assert ("GET", f"{world.bc.root}$metadata") in world.bc.requests

    save_config(config, form, world.config_path)
    data = tomllib.loads(world.config_path.read_text(encoding="utf-8"))
    assert data["erp"] == {
        "name": "Business Central",
        "kind": "business_central",
        "tenant": emulated.TENANT,
        "environment": emulated.ENVIRONMENT,
        "company": emulated.COMPANY,
        "client_id": CLIENT_ID,
        "auth": "device_code",
        "api": world.bc_emulator.url,
        "authority": world.entra.authority,
    }
    assert data["crm"] == {"name": "Dynamics 365 Sales", "url": world.crm.url}
    loaded = load_config(world.config_path)
    assert loaded.erp.service is not None
    assert loaded.erp.service.prefix == f"companies({emulated.COMPANY})/"
    assert who_must_sign_in(loaded) == [], "signed in already in this process"
    kept = {account for _, account in world.keyring.entries}
    assert kept == {f"erp:msal:{CLIENT_ID}"}, "only the token cache, encrypted by the keyring"


def test_cancel_stops_the_wait_for_the_code(connect_world: ConnectWorld) -> None:
    world = connect_world
    app = side_app(world.bc_form(), "erp", world.config_path)
    cancel = threading.Event()
    with pytest.raises(SignInCancelled):
        sign_in_now(app, lambda code: cancel.set(), cancel.is_set)
    assert world.entra.issued == set() and not signed_in(app)


@pytest.mark.parametrize(
    ("code", "words"),
    [
        ("AADSTS65001", "an administrator must grant consent"),
        ("AADSTS700016", f"client_id {CLIENT_ID}) is not found in tenant {emulated.TENANT}"),
    ],
)
def test_an_entra_refusal_is_told_in_plain_words(connect_world: ConnectWorld, code, words) -> None:
    world = connect_world
    world.entra.refuse[DEVICE_GRANT] = code
    app = side_app(world.bc_form(), "erp", world.config_path)
    with pytest.raises(SignInFailed) as caught:
        sign_in_now(app, lambda shown: world.entra.approved.set())
    assert caught.value.words.startswith("Signing in to Business Central failed: ")
    assert words in caught.value.words and code in caught.value.words


def test_the_check_names_a_missing_field_and_asks_to_sign_in_first(
    connect_world: ConnectWorld,
) -> None:
    world = connect_world
    form = world.bc_form(erp_company=emulated.COMPANY, fields="displayName = name\nfax = city")
    config = check_whole_form(form, world.config_path)
    before = check_connections(config, form.passwords)
    assert [str(p) for p in before.problems] == [
        "Business Central: sign in first (the Sign in… button beside it)."
    ]
    sign_in_now(side_app(form, "erp", world.config_path), enter_code(world, []))
    after = check_connections(config, form.passwords)
    assert [str(p) for p in after.problems] == [
        "Business Central entity set “customers” has no field “fax” (field)."
    ]
    form.erp_table = "vendors"
    config = check_whole_form(form, world.config_path)
    assert [str(p) for p in check_connections(config, {}).problems] == [
        "Business Central has no entity set “vendors” (check its name)."
    ]


def test_dataverse_with_a_client_secret_kept_in_the_keyring_not_the_file(
    connect_world: ConnectWorld,
) -> None:
    world = connect_world
    form = world.dataverse_form()
    with pytest.raises(FormProblems) as caught:
        check_whole_form(form, world.config_path)
    assert [p.field_name for p in caught.value.problems] == ["crm_secret"]
    assert "DESKTOP_SYNC_CRM_CLIENT_SECRET" in str(caught.value.problems[0].message)

    form.passwords = {"crm": SECRET}
    app = side_app(form, "crm", world.config_path)
    assert service_answers(app, SECRET) == []
    config = check_whole_form(form, world.config_path)
    result = check_connections(config, form.passwords)
    assert result.ok, [str(p) for p in result.problems] + [str(e) for e in result.errors]
    save_config(config, form, world.config_path)
    text = world.config_path.read_text(encoding="utf-8")
    assert SECRET not in text
    assert tomllib.loads(text)["crm"]["auth"] == "client_credentials"
    assert world.keyring.entries == {("desktop-sync", f"crm:client-secret:{CLIENT_ID}"): SECRET}
    service = Service.open(world.config_path)  # the saved secret signs the job in
    try:
        results = service.synchronize()
        assert world.dataverse.tables["accounts"].rows == {}, "nothing in the ERP to copy"
    finally:
        service.close()
    assert [r.status.value for r in results] == ["finished"], results[0].message


def test_wrong_values_are_named_by_field(connect_world: ConnectWorld) -> None:
    world = connect_world
    form = world.bc_form(erp_tenant="", erp_client_id="my app", erp_company="CRONUS")
    with pytest.raises(FormProblems) as caught:
        check_whole_form(form, world.config_path)
    named = {p.field_name: str(p.message) for p in caught.value.problems}
    assert set(named) == {"erp_tenant", "erp_client_id", "erp_company"}
    assert named["erp_tenant"] == "This field is required."
    assert "is a GUID" in named["erp_client_id"] and "pick the company" in named["erp_company"]

    odata = world.bc_form(erp_kind=ODATA, erp_url="example.com/odata", erp_auth="bearer")
    with pytest.raises(FormProblems) as caught:
        check_whole_form(odata, world.config_path)
    named = {p.field_name: str(p.message) for p in caught.value.problems}
    assert set(named) == {"erp_url", "erp_secret"}
    assert "not the address of a web service" in named["erp_url"]
    assert "DESKTOP_SYNC_ERP_TOKEN" in named["erp_secret"]


def test_an_odata_service_with_a_bearer_token(connect_world: ConnectWorld) -> None:
    world = connect_world
    world.dataverse.tokens = {"the-token"}
    form = world.bc_form(
        erp_kind=ODATA,
        erp_url=world.dataverse_emulator.url + "/api/data/v9.2/",
        erp_auth="bearer",
        passwords={"erp": "the-token"},
    )
    toml = config_toml(form)
    assert 'kind = "odata"' in toml and 'auth = "bearer"' in toml and "the-token" not in toml
    assert "tenant" not in toml.split("[crm]")[0], "an OData service's section keeps its own keys"
    app = side_app(form, "erp", world.config_path)
    assert service_answers(app, "the-token") == []
    assert "does not answer" in str(service_answers(app, "a-wrong-token")[0])


def test_a_job_waiting_on_the_service_limit_says_so(connect_world: ConnectWorld) -> None:
    world = connect_world
    form = world.bc_form(erp_company=emulated.COMPANY)
    sign_in_now(side_app(form, "erp", world.config_path), enter_code(world, []))
    config = check_whole_form(form, world.config_path)
    save_config(config, form, world.config_path)
    world.bc.throttled, world.bc.retry_after = 1, "1"
    seen: list[Progress] = []
    world.crm.insert("account", accountid="A1", name="Fjord AS", city="Bergen")
    service = Service.open(world.config_path)
    try:
        results = service.synchronize(progress=seen.append)
    finally:
        service.close()
    assert [r.status.value for r in results] == ["finished"], results[0].message
    waits = [p for p in seen if "service limit" in p.message]
    assert [p.message for p in waits] == ["waiting 1 s (service limit)"]
    assert waits[0].mapping == "CUSTOMER"
    rows = world.bc.tables["customers"].rows.values()
    assert [r["displayName"] for r in rows] == ["Fjord AS"], "the job went on after the wait"


def test_a_job_in_the_window_never_waits_for_a_code_nobody_sees(
    connect_world: ConnectWorld,
) -> None:
    from desktop_sync.apps.odata.auth import set_default_prompt
    from desktop_sync.services.signin import sign_in_only_when_asked

    world = connect_world
    form = world.bc_form(erp_company=emulated.COMPANY)
    save_config(check_whole_form(form, world.config_path), form, world.config_path)
    world.crm.insert("account", accountid="A1", name="Fjord AS", city="Bergen")
    world.entra.approved.set()  # a code would be accepted at once, if anybody was asked
    sign_in_only_when_asked()
    try:
        service = Service.open(world.config_path)
        try:
            assert who_must_sign_in(service.config) == [Side.ERP]
            results = service.synchronize()
        finally:
            service.close()
    finally:
        set_default_prompt(None)
    assert [r.status.value for r in results] == ["failed"]
    assert "Business Central: sign in first" in str(results[0].message)
    assert world.entra.issued == set() and world.bc.tables["customers"].rows == {}
