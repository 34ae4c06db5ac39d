"""The fields of Connect my apps: desktop-sync's own store, the ERP and the CRM (a name, a database
URL and a password each), and one table mapping (the two tables, their key and last-modified
columns, the direction and the fields to keep equal). `form()` reads them as a `ConnectForm`."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_sync.domain import Direction
from desktop_sync.gui.common.style import error_text
from desktop_sync.services.setup import ConnectForm


class ConnectFields(QWidget):
    """Every field of the form; `widgets` names each by the `ConnectForm` field it fills."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
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
        self.fields.setPlaceholderText(
            self.tr("For example:") + "\nname\ncity = address1_city\nemail = emailaddress1"
        )
        self.fields.setTabChangesFocus(True)
        self.fields.setMinimumHeight(90)
        fields_label.setBuddy(self.fields)
        mapping_layout.addWidget(fields_label)
        mapping_layout.addWidget(self.fields)

        left = QVBoxLayout()
        left.addWidget(store_box)
        left.addWidget(erp_box)
        left.addWidget(crm_box)
        left.addStretch(1)
        columns = QHBoxLayout(self)
        columns.setContentsMargins(0, 0, 0, 0)
        columns.addLayout(left, 1)
        columns.addWidget(mapping_box, 1)
        self.widgets: dict[str, QWidget] = {**self.edits, "fields": self.fields}

    # -- building ----------------------------------------------------------------------

    def _edit(self, name: str, accessible: str, example: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(name)
        edit.setAccessibleName(accessible)
        # An example, worded as one: an empty field must never look filled in.
        edit.setPlaceholderText(self.tr("e.g. {example}").format(example=example))
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

    def mark(self, names: list[str]) -> None:
        """Outline the fields to fix in the error colour; the others as usual."""
        color = error_text(self.palette()).name()
        for name, widget in self.widgets.items():
            wrong = name in names
            widget.setProperty("problem", wrong)
            widget.setStyleSheet(f"border: 1px solid {color};" if wrong else "")

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
