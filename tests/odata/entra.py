"""A local Microsoft Entra ID token endpoint for the sign-in tests: OpenID discovery, the device
authorization endpoint and the token endpoint of the OAuth 2.0 device code and client
credentials grants, over HTTPS with a certificate made for the test (MSAL talks only to https
authorities). Errors answer as Entra does (`error`, `error_description` with an AADSTS code).
"""

from __future__ import annotations

import datetime
import ipaddress
import json
import ssl
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

TENANT = "contoso.onmicrosoft.com"
CLIENT_ID = "11111111-2222-3333-4444-555555555555"
SECRET = "the-right-secret"


def certificate(folder: Path) -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), True)
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = folder / "entra.pem", folder / "entra.key"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_file, key_file


class Entra:
    """The token endpoint (see the module's docstring). `issued` holds every access token given."""

    def __init__(self, folder: Path) -> None:
        self.cert_file, key_file = certificate(folder)
        self.issued: set[str] = set()
        self.grants: list[str] = []  # the grant types asked for, in order
        self.approved = threading.Event()  # the person entered the device code
        self.refuse: dict[str, str] = {}  # grant type → AADSTS error to answer with
        self.lifetime = 3600
        entra = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802
                base = f"https://127.0.0.1:{entra.port}/{TENANT}"
                if self.path.endswith("/.well-known/openid-configuration"):
                    self._send(
                        200,
                        {
                            "issuer": f"{base}/v2.0",
                            "authorization_endpoint": f"{base}/oauth2/v2.0/authorize",
                            "token_endpoint": f"{base}/oauth2/v2.0/token",
                            "device_authorization_endpoint": f"{base}/oauth2/v2.0/devicecode",
                        },
                    )
                else:
                    self._send(404, {"error": "not_found"})

            def do_POST(self) -> None:  # noqa: N802
                length = int(self.headers.get("Content-Length") or 0)
                form = dict(parse_qsl(self.rfile.read(length).decode()))
                if self.path.endswith("/devicecode"):
                    self._send(
                        200,
                        {
                            "device_code": "device-123",
                            "user_code": "ABCD-EFGH",
                            "verification_uri": "https://microsoft.com/devicelogin",
                            "expires_in": 900,
                            "interval": 1,
                            "message": "To sign in, use a web browser to open the page "
                            "https://microsoft.com/devicelogin and enter the code "
                            "ABCD-EFGH to authenticate.",
                        },
                    )
                    return
                self._send(*entra.token(form))

            def _send(self, status: int, body: dict[str, Any]) -> None:
                content = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(content)))
                self.end_headers()
                self.wfile.write(content)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(self.cert_file, key_file)
        self.server.socket = context.wrap_socket(self.server.socket, server_side=True)
        self.port = self.server.server_address[1]
        self.authority = f"https://127.0.0.1:{self.port}/{TENANT}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def token(self, form: dict[str, str]) -> tuple[int, dict[str, Any]]:
        grant = form.get("grant_type", "")
        self.grants.append(grant)
        if grant in self.refuse:
            code = self.refuse[grant]
            return 400, {
                "error": "invalid_client" if code.startswith("AADSTS7") else "invalid_grant",
                "error_description": f"{code}: refused by the test.\r\nTrace ID: 0",
            }
        if grant == "client_credentials" and form.get("client_secret") != SECRET:
            return 401, {
                "error": "invalid_client",
                "error_description": f"AADSTS7000215: Invalid client secret provided. Ensure "
                f"the secret being sent in the request is the client "
                f"secret value, not the client secret ID, for a secret "
                f"added to app '{form.get('client_id')}'.\r\nTrace ID: 0",
            }
        if grant == "urn:ietf:params:oauth:grant-type:device_code" and not self.approved.is_set():
            return 400, {
                "error": "authorization_pending",
                "error_description": "AADSTS70016: OAuth 2.0 device flow error. Authorization "
                "is pending.",
            }
        access = f"token-{len(self.issued) + 1}-{time.monotonic_ns()}"
        self.issued.add(access)
        body: dict[str, Any] = {
            "token_type": "Bearer",
            "access_token": access,
            "expires_in": self.lifetime,
            "scope": form.get("scope", ""),
        }
        if grant != "client_credentials":
            body["refresh_token"] = f"refresh-{access}"
            body["id_token"] = _id_token(
                form.get("client_id", ""), f"https://127.0.0.1:{self.port}/{TENANT}/v2.0"
            )
            body["client_info"] = _client_info()
        return 200, body

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def _id_token(audience: str, issuer: str) -> str:
    import base64

    def part(data: dict[str, Any]) -> str:
        return base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")

    now = int(time.time())
    claims = {
        "iss": issuer,
        "sub": "user-1",
        "aud": audience,
        "iat": now,
        "nbf": now,
        "exp": now + 3600,
        "oid": "user-1",
        "tid": "tenant-1",
        "preferred_username": "kari@contoso.onmicrosoft.com",
        "name": "Kari",
    }
    return f"{part({'alg': 'none', 'typ': 'JWT'})}.{part(claims)}."


def _client_info() -> str:
    import base64

    info = json.dumps({"uid": "user-1", "utid": "tenant-1"}).encode()
    return base64.urlsafe_b64encode(info).decode().rstrip("=")
