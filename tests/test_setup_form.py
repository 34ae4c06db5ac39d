"""The Connect form's checks, without the window: a URL that is no database URL, a port that is
not a number, a password in a URL — each names its field."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_sync.services.form_checks import check_form
from desktop_sync.services.setup import ConnectForm, FormProblem


def form(**values: str) -> ConnectForm:
    base = {
        "erp_name": "ERP",
        "erp_url": "sqlite:///erp.db",
        "crm_name": "CRM",
        "crm_url": "sqlite:///crm.db",
        "mapping_name": "CUSTOMER",
        "erp_table": "customer",
        "crm_table": "account",
        "erp_key": "no",
        "crm_key": "accountid",
        "erp_modified": "last_modified",
        "crm_modified": "modifiedon",
        "fields": "name",
    }
    return ConnectForm(**(base | values))


@pytest.mark.parametrize(
    "url",
    ["postgresql+psycopg://u@host:54x2/db", "no url at all", "postgresql+psycopg://u:secret@h/db"],
)
def test_an_unusable_url_names_its_field(tmp_path: Path, url: str) -> None:
    with pytest.raises(FormProblem) as problem:
        check_form(form(crm_url=url), tmp_path / "desktop-sync.toml")
    assert problem.value.field_name == "crm_url"
    assert "secret" not in str(problem.value.message)
