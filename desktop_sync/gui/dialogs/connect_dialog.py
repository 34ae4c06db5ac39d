"""Connect my apps: a form that writes the configuration once both apps have answered.

The person gives desktop-sync's own store, the ERP and the CRM (a name and a database URL each,
and a password when the database wants one), and one table mapping: the two tables, their key and
last-modified columns, and the fields to keep equal. Check (and Save, which checks first) reaches
both apps in the worker thread — the window never freezes on a slow server — and looks for every
mapped table and column with the engine's own check. Nothing is written until everything is in
order; then the TOML goes to the configuration file and any password to the system keyring.
"""

from __future__ import annotations

import html
import json
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import func, select, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from desktop_sync.config import Config, ConfigError, parse_config
from desktop_sync.domain import Direction, Side
from desktop_sync.gui.icons import icon
from desktop_sync.gui.tasks import Task, TaskRunner, describe


# Module-level texts are written translate("ConnectDialog", "…") so that pyside6-lupdate finds them.
def translate(context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str:
    return QCoreApplication.translate(context, source, disambiguation, n)


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

    def __init__(self, field_name: str, message: str) -> None:
        super().__init__(message)
        self.field_name = field_name


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
                translate(
                    "ConnectDialog",
                    "Line {line} of the fields, “{text}”: expected “ERP column = CRM column”, "
                    "or one name when both columns are called the same.",
                ).format(line=number, text=line),
            )
        pairs.append((parts[0], parts[1]))
    if not pairs:
        raise FormProblem(
            "fields", translate("ConnectDialog", "Name at least one field to synchronize.")
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
            raise FormProblem(name, translate("ConnectDialog", "This field is required."))
    for name, purpose in URL_FIELDS.items():
        try:
            url = make_url(getattr(form, name).strip())
        except ArgumentError:
            raise FormProblem(
                name,
                translate(
                    "ConnectDialog",
                    "This is not a database URL. Examples: sqlite:///C:/data/erp.db, "
                    "postgresql+psycopg://user@server/database, mysql+pymysql://user@server/database.",
                ),
            ) from None
        if url.password:
            raise FormProblem(
                name,
                translate(
                    "ConnectDialog",
                    "Take the password out of the URL and type it in the password field: "
                    "it is kept in the system keyring, never in the file.",
                ),
            )
        if form.passwords.get(purpose) and not url.username:
            raise FormProblem(
                name,
                translate(
                    "ConnectDialog",
                    "A password needs a user name in the URL, for example postgresql+psycopg://sync@server/database.",
                ),
            )
    if make_url(form.store_url.strip()).get_backend_name() not in ("sqlite", "postgresql"):
        raise FormProblem(
            "store_url",
            translate(
                "ConnectDialog",
                "desktop-sync keeps its own store in SQLite or PostgreSQL, for example sqlite:///state.db.",
            ),
        )
    parse_fields(form.fields)
    try:
        return parse_config(tomllib.loads(config_toml(form)), path)
    except ConfigError as exc:  # the last word is the configuration reader's own
        raise FormProblem(_field_of(exc.key), exc.problem if exc.key else str(exc)) from None


def _field_of(key: str) -> str:
    key = key.replace("mapping[0].", "")
    if key.startswith("field"):
        return "fields"
    if key == "name":
        return "mapping_name"
    return key.replace(".", "_") if key.replace(".", "_") in REQUIRED else "fields"


# -- the checks that need connections (run in the worker thread) ---------------------------


@dataclass
class CheckResult:
    problems: list[str] = field(default_factory=list)
    tables: list[tuple[str, str, int]] = field(default_factory=list)  # app, table, records

    @property
    def ok(self) -> bool:
        return not self.problems


def _with_password(url: URL, password: str | None) -> URL:
    return url.set(password=password) if password else url


def _sqlite_file(url: URL) -> Path | None:
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    return Path(url.database)


def check_store(config: Config, password: str | None) -> list[str]:
    """Can desktop-sync keep its store there? (A new
    SQLite file is fine: it is made at the start.)"""
    from desktop_sync.store.database import create_db_engine

    url = config.store_url
    path = _sqlite_file(url)
    if path is not None:
        ancestor = path.parent
        while not ancestor.exists() and ancestor != ancestor.parent:
            ancestor = ancestor.parent
        if not ancestor.is_dir() or not os.access(ancestor, os.W_OK):
            return [
                translate(
                    "ConnectDialog",
                    "Store: cannot create {path}: {folder} is not a folder you may write to.",
                ).format(path=path, folder=ancestor)
            ]
        if not path.exists():
            return []
    engine = create_db_engine(_with_password(url, password), "store")
    try:
        with engine.connect() as conn:
            conn.execute(text("select 1"))
    except Exception as exc:  # noqa: BLE001 - every failure becomes a message
        return [
            translate("ConnectDialog", "Store: cannot be reached: {reason}").format(
                reason=describe(exc)
            )
        ]
    finally:
        engine.dispose()
    return []


def check_app(config: Config, side: Side, password: str | None) -> CheckResult:
    """Reach one app, find the mapping's table and every column it names."""
    from desktop_sync.apps.connection import AppConnection, AppError
    from desktop_sync.config import AppConfig

    app = config.app(side)
    mapping = config.mappings[0]
    result = CheckResult()
    path = _sqlite_file(app.url)
    if path is not None and not path.is_file():  # connecting would create an empty database there
        result.problems.append(
            translate("ConnectDialog", "{app}: there is no database file {path}.").format(
                app=app.name, path=path
            )
        )
        return result
    connection = AppConnection(AppConfig(side, app.name, _with_password(app.url, password)))
    try:
        try:
            connection.connect().close()
        except AppError as exc:
            result.problems.append(
                translate("ConnectDialog", "{app} cannot be reached: {reason}").format(
                    app=app.name, reason=describe(exc.__cause__ or exc)
                )
            )
            return result
        table_name = mapping.table(side)
        try:
            table = connection.table(table_name)
        except AppError:
            result.problems.append(
                translate("ConnectDialog", "{app} has no table “{table}”.").format(
                    app=app.name, table=table_name
                )
            )
            return result
        roles = [
            (mapping.key(side), translate("ConnectDialog", "key column")),
            (mapping.modified(side), translate("ConnectDialog", "last-modified column")),
        ]
        roles += [
            (f.column(side), translate("ConnectDialog", "field")) for f in mapping.value_fields
        ]
        for column, role in roles:
            if column not in table.c:
                result.problems.append(
                    translate(
                        "ConnectDialog", "{app} table “{table}” has no column “{column}” ({role})."
                    ).format(app=app.name, table=table_name, column=column, role=role)
                )
        if not result.problems:
            result.problems += connection.check(mapping)  # the engine's own check has the last word
        if not result.problems:
            with connection.connect() as conn:
                count = conn.execute(select(func.count()).select_from(table)).scalar_one()
            result.tables.append((app.name, table_name, count))
    except Exception as exc:  # noqa: BLE001 - a check never crashes the form
        result.problems.append(
            translate("ConnectDialog", "{app}: {reason}").format(app=app.name, reason=describe(exc))
        )
    finally:
        connection.dispose()
    return result


def check_connections(config: Config, passwords: dict[str, str]) -> CheckResult:
    result = CheckResult(problems=check_store(config, passwords.get("store")))
    for side in Side:
        one = check_app(config, side, passwords.get(side.value))
        result.problems += one.problems
        result.tables += one.tables
    return result


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
                    translate(
                        "ConnectDialog",
                        "The system keyring refused the password ({reason}). Leave the password "
                        "field empty and set {variable} in the environment instead.",
                    ).format(reason=exc, variable=env_var(purpose)),
                ) from None
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".new")
    partial.write_text(config_toml(form), encoding="utf-8")
    os.replace(partial, path)


# -- the dialog ------------------------------------------------------------------------------


class ConnectDialog(QDialog):
    """The form; emits `saved(path)` once the configuration is written."""

    saved = Signal(Path)

    def __init__(
        self, config_path: Path, runner: TaskRunner | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.config_path = Path(config_path)
        self.runner = runner or TaskRunner("connect-check", self)
        self._own_runner = runner is None
        self._generation = 0
        self._checking = False
        self.last_result: CheckResult | None = None
        self.setObjectName("ConnectDialog")
        self.setWindowTitle(self.tr("Connect my apps"))
        self.setWindowIcon(icon("connect"))

        intro = QLabel(
            self.tr(
                "desktop-sync reaches each app through its database, by a database URL such as "
                "<tt>sqlite:///C:/data/erp.db</tt>, <tt>postgresql+psycopg://user@server/erp</tt> "
                "or <tt>mysql+pymysql://user@server/crm</tt>. Put no password in a URL: type it in "
                "the password field, and it is kept in the system keyring."
            )
        )
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.RichText)

        self.edits: dict[str, QLineEdit] = {}
        self.passwords: dict[str, QLineEdit] = {}

        store_box = QGroupBox(self.tr("desktop-sync's own store"))
        store_form = QFormLayout(store_box)
        self._line(
            store_form,
            "store_url",
            self.tr("Database &URL:"),
            self.tr("Store database URL"),
            "sqlite:///state.db",
            self.tr(
                "A relative SQLite path is kept beside the configuration file. "
                "Use PostgreSQL when several people share one store."
            ),
        )
        self.edits["store_url"].setText("sqlite:///state.db")
        self._password(store_form, "store", self.tr("Store password"))

        erp_box = QGroupBox(self.tr("ERP"))
        erp_form = QFormLayout(erp_box)
        self._line(erp_form, "erp_name", self.tr("&Name:"), self.tr("ERP name"), "Business Central")
        self._line(
            erp_form,
            "erp_url",
            self.tr("Database U&RL:"),
            self.tr("ERP database URL"),
            "postgresql+psycopg://sync@erp-server/erp",
        )
        self._password(erp_form, "erp", self.tr("ERP password"))

        crm_box = QGroupBox(self.tr("CRM"))
        crm_form = QFormLayout(crm_box)
        self._line(
            crm_form, "crm_name", self.tr("N&ame:"), self.tr("CRM name"), "Dynamics 365 Sales"
        )
        self._line(
            crm_form,
            "crm_url",
            self.tr("Database UR&L:"),
            self.tr("CRM database URL"),
            "postgresql+psycopg://sync@crm-server/crm",
        )
        self._password(crm_form, "crm", self.tr("CRM password"))

        mapping_box = QGroupBox(self.tr("Table mapping"))
        mapping_layout = QVBoxLayout(mapping_box)
        top = QFormLayout()
        self._line(
            top, "mapping_name", self.tr("Ma&pping name:"), self.tr("Mapping name"), "CUSTOMER"
        )
        self.direction = QComboBox()
        self.direction.setAccessibleName(self.tr("Direction"))
        for value, label in (
            (Direction.BIDIRECTIONAL, self.tr("Both ways")),
            (Direction.TO_CRM, self.tr("ERP → CRM only")),
            (Direction.TO_ERP, self.tr("CRM → ERP only")),
        ):
            self.direction.addItem(label, value.value)
        top.addRow(self.tr("&Direction:"), self.direction)
        mapping_layout.addLayout(top)
        grid = QGridLayout()
        erp_head, crm_head = QLabel(self.tr("<b>ERP</b>")), QLabel(self.tr("<b>CRM</b>"))
        grid.addWidget(erp_head, 0, 1)
        grid.addWidget(crm_head, 0, 2)
        rows = (
            (
                self.tr("&Table:"),
                "table",
                self.tr("ERP table"),
                self.tr("CRM table"),
                "customer",
                "account",
            ),
            (
                self.tr("&Key column:"),
                "key",
                self.tr("ERP key column"),
                self.tr("CRM key column"),
                "no",
                "accountid",
            ),
            (
                self.tr("Last &modified column:"),
                "modified",
                self.tr("ERP last-modified column"),
                self.tr("CRM last-modified column"),
                "last_modified",
                "modifiedon",
            ),
        )
        for row, (label_text, suffix, erp_name, crm_name, erp_example, crm_example) in enumerate(
            rows, 1
        ):
            label = QLabel(label_text)
            erp_edit = self._edit(f"erp_{suffix}", erp_name, erp_example)
            crm_edit = self._edit(f"crm_{suffix}", crm_name, crm_example)
            label.setBuddy(erp_edit)
            grid.addWidget(label, row, 0)
            grid.addWidget(erp_edit, row, 1)
            grid.addWidget(crm_edit, row, 2)
        mapping_layout.addLayout(grid)
        fields_label = QLabel(
            self.tr(
                "&Fields to keep equal, one per line: <tt>ERP column = CRM column</tt>, "
                "or one name when both columns are called the same:"
            )
        )
        fields_label.setWordWrap(True)
        self.fields = QPlainTextEdit()
        self.fields.setObjectName("fields")
        self.fields.setAccessibleName(self.tr("Fields to keep equal"))
        self.fields.setPlaceholderText("name\ncity = address1_city\nemail = emailaddress1")
        self.fields.setTabChangesFocus(True)
        self.fields.setMinimumHeight(90)
        fields_label.setBuddy(self.fields)
        mapping_layout.addWidget(fields_label)
        mapping_layout.addWidget(self.fields)

        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setAccessibleName(self.tr("Checking the connections"))
        self.progress.setMaximumHeight(12)
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.message = QLabel()
        self.message.setObjectName("connectMessage")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.RichText)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.setAccessibleName(self.tr("Result of the check"))

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("Check and &Save"))
        self.save_button.setDefault(True)
        self.check_button = QPushButton(icon("ok"), self.tr("&Check"))
        self.check_button.setAutoDefault(False)
        self.buttons.addButton(self.check_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.check_button.clicked.connect(lambda: self.run_check(save=False))
        self.save_button.clicked.connect(lambda: self.run_check(save=True))
        self.buttons.rejected.connect(self.reject)

        left = QVBoxLayout()
        left.addWidget(store_box)
        left.addWidget(erp_box)
        left.addWidget(crm_box)
        left.addStretch(1)
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addWidget(mapping_box, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(columns)
        layout.addWidget(self.progress)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.widgets: dict[str, QWidget] = {**self.edits, "fields": self.fields}
        self.edits["erp_name"].setFocus()
        self.resize(1000, 640)

    # -- building ----------------------------------------------------------------------

    def _edit(self, name: str, accessible: str, example: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(name)
        edit.setAccessibleName(accessible)
        edit.setPlaceholderText(example)
        self.edits[name] = edit
        return edit

    def _line(
        self, form: QFormLayout, name: str, label: str, accessible: str, example: str, tip: str = ""
    ) -> None:
        edit = self._edit(name, accessible, example)
        if tip:
            edit.setToolTip(tip)
        form.addRow(label, edit)

    def _password(self, form: QFormLayout, purpose: str, accessible: str) -> None:
        edit = QLineEdit()
        edit.setObjectName(f"{purpose}_password")
        edit.setEchoMode(QLineEdit.EchoMode.Password)
        edit.setAccessibleName(accessible)
        edit.setPlaceholderText(self.tr("only when the URL names a user"))
        self.passwords[purpose] = edit
        form.addRow(self.tr("Password:"), edit)

    # -- the form ----------------------------------------------------------------------

    def form(self) -> ConnectForm:
        values = {name: edit.text() for name, edit in self.edits.items()}
        return ConnectForm(
            **values,
            direction=self.direction.currentData(),
            fields=self.fields.toPlainText(),
            passwords={p: e.text() for p, e in self.passwords.items() if e.text()},
        )

    def set_form(self, form: ConnectForm) -> None:
        for name, edit in self.edits.items():
            edit.setText(getattr(form, name))
        self.direction.setCurrentIndex(max(self.direction.findData(form.direction), 0))
        self.fields.setPlainText(form.fields)
        for purpose, edit in self.passwords.items():
            edit.setText(form.passwords.get(purpose, ""))

    @property
    def busy(self) -> bool:
        return self._checking

    def run_check(self, save: bool) -> None:
        """Check the form, then both connections in the
        worker thread; save when asked and all is well."""
        if self._checking:
            return
        form = self.form()
        try:
            config = check_form(form, self.config_path)
        except FormProblem as exc:
            self._show_problems([exc.args[0]], exc.field_name)
            return
        self._generation += 1
        generation = self._generation
        self._set_checking(True)
        self._show(
            self.tr("Checking the store, {erp} and {crm}…").format(
                erp=config.erp.name, crm=config.crm.name
            )
        )

        def done(result: CheckResult) -> None:
            if generation == self._generation:
                self._checked(result, config, form, save)

        def failed(message: str) -> None:
            if generation == self._generation:
                self._set_checking(False)
                self._show_problems([message])

        self.runner.submit(
            Task(
                lambda: check_connections(config, form.passwords), done, failed, "check connections"
            )
        )

    def _checked(self, result: CheckResult, config: Config, form: ConnectForm, save: bool) -> None:
        self._set_checking(False)
        self.last_result = result
        if not result.ok:
            self._show_problems(result.problems)
            return
        notes = "".join(
            "<li>"
            + html.escape(
                self.tr("{app}: table “{table}” holds %n record(s).", "", count).format(
                    app=app, table=table
                )
            )
            + "</li>"
            for app, table, count in result.tables
        )
        if not save:
            self._show(
                self.tr(
                    "Everything is in order: both apps answered, and every mapped table and column "
                    "exists."
                )
                + f"<ul>{notes}</ul>",
                good=True,
            )
            return
        if self.config_path.exists() and not self._confirm_replace():
            return
        try:
            save_config(config, form, self.config_path)
        except FormProblem as exc:
            self._show_problems([exc.args[0]], exc.field_name)
            return
        except OSError as exc:
            self._show_problems(
                [
                    self.tr("The configuration could not be written to {path}: {reason}").format(
                        path=self.config_path, reason=exc.strerror or exc
                    )
                ]
            )
            return
        self._show(
            self.tr("Saved to {path}.").format(path=html.escape(str(self.config_path))), good=True
        )
        self.saved.emit(self.config_path)
        self.accept()

    def _confirm_replace(self) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("Replace the configuration?"),
            self.tr("{path} exists already. Replace it?").format(path=self.config_path),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Yes

    # -- showing -----------------------------------------------------------------------

    def _set_checking(self, checking: bool) -> None:
        self._checking = checking
        self.progress.setVisible(checking)
        self.save_button.setEnabled(not checking)
        self.check_button.setEnabled(not checking)

    def _show(self, rich: str, good: bool = False) -> None:
        from desktop_sync.gui.style import ok_text

        self.message.setStyleSheet(f"color: {ok_text(self.palette()).name()};" if good else "")
        self.message.setText(rich)

    def _show_problems(self, problems: list[str], field_name: str | None = None) -> None:
        from desktop_sync.gui.style import error_text

        items = "".join(f"<li>{html.escape(p)}</li>" for p in problems)
        head = self.tr("Nothing was saved:")
        widget = self.widgets.get(field_name or "")
        if widget is not None:
            label = widget.accessibleName()
            head = self.tr("Nothing was saved. {field}:").format(field=html.escape(label))
            widget.setFocus()
            if isinstance(widget, QLineEdit):
                widget.selectAll()
        self.message.setStyleSheet(f"color: {error_text(self.palette()).name()};")
        self.message.setText(f"{head}<ul>{items}</ul>")

    def reject(self) -> None:
        self._generation += 1  # an answer still on its way is dropped
        super().reject()

    def done(self, result: int) -> None:  # type: ignore[override]
        if self._own_runner:
            self.runner.stop()
        super().done(result)
