"""The state store: the app's own database of couplings, jobs, errors, logs and job queue."""

from desktop_sync.store.database import Store, StoreError

__all__ = ["Store", "StoreError"]
