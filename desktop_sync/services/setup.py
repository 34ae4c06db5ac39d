"""Setting up: the demo data, or the person's own apps checked before the configuration is written.

The welcome screen's *Connect my apps* form (`ConnectForm`) is checked without Qt: first
everything that needs no connection (`form_checks.check_form`), then the store and both apps
(`check_connections`, from `connection_checks`, which the window runs in a worker thread — a slow
server never freezes it), and only when everything is in order is the TOML written and any
password given to the system keyring (`save_config`). Every message for the person is a
`messages.Message`, which the window translates (context "ConnectDialog").
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from desktop_sync.config import Config
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


class FormProblems(Exception):
    """Every problem of the form that can be told at once, each naming its field."""

    def __init__(self, problems: list[FormProblem]) -> None:
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = problems


# -- one app of the form, before the whole form is complete (to sign in, to pick) ----------


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
    "check_store",
    "config_toml",
    "create_demo",
    "save_config",
]
