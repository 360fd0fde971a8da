"""Cached database session backend: the database keeps sessions, the cache serves reads.

Writes go to both (database first); a read tries the cache, then the database.
"""

from __future__ import annotations

import logging
from typing import Any

from framework.conf import settings
from framework.contrib.sessions.backends.db import SessionStore as DBStore
from framework.core.cache import caches

KEY_PREFIX = "framework.contrib.sessions.cached_db"

logger = logging.getLogger("framework.contrib.sessions")


class SessionStore(DBStore):
    """Database sessions with a write-through cache (SESSION_CACHE_ALIAS)."""

    cache_key_prefix = KEY_PREFIX

    def __init__(self, session_key: str | None = None):
        self._cache = caches[settings.SESSION_CACHE_ALIAS]
        super().__init__(session_key)

    @property
    def cache_key(self) -> str:
        """The cache key of this session (a key is made if there is none yet)."""
        return self.cache_key_prefix + self._get_or_create_session_key()

    def load(self) -> dict[str, Any]:
        try:
            data = self._cache.get(self.cache_key)
        except Exception:
            data = None
        if data is not None:
            return data
        s = self._get_session_from_db()
        if s is None:
            return {}
        data = self.decode(s.session_data)
        try:
            self._cache.set(self.cache_key, data, self.get_expiry_age(expiry=s.expire_date))
        except Exception:
            logger.exception("Error saving session %r to the cache", self.session_key)
        return data

    def exists(self, session_key: str) -> bool:
        return (
            bool(session_key) and self._cache.has_key(self.cache_key_prefix + session_key)
        ) or super().exists(session_key)

    def save(self, must_create: bool = False) -> None:
        super().save(must_create)
        try:
            self._cache.set(self.cache_key, self._session, self.get_expiry_age())
        except Exception:
            # The database has it; the next read fills the cache again.
            logger.exception("Error saving session %r to the cache", self.session_key)

    def delete(self, session_key: str | None = None) -> None:
        super().delete(session_key)
        if session_key is None:
            if self.session_key is None:
                return
            session_key = self.session_key
        self._cache.delete(self.cache_key_prefix + session_key)

    def flush(self) -> None:
        """Delete the session from the database and the cache, and drop its key."""
        self.clear()
        self.delete(self.session_key)
        self._session_key = None
