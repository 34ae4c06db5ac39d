"""The emulated Dataverse Web API v9.2 (see `emulator.py`): accounts and contacts, as its public
documentation describes it."""

from __future__ import annotations

import json
from typing import Any

from tests.odata.batch_parts import multipart_answer, parse_multipart_request
from tests.odata.emulated import Answer, _metadata, _property
from tests.odata.emulator import Service, Table, _error, json_body, new_id


class Dataverse(Service):
    """Dataverse Web API v9.2: accounts and contacts, with change tracking on accounts."""

    page_limit = 5000

    def __init__(self) -> None:
        super().__init__("/api/data/v9.2/")
        self.tables["accounts"] = Table("accounts", "accountid", "modifiedon", {})
        self.tables["contacts"] = Table("contacts", "contactid", "modifiedon", {})
        self.tables["contacts"].change_tracking = False
        self.expired: set[str] = set()  # delta tokens that answer "expired"

    def metadata(self) -> bytes:
        account = "".join(
            [
                _property("accountid", "Edm.Guid", Nullable="false"),
                _property("name", "Edm.String", MaxLength="160"),
                _property("address1_city", "Edm.String", MaxLength="80"),
                _property("emailaddress1", "Edm.String", MaxLength="100"),
                _property("creditlimit", "Edm.Decimal", Precision="19", Scale="4"),
                _property("customertypecode", "Edm.Int32"),
                _property("modifiedon", "Edm.DateTimeOffset"),
            ]
        )
        contact = "".join(
            [
                _property("contactid", "Edm.Guid", Nullable="false"),
                _property("firstname", "Edm.String", MaxLength="50"),
                _property("lastname", "Edm.String", MaxLength="50"),
                _property("emailaddress1", "Edm.String", MaxLength="100"),
                _property("_parentcustomerid_value", "Edm.Guid"),
                _property("modifiedon", "Edm.DateTimeOffset"),
            ]
        )
        navigations = "".join(
            f'<NavigationProperty Name="parentcustomerid_{t}" '
            f'Type="Microsoft.Dynamics.CRM.{t}"><ReferentialConstraint '
            f'Property="_parentcustomerid_value" ReferencedProperty="{t}id"/></NavigationProperty>'
            for t in ("account", "contact")
        )
        types = (
            '<EntityType Name="account"><Key><PropertyRef Name="accountid"/></Key>'
            f"{account}</EntityType>"
            '<EntityType Name="contact"><Key><PropertyRef Name="contactid"/></Key>'
            f"{contact}{navigations}</EntityType>"
        )
        sets = (
            '<EntitySet Name="accounts" EntityType="Microsoft.Dynamics.CRM.account"/>'
            '<EntitySet Name="contacts" EntityType="Microsoft.Dynamics.CRM.contact"/>'
        )
        return _metadata("Microsoft.Dynamics.CRM", types, sets)

    def route(
        self, method: str, path: str, query: dict[str, str], headers: dict[str, str], body: bytes
    ) -> Answer:
        if path == "$metadata":
            return 200, {"Content-Type": "application/xml"}, self.metadata()
        if path == "$batch" and method == "POST":
            return self.batch(headers, body)
        if path == "":
            return 200, {}, b'{"value":[]}'
        name, _, key = path.partition("(")
        table = self.tables.get(name)
        if table is None:
            return 404, {}, _error("0x80060888", f"Resource not found for the segment '{name}'.")
        key = key.rstrip(")").lower()
        with self.lock:
            if not key and method == "GET":
                if "odata.track-changes" in headers.get("prefer", ""):
                    return self.changes(table, query, headers)
                return self.collection(
                    table, query, headers, lambda q: f"{self.base_url}{self.root}{name}?{q}"
                )
            if not key and method == "POST":
                values = json_body(body)
                key = str(values.get(table.key) or new_id()).lower()
                if key in table.rows:
                    return (
                        412,
                        {},
                        _error("0x80040237", "A record with matching key values already exists."),
                    )
                return self.write(table, key, values, 201)
            if method == "GET":
                if key not in table.rows:
                    return 404, {}, _error("0x80040217", f"{name} With Id = {key} Does Not Exist")
                return (
                    200,
                    {},
                    json.dumps(self.represent(table, table.rows[key], None), default=str).encode(),
                )
            match = headers.get("if-match")
            if key not in table.rows:
                if method == "PATCH" and match is None:
                    return self.write(table, key, json_body(body), 204)  # an upsert re-creates it
                return 404, {}, _error("0x80040217", f"{name} With Id = {key} Does Not Exist")
            if match is not None and match not in ("*", table.etag(key)):
                return (
                    412,
                    {},
                    _error(
                        "0x80060882",
                        "The version of the existing record doesn't match the RowVersion "
                        "property provided.",
                    ),
                )
            if method == "DELETE":
                del table.rows[key]
                self.version += 1
                table.deleted.append((self.version, key))
                return 204, {}, b""
            if method == "PATCH":
                return self.write(table, key, json_body(body), 204)
        return 405, {}, _error("0x8006088a", method)

    def write(self, table: Table, key: str, values: dict[str, Any], status: int) -> Answer:
        row = table.rows.get(key, {table.key: key})
        for name, value in values.items():
            if name.endswith("@odata.bind"):
                navigation = name.removesuffix("@odata.bind")
                target = navigation.rpartition("_")[0]
                row[f"_{target}_value"] = (
                    None if value is None else value.rpartition("(")[2].rstrip(")").lower()
                )
            elif name.startswith("_") and name.endswith("_value"):
                return (
                    400,
                    {},
                    _error(
                        "0x80060888",
                        f"The property '{name}' is read-only; use a navigation property with "
                        f"@odata.bind.",
                    ),
                )
            elif name == "lastname" and value is not None and len(value) > 50:
                return (
                    400,
                    {},
                    _error(
                        "0x80044331",
                        "A validation error occurred. The length of the 'lastname' attribute "
                        "of the 'contact' entity exceeded the maximum allowed length of '50'.",
                    ),
                )
            else:
                row[name] = value
        table.rows[key] = row
        self.touch(table, key)
        location = f"{self.base_url}{self.root}{table.name}({key})"
        return status, {"OData-EntityId": location, "ETag": table.etag(key)}, b""

    def changes(self, table: Table, query: dict[str, str], headers: dict[str, str]) -> Answer:
        """Change tracking: every record and a delta link; from a delta link, what changed."""
        if not table.change_tracking:
            return (
                400,
                {},
                _error(
                    "0x80072491", f"The entity {table.name} is not enabled for change tracking."
                ),
            )
        if "$filter" in query or "$orderby" in query:
            return (
                400,
                {},
                _error(
                    "0x80060888", "$filter and $orderby are not supported with change tracking."
                ),
            )
        token = query.get("$deltatoken")
        if token in self.expired:
            return (
                400,
                {},
                _error(
                    "0x80044352",
                    "Version stamp associated with the client has been expired. Please perform "
                    "a full sync.",
                ),
            )
        since = int(token) if token else 0
        select = query["$select"].split(",") if "$select" in query else None
        value = [
            self.represent(table, r, select)
            for k, r in table.rows.items()
            if table.versions[k] > since
        ]
        value += [
            {
                "@odata.context": f"{self.metadata_url}#{table.name}/$deletedEntity",
                "id": k,
                "reason": "deleted",
            }
            for v, k in table.deleted
            if v > since and k not in table.rows
        ]
        rest = {k: v for k, v in query.items() if k != "$deltatoken"}
        link = f"{self.base_url}{self.root}{table.name}?" + "&".join(
            f"{k}={v}" for k, v in {**rest, "$deltatoken": str(self.version)}.items()
        )
        payload = {
            "@odata.context": f"{self.base_url}{self.root}$metadata#{table.name}",
            "value": value,
            "@odata.deltaLink": link,
        }
        return (
            200,
            {"Preference-Applied": "odata.track-changes"},
            json.dumps(payload, default=str).encode(),
        )

    def expire_tokens(self) -> None:
        self.expired |= {str(v) for v in range(self.version + 1)}

    def batch(self, headers: dict[str, str], body: bytes) -> Answer:
        parts = parse_multipart_request(headers.get("content-type", ""), body)
        if len(parts) > 1000:
            return 400, {}, _error("0x8006088a", "The number of requests in a batch exceeds 1000.")
        answers = []
        for method, url, part_headers, part_body in parts:
            path = url.split(self.root, 1)[-1]
            path, _, raw_query = path.partition("?")
            status, extra, content = self.route(method, path, {}, part_headers, part_body)
            answers.append((status, extra, content))
            if status >= 400 and "odata.continue-on-error" not in headers.get("prefer", ""):
                break
        boundary, content = multipart_answer(answers)
        return 200, {"Content-Type": f"multipart/mixed; boundary={boundary}"}, content
