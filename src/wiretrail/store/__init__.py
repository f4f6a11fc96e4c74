"""Storage behind one narrow interface: all SQL of wiretrail lives here."""

from wiretrail.store.db import SearchHit, Store, StoreError

__all__ = ["SearchHit", "Store", "StoreError"]
