"""``DummyCache``: implements the cache API and stores nothing (development, tests)."""

from __future__ import annotations

from typing import Any

from framework.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache


class DummyCache(BaseCache):
    """A cache that forgets at once: every read misses, keys are still validated."""

    def __init__(self, host: str, params: dict[str, Any]):
        super().__init__(params)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None) -> bool:
        self.make_and_validate_key(key, version=version)
        return True

    def get(self, key, default=None, version=None) -> Any:
        self.make_and_validate_key(key, version=version)
        return default

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None) -> None:
        self.make_and_validate_key(key, version=version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None) -> bool:
        self.make_and_validate_key(key, version=version)
        return False

    def delete(self, key, version=None) -> bool:
        self.make_and_validate_key(key, version=version)
        return False

    def has_key(self, key, version=None) -> bool:
        self.make_and_validate_key(key, version=version)
        return False

    def clear(self) -> None:
        pass
