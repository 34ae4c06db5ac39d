"""A protocol emulator of the Business Central API v2.0 and the Dataverse Web API v9.2, for what
the real OData server of the tests (SAP CAP) does not do. Written from Microsoft's public
documentation of those APIs, not from the services: it answers as the documentation says, and
no more.

What it emulates (the rest of OData is the CAP server's part):

- both: `$metadata`; `$select`, `$filter` (eq ne gt ge lt le, and or, parentheses, null,
  contains), `$orderby`, `$top`; paging by `@odata.nextLink` with `Prefer: odata.maxpagesize`
  (Business Central ≤ 20,000, Dataverse ≤ 5,000) and a `$skiptoken` by key, never by position;
  the service's own last-modified stamp and ETag on every write; `429 Too Many Requests` with
  `Retry-After` when a test asks for it (`throttle`), and a count of requests in flight.
- Business Central: the service makes `id`; PATCH and DELETE without If-Match are refused; a
  stale ETag answers 409 `Request_EntityChanged`; JSON `$batch` of at most 100 operations; at
  most 5 requests at once per user, then 429.
- Dataverse: a PATCH without If-Match is an *upsert* (it re-creates a deleted record); `If-Match:
  *` answers 404 for a missing record; a stale ETag answers 412; lookups are read as
  `_x_value` and written as `x_table@odata.bind`; multipart `$batch` with
  `Prefer: odata.continue-on-error`; change tracking (`Prefer: odata.track-changes`) with delta
  links and `$deletedEntity` rows, no `$filter` with it, tokens that expire (`expire_tokens`).
"""

from __future__ import annotations

import base64
import json
import threading
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from tests.odata.filters import matches, order_key


class Table:
    """One entity set of an emulated service."""

    def __init__(self, name: str, key: str, modified: str, fields: dict[str, dict[str, Any]]):
        self.name, self.key, self.modified, self.fields = name, key, modified, fields
        self.rows: dict[str, dict[str, Any]] = {}
        self.versions: dict[str, int] = {}
        self.deleted: list[tuple[int, str]] = []  # (version, key) for change tracking
        self.change_tracking = True

    def etag(self, key: str) -> str:
        return f'W/"{self.versions[key]}"'


class Service:
    """What both emulated services share: tables, stamps, versions, paging, throttling."""

    page_limit = 5000

    def __init__(self, root: str) -> None:
        self.root = root  # the path of the service root, e.g. /api/data/v9.2/
        self.tables: dict[str, Table] = {}
        self.version = 0
        self.lock = threading.RLock()
        self.clock = datetime.now(UTC)
        self.throttled = 0  # the next this many requests answer 429
        self.retry_after = "1"
        self.requests: list[tuple[str, str]] = []
        self.in_flight = self.most_in_flight = 0
        self.base_url = ""
        self.delay = 0.0  # seconds every answer takes (to see requests overlap)
        self.tokens: set[str] | None = None  # when set: the bearer tokens the service accepts

    @property
    def metadata_url(self) -> str:
        return f"{self.base_url}{self.root}$metadata"

    def now(self) -> str:
        """The service's stamp: its clock (the one its Date header tells), later for every write."""
        self.clock = max(datetime.now(UTC), self.clock + timedelta(milliseconds=1))
        return self.clock.isoformat(timespec="milliseconds").replace("+00:00", "Z")

    def touch(self, table: Table, key: str) -> None:
        self.version += 1
        table.versions[key] = self.version
        table.rows[key][table.modified] = self.now()

    def represent(
        self, table: Table, row: dict[str, Any], select: list[str] | None
    ) -> dict[str, Any]:
        shown = {k: v for k, v in row.items() if select is None or k in select or k == table.key}
        return {"@odata.etag": table.etag(row[table.key]), **shown}

    # -- requests ------------------------------------------------------------------------

    def handle(
        self, method: str, url: str, headers: dict[str, str], body: bytes
    ) -> tuple[int, dict[str, str], bytes]:
        with self.lock:
            self.requests.append((method, url))
            bearer = headers.get("authorization", "").removeprefix("Bearer ")
            if self.tokens is not None and bearer not in self.tokens:
                return (
                    401,
                    {},
                    _error(
                        "Authentication_InvalidCredentials",
                        "The credentials provided are incorrect",
                    ),
                )
            if self.throttled:
                self.throttled -= 1
                return (
                    429,
                    {"Retry-After": self.retry_after},
                    _error("429", "Rate limit is exceeded. Try again later."),
                )
        parts = urlsplit(url)
        path = parts.path[len(self.root) :] if parts.path.startswith(self.root) else parts.path
        query = dict(parse_qsl(parts.query, keep_blank_values=True))
        return self.route(method, path, query, headers, body)

    def route(
        self, method: str, path: str, query: dict[str, str], headers: dict[str, str], body: bytes
    ) -> tuple[int, dict[str, str], bytes]:
        raise NotImplementedError

    def collection(
        self,
        table: Table,
        query: dict[str, str],
        headers: dict[str, str],
        link: Callable[[str], str],
    ) -> tuple[int, dict[str, str], bytes]:
        select = query["$select"].split(",") if "$select" in query else None
        rows = [r for r in table.rows.values() if matches(query.get("$filter"), r)]
        order = [o.strip().split(" ")[0] for o in query.get("$orderby", table.key).split(",")]
        if table.key not in order:
            order.append(table.key)
        rows.sort(key=lambda r: order_key(r, order))
        if "$skiptoken" in query:
            after = json.loads(base64.b64decode(query["$skiptoken"]))
            rows = [r for r in rows if order_key(r, order) > tuple(order_key(after, order))]
        top = int(query["$top"]) if "$top" in query else None
        page = min(_max_page(headers) or self.page_limit, self.page_limit)
        taken = rows[: min(page, top) if top is not None else page]
        payload: dict[str, Any] = {
            "@odata.context": f"{self.base_url}{self.root}$metadata#{table.name}",
            "value": [self.represent(table, r, select) for r in taken],
        }
        more = len(rows) > len(taken) and (top is None or top > len(taken))
        if more:
            token = base64.b64encode(
                json.dumps({k: taken[-1].get(k) for k in order}).encode()
            ).decode()
            rest = {k: v for k, v in query.items() if k != "$skiptoken"}
            if top is not None:
                rest["$top"] = str(top - len(taken))
            payload["@odata.nextLink"] = link(_query_string({**rest, "$skiptoken": token}))
        return 200, {}, json.dumps(payload, default=str).encode()


def _max_page(headers: dict[str, str]) -> int | None:
    for piece in headers.get("prefer", "").split(","):
        name, _, value = piece.strip().partition("=")
        if name == "odata.maxpagesize" and value.isdigit():
            return int(value)
    return None


def _query_string(query: dict[str, str]) -> str:
    from urllib.parse import quote

    return "&".join(f"{k}={quote(v, safe='$(),:')}" for k, v in query.items())


def _error(code: str, message: str) -> bytes:
    return json.dumps({"error": {"code": code, "message": message}}).encode()


def json_body(body: bytes) -> dict[str, Any]:
    return json.loads(body, parse_float=Decimal) if body else {}


def new_id() -> str:
    return str(uuid.uuid4())


class Emulator:
    """An emulated service on a local port: `url` is its base address."""

    def __init__(self, service: Service) -> None:
        self.service = service

        class Handler(BaseHTTPRequestHandler):
            def _any(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                headers = {k.lower(): v for k, v in self.headers.items()}
                with service.lock:
                    service.in_flight += 1
                    service.most_in_flight = max(service.most_in_flight, service.in_flight)
                try:
                    time.sleep(service.delay)
                    status, extra, content = service.handle(self.command, self.path, headers, body)
                finally:
                    with service.lock:
                        service.in_flight -= 1
                self.send_response(status)
                extra = {"Content-Type": "application/json; odata.metadata=minimal", **extra}
                for name, value in extra.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(content)))
                self.end_headers()
                self.wfile.write(content)

            do_GET = do_POST = do_PATCH = do_DELETE = do_PUT = _any  # noqa: N815

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        service.base_url = self.url
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
