"""`$batch`: many writes in one request, each answered on its own.

Two encodings of OData v4: JSON (`{"requests": […]}`, Business Central and SAP CAP) and
multipart/mixed (Dataverse, with `Prefer: odata.continue-on-error` so that one rejected record
does not stop the others). Requests are sent outside change sets: each lands or fails alone, and
`answers` are in the order of `ops`.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from desktop_sync.apps.odata import codec
from desktop_sync.apps.odata.http import Http, ServiceError

CRLF = "\r\n"


@dataclass
class Op:
    method: str
    path: str  # relative to the service root
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Answer:
    status: int
    headers: dict[str, str]  # lower-case names
    body: Any = None

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300

    def error(self) -> ServiceError:
        code, message, target = str(self.status), "", None
        if isinstance(self.body, dict) and isinstance(self.body.get("error"), dict):
            error = self.body["error"]
            code = str(error.get("code") or code)
            message = str(error.get("message") or "")
            target = error.get("target") or None
        return ServiceError(self.status, code, message or f"HTTP {self.status}", target)

    @property
    def etag(self) -> str | None:
        if isinstance(self.body, dict) and self.body.get("@odata.etag"):
            return str(self.body["@odata.etag"])
        return self.headers.get("etag")


def send(http: Http, ops: list[Op], multipart: bool) -> list[Answer]:
    """Send `ops` as one `$batch` request; one answer per op, in their order."""
    if not ops:
        return []
    return _multipart(http, ops) if multipart else _json(http, ops)


def _json(http: Http, ops: list[Op]) -> list[Answer]:
    requests = []
    for i, op in enumerate(ops):
        request: dict[str, Any] = {"id": str(i + 1), "method": op.method, "url": op.path}
        headers = dict(op.headers)
        if op.body is not None:
            headers.setdefault("Content-Type", "application/json")
            request["body"] = op.body
        request["headers"] = headers
        requests.append(request)
    response = http.request(
        "POST",
        "$batch",
        content=codec.dumps({"requests": requests}),
        headers={"Content-Type": "application/json", "Prefer": "odata.continue-on-error"},
    )
    payload = codec.loads(response.content)
    by_id = {}
    for item in payload.get("responses", []):
        headers = {k.lower(): str(v) for k, v in (item.get("headers") or {}).items()}
        by_id[str(item.get("id"))] = Answer(int(item.get("status", 500)), headers, item.get("body"))
    missing = Answer(500, {}, {"error": {"message": "the service gave no answer to this request"}})
    return [by_id.get(str(i + 1), missing) for i in range(len(ops))]


def _multipart(http: Http, ops: list[Op]) -> list[Answer]:
    boundary = f"batch_{uuid.uuid4().hex}"
    parts = []
    for i, op in enumerate(ops):
        lines = [f"{op.method} {http.url(op.path)} HTTP/1.1"]
        headers = dict(op.headers)
        body = ""
        if op.body is not None:
            headers.setdefault("Content-Type", "application/json; type=entry")
            body = codec.dumps(op.body).decode("utf-8")
        lines += [f"{name}: {value}" for name, value in headers.items()]
        parts.append(
            f"--{boundary}{CRLF}Content-Type: application/http{CRLF}"
            f"Content-Transfer-Encoding: binary{CRLF}Content-ID: {i + 1}{CRLF}{CRLF}"
            + CRLF.join(lines)
            + CRLF
            + CRLF
            + body
            + CRLF
        )
    content = ("".join(parts) + f"--{boundary}--{CRLF}").encode("utf-8")
    response = http.request(
        "POST",
        "$batch",
        content=content,
        headers={
            "Content-Type": f"multipart/mixed; boundary={boundary}",
            "Prefer": "odata.continue-on-error",
        },
    )
    answers = parse_multipart(response.headers.get("Content-Type", ""), response.content)
    missing = Answer(500, {}, {"error": {"message": "the service gave no answer to this request"}})
    return [answers[i] if i < len(answers) else missing for i in range(len(ops))]


def parse_multipart(content_type: str, content: bytes) -> list[Answer]:
    """The answers of a multipart batch response (change sets flattened), in order."""
    boundary = _boundary(content_type)
    if boundary is None:
        raise ServiceError(500, "batch", f"not a multipart answer ({content_type or 'no type'})")
    text = content.decode("utf-8", "replace")
    answers: list[Answer] = []
    for part in text.split(f"--{boundary}")[1:]:
        if part.startswith("--"):
            break
        head, _, rest = part.lstrip("\r\n").partition(CRLF + CRLF)
        headers = _headers(head.split(CRLF))
        if headers.get("content-type", "").startswith("multipart/mixed"):
            answers += parse_multipart(headers["content-type"], rest.encode("utf-8"))
            continue
        status_head, _, body = rest.partition(CRLF + CRLF)
        lines = status_head.split(CRLF)
        status = int(lines[0].split(" ")[1]) if lines and " " in lines[0] else 500
        body = body.strip()
        answers.append(Answer(status, _headers(lines[1:]), codec.loads(body) if body else None))
    return answers


def _boundary(content_type: str) -> str | None:
    for piece in content_type.split(";"):
        name, _, value = piece.strip().partition("=")
        if name.lower() == "boundary":
            return value.strip('"')
    return None


def _headers(lines: list[str]) -> dict[str, str]:
    found = {}
    for line in lines:
        name, sep, value = line.partition(":")
        if sep:
            found[name.strip().lower()] = value.strip()
    return found
