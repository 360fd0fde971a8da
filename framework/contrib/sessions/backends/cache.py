"""Cache session backend: sessions live only in the SESSION_CACHE_ALIAS cache.

Fast, but a session is lost when the cache evicts it or restarts; use
``cached_db`` for sessions that must survive that.
"""

from __future__ import annotations

from typing import Any

from framework.conf import settings
from framework.contrib.sessions.backends.base import CreateError, SessionBase, UpdateError
from framework.core.cache import caches

KEY_PREFIX = "framework.contrib.sessions.cache"

# Attempts at a fresh key before concluding that the cache is not storing anything.
_CREATE_ATTEMPTS = 10000


class SessionStore(SessionBase):
    """Sessions in the cache named by SESSION_CACHE_ALIAS."""

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
            # An unreachable cache (memcached down, say) means no session, not a 500.
            data = None
        if data is not None:
            return data
        self._session_key = None
        return {}

    def create(self) -> None:
        for _ in range(_CREATE_ATTEMPTS):
            self._session_key = self._get_new_session_key()
            try:
                self.save(must_create=True)
            except CreateError:
                continue
            self.modified = True
            return
        raise RuntimeError(
            f"Unable to create a new session key in cache {settings.SESSION_CACHE_ALIAS!r}. "
            f"It is likely that the cache is unavailable."
        )

    def save(self, must_create: bool = False) -> None:
        if self.session_key is None:
            return self.create()
        if must_create:
            func = self._cache.add
        elif self._cache.get(self.cache_key) is not None:
            func = self._cache.set
        else:
            raise UpdateError
        result = func(self.cache_key, self._get_session(no_load=must_create), self.get_expiry_age())
        if must_create and not result:
            raise CreateError
        return None

    def exists(self, session_key: str) -> bool:
        return bool(session_key) and self._cache.has_key(self.cache_key_prefix + session_key)

    def delete(self, session_key: str | None = None) -> None:
        if session_key is None:
            if self.session_key is None:
                return
            session_key = self.session_key
        self._cache.delete(self.cache_key_prefix + session_key)

    @classmethod
    def clear_expired(cls) -> None:
        """Nothing to do: the cache expires sessions itself."""
