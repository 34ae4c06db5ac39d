"""The emulated Business Central API v2.0 (see `emulator.py`): the environment's `companies`
(id, name, displayName, as the API's companies resource is documented) and
companies({id})/customers, as its public documentation describes them;
`emulated_dataverse.py` is the Dataverse Web API."""

from __future__ import annotations

import json
from typing import Any

from tests.odata.emulator import Service, Table, _error, json_body, new_id

TENANT, ENVIRONMENT, COMPANY = (
    "contoso.onmicrosoft.com",
    "production",
    "7b4c1f6e-2f0b-4c36-9d0a-6c1b9d7e2a11",
)
OTHER_COMPANY = "0c5d2e7f-3a1b-4d47-8e1b-7d2c0e8f3b22"
COMPANIES = [
    {"id": OTHER_COMPANY, "name": "MY COMPANY", "displayName": "My Company"},
    {"id": COMPANY, "name": "CRONUS", "displayName": "CRONUS International Ltd."},
]
Answer = tuple[int, dict[str, str], bytes]


def _property(name: str, kind: str, **facets: Any) -> str:
    extra = "".join(f' {k}="{v}"' for k, v in facets.items())
    return f'<Property Name="{name}" Type="{kind}"{extra}/>'


def _metadata(namespace: str, types: str, sets: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="utf-8"?><edmx:Edmx Version="4.0" '
        'xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx"><edmx:DataServices>'
        f'<Schema Namespace="{namespace}" xmlns="http://docs.oasis-open.org/odata/ns/edm">{types}'
        f'<EntityContainer Name="Container">{sets}</EntityContainer></Schema>'
        "</edmx:DataServices></edmx:Edmx>"
    ).encode()


class BusinessCentral(Service):
    """Business Central API v2.0: companies({id})/customers."""

    page_limit = 20000
    batch_limit = 100
    concurrency = 5

    def __init__(self) -> None:
        super().__init__(f"/v2.0/{TENANT}/{ENVIRONMENT}/api/v2.0/")
        fields = {
            "number": {},
            "displayName": {},
            "city": {},
            "email": {},
            "creditLimit": {},
            "blocked": {},
        }
        self.tables["customers"] = Table("customers", "id", "lastModifiedDateTime", fields)
        self.prefix = f"companies({COMPANY})/"
        self.companies = [dict(c) for c in COMPANIES]

    def metadata(self) -> bytes:
        props = "".join(
            [
                _property("id", "Edm.Guid", Nullable="false"),
                _property("number", "Edm.String", MaxLength="20"),
                _property("displayName", "Edm.String", MaxLength="100"),
                _property("city", "Edm.String", MaxLength="30"),
                _property("email", "Edm.String", MaxLength="80"),
                _property("creditLimit", "Edm.Decimal", Scale="Variable"),
                _property("blocked", "Edm.String", MaxLength="20"),
                _property("lastModifiedDateTime", "Edm.DateTimeOffset"),
            ]
        )
        types = (
            f'<EntityType Name="customer"><Key><PropertyRef Name="id"/></Key>{props}</EntityType>'
        )
        return _metadata(
            "Microsoft.NAV",
            types,
            '<EntitySet Name="customers" EntityType="Microsoft.NAV.customer"/>',
        )

    def handle(self, method: str, url: str, headers: dict[str, str], body: bytes) -> Answer:
        with self.lock:
            if self.in_flight > self.concurrency:
                return (
                    429,
                    {"Retry-After": "1"},
                    _error("TooManyRequests", "Too many concurrent requests"),
                )
        return super().handle(method, url, headers, body)

    def route(
        self, method: str, path: str, query: dict[str, str], headers: dict[str, str], body: bytes
    ) -> Answer:
        if path == "$metadata":
            return 200, {"Content-Type": "application/xml"}, self.metadata()
        if path == "$batch" and method == "POST":
            return self.batch(json_body(body))
        if path == "":
            return 200, {}, b'{"value":[]}'
        if path == "companies" and method == "GET":
            rows = [{**c, "systemVersion": "24.0"} for c in self.companies]
            return 200, {}, json.dumps({"value": rows}).encode()
        if not path.startswith(self.prefix):
            return 404, {}, _error("BadRequest_NotFound", f"No HTTP resource was found for {path}")
        rest = path[len(self.prefix) :]
        name, _, key = rest.partition("(")
        table = self.tables.get(name)
        if table is None:
            return 404, {}, _error("BadRequest_NotFound", f"The entity set {name} does not exist")
        key = key.rstrip(")").lower()
        base = f"{self.base_url}{self.root}{self.prefix}{name}?"
        with self.lock:
            if not key and method == "GET":
                return self.collection(table, query, headers, lambda q: base + q)
            if not key and method == "POST":
                return self.insert(table, json_body(body))
            if key not in table.rows:
                return 404, {}, _error("Internal_RecordNotFound", "The customer does not exist.")
            if method == "GET":
                return (
                    200,
                    {},
                    json.dumps(self.represent(table, table.rows[key], None), default=str).encode(),
                )
            if "if-match" not in headers:  # the API requires the ETag on PATCH and DELETE
                return (
                    400,
                    {},
                    _error(
                        "Internal_RequestETagRequired",
                        "Could not validate the client concurrency token. The required "
                        "If-Match header is missing.",
                    ),
                )
            if headers["if-match"] not in ("*", table.etag(key)):
                return (
                    409,
                    {},
                    _error("Request_EntityChanged", "Another user has already changed the record."),
                )
            if method == "DELETE":
                del table.rows[key]
                return 204, {}, b""
            if method == "PATCH":
                values = json_body(body)
                if "id" in values:
                    return (
                        400,
                        {},
                        _error("BadRequest_InvalidToken", "The property 'id' is read-only."),
                    )
                table.rows[key].update(values)
                self.touch(table, key)
                return (
                    200,
                    {"ETag": table.etag(key)},
                    json.dumps(self.represent(table, table.rows[key], None), default=str).encode(),
                )
        return 405, {}, _error("BadRequest_MethodNotAllowed", method)

    def insert(self, table: Table, values: dict[str, Any]) -> Answer:
        if "id" in values:
            return 400, {}, _error("BadRequest_InvalidToken", "The property 'id' is read-only.")
        if len(str(values.get("displayName") or "")) > 100:
            return 400, {}, _error("BadRequest_InvalidToken", "The displayName is too long.")
        key = new_id()
        row = {
            "id": key,
            "number": None,
            "displayName": "",
            "city": "",
            "email": "",
            "creditLimit": 0,
            "blocked": " ",
        }
        row.update(values)
        if any(r["number"] == row["number"] for r in table.rows.values() if row["number"]):
            return (
                400,
                {},
                _error(
                    "Internal_EntityWithSameKeyExists",
                    f"The record in table Customer already exists. Identification fields and "
                    f"values: No.='{row['number']}'",
                ),
            )
        table.rows[key] = row
        self.touch(table, key)
        return (
            201,
            {"ETag": table.etag(key)},
            json.dumps(self.represent(table, row, None), default=str).encode(),
        )

    def batch(self, payload: dict[str, Any]) -> Answer:
        requests = payload.get("requests", [])
        if len(requests) > self.batch_limit:
            return (
                400,
                {},
                _error(
                    "BadRequest",
                    f"The maximum number of operations in a batch is {self.batch_limit}.",
                ),
            )
        answers = []
        for request in requests:
            body = (
                json.dumps(request.get("body")).encode() if request.get("body") is not None else b""
            )
            headers = {k.lower(): v for k, v in (request.get("headers") or {}).items()}
            status, extra, content = self.route(
                request["method"], request["url"], {}, headers, body
            )
            answers.append(
                {
                    "id": request["id"],
                    "status": status,
                    "headers": extra,
                    "body": json.loads(content) if content else None,
                }
            )
        return 200, {}, json.dumps({"responses": answers}, default=str).encode()
