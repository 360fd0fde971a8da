"""``LocMemCache``: a per-process, thread-safe LRU cache in memory.

Instances with the same LOCATION share one store (each thread has its own instance).
Values are pickled so that a cached object cannot be changed through a reference.
"""

from __future__ import annotations

import pickle
import threading
import time
from collections import OrderedDict
from typing import Any

from framework.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache

# LOCATION -> (data, expiry, lock), shared by every instance of this process.
_stores: dict[str, tuple[OrderedDict, dict, threading.Lock]] = {}
_stores_lock = threading.Lock()


def _store(name: str) -> tuple[OrderedDict, dict, threading.Lock]:
    with _stores_lock:
        if name not in _stores:
            _stores[name] = (OrderedDict(), {}, threading.Lock())
        return _stores[name]


class LocMemCache(BaseCache):
    """Local-memory cache; MAX_ENTRIES bounds it, the least recently used go first."""

    pickle_protocol = pickle.HIGHEST_PROTOCOL

    def __init__(self, name: str, params: dict[str, Any]):
        super().__init__(params)
        self._cache, self._expire_info, self._lock = _store(name)

    def _has_expired(self, key: str) -> bool:
        expiry = self._expire_info.get(key, -1)
        return expiry is not None and expiry <= time.time()

    def _set(self, key: str, value: bytes, timeout: Any) -> None:
        if len(self._cache) >= self._max_entries:
            self._cull()
        self._cache[key] = value
        self._cache.move_to_end(key, last=False)
        self._expire_info[key] = self.get_backend_timeout(timeout)

    def _cull(self) -> None:
        if self._cull_frequency == 0:
            self._cache.clear()
            self._expire_info.clear()
            return
        # The least recently used keys sit at the end.
        count = len(self._cache) // self._cull_frequency
        for _ in range(count):
            key, _value = self._cache.popitem()
            del self._expire_info[key]

    def _delete(self, key: str) -> bool:
        try:
            del self._cache[key]
            del self._expire_info[key]
        except KeyError:
            return False
        return True

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None) -> bool:
        key = self.make_and_validate_key(key, version=version)
        pickled = pickle.dumps(value, self.pickle_protocol)
        with self._lock:
            if self._has_expired(key):
                self._set(key, pickled, timeout)
                return True
            return False

    def get(self, key, default=None, version=None) -> Any:
        key = self.make_and_validate_key(key, version=version)
        with self._lock:
            if self._has_expired(key):
                self._delete(key)
                return default
            pickled = self._cache[key]
            self._cache.move_to_end(key, last=False)
        return pickle.loads(pickled)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None) -> None:
        key = self.make_and_validate_key(key, version=version)
        pickled = pickle.dumps(value, self.pickle_protocol)
        with self._lock:
            self._set(key, pickled, timeout)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None) -> bool:
        key = self.make_and_validate_key(key, version=version)
        with self._lock:
            if self._has_expired(key):
                return False
            self._expire_info[key] = self.get_backend_timeout(timeout)
            return True

    def incr(self, key, delta=1, version=None) -> int:
        key = self.make_and_validate_key(key, version=version)
        with self._lock:
            if self._has_expired(key):
                self._delete(key)
                raise ValueError(f"Key {key!r} not found; set it before incrementing it.")
            new_value = pickle.loads(self._cache[key]) + delta
            self._cache[key] = pickle.dumps(new_value, self.pickle_protocol)
            self._cache.move_to_end(key, last=False)
        return new_value

    def has_key(self, key, version=None) -> bool:
        key = self.make_and_validate_key(key, version=version)
        with self._lock:
            if self._has_expired(key):
                self._delete(key)
                return False
            return True

    def delete(self, key, version=None) -> bool:
        key = self.make_and_validate_key(key, version=version)
        with self._lock:
            return self._delete(key)

    def clear(self) -> None:
        with self._lock:
            self._cache.clear()
            self._expire_info.clear()
