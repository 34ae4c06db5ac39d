"""Reading `[erp]`/`[crm]` sections of apps reached through their web APIs (OData v4):
Business Central, Dataverse (Dynamics 365 Sales), or any other OData v4 service.

```toml
[erp]
name = "Business Central"
kind = "business_central"
tenant = "contoso.onmicrosoft.com"
environment = "production"
company = "7b4c1f6e-…"            # the company's id (GET …/api/v2.0/companies)
client_id = "…"                   # the app registration in Microsoft Entra ID
auth = "device_code"              # or "client_credentials" for `worker`
```

No secret goes in the file: a client secret or a bearer token comes from the environment or the
keyring (see `apps/odata/auth.py`).
"""

from __future__ import annotations

from collections.abc import Mapping as AnyMapping
from typing import TYPE_CHECKING, Any

from sqlalchemy.engine import make_url

from desktop_sync.config.model import AppConfig, ConfigError, ServiceConfig
from desktop_sync.domain import Side

if TYPE_CHECKING:
    from desktop_sync.config.reader import Reader

KINDS = ("sql", "business_central", "dataverse", "odata")
ENTRA_AUTH = ("device_code", "client_credentials")
BC_API = "https://api.businesscentral.dynamics.com"
BC_SCOPE = "https://api.businesscentral.dynamics.com/.default"
SECRET_KEYS = ("client_secret", "secret", "token", "password")
_SECRET_ENV = {"token": "TOKEN"}


def parse_service_app(
    reader: Reader, table: AnyMapping[str, Any], side: Side, name: str, timezone: str | None
) -> AppConfig:
    """The AppConfig of a side whose `kind` is a web API."""
    kind = reader.value(table, f"{side}.kind", str)
    if kind not in KINDS:
        raise ConfigError(
            reader.path, f"{side}.kind", f"expected one of {' | '.join(KINDS)}, got {kind!r}"
        )
    for key in SECRET_KEYS:
        if key in table:
            raise ConfigError(
                reader.path,
                f"{side}.{key}",
                "secrets never go in the file; remove it and set "
                f"DESKTOP_SYNC_{side.value.upper()}_{_SECRET_ENV.get(key, 'CLIENT_SECRET')} "
                "in the environment or keep it in the keyring (see the README)",
            )
    if kind == "business_central":
        service = _business_central(reader, table, side)
    elif kind == "dataverse":
        service = _dataverse(reader, table, side)
    else:
        service = _odata(reader, table, side)
    max_page = reader.value(table, f"{side}.max_page", int, None)
    if max_page is not None and max_page < 1:
        raise ConfigError(reader.path, f"{side}.max_page", "expected a positive whole number")
    service = ServiceConfig(**{**service.__dict__, "max_page": max_page})
    return AppConfig(
        side=side, name=name, url=make_url(service.root), timezone=timezone, service=service
    )


def _auth(reader: Reader, table: AnyMapping[str, Any], side: Side, allowed: tuple[str, ...]) -> str:
    auth = reader.value(table, f"{side}.auth", str, allowed[0])
    if auth not in allowed:
        raise ConfigError(
            reader.path, f"{side}.auth", f"expected one of {' | '.join(allowed)}, got {auth!r}"
        )
    return auth


def _required(reader: Reader, table: AnyMapping[str, Any], key: str, example: str) -> str:
    name = key.rsplit(".", 1)[-1]
    if name not in table:
        raise ConfigError(reader.path, key, f"is missing; expected e.g. {example}")
    return str(reader.value(table, key, str))


def _authority(reader: Reader, table: AnyMapping[str, Any], side: Side, tenant: str) -> str:
    default = f"https://login.microsoftonline.com/{tenant}"
    authority = reader.value(table, f"{side}.authority", str, default).rstrip("/")
    if not authority.startswith("https://"):
        raise ConfigError(
            reader.path, f"{side}.authority", f"expected an https:// address, e.g. {default}"
        )
    return authority


def _business_central(reader: Reader, table: AnyMapping[str, Any], side: Side) -> ServiceConfig:
    tenant = _required(reader, table, f"{side}.tenant", '"contoso.onmicrosoft.com"')
    environment = _required(reader, table, f"{side}.environment", '"production"')
    company = _required(reader, table, f"{side}.company", "the company's id (a GUID)")
    client_id = _required(reader, table, f"{side}.client_id", "the app registration's client id")
    api = reader.value(table, f"{side}.api", str, BC_API).rstrip("/")
    root = f"{api}/v2.0/{tenant}/{environment}/api/v2.0/"
    return ServiceConfig(
        kind="business_central",
        root=root,
        auth=_auth(reader, table, side, ENTRA_AUTH),
        tenant=tenant,
        client_id=client_id,
        authority=_authority(reader, table, side, tenant),
        scopes=(BC_SCOPE,),
        prefix=f"companies({company})/",
    )


def _dataverse(reader: Reader, table: AnyMapping[str, Any], side: Side) -> ServiceConfig:
    url = _required(reader, table, f"{side}.url", '"https://contoso.crm4.dynamics.com"')
    url = url.rstrip("/")
    if not url.startswith(("https://", "http://")):
        raise ConfigError(
            reader.path,
            f"{side}.url",
            'expected the environment\'s address, e.g. "https://contoso.crm4.dynamics.com"',
        )
    tenant = _required(reader, table, f"{side}.tenant", '"contoso.onmicrosoft.com"')
    client_id = _required(reader, table, f"{side}.client_id", "the app registration's client id")
    auth = _auth(reader, table, side, ENTRA_AUTH)
    scope = f"{url}/user_impersonation" if auth == "device_code" else f"{url}/.default"
    return ServiceConfig(
        kind="dataverse",
        root=f"{url}/api/data/v9.2/",
        auth=auth,
        tenant=tenant,
        client_id=client_id,
        authority=_authority(reader, table, side, tenant),
        scopes=(scope,),
        change_tracking=reader.value(table, f"{side}.change_tracking", bool, True),
    )


def _odata(reader: Reader, table: AnyMapping[str, Any], side: Side) -> ServiceConfig:
    url = _required(reader, table, f"{side}.url", '"https://example.com/odata/v4/sales/"')
    if not url.startswith(("https://", "http://")):
        raise ConfigError(
            reader.path, f"{side}.url", "expected the service root, an http(s):// address"
        )
    auth = _auth(reader, table, side, ("none", "bearer", *ENTRA_AUTH))
    tenant = client_id = authority = None
    scopes: tuple[str, ...] = ()
    if auth in ENTRA_AUTH:
        tenant = _required(reader, table, f"{side}.tenant", '"contoso.onmicrosoft.com"')
        client_id = _required(reader, table, f"{side}.client_id", "the client id")
        authority = _authority(reader, table, side, tenant)
        scopes = (_required(reader, table, f"{side}.scope", '"api://…/.default"'),)
    return ServiceConfig(
        kind="odata",
        root=url.rstrip("/") + "/",
        auth=auth,
        tenant=tenant,
        client_id=client_id,
        authority=authority,
        scopes=scopes,
    )
