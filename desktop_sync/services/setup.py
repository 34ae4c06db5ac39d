"""Setting up: the demo data, or the person's own apps checked before the configuration is written.

The welcome screen's *Connect my apps* form is checked here, without Qt: first everything that
needs no connection (`check_form`), then the store and both apps (`check_connections`, from
`connection_checks`, which the window runs in a worker thread — a slow server never freezes it),
and only when everything is in order is the TOML written and any password given to the system
keyring (`save_config`). Every message for the person is a `messages.Message`, which the window
translates (context "ConnectDialog").
"""

from __future__ import annotations

import json
import os
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from desktop_sync.config import AppConfig, Config, ConfigError, parse_config
from desktop_sync.domain import Direction
from desktop_sync.services.connection_checks import (
    CheckResult,
    check_app,
    check_connections,
    check_store,
)
from desktop_sync.services.messages import QT_TRANSLATE_NOOP, Message, say

CONTEXT = "ConnectDialog"  # the class that shows these messages, as their translation context

# -- the form as data ----------------------------------------------------------------------


# How each app may be reached: its database, or the web API of one of these services.
SQL, BUSINESS_CENTRAL, DATAVERSE, ODATA = "sql", "business_central", "dataverse", "odata"
KINDS = (SQL, BUSINESS_CENTRAL, DATAVERSE, ODATA)
# The sign-ins each kind offers, the first the default.
AUTHS = {
    SQL: (),
    BUSINESS_CENTRAL: ("device_code", "client_credentials"),
    DATAVERSE: ("device_code", "client_credentials"),
    ODATA: ("none", "bearer"),
}
# The form's fields of one side for each kind ("url" is the database URL or the service's
# address), in the order they are checked and written.
SIDE_FIELDS = {
    SQL: ("url",),
    BUSINESS_CENTRAL: ("tenant", "environment", "company", "client_id"),
    DATAVERSE: ("url", "tenant", "client_id"),
    ODATA: ("url",),
}
ADVANCED = ("api", "authority")  # where the service or Entra answers, when not Microsoft's
SERVICE_KEYS = ("tenant", "environment", "company", "client_id", "auth", *ADVANCED)


@dataclass
class ConnectForm:
    """What the person typed; passwords, client secrets and tokens never go into the TOML
    (`passwords["erp"]` is the ERP's database password, client secret or token by its kind)."""

    store_url: str = "sqlite:///state.db"
    erp_name: str = ""
    erp_url: str = ""
    crm_name: str = ""
    crm_url: str = ""
    mapping_name: str = ""
    erp_table: str = ""
    crm_table: str = ""
    erp_key: str = ""
    crm_key: str = ""
    erp_modified: str = ""
    crm_modified: str = ""
    direction: str = Direction.BIDIRECTIONAL.value
    fields: str = ""
    passwords: dict[str, str] = field(default_factory=dict)  # "store" | "erp" | "crm" -> secret
    erp_kind: str = SQL
    crm_kind: str = SQL
    erp_tenant: str = ""
    crm_tenant: str = ""
    erp_environment: str = ""
    crm_environment: str = ""
    erp_company: str = ""
    crm_company: str = ""
    erp_client_id: str = ""
    crm_client_id: str = ""
    erp_auth: str = ""
    crm_auth: str = ""
    erp_api: str = ""
    crm_api: str = ""
    erp_authority: str = ""
    crm_authority: str = ""

    def kind(self, side: str) -> str:
        return str(getattr(self, f"{side}_kind") or SQL)

    def auth(self, side: str) -> str:
        """The side's sign-in: the one chosen, else its kind's default."""
        chosen = str(getattr(self, f"{side}_auth") or "").strip()
        offered = AUTHS[self.kind(side)]
        return chosen or (offered[0] if offered else "")

    def value(self, side: str, key: str) -> str:
        return str(getattr(self, f"{side}_{key}") or "").strip()


class FormProblem(Exception):
    """A problem with one field of the form: which one, and what to do."""

    def __init__(self, field_name: str, message: Message) -> None:
        super().__init__(str(message))
        self.field_name = field_name
        self.message = message


def parse_fields(text_: str) -> list[tuple[str, str]]:
    """`erp_column = crm_column` per line, or one name when both columns are called the same."""
    pairs: list[tuple[str, str]] = []
    for number, line in enumerate(text_.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        parts = [p.strip() for p in line.split("=")]
        if len(parts) == 1:
            parts = parts * 2
        if len(parts) != 2 or not all(parts):
            raise FormProblem(
                "fields",
                say(
                    QT_TRANSLATE_NOOP(
                        "ConnectDialog",
                        "Line {line} of the fields, “{text}”: expected “ERP column = CRM column”, "
                        "or one name when both columns are called the same.",
                    ),
                    line=number,
                    text=line,
                ),
            )
        pairs.append((parts[0], parts[1]))
    if not pairs:
        raise FormProblem(
            "fields",
            say(QT_TRANSLATE_NOOP("ConnectDialog", "Name at least one field to synchronize.")),
        )
    return pairs


def _toml(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a TOML basic string


def config_toml(form: ConnectForm) -> str:
    """The configuration file for the form (which must have passed `check_form`)."""
    lines = [
        "# Written by desktop-sync's Connect my apps. Passwords and secrets are kept in the system",
        "# keyring or the environment, never here.",
        "",
        "[store]",
        f"url = {_toml(form.store_url.strip())}",
    ]
    for side in ("erp", "crm"):
        lines += ["", f"[{side}]", *app_lines(form, side)]
    lines += [
        "",
        "[[mapping]]",
        f"name = {_toml(form.mapping_name.strip())}",
    ]
    for key in (
        "erp_table",
        "crm_table",
        "erp_key",
        "crm_key",
        "erp_modified",
        "crm_modified",
        "direction",
    ):
        lines.append(f"{key} = {_toml(getattr(form, key).strip())}")
    for erp, crm in parse_fields(form.fields):
        lines += ["", "  [[mapping.field]]", f"  erp = {_toml(erp)}", f"  crm = {_toml(crm)}"]
    return "\n".join(lines) + "\n"


def app_lines(form: ConnectForm, side: str) -> list[str]:
    """The keys of one app's section (`[erp]` or `[crm]`) by its kind; never a secret."""
    kind = form.kind(side)
    lines = [f"name = {_toml(form.value(side, 'name'))}"]
    if kind == SQL:
        return [*lines, f"url = {_toml(form.value(side, 'url'))}"]
    lines.append(f"kind = {_toml(kind)}")
    for key in SIDE_FIELDS[kind]:
        lines.append(f"{key} = {_toml(form.value(side, key))}")
    lines.append(f"auth = {_toml(form.auth(side))}")
    for key in ADVANCED:
        if form.value(side, key) and (key == "authority" or kind == BUSINESS_CENTRAL):
            lines.append(f"{key} = {_toml(form.value(side, key))}")
    return lines


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


class FormProblems(Exception):
    """Every problem of the form that can be told at once, each naming its field."""

    def __init__(self, problems: list[FormProblem]) -> None:
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = problems


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


# -- one app of the form, before the whole form is complete (to sign in, to pick) ----------

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


# -- saving --------------------------------------------------------------------------------


def save_config(config: Config, form: ConnectForm, path: Path) -> None:
    """Passwords and secrets to the keyring first (so a refusal leaves no half setup), then
    the file."""
    for purpose, password in form.passwords.items():
        if password:
            _keep_secret(config, form, purpose, password)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".new")
    partial.write_text(config_toml(form), encoding="utf-8")
    os.replace(partial, path)


def _keep_secret(config: Config, form: ConnectForm, purpose: str, secret: str) -> None:
    import keyring

    from desktop_sync.apps.odata.auth import (
        client_secret_account,
        secret_env,
        token_account,
        token_env,
    )
    from desktop_sync.domain import Side
    from desktop_sync.secrets import KEYRING_SERVICE, env_var, store_password

    service = config.store_url if purpose == "store" else None
    app = None if purpose == "store" else config.app(Side(purpose))
    field_name = f"{purpose}_url"
    try:
        if app is None or app.service is None:
            url = service if service is not None else app.url  # type: ignore[union-attr]
            variable = env_var(purpose)
            store_password(url, purpose, secret)
            return
        side = Side(purpose)
        field_name = f"{purpose}_secret"
        if app.service.auth == "client_credentials":
            variable = secret_env(side)
            keyring.set_password(KEYRING_SERVICE, client_secret_account(app.service, side), secret)
        elif app.service.auth == "bearer":
            variable = token_env(side)
            keyring.set_password(KEYRING_SERVICE, token_account(app.service, side), secret)
    except Exception as exc:  # noqa: BLE001 - keyring backends raise their own kinds
        raise FormProblem(
            field_name,
            say(
                QT_TRANSLATE_NOOP(
                    "ConnectDialog",
                    "The system keyring refused the password ({reason}). Leave the "
                    "password field empty and set {variable} in the environment instead.",
                ),
                reason=exc,
                variable=variable,
            ),
        ) from None


# -- the demo -----------------------------------------------------------------------------------


def create_demo(folder: Path, records: int, progress: Callable[[str], None]) -> None:
    """Write the demo apps, configuration and store into `folder` (see `desktop_sync.demo`)."""
    from desktop_sync.demo import create_demo as make_demo

    make_demo(folder, records=records, progress=progress)


__all__ = [
    "AUTHS",
    "BUSINESS_CENTRAL",
    "CONTEXT",
    "DATAVERSE",
    "KINDS",
    "ODATA",
    "SIDE_FIELDS",
    "SQL",
    "CheckResult",
    "ConnectForm",
    "FormProblem",
    "FormProblems",
    "Message",
    "check_app",
    "check_connections",
    "check_form",
    "check_whole_form",
    "check_store",
    "config_toml",
    "create_demo",
    "required_fields",
    "save_config",
    "side_app",
]
