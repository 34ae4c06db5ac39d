"""The emulator's side of multipart `$batch` (Dataverse): reading the request's parts and writing
the answer, as the Web API documentation shows them (its own code, not the product's)."""

from __future__ import annotations

import uuid
from email.parser import BytesParser
from email.policy import HTTP

REASONS = {
    200: "OK",
    201: "Created",
    204: "No Content",
    400: "Bad Request",
    404: "Not Found",
    412: "Precondition Failed",
    429: "Too Many Requests",
}


def parse_multipart_request(
    content_type: str, body: bytes
) -> list[tuple[str, str, dict[str, str], bytes]]:
    """(method, url, headers, body) of each request of a multipart batch, change sets flattened."""
    message = BytesParser(policy=HTTP).parsebytes(
        f"Content-Type: {content_type}\r\n\r\n".encode() + body
    )
    found = []
    for part in message.iter_parts():
        if part.get_content_type() == "multipart/mixed":
            inner = part.as_bytes()
            head, _, rest = inner.partition(b"\r\n\r\n")
            found += parse_multipart_request(part["Content-Type"], rest)
            continue
        payload = part.get_payload(decode=True) or b""
        head, _, request_body = (
            payload.replace(b"\n", b"\r\n").replace(b"\r\r\n", b"\r\n").partition(b"\r\n\r\n")
        )
        lines = head.decode().split("\r\n")
        method, url, _ = lines[0].split(" ", 2)
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        found.append((method, url, headers, request_body.strip()))
    return found


def multipart_answer(answers: list[tuple[int, dict[str, str], bytes]]) -> tuple[str, bytes]:
    boundary = f"batchresponse_{uuid.uuid4()}"
    out = []
    for status, headers, content in answers:
        lines = [f"HTTP/1.1 {status} {REASONS.get(status, 'Status')}"]
        lines += [f"{k}: {v}" for k, v in headers.items()]
        if content:
            lines.append("Content-Type: application/json; odata.metadata=minimal")
        out.append(
            f"--{boundary}\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: "
            f"binary\r\n\r\n" + "\r\n".join(lines) + "\r\n\r\n" + content.decode() + "\r\n"
        )
    return boundary, ("".join(out) + f"--{boundary}--\r\n").encode()
