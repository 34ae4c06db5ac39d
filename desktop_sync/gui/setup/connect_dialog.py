"""Connect my apps: a form that writes the configuration once both apps have answered.

The person gives desktop-sync's own store, the ERP and the CRM (a name each, and how each is
reached: a database URL and a password when the database wants one, or the web API of Business
Central, Dynamics 365 Sales or another OData service with its own fields), and one table mapping:
the two tables, their key and last-modified columns, and the fields to keep equal. An app reached
through its web API is signed in to from the form (*Sign in…*: the device code dialog), which
then lists Business Central's companies to pick, or sees that the service answers. Check (and
Save, which checks first) runs `services.setup`'s checks: the form at once, then both apps in
the worker thread — the window never freezes on a slow server. Nothing is written until
everything is in order; then the TOML goes to the configuration file and any password or secret
to the system keyring. The checks speak in `Message`s,
which `words` turns into the window's language.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_sync.config import AppConfig, Config
from desktop_sync.gui.common.icons import icon
from desktop_sync.gui.common.style import error_text, ok_text
from desktop_sync.gui.common.tasks import Task, TaskRunner
from desktop_sync.gui.setup.connect_fields import ConnectFields
from desktop_sync.gui.setup.setup_words import breakable, words
from desktop_sync.gui.signin.device_code import DeviceCodeDialog
from desktop_sync.services.form_checks import check_whole_form, side_app
from desktop_sync.services.setup import (
    BUSINESS_CENTRAL,
    CheckResult,
    ConnectForm,
    FormProblem,
    FormProblems,
    Message,
    check_connections,
    save_config,
)
from desktop_sync.services.signin import Company, companies, service_answers

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
                "or <tt>mysql+pymysql://user@server/crm</tt>, or through the web API of Business "
                "Central, Dynamics 365 Sales or another OData service (sign in from the form). "
                "Put no password in a URL: type it in the password field, and it is kept in the "
                "system keyring."
            )
        )
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.RichText)

        self.form_fields = ConnectFields()
        self.form_fields.sign_in_requested.connect(self.sign_in)
        self.apps = self.form_fields.apps
        self.signin_dialog: DeviceCodeDialog | None = None
        self.edits, self.passwords = self.form_fields.edits, self.form_fields.passwords
        self.direction, self.fields = self.form_fields.direction, self.form_fields.fields
        self.widgets = self.form_fields.widgets

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

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.form_fields)
        layout.addWidget(self.progress)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.edits["erp_name"].setFocus()
        self.resize(1000, 720)

    def form(self) -> ConnectForm:
        return self.form_fields.form()

    def set_form(self, form: ConnectForm) -> None:
        self.form_fields.set_form(form)

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
            config = check_whole_form(form, self.config_path)
        except FormProblems as exc:  # every field to fix at once, each named
            self._show_field_problems(exc.problems)
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
        warnings = [str(w) for w in result.warnings]
        if not result.ok:
            problems = [words(p) for p in result.problems] + [str(e) for e in result.errors]
            self._show_problems(problems, warnings=warnings)
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
                + f"<ul>{notes}</ul>"
                + self._warnings_html(warnings),
                good=not warnings,
            )
            return
        if warnings and not self._confirm_warnings(warnings):
            self._show(self._warnings_html(warnings))
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

    def _confirm_warnings(self, warnings: list[str]) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("Save with warnings?"),
            self.tr("The check found what synchronizing would do that you may not expect:")
            + "\n\n"
            + "\n".join(f"• {w}" for w in warnings)
            + "\n\n"
            + self.tr("Save the configuration anyway?"),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Save

    def _confirm_replace(self) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("Replace the configuration?"),
            self.tr("{path} exists already. Replace it?").format(path=self.config_path),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Yes

    # -- signing in to a web API -------------------------------------------------------

    def sign_in(self, side: str) -> None:
        """Sign in to the app of `side` in the device code dialog; then list Business
        Central's companies, or see that the service answers."""
        if self._checking:
            return
        form = self.form()
        try:
            app = side_app(form, side, self.config_path)
        except FormProblems as exc:
            self._show_field_problems(exc.problems)
            return
        secret = form.passwords.get(side)
        dialog = DeviceCodeDialog(app, secret, parent=self)
        self.signin_dialog = dialog
        dialog.signed_in.connect(lambda: self._signed_in(side, app, secret))
        dialog.start()

    def _signed_in(self, side: str, app: AppConfig, secret: str | None) -> None:
        self._generation += 1
        generation = self._generation
        self._set_checking(True)
        self._show(self.tr("Signed in to {app}. Asking it what there is…").format(app=app.name))

        def failed(message: str) -> None:
            if generation == self._generation:
                self._set_checking(False)
                self._show_problems([message])

        if app.service is not None and app.service.kind == BUSINESS_CENTRAL:

            def listed(found: list[Company]) -> None:
                if generation != self._generation:
                    return
                self._set_checking(False)
                self.apps[side].set_companies([(c.id, c.name) for c in found])
                if not found:
                    self._show_problems(
                        [self.tr("{app} has no company in this environment.").format(app=app.name)]
                    )
                    return
                self._show(
                    self.tr(
                        "Signed in to {app}. Pick the company from the list (%n found).",
                        "",
                        len(found),
                    ).format(app=html.escape(app.name)),
                    good=True,
                )
                self.apps[side].companies.setFocus()

            self.runner.submit(Task(lambda: companies(app, secret), listed, failed, "companies"))
            return

        def answered(problems: list[Message]) -> None:
            if generation != self._generation:
                return
            self._set_checking(False)
            if problems:
                self._show_problems([words(p) for p in problems])
            else:
                self._show(
                    self.tr("Signed in to {app}; it answers.").format(app=html.escape(app.name)),
                    good=True,
                )

        self.runner.submit(
            Task(lambda: service_answers(app, secret), answered, failed, "service answers")
        )

    # -- showing -----------------------------------------------------------------------

    def _set_checking(self, checking: bool) -> None:
        self._checking = checking
        self.progress.setVisible(checking)
        self.save_button.setEnabled(not checking)
        self.check_button.setEnabled(not checking)
        for app in self.apps.values():
            app.sign_in.setEnabled(not checking)

    def _show(self, rich: str, good: bool = False) -> None:
        self.message.setStyleSheet(f"color: {ok_text(self.palette()).name()};" if good else "")
        self.message.setText(rich)

    def _warnings_html(self, warnings: list[str]) -> str:
        """The check's warnings: shown, but they do not stop saving."""
        if not warnings:
            return ""
        items = "".join(f"<li>{html.escape(w)}</li>" for w in warnings)
        head = self.tr("Warnings (they do not stop saving):")
        return f"<p>{html.escape(head)}</p><ul>{items}</ul>"

    def _show_field_problems(self, problems: list[FormProblem]) -> None:
        """Each field to fix named with what is wrong, marked, and the first one focused."""
        if len(problems) == 1:
            self._show_problems([words(problems[0].message)], problems[0].field_name)
            return
        self.form_fields.mark([p.field_name for p in problems])
        lines = []
        for problem in problems:
            widget = self.widgets.get(problem.field_name)
            name = widget.accessibleName() if widget is not None else problem.field_name
            lines.append(
                self.tr("{field}: {problem}").format(field=name, problem=words(problem.message))
            )
        self._show_problems(lines)
        first = self.widgets.get(problems[0].field_name)
        if first is not None:
            self.form_fields.reveal(problems[0].field_name)
            first.setFocus()

    def _show_problems(
        self, problems: list[str], field_name: str | None = None, warnings: Sequence[str] = ()
    ) -> None:
        if field_name is not None or not problems:
            self.form_fields.mark([field_name] if field_name else [])
        items = "".join(f"<li>{breakable(html.escape(p))}</li>" for p in problems)
        head = self.tr("Nothing was saved:")
        widget = self.widgets.get(field_name or "")
        if widget is not None:
            label = widget.accessibleName()
            head = self.tr("Nothing was saved. {field}:").format(field=html.escape(label))
            self.form_fields.reveal(field_name or "")
            widget.setFocus()
            if isinstance(widget, QLineEdit):
                widget.selectAll()
        self.message.setStyleSheet(f"color: {error_text(self.palette()).name()};")
        self.message.setText(f"{head}<ul>{items}</ul>{self._warnings_html(list(warnings))}")

    def reject(self) -> None:
        self._generation += 1  # an answer still on its way is dropped
        super().reject()

    def done(self, result: int) -> None:
        if self.signin_dialog is not None and self.signin_dialog.isVisible():
            self.signin_dialog.reject()  # stops its wait for the code, and its thread
        if self._own_runner:
            self.runner.stop()
        super().done(result)
