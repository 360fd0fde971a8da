"""``PyMemcacheCache``: memcached through pymemcache's ``HashClient``.

LOCATION is ``host:port`` (or ``unix:/path``), or several (a list, or separated by
``,`` or ``;``) over which keys are hashed. Keys memcached cannot take raise
``InvalidCacheKey`` instead of failing inside the client.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from typing import Any

from framework.core.cache.backends.base import (
    DEFAULT_TIMEOUT,
    BaseCache,
    InvalidCacheKey,
    memcache_key_warnings,
    split_location,
)
from framework.utils.functional import cached_property

__all__ = ["PyMemcacheCache"]

# memcached reads an expiry above 30 days as an absolute Unix time.
_THIRTY_DAYS = 60 * 60 * 24 * 30
_BASE_OPTIONS = ("MAX_ENTRIES", "CULL_FREQUENCY")


class PyMemcacheCache(BaseCache):
    """Memcached cache (needs the ``pymemcache`` package)."""

    def __init__(self, server: str | list[str], params: dict[str, Any]):
        super().__init__(params)
        self._servers = split_location(server)
        options = params.get("OPTIONS") or {}
        self._options = {
            "allow_unicode_keys": True,
            "default_noreply": False,
            **{k: v for k, v in options.items() if k not in _BASE_OPTIONS},
        }

    def __repr__(self) -> str:
        return f"<PyMemcacheCache servers={self._servers!r} prefix={self.key_prefix!r}>"

    @cached_property
    def _cache(self) -> Any:
        from pymemcache import HashClient, serde

        options = {"serde": serde.pickle_serde, **self._options}
        return HashClient(self._servers, **options)

    def get_backend_timeout(self, timeout: Any = DEFAULT_TIMEOUT) -> int:
        """memcached's expiry: 0 = never, -1 = at once, absolute time past 30 days."""
        if timeout is DEFAULT_TIMEOUT:
            timeout = self.default_timeout
        if timeout is None:
            return 0
        timeout = int(timeout)
        if timeout <= 0:
            return -1
        if timeout > _THIRTY_DAYS:
            return int(time.time()) + timeout
        return timeout

    def validate_key(self, key: str) -> None:
        """Raise InvalidCacheKey for keys memcached would refuse."""
        for message in memcache_key_warnings(key):
            raise InvalidCacheKey(message)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None) -> bool:
        key = self.make_and_validate_key(key, version=version)
        return bool(self._cache.add(key, value, self.get_backend_timeout(timeout)))

    def get(self, key, default=None, version=None) -> Any:
        key = self.make_and_validate_key(key, version=version)
        return self._cache.get(key, default)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None) -> None:
        key = self.make_and_validate_key(key, version=version)
        if not self._cache.set(key, value, self.get_backend_timeout(timeout)):
            # Too large for the server, say: do not serve a stale value instead.
            self._cache.delete(key)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None) -> bool:
        key = self.make_and_validate_key(key, version=version)
        return bool(self._cache.touch(key, self.get_backend_timeout(timeout)))

    def delete(self, key, version=None) -> bool:
        key = self.make_and_validate_key(key, version=version)
        return bool(self._cache.delete(key))

    def get_many(self, keys: Iterable[Any], version=None) -> dict[Any, Any]:
        key_map = {self.make_and_validate_key(k, version=version): k for k in keys}
        if not key_map:
            return {}
        found = self._cache.get_many(list(key_map))
        return {key_map[k]: v for k, v in found.items()}

    def has_key(self, key, version=None) -> bool:
        key = self.make_and_validate_key(key, version=version)
        return self._cache.get(key, self._missing_key) is not self._missing_key

    def close(self, **kwargs: Any) -> None:
        # Sockets stay open between requests: instances are per thread and threads last
        # (Django reconnects on every request instead).
        pass

    def disconnect(self) -> None:
        """Close the sockets now (the next operation reconnects)."""
        if "_cache" in self.__dict__:
            self._cache.disconnect_all()

    def incr(self, key, delta=1, version=None) -> int:
        key = self.make_and_validate_key(key, version=version)
        if delta < 0:
            value = self._cache.decr(key, -delta)
        else:
            value = self._cache.incr(key, delta)
        if value is None:
            raise ValueError(f"Key {key!r} not found; set it before incrementing it.")
        return value

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None) -> list[Any]:
        if not data:
            return []
        key_map = {self.make_and_validate_key(k, version=version): k for k in data}
        safe = {k: data[original] for k, original in key_map.items()}
        failed = self._cache.set_many(safe, self.get_backend_timeout(timeout))
        return [key_map[k] for k in failed]

    def delete_many(self, keys, version=None) -> None:
        safe = [self.make_and_validate_key(k, version=version) for k in keys]
        if safe:
            self._cache.delete_many(safe)

    def clear(self) -> None:
        """Empty the memcached servers (memcached cannot delete by prefix)."""
        self._cache.flush_all()
