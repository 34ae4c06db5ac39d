"""Apps reached through their OData v4 web APIs: Business Central API v2.0, the Dataverse Web API
(Dynamics 365 Sales) and any other OData v4 service, behind the same `Connector` as a database
(see `apps/connector.py`).

    connection  the connector: sign-in, limits, metadata, the side of each mapping
    table       reads of one side (changed since a moment, by keys, every key) — writes in writes
    delta       Dataverse change tracking (delta links, deleted records)
    http        requests: limits, 429 and Retry-After, faults told apart
    batch       `$batch`, JSON and multipart
    auth        Microsoft Entra ID (MSAL: device code, client credentials), bearer tokens
    edm, codec  metadata as tables; values between JSON and Python
    flavors     what differs between the services
"""

from desktop_sync.apps.odata.connection import ServiceConnection, ServiceSession
from desktop_sync.apps.odata.table import ServiceTable

__all__ = ["ServiceConnection", "ServiceSession", "ServiceTable"]
