"""``BaseCache``: the API shared by every cache backend, key making and validation.

A backend provides ``add``, ``get``, ``set``, ``touch``, ``delete``, ``has_key`` and
``clear``; the ``*_many``, ``incr``/``decr``, ``get_or_set`` and version helpers are
built from those here and overridden where the store can do better.
"""

from __future__ import annotations

import time
import warnings
from collections.abc import Callable, Iterable
from typing import Any

from framework.core.exceptions import ImproperlyConfigured
from framework.utils.module_loading import import_string

__all__ = [
    "DEFAULT_TIMEOUT",
    "MEMCACHE_MAX_KEY_LENGTH",
    "BaseCache",
    "CacheKeyWarning",
    "InvalidCacheBackendError",
    "InvalidCacheKey",
    "default_key_func",
    "get_key_func",
    "memcache_key_warnings",
    "split_location",
]


class InvalidCacheBackendError(ImproperlyConfigured):
    """CACHES names an alias or a backend that cannot be used."""


class CacheKeyWarning(RuntimeWarning):
    """A key that memcached would refuse (too long, or with spaces/control characters)."""


class InvalidCacheKey(ValueError):
    """A key the backend refuses (memcached-unsafe keys on the memcached backends)."""


# Marks "use the backend's default timeout" apart from None (cache forever).
DEFAULT_TIMEOUT: Any = object()

MEMCACHE_MAX_KEY_LENGTH = 250

_MISSING = object()


def default_key_func(key: Any, key_prefix: str, version: Any) -> str:
    """Return ``prefix:version:key``, the default KEY_FUNCTION."""
    return f"{key_prefix}:{version}:{key}"


def get_key_func(key_func: Callable | str | None) -> Callable:
    """Return the KEY_FUNCTION: a callable, a dotted path to one, or the default."""
    if key_func is None:
        return default_key_func
    if callable(key_func):
        return key_func
    try:
        return import_string(key_func)
    except ImportError as exc:
        raise InvalidCacheBackendError(
            f"KEY_FUNCTION {key_func!r} could not be imported ({exc}); give a dotted path "
            f"to a function taking (key, key_prefix, version)."
        ) from exc


def memcache_key_warnings(key: str) -> Iterable[str]:
    """Yield a message for each reason memcached would reject ``key``."""
    if len(key) > MEMCACHE_MAX_KEY_LENGTH:
        yield (
            f"Cache key will cause errors if used with memcached: {key!r} "
            f"(longer than {MEMCACHE_MAX_KEY_LENGTH})"
        )
    for char in key:
        if ord(char) < 33 or ord(char) == 127:
            yield (
                f"Cache key contains characters that will cause errors if used with "
                f"memcached: {key!r}"
            )
            break


def _int_option(value: Any, name: str, where: str) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise ImproperlyConfigured(
            f"OPTIONS[{name!r}] of {where} must be an integer, not {value!r}."
        ) from None


def split_location(location: str | list[str] | tuple[str, ...]) -> list[str]:
    """Return the server addresses of a LOCATION (string with , or ; separators, or list)."""
    if isinstance(location, str):
        return [s.strip() for s in location.replace(";", ",").split(",") if s.strip()]
    return list(location)


class BaseCache:
    """Base class of the cache backends; ``params`` is the CACHES entry."""

    _missing_key = _MISSING

    def __init__(self, params: dict[str, Any]):
        options = params.get("OPTIONS") or {}
        where = f"cache backend {type(self).__name__}"
        timeout = params.get("timeout", params.get("TIMEOUT", 300))
        if timeout is not None:
            try:
                timeout = int(timeout)
            except (TypeError, ValueError):
                raise ImproperlyConfigured(
                    f"TIMEOUT of {where} must be a number of seconds or None, not {timeout!r}."
                ) from None
        self.default_timeout = timeout
        self._max_entries = _int_option(
            params.get("max_entries", options.get("MAX_ENTRIES", 300)), "MAX_ENTRIES", where
        )
        self._cull_frequency = _int_option(
            params.get("cull_frequency", options.get("CULL_FREQUENCY", 3)), "CULL_FREQUENCY", where
        )
        self.key_prefix = params.get("KEY_PREFIX", "")
        self.version = params.get("VERSION", 1)
        self.key_func = get_key_func(params.get("KEY_FUNCTION"))

    def __repr__(self) -> str:
        return f"<{type(self).__module__}.{type(self).__name__} prefix={self.key_prefix!r}>"

    # ------------------------------------------------------------ keys and timeouts
    def get_backend_timeout(self, timeout: Any = DEFAULT_TIMEOUT) -> float | None:
        """Return the absolute expiry time (epoch seconds) for ``timeout``, None = never."""
        if timeout is DEFAULT_TIMEOUT:
            timeout = self.default_timeout
        elif timeout == 0:
            # A negative value makes the key expire at once.
            timeout = -1
        return None if timeout is None else time.time() + timeout

    def make_key(self, key: Any, version: int | None = None) -> str:
        """Return the stored key: KEY_FUNCTION applied to prefix, version and ``key``."""
        if version is None:
            version = self.version
        return self.key_func(key, self.key_prefix, version)

    def validate_key(self, key: str) -> None:
        """Warn (CacheKeyWarning) about keys memcached would refuse."""
        for message in memcache_key_warnings(key):
            warnings.warn(message, CacheKeyWarning, stacklevel=3)

    def make_and_validate_key(self, key: Any, version: int | None = None) -> str:
        """``make_key()`` then ``validate_key()``; return the key."""
        key = self.make_key(key, version=version)
        self.validate_key(key)
        return key

    # ------------------------------------------------------------ backend API
    def add(self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version=None) -> bool:
        """Set ``key`` only if it is missing; return True if it was stored."""
        raise NotImplementedError("subclasses of BaseCache must provide an add() method")

    def get(self, key: Any, default: Any = None, version: int | None = None) -> Any:
        """Return the value of ``key``, or ``default`` if missing or expired."""
        raise NotImplementedError("subclasses of BaseCache must provide a get() method")

    def set(self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version=None) -> None:
        """Store ``value`` under ``key`` (timeout seconds; None = forever; 0 = expire now)."""
        raise NotImplementedError("subclasses of BaseCache must provide a set() method")

    def touch(self, key: Any, timeout: Any = DEFAULT_TIMEOUT, version=None) -> bool:
        """Give ``key`` a new timeout; return True if the key existed."""
        raise NotImplementedError("subclasses of BaseCache must provide a touch() method")

    def delete(self, key: Any, version: int | None = None) -> bool:
        """Delete ``key``; return True if it existed."""
        raise NotImplementedError("subclasses of BaseCache must provide a delete() method")

    def clear(self) -> None:
        """Remove every key of this cache."""
        raise NotImplementedError("subclasses of BaseCache must provide a clear() method")

    # ------------------------------------------------------------ built on the above
    def has_key(self, key: Any, version: int | None = None) -> bool:
        """True if ``key`` is stored and not expired."""
        return self.get(key, self._missing_key, version=version) is not self._missing_key

    def __contains__(self, key: Any) -> bool:
        return self.has_key(key)

    def get_many(self, keys: Iterable[Any], version: int | None = None) -> dict[Any, Any]:
        """Return ``{key: value}`` for the ``keys`` that are stored."""
        found = {}
        for key in keys:
            value = self.get(key, self._missing_key, version=version)
            if value is not self._missing_key:
                found[key] = value
        return found

    def get_or_set(
        self, key: Any, default: Any, timeout: Any = DEFAULT_TIMEOUT, version=None
    ) -> Any:
        """Return the value of ``key``; if missing store ``default`` (called if callable)."""
        value = self.get(key, self._missing_key, version=version)
        if value is self._missing_key:
            if callable(default):
                default = default()
            self.add(key, default, timeout=timeout, version=version)
            # Read back: another process may have won the race with its own value.
            return self.get(key, default, version=version)
        return value

    def set_many(
        self, data: dict[Any, Any], timeout: Any = DEFAULT_TIMEOUT, version=None
    ) -> list[Any]:
        """Store every item of ``data``; return the keys that could not be stored."""
        for key, value in data.items():
            self.set(key, value, timeout=timeout, version=version)
        return []

    def delete_many(self, keys: Iterable[Any], version: int | None = None) -> None:
        """Delete each of ``keys``."""
        for key in keys:
            self.delete(key, version=version)

    def incr(self, key: Any, delta: int = 1, version: int | None = None) -> int:
        """Add ``delta`` to the stored number and return it; ValueError if ``key`` is missing."""
        value = self.get(key, self._missing_key, version=version)
        if value is self._missing_key:
            raise ValueError(f"Key {key!r} not found; set it before incrementing it.")
        new_value = value + delta
        self.set(key, new_value, version=version)
        return new_value

    def decr(self, key: Any, delta: int = 1, version: int | None = None) -> int:
        """Subtract ``delta`` from the stored number and return it."""
        return self.incr(key, -delta, version=version)

    def incr_version(self, key: Any, delta: int = 1, version: int | None = None) -> int:
        """Move ``key`` to version + ``delta``; return the new version."""
        if version is None:
            version = self.version
        value = self.get(key, self._missing_key, version=version)
        if value is self._missing_key:
            raise ValueError(f"Key {key!r} not found at version {version!r}.")
        self.set(key, value, version=version + delta)
        self.delete(key, version=version)
        return version + delta

    def decr_version(self, key: Any, delta: int = 1, version: int | None = None) -> int:
        """Move ``key`` to version - ``delta``; return the new version."""
        return self.incr_version(key, -delta, version)

    def close(self, **kwargs: Any) -> None:
        """Release per-request resources (called at the end of each request)."""
