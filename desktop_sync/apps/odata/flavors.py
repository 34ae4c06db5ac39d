"""What differs between the OData v4 services the product talks to, from their documentation.

- **Any OData v4 service** (`odata`): pages of 1,000 asked for; JSON `$batch` of 100; 8
  requests at once; the engine makes keys (the service, for a `Core.Computed` key); a stale
  ETag answers 412; deletions are found by comparing id sets (Find Deleted); a lookup is a
  plain foreign key property.
- **Business Central API v2.0**: pages of up to 20,000 (`Prefer: odata.maxpagesize`); JSON
  `$batch` of at most 100 operations; 5 requests at once and 6,000 per 5 minutes per user; the
  service makes keys (`id`, the SystemId); a stale ETag answers `Request_EntityChanged` (409 or
  412); no delta feed for deletions: id sets compared.
- **Dataverse Web API v9.2**: pages of up to 5,000; multipart `$batch` of up to 1,000 with
  `Prefer: odata.continue-on-error`; 52 requests at once; the engine makes the GUID keys; 412
  for a stale ETag; change tracking gives deletions (`$deletedEntity`); lookups are read as
  `_x_value` and written as `x_table@odata.bind`.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop_sync.apps.odata.http import Limits, ServiceError


@dataclass(frozen=True)
class Flavor:
    """The behaviour of one kind of OData v4 service (see the module's docstring)."""

    kind: str = "odata"
    page_limit: int = 1000
    batch_limit: int = 100
    multipart_batch: bool = False
    limits: Limits = Limits(concurrency=8)
    service_keys: bool | None = None  # None: the metadata says (a computed key)
    binds_lookups: bool = False
    delta: bool = False
    # Whether the last-modified property is set on every record (never NULL), so that no read
    # for records without one is needed.
    always_stamped: bool = False

    def stale(self, error: ServiceError) -> bool:
        """Whether a write was refused because the record changed since it was read."""
        return error.status == 412 or error.code == "Request_EntityChanged"

    def missing(self, error: ServiceError) -> bool:
        return error.status == 404


GENERIC = Flavor()
BUSINESS_CENTRAL = Flavor(
    kind="business_central",
    page_limit=20000,
    batch_limit=100,
    limits=Limits(concurrency=5, rate=(6000, 300.0)),
    service_keys=True,
    always_stamped=True,
)
DATAVERSE = Flavor(
    kind="dataverse",
    page_limit=5000,
    batch_limit=1000,
    multipart_batch=True,
    limits=Limits(concurrency=52),
    service_keys=False,
    binds_lookups=True,
    delta=True,
    always_stamped=True,
)
FLAVORS = {f.kind: f for f in (GENERIC, BUSINESS_CENTRAL, DATAVERSE)}
