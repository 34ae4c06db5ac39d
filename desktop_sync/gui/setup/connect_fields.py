"""The fields of Connect my apps: desktop-sync's own store, the ERP and the CRM, and one table
mapping (the two tables or entity sets, their key and last-modified fields, the direction and
the fields to keep equal). Each app is reached by its database (a URL and a password) or by the
web API of Business Central, Dynamics 365 Sales or another OData service, each with its own
fields (`AppFields`). `form()` reads them all as a `ConnectForm`."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop_sync.domain import Direction
from desktop_sync.gui.common.icons import icon
from desktop_sync.gui.common.style import error_text
from desktop_sync.services.setup import (
    AUTHS,
    BUSINESS_CENTRAL,
    DATAVERSE,
    ODATA,
    SIDE_FIELDS,
    SQL,
    ConnectForm,
)

KIND_NAMES = {
    SQL: QT_TRANSLATE_NOOP("ConnectFields", "SQL database"),
    BUSINESS_CENTRAL: QT_TRANSLATE_NOOP("ConnectFields", "Business Central"),
    DATAVERSE: QT_TRANSLATE_NOOP("ConnectFields", "Dynamics 365 Sales"),
    ODATA: QT_TRANSLATE_NOOP("ConnectFields", "Other OData service"),
}
AUTH_NAMES = {
    "device_code": QT_TRANSLATE_NOOP("ConnectFields", "A person signs in (device code)"),
    "client_credentials": QT_TRANSLATE_NOOP(
        "ConnectFields", "The app registration's secret (client credentials)"
    ),
    "none": QT_TRANSLATE_NOOP("ConnectFields", "No sign-in"),
    "bearer": QT_TRANSLATE_NOOP("ConnectFields", "A token (bearer)"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("ConnectFields", text)


class AppFields(QGroupBox):
    """One app's fields; the rows shown follow how the app is reached (`kind`)."""

    sign_in_requested = Signal(str)  # the side

    def __init__(self, owner: ConnectFields, side: str, title: str) -> None:
        super().__init__(title)
        self.owner, self.side = owner, side
        self.setObjectName(f"{side}_box")
        self.layout_ = QFormLayout(self)
        erp = side == "erp"
        upper = side.upper()
        self.name = owner.line(
            self.layout_,
            f"{side}_name",
            self.tr("&Name:") if erp else self.tr("N&ame:"),
            self.tr("{side} name").format(side=upper),
            "Business Central" if erp else "Dynamics 365 Sales",
        )
        self.kind = QComboBox()
        self.kind.setObjectName(f"{side}_kind")
        self.kind.setAccessibleName(self.tr("How the {side} is reached").format(side=upper))
        for kind, words in KIND_NAMES.items():
            self.kind.addItem(_tr(words), kind)
        self.layout_.addRow(self.tr("Reached &by:") if erp else self.tr("Reac&hed by:"), self.kind)
        self.url_label = QLabel()
        self.url = owner.edit(f"{side}_url", "", "")
        self.layout_.addRow(self.url_label, self.url)
        self.url_label.setBuddy(self.url)
        self.tenant = owner.line(
            self.layout_,
            f"{side}_tenant",
            self.tr("Tenant:"),
            self.tr("{side} tenant").format(side=upper),
            "contoso.onmicrosoft.com",
        )
        self.environment = owner.line(
            self.layout_,
            f"{side}_environment",
            self.tr("Environment:"),
            self.tr("{side} environment").format(side=upper),
            "production",
        )
        self.company = owner.edit(
            f"{side}_company",
            self.tr("{side} company id").format(side=upper),
            "7b4c1f6e-2f0b-4c36-9d0a-6c1b9d7e2a11",
        )
        self.companies = QComboBox()
        self.companies.setObjectName(f"{side}_companies")
        self.companies.setAccessibleName(self.tr("{side} companies").format(side=upper))
        self.companies.setPlaceholderText(self.tr("sign in to list the companies"))
        self.companies.setEnabled(False)
        self.companies.activated.connect(self._company_picked)
        self.company_row = QWidget()
        row = QHBoxLayout(self.company_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.companies, 1)
        row.addWidget(self.company, 1)
        self.layout_.addRow(self.tr("Company:"), self.company_row)
        self.client_id = owner.line(
            self.layout_,
            f"{side}_client_id",
            self.tr("Client id:"),
            self.tr("{side} client id").format(side=upper),
            "11111111-2222-3333-4444-555555555555",
            self.tr("The Application (client) ID of the app registration in Microsoft Entra ID."),
        )
        self.auth = QComboBox()
        self.auth.setObjectName(f"{side}_auth")
        self.auth.setAccessibleName(self.tr("{side} sign-in").format(side=upper))
        self.layout_.addRow(self.tr("Sign-in:"), self.auth)
        self.secret_label = QLabel()
        self.secret = QLineEdit()
        self.secret.setObjectName(f"{side}_password")
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        owner.passwords[side] = self.secret
        self.layout_.addRow(self.secret_label, self.secret)
        self.secret_label.setBuddy(self.secret)
        self.advanced = QCheckBox(self.tr("Addresses other than Microsoft's"))
        self.advanced.setObjectName(f"{side}_advanced")
        self.advanced.toggled.connect(lambda _: self.show_kind())
        self.layout_.addRow("", self.advanced)
        self.api = owner.line(
            self.layout_,
            f"{side}_api",
            self.tr("API address:"),
            self.tr("{side} API address").format(side=upper),
            "https://api.businesscentral.dynamics.com",
        )
        self.authority = owner.line(
            self.layout_,
            f"{side}_authority",
            self.tr("Sign-in authority:"),
            self.tr("{side} sign-in authority").format(side=upper),
            "https://login.microsoftonline.com/contoso.onmicrosoft.com",
        )
        self.sign_in = QPushButton(
            icon("connect"), self.tr("S&ign in…") if erp else self.tr("Si&gn in…")
        )
        self.sign_in.setObjectName(f"{side}_sign_in")
        self.sign_in.setAutoDefault(False)
        self.sign_in.setToolTip(
            self.tr("Sign in now, list what there is to pick, and see that the service answers.")
        )
        self.sign_in.clicked.connect(lambda: self.sign_in_requested.emit(self.side))
        self.layout_.addRow("", self.sign_in)
        self.kind.currentIndexChanged.connect(lambda _: self._kind_changed())
        self.auth.currentIndexChanged.connect(lambda _: self.show_kind())
        self._kind_changed()

    # -- the rows of each kind ---------------------------------------------------------

    def current_kind(self) -> str:
        return str(self.kind.currentData() or SQL)

    def _kind_changed(self) -> None:
        kind = self.current_kind()
        chosen = self.auth.currentData()
        self.auth.blockSignals(True)
        self.auth.clear()
        for auth in AUTHS[kind]:
            self.auth.addItem(_tr(AUTH_NAMES[auth]), auth)
        index = self.auth.findData(chosen)
        self.auth.setCurrentIndex(max(index, 0) if AUTHS[kind] else -1)
        self.auth.blockSignals(False)
        self.show_kind()

    def show_kind(self) -> None:
        kind, auth = self.current_kind(), self.auth.currentData()
        upper = self.side.upper()
        erp = self.side == "erp"
        fields = SIDE_FIELDS[kind]
        web = kind != SQL
        self._row(self.url, "url" in fields)
        if kind == SQL:
            self.url_label.setText(self.tr("Database U&RL:") if erp else self.tr("Database UR&L:"))
            self.url.setAccessibleName(self.tr("{side} database URL").format(side=upper))
            example = f"postgresql+psycopg://sync@{self.side}-server/{self.side}"
        elif kind == DATAVERSE:
            self.url_label.setText(
                self.tr("Environment U&RL:") if erp else self.tr("Environment UR&L:")
            )
            self.url.setAccessibleName(self.tr("{side} environment URL").format(side=upper))
            example = "https://contoso.crm4.dynamics.com"
        else:
            self.url_label.setText(self.tr("Service U&RL:") if erp else self.tr("Service UR&L:"))
            self.url.setAccessibleName(self.tr("{side} service URL").format(side=upper))
            example = "https://example.com/odata/v4/sales/"
        self.url.setPlaceholderText(self.tr("e.g. {example}").format(example=example))
        self._row(self.tenant, "tenant" in fields)
        self._row(self.environment, "environment" in fields)
        self._row(self.company_row, "company" in fields)
        self._row(self.client_id, "client_id" in fields)
        self._row(self.auth, bool(AUTHS[kind]))
        secret = kind == SQL or auth in ("client_credentials", "bearer")
        self._row(self.secret, secret)
        if kind == SQL:
            self.secret_label.setText(self.tr("Password:"))
            self.secret.setAccessibleName(self.tr("{side} password").format(side=upper))
            self.secret.setPlaceholderText(self.tr("only when the URL names a user"))
        elif auth == "bearer":
            self.secret_label.setText(self.tr("Token:"))
            self.secret.setAccessibleName(self.tr("{side} token").format(side=upper))
            self.secret.setPlaceholderText(self.tr("kept in the system keyring"))
        else:
            self.secret_label.setText(self.tr("Client secret:"))
            self.secret.setAccessibleName(self.tr("{side} client secret").format(side=upper))
            self.secret.setPlaceholderText(self.tr("kept in the system keyring"))
        entra = kind in (BUSINESS_CENTRAL, DATAVERSE)
        self._row(self.advanced, entra)
        self._row(self.api, entra and kind == BUSINESS_CENTRAL and self.advanced.isChecked())
        self._row(self.authority, entra and self.advanced.isChecked())
        self._row(self.sign_in, web)
        self.owner.fit()

    def _row(self, widget: QWidget, visible: bool) -> None:
        self.layout_.setRowVisible(widget, visible)

    # -- companies ---------------------------------------------------------------------

    def set_companies(self, companies: list[tuple[str, str]]) -> None:
        """Offer the companies (id, name) to pick; the one whose id is in the field is current."""
        self.companies.clear()
        for company_id, name in companies:
            self.companies.addItem(name, company_id)
        self.companies.setEnabled(bool(companies))
        index = self.companies.findData(self.company.text().strip())
        self.companies.setCurrentIndex(index)
        if len(companies) == 1 and index < 0:
            self.companies.setCurrentIndex(0)
            self._company_picked(0)

    def _company_picked(self, index: int) -> None:
        company_id = self.companies.itemData(index)
        if company_id:
            self.company.setText(str(company_id))


class ConnectFields(QWidget):
    """Every field of the form; `widgets` names each by the `ConnectForm` field it fills."""

    sign_in_requested = Signal(str)  # the side

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edits: dict[str, QLineEdit] = {}
        self.passwords: dict[str, QLineEdit] = {}

        store_box = QGroupBox(self.tr("desktop-sync's own store"))
        store_form = QFormLayout(store_box)
        self.line(
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
        store_password = QLineEdit()
        store_password.setObjectName("store_password")
        store_password.setEchoMode(QLineEdit.EchoMode.Password)
        store_password.setAccessibleName(self.tr("Store password"))
        store_password.setPlaceholderText(self.tr("only when the URL names a user"))
        self.passwords["store"] = store_password
        store_form.addRow(self.tr("Password:"), store_password)

        self.apps = {
            "erp": AppFields(self, "erp", self.tr("ERP")),
            "crm": AppFields(self, "crm", self.tr("CRM")),
        }
        for app in self.apps.values():
            app.sign_in_requested.connect(self.sign_in_requested)

        mapping_box = QGroupBox(self.tr("Table mapping"))
        mapping_layout = QVBoxLayout(mapping_box)
        top = QFormLayout()
        self.line(
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
            erp_edit = self.edit(f"erp_{suffix}", erp_name, erp_example)
            crm_edit = self.edit(f"crm_{suffix}", crm_name, crm_example)
            label.setBuddy(erp_edit)
            grid.addWidget(label, row, 0)
            grid.addWidget(erp_edit, row, 1)
            grid.addWidget(crm_edit, row, 2)
        mapping_layout.addLayout(grid)
        web_note = QLabel(
            self.tr(
                "For a web API, the table is its entity set (customers, accounts) and the "
                "columns are its fields (id, lastModifiedDateTime, modifiedon)."
            )
        )
        web_note.setWordWrap(True)
        mapping_layout.addWidget(web_note)
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
        self.fields.setPlaceholderText(
            self.tr("For example:") + "\nname\ncity = address1_city\nemail = emailaddress1"
        )
        self.fields.setTabChangesFocus(True)
        self.fields.setMinimumHeight(90)
        fields_label.setBuddy(self.fields)
        mapping_layout.addWidget(fields_label)
        mapping_layout.addWidget(self.fields)

        left_widget = self.left_widget = QWidget()
        left = QVBoxLayout(left_widget)
        left.setContentsMargins(0, 0, 0, 0)
        left.addWidget(store_box)
        left.addWidget(self.apps["erp"])
        left.addWidget(self.apps["crm"])
        left.addStretch(1)
        scroll = QScrollArea()
        scroll.setObjectName("appsScroll")
        scroll.setAccessibleName(self.tr("The store and both apps"))
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(left_widget)
        columns = QHBoxLayout(self)
        columns.setContentsMargins(0, 0, 0, 0)
        columns.addWidget(scroll, 1)
        columns.addWidget(mapping_box, 1)
        self.fit()
        self.widgets: dict[str, QWidget] = {**self.edits, "fields": self.fields}
        for side, app in self.apps.items():
            self.widgets[f"{side}_kind"] = app.kind
            self.widgets[f"{side}_auth"] = app.auth
            self.widgets[f"{side}_secret"] = app.secret

    # -- building ----------------------------------------------------------------------

    def edit(self, name: str, accessible: str, example: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(name)
        edit.setAccessibleName(accessible)
        # An example, worded as one: an empty field must never look filled in.
        edit.setPlaceholderText(self.tr("e.g. {example}").format(example=example))
        self.edits[name] = edit
        return edit

    def line(
        self, form: QFormLayout, name: str, label: str, accessible: str, example: str, tip: str = ""
    ) -> QLineEdit:
        edit = self.edit(name, accessible, example)
        if tip:
            edit.setToolTip(tip)
        form.addRow(label, edit)
        return edit

    def fit(self) -> None:
        """The apps' column as tall as its rows want (it scrolls rather than squeezing them)."""
        left = getattr(self, "left_widget", None)
        if left is not None:
            left.layout().invalidate()
            left.setMinimumHeight(left.layout().sizeHint().height())

    def mark(self, names: list[str]) -> None:
        """Outline the fields to fix in the error colour; the others as usual."""
        color = error_text(self.palette()).name()
        for name, widget in self.widgets.items():
            wrong = name in names
            widget.setProperty("problem", wrong)
            widget.setStyleSheet(f"border: 1px solid {color};" if wrong else "")

    def reveal(self, name: str) -> None:
        """Make sure the field `name` can be seen (the apps' column scrolls)."""
        widget = self.widgets.get(name)
        scroll = self.findChild(QScrollArea, "appsScroll")
        if widget is not None and scroll is not None and scroll.widget().isAncestorOf(widget):
            scroll.ensureWidgetVisible(widget)

    # -- the form ----------------------------------------------------------------------

    def form(self) -> ConnectForm:
        values = {name: edit.text() for name, edit in self.edits.items()}
        for side, app in self.apps.items():
            values[f"{side}_kind"] = app.current_kind()
            values[f"{side}_auth"] = str(app.auth.currentData() or "")
        return ConnectForm(
            **values,
            direction=self.direction.currentData(),
            fields=self.fields.toPlainText(),
            passwords={p: e.text() for p, e in self.passwords.items() if e.text()},
        )

    def set_form(self, form: ConnectForm) -> None:
        for side, app in self.apps.items():
            app.kind.setCurrentIndex(max(app.kind.findData(form.kind(side)), 0))
            app.auth.setCurrentIndex(max(app.auth.findData(form.auth(side)), 0))
            app.advanced.setChecked(bool(form.value(side, "api") or form.value(side, "authority")))
        for name, edit in self.edits.items():
            edit.setText(getattr(form, name))
        self.direction.setCurrentIndex(max(self.direction.findData(form.direction), 0))
        self.fields.setPlainText(form.fields)
        for purpose, edit in self.passwords.items():
            edit.setText(form.passwords.get(purpose, ""))
