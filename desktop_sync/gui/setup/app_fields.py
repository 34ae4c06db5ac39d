"""One app's part of Connect my apps (`AppFields`): how it is reached — its database (a URL and
a password) or the web API of Business Central, Dynamics 365 Sales or another OData service —
and only the fields that way needs, with the company picked from a list once signed in.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from desktop_sync.gui.common.icons import icon
from desktop_sync.services.setup import (
    AUTHS,
    BUSINESS_CENTRAL,
    DATAVERSE,
    ODATA,
    SIDE_FIELDS,
    SQL,
)


class FieldsOwner(Protocol):
    """The form the fields are part of: it makes their line edits and keeps their passwords."""

    passwords: dict[str, QLineEdit]

    def edit(self, name: str, accessible: str, example: str) -> QLineEdit: ...

    def line(
        self, form: QFormLayout, name: str, label: str, accessible: str, example: str, tip: str = ""
    ) -> QLineEdit: ...

    def fit(self) -> None: ...


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

    def __init__(self, owner: FieldsOwner, side: str, title: str) -> None:
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
            self.kind.addItem(_tr(str(words)), kind)
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
            self.auth.addItem(_tr(str(AUTH_NAMES[auth])), auth)
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
