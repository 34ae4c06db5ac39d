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
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from desktop_sync.config import Config, ConfigError, parse_config
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


@dataclass
class ConnectForm:
    """What the person typed; passwords never go into the TOML."""

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
    passwords: dict[str, str] = field(default_factory=dict)  # "store" | "erp" | "crm" -> password


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
        "# Written by desktop-sync's Connect my apps. Passwords are kept in the system keyring.",
        "",
        "[store]",
        f"url = {_toml(form.store_url.strip())}",
        "",
        "[erp]",
        f"name = {_toml(form.erp_name.strip())}",
        f"url = {_toml(form.erp_url.strip())}",
        "",
        "[crm]",
        f"name = {_toml(form.crm_name.strip())}",
        f"url = {_toml(form.crm_url.strip())}",
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


def check_form(form: ConnectForm, path: Path) -> Config:
    """Everything that can be checked without a connection; raises FormProblem naming the field."""
    for name in REQUIRED:
        if not getattr(form, name).strip():
            raise FormProblem(
                name, say(QT_TRANSLATE_NOOP("ConnectDialog", "This field is required."))
            )
    _check_urls(form)
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
    """`check_form`, telling every empty field and every unusable URL at once (FormProblems)."""
    problems = [
        FormProblem(name, say(QT_TRANSLATE_NOOP("ConnectDialog", "This field is required.")))
        for name in REQUIRED
        if not getattr(form, name).strip()
    ]
    problems += [
        problem
        for name in URL_FIELDS
        if getattr(form, name).strip() and (problem := _url_problem(form, name)) is not None
    ]
    if problems:
        raise FormProblems(problems)
    try:
        return check_form(form, path)
    except FormProblem as problem:
        raise FormProblems([problem]) from None


def _check_urls(form: ConnectForm) -> None:
    for name in URL_FIELDS:
        problem = _url_problem(form, name)
        if problem is not None:
            raise problem


def _url_problem(form: ConnectForm, name: str) -> FormProblem | None:
    """What is wrong with one URL field: not a database URL, a password in it, a password without
    a user, a store in a database the store may not use."""
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


def _field_of(key: str) -> str:
    key = key.replace("mapping[0].", "")
    if key.startswith("field"):
        return "fields"
    if key == "name":
        return "mapping_name"
    return key.replace(".", "_") if key.replace(".", "_") in REQUIRED else "fields"


def save_config(config: Config, form: ConnectForm, path: Path) -> None:
    """Passwords to the keyring first (so a refusal leaves no half setup), then the file."""
    from desktop_sync.secrets import env_var, store_password

    urls = {"store": config.store_url, "erp": config.erp.url, "crm": config.crm.url}
    for purpose, password in form.passwords.items():
        if password:
            try:
                store_password(urls[purpose], purpose, password)
            except Exception as exc:  # noqa: BLE001 - keyring backends raise their own kinds
                raise FormProblem(
                    f"{purpose}_url",
                    say(
                        QT_TRANSLATE_NOOP(
                            "ConnectDialog",
                            "The system keyring refused the password ({reason}). Leave the "
                            "password field empty and set {variable} in the environment instead.",
                        ),
                        reason=exc,
                        variable=env_var(purpose),
                    ),
                ) from None
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".new")
    partial.write_text(config_toml(form), encoding="utf-8")
    os.replace(partial, path)


# -- the demo -----------------------------------------------------------------------------------


def create_demo(folder: Path, records: int, progress: Callable[[str], None]) -> None:
    """Write the demo apps, configuration and store into `folder` (see `desktop_sync.demo`)."""
    from desktop_sync.demo import create_demo as make_demo

    make_demo(folder, records=records, progress=progress)


__all__ = [
    "CONTEXT",
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
    "save_config",
]
