"""``PrimaryReplicaRouter``: writes to the primary ("default"), reads from read replicas.

Settings::

    DATABASES = {
        "default": {...},                       # the primary
        "replica": {..., "TEST": {"MIRROR": "default"}},
    }
    DATABASE_REPLICAS = ["replica"]
    DATABASE_ROUTERS = ["framework.db.routers.PrimaryReplicaRouter"]
    MIDDLEWARE = ["framework.db.pinning.PinPrimaryMiddleware", ...]

Reads go to a replica picked at random, except when the request is pinned to the primary
(it wrote, it is a POST, it is an admin page, it carries the pin cookie: see
framework.db.pinning) or the primary connection is inside ``transaction.atomic()``.
Writes, ``select_for_update()`` and migrations use the primary only. Relations between
objects of the primary and its replicas are allowed (they hold the same rows).
"""

from __future__ import annotations

import random
from typing import Any

from framework.core.checks.messages import Error
from framework.core.exceptions import ImproperlyConfigured
from framework.db.pinning import is_pinned, pin_primary, record_write
from framework.db.utils import DEFAULT_DB_ALIAS

PRIMARY = DEFAULT_DB_ALIAS


# (DATABASE_REPLICAS, DATABASES, checked aliases): checked once per pair of setting objects,
# not on every read (override_settings swaps in new objects, so no invalidation is needed).
_checked: tuple[Any, Any, tuple[str, ...]] = (None, None, ())


def replica_aliases() -> tuple[str, ...]:
    """The aliases of ``settings.DATABASE_REPLICAS``, each checked against DATABASES."""
    global _checked
    from framework.conf import settings

    replicas = getattr(settings, "DATABASE_REPLICAS", ())
    databases = settings.DATABASES
    if _checked[0] is replicas and _checked[1] is databases:
        return _checked[2]
    if isinstance(replicas, str):
        raise ImproperlyConfigured(
            f"DATABASE_REPLICAS must be a list of aliases, not the string {replicas!r}: "
            f"write [{replicas!r}]."
        )
    for alias in replicas:
        if alias not in databases:
            raise ImproperlyConfigured(
                f"DATABASE_REPLICAS names {alias!r}, which is not in DATABASES "
                f"({', '.join(map(repr, databases)) or 'empty'}): add it there "
                "or remove it from DATABASE_REPLICAS."
            )
    _checked = (replicas, databases, tuple(replicas))
    return _checked[2]


def check_database_replicas(app_configs: Any = None, **kwargs: Any) -> list:
    """routers.E001: DATABASE_REPLICAS must be a list of aliases of DATABASES.

    Registered when this module is imported (framework.core.checks imports it).
    """
    try:
        replica_aliases()
    except ImproperlyConfigured as exc:
        return [Error(str(exc), id="routers.E001")]
    return []


class PrimaryReplicaRouter:
    """Reads from ``DATABASE_REPLICAS`` (random choice) unless pinned; writes to default."""

    def __repr__(self) -> str:
        return "<PrimaryReplicaRouter>"

    def db_for_read(self, model: Any, **hints: Any) -> str:
        """A replica, or the primary when pinned or inside an atomic block on the primary."""
        if is_pinned():
            return PRIMARY
        from framework.db import connections

        if connections[PRIMARY].in_atomic_block:
            # Reads inside atomic() must see the transaction's own rows and locks.
            pin_primary()
            return PRIMARY
        replicas = replica_aliases()
        if not replicas:
            return PRIMARY
        if len(replicas) == 1:
            return replicas[0]
        return random.choice(replicas)

    def db_for_write(self, model: Any, **hints: Any) -> str:
        """The primary; later reads of this request go there too."""
        record_write()
        return PRIMARY

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool | None:
        """True between objects of the primary and its replicas; no opinion otherwise."""
        pool = {PRIMARY, *replica_aliases()}
        if obj1._state.db in pool and obj2._state.db in pool:
            return True
        return None

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        """Only the primary is migrated; replicas receive its changes by replication."""
        return db == PRIMARY
