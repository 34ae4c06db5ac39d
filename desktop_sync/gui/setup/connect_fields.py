"""The fields of Connect my apps: desktop-sync's own store, the ERP and the CRM, and one table
mapping (the two tables or entity sets, their key and last-modified fields, the direction and
the fields to keep equal). Each app is reached by its database (a URL and a password) or by the
web API of Business Central, Dynamics 365 Sales or another OData service, each with its own
fields (`AppFields`). `form()` reads them all as a `ConnectForm`."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop_sync.domain import Direction
from desktop_sync.gui.common.style import error_text
from desktop_sync.gui.setup.app_fields import AppFields
from desktop_sync.services.setup import (
    ConnectForm,
)


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
            row_label = QLabel(label_text)
            erp_edit = self.edit(f"erp_{suffix}", erp_name, erp_example)
            crm_edit = self.edit(f"crm_{suffix}", crm_name, crm_example)
            row_label.setBuddy(erp_edit)
            grid.addWidget(row_label, row, 0)
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
        inside = scroll.widget() if scroll is not None else None
        if widget is not None and scroll is not None and inside and inside.isAncestorOf(widget):
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
