"""Connect my apps: a form that writes the configuration once both apps have answered.

The person gives desktop-sync's own store, the ERP and the CRM (a name and a database URL each,
and a password when the database wants one), and one table mapping: the two tables, their key and
last-modified columns, and the fields to keep equal. Check (and Save, which checks first) runs
`services.setup`'s checks: the form at once, then both apps in the worker thread — the window never
freezes on a slow server. Nothing is written until everything is in order; then the TOML goes to
the configuration file and any password to the system keyring. The checks speak in `Message`s,
which `words` turns into the window's language.
"""

from __future__ import annotations

import html
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

from desktop_sync.config import Config
from desktop_sync.domain import Direction
from desktop_sync.gui.common.icons import icon
from desktop_sync.gui.common.style import error_text, ok_text
from desktop_sync.gui.common.tasks import Task, TaskRunner
from desktop_sync.services.setup import (
    CONTEXT,
    CheckResult,
    ConnectForm,
    FormProblem,
    Message,
    check_connections,
    check_form,
    save_config,
)


def words(message: Message) -> str:
    """A setup message in the window's language: its template translated, then filled in (a value
    that is itself a message, such as a column's role, translated the same way)."""
    values = {
        name: words(value) if isinstance(value, Message) else value
        for name, value in message.values.items()
    }
    return QCoreApplication.translate(CONTEXT, message.template).format(**values)


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
            self._show_problems([words(exc.message)], exc.field_name)
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
            self._show_problems([words(p) for p in result.problems])
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
            self._show_problems([words(exc.message)], exc.field_name)
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
        self.message.setStyleSheet(f"color: {ok_text(self.palette()).name()};" if good else "")
        self.message.setText(rich)

    def _show_problems(self, problems: list[str], field_name: str | None = None) -> None:
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
