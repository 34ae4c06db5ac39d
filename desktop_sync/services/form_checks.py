"""The Connect form checked before anything connects: every field a kind of app needs, web
addresses, GUIDs and tenants, secrets present, and the configuration the form makes parsed as
the program will read it. Each problem is a `FormProblem` naming its field, and all of them are
reported at once (`FormProblems`), in words the window translates (context "ConnectDialog").
"""

from __future__ import annotations

import os
import re
import tomllib
from pathlib import Path
from typing import Any

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from desktop_sync.config import AppConfig, Config, ConfigError, parse_config
from desktop_sync.services.messages import QT_TRANSLATE_NOOP, say
from desktop_sync.services.setup import (
    ADVANCED,
    AUTHS,
    BUSINESS_CENTRAL,
    DATAVERSE,
    KINDS,
    ODATA,
    SERVICE_KEYS,
    SIDE_FIELDS,
    SQL,
    ConnectForm,
    FormProblem,
    FormProblems,
    config_toml,
    parse_fields,
)

COMMON_REQUIRED = (
    "store_url",
    "erp_name",
    "crm_name",
    "mapping_name",
    "erp_table",
    "crm_table",
    "erp_key",
    "crm_key",
    "erp_modified",
    "crm_modified",
    "fields",
)


# Kept for callers that read the SQL form's fields.
REQUIRED = (
    "store_url",
    "erp_name",
    "erp_url",
    "crm_name",
    "crm_url",
    "mapping_name",
    "erp_table",
    "crm_table",
    "erp_key",
    "crm_key",
    "erp_modified",
    "crm_modified",
    "fields",
)


URL_FIELDS = {"store_url": "store", "erp_url": "erp", "crm_url": "crm"}


GUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")


def required_fields(form: ConnectForm) -> list[str]:
    """The fields the form must have, by the kind of each app, in the order they are shown."""
    names = ["store_url", "erp_name"]
    names += [f"erp_{key}" for key in SIDE_FIELDS[form.kind("erp")]]
    names.append("crm_name")
    names += [f"crm_{key}" for key in SIDE_FIELDS[form.kind("crm")]]
    names += [n for n in COMMON_REQUIRED if n not in names]
    return names


def _required(name: str) -> FormProblem:
    return FormProblem(name, say(QT_TRANSLATE_NOOP("ConnectDialog", "This field is required.")))


def check_form(form: ConnectForm, path: Path) -> Config:
    """Everything that can be checked without a connection; raises FormProblem naming the field."""
    _check_kinds(form)
    for name in required_fields(form):
        if not getattr(form, name).strip():
            raise _required(name)
    for wrong in _value_problems(form):
        raise wrong
    parse_fields(form.fields)
    try:
        return parse_config(tomllib.loads(config_toml(form)), path)
    except ConfigError as exc:  # the last word is the configuration reader's own
        problem = exc.problem if exc.key else str(exc)
        raise FormProblem(_field_of(exc.key), say("{problem}", problem=problem)) from None


def check_whole_form(form: ConnectForm, path: Path) -> Config:
    """`check_form`, telling every empty field and every unusable value at once (FormProblems)."""
    try:
        _check_kinds(form)
    except FormProblem as problem:
        raise FormProblems([problem]) from None
    problems = [_required(n) for n in required_fields(form) if not getattr(form, n).strip()]
    problems += _value_problems(form)
    if problems:
        raise FormProblems(problems)
    try:
        return check_form(form, path)
    except FormProblem as problem:
        raise FormProblems([problem]) from None


def _check_kinds(form: ConnectForm) -> None:
    for side in ("erp", "crm"):
        kind = form.kind(side)
        if kind not in KINDS:
            raise FormProblem(
                f"{side}_kind",
                say(
                    QT_TRANSLATE_NOOP("ConnectDialog", "Choose how the app is reached: {kinds}."),
                    kinds=", ".join(KINDS),
                ),
            )
        if AUTHS[kind] and form.auth(side) not in AUTHS[kind]:
            raise FormProblem(
                f"{side}_auth",
                say(
                    QT_TRANSLATE_NOOP("ConnectDialog", "Choose how to sign in: {choices}."),
                    choices=", ".join(AUTHS[kind]),
                ),
            )


def _value_problems(form: ConnectForm) -> list[FormProblem]:
    """What is wrong with the filled-in values that need no connection to tell."""
    problems: list[FormProblem] = []
    if form.store_url.strip():
        problems += [p for p in [_url_problem(form, "store_url")] if p is not None]
    for side in ("erp", "crm"):
        kind = form.kind(side)
        if kind == SQL:
            if form.value(side, "url"):
                problems += [p for p in [_url_problem(form, f"{side}_url")] if p is not None]
            continue
        problems += _service_problems(form, side)
    return problems


def _service_problems(form: ConnectForm, side: str) -> list[FormProblem]:
    """A web API's values: its address, the GUIDs, the secret that its sign-in needs."""
    from desktop_sync.apps.odata.auth import secret_env, token_env
    from desktop_sync.domain import Side

    kind, found = form.kind(side), list[FormProblem]()
    url = form.value(side, "url")
    if url and kind in (DATAVERSE, ODATA) and not url.startswith(("https://", "http://")):
        example = (
            "https://contoso.crm4.dynamics.com"
            if kind == DATAVERSE
            else "https://example.com/odata/v4/sales/"
        )
        found.append(
            FormProblem(
                f"{side}_url",
                say(
                    QT_TRANSLATE_NOOP(
                        "ConnectDialog",
                        "This is not the address of a web service. Example: {example}",
                    ),
                    example=example,
                ),
            )
        )
    for key, words in (
        (
            "client_id",
            QT_TRANSLATE_NOOP(
                "ConnectDialog",
                "The client id is a GUID such as 11111111-2222-3333-4444-555555555555: copy the "
                "Application (client) ID from Entra (App registrations ▸ Overview).",
            ),
        ),
        (
            "company",
            QT_TRANSLATE_NOOP(
                "ConnectDialog",
                "The company is its id, a GUID: sign in, then pick the company from the list.",
            ),
        ),
    ):
        value = form.value(side, key)
        if key in SIDE_FIELDS[kind] and value and not GUID.match(value):
            found.append(FormProblem(f"{side}_{key}", say(words)))
    tenant = form.value(side, "tenant")
    if "tenant" in SIDE_FIELDS[kind] and tenant and (" " in tenant or "/" in tenant):
        found.append(
            FormProblem(
                f"{side}_tenant",
                say(
                    QT_TRANSLATE_NOOP(
                        "ConnectDialog",
                        "The tenant is a domain such as contoso.onmicrosoft.com, or the "
                        "tenant's id.",
                    )
                ),
            )
        )
    auth = form.auth(side)
    variable = {"client_credentials": secret_env(Side(side)), "bearer": token_env(Side(side))}
    if auth in variable and not form.passwords.get(side) and not os.environ.get(variable[auth]):
        found.append(
            FormProblem(
                f"{side}_secret",
                say(
                    QT_TRANSLATE_NOOP(
                        "ConnectDialog",
                        "Type the client secret here, or set {variable} in the environment.",
                    )
                    if auth == "client_credentials"
                    else QT_TRANSLATE_NOOP(
                        "ConnectDialog",
                        "Type the token here, or set {variable} in the environment.",
                    ),
                    variable=variable[auth],
                ),
            )
        )
    return found


def _url_problem(form: ConnectForm, name: str) -> FormProblem | None:
    """What is wrong with one database URL field: not a database URL, a password in it, a
    password without a user, a store in a database the store may not use."""
    try:
        url = make_url(getattr(form, name).strip())
    except (ArgumentError, ValueError):  # ValueError: a port that is not a number
        return FormProblem(
            name,
            say(
                QT_TRANSLATE_NOOP(
                    "ConnectDialog",
                    "This is not a database URL. Examples: sqlite:///C:/data/erp.db, "
                    "postgresql+psycopg://user@server/database, mysql+pymysql://user@server/database.",
                )
            ),
        )
    if url.password:
        return FormProblem(
            name,
            say(
                QT_TRANSLATE_NOOP(
                    "ConnectDialog",
                    "Take the password out of the URL and type it in the password field: "
                    "it is kept in the system keyring, never in the file.",
                )
            ),
        )
    if form.passwords.get(URL_FIELDS[name]) and not url.username:
        return FormProblem(
            name,
            say(
                QT_TRANSLATE_NOOP(
                    "ConnectDialog",
                    "A password needs a user name in the URL, for example postgresql+psycopg://sync@server/database.",
                )
            ),
        )
    if name == "store_url" and url.get_backend_name() not in ("sqlite", "postgresql"):
        return FormProblem(
            "store_url",
            say(
                QT_TRANSLATE_NOOP(
                    "ConnectDialog",
                    "desktop-sync keeps its own store in SQLite or PostgreSQL, for example sqlite:///state.db.",
                )
            ),
        )
    return None


FORM_KEYS = {f"{side}_{key}" for side in ("erp", "crm") for key in ("url", *SERVICE_KEYS)}


def _field_of(key: str) -> str:
    key = key.replace("mapping[0].", "")
    if key.startswith("field"):
        return "fields"
    if key == "name":
        return "mapping_name"
    name = key.replace(".", "_")
    return name if name in REQUIRED or name in FORM_KEYS else "fields"


PLACEHOLDER_COMPANY = "00000000-0000-0000-0000-000000000000"


def side_app(form: ConnectForm, side: str, path: Path) -> AppConfig:
    """The app of one side of the form, enough to sign in and list what to pick: every field
    its sign-in needs (the company may still be empty). Raises FormProblems naming the fields."""
    from desktop_sync.config.reader import Reader
    from desktop_sync.config.services import parse_service_app
    from desktop_sync.domain import Side

    kind = form.kind(side)
    if kind == SQL:
        raise FormProblems(
            [
                FormProblem(
                    f"{side}_kind",
                    say(
                        QT_TRANSLATE_NOOP(
                            "ConnectDialog", "A database needs no sign-in: its password is enough."
                        )
                    ),
                )
            ]
        )
    needed = [f"{side}_name", *(f"{side}_{k}" for k in SIDE_FIELDS[kind] if k != "company")]
    problems = [_required(n) for n in needed if not getattr(form, n).strip()]
    problems += [p for p in _service_problems(form, side) if not p.field_name.endswith("_company")]
    if problems:
        raise FormProblems(problems)
    table: dict[str, Any] = {"kind": kind, "auth": form.auth(side)}
    for key in SIDE_FIELDS[kind]:
        table[key] = form.value(side, key)
    if kind == BUSINESS_CENTRAL and not GUID.match(table["company"]):
        table["company"] = PLACEHOLDER_COMPANY
    for key in ADVANCED:
        if form.value(side, key):
            table[key] = form.value(side, key)
    try:
        return parse_service_app(Reader(path), table, Side(side), form.value(side, "name"), None)
    except ConfigError as exc:
        raise FormProblems(
            [FormProblem(_field_of(exc.key), say("{problem}", problem=exc.problem))]
        ) from None
