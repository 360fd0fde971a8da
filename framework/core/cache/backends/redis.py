"""``RedisCache``: redis-py behind the cache API.

LOCATION is a ``redis://`` URL, or several (a list, or separated by ``,`` or ``;``):
the first server takes the writes, reads go to one of the others at random. Each
process keeps one connection pool per server (redis-py pools are thread-safe and
start afresh after a fork). Integers are stored as Redis integers so that
``incr``/``decr`` are atomic; other values are pickled.
"""

from __future__ import annotations

import glob
import pickle
import random
import threading
from collections.abc import Iterable
from typing import Any

from framework.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache, split_location
from framework.utils.functional import cached_property
from framework.utils.module_loading import import_string

__all__ = ["RedisCache", "RedisSerializer", "split_location"]

_pools: dict[tuple, Any] = {}
_pools_lock = threading.Lock()

# OPTIONS read by BaseCache, not passed on to redis-py.
_BASE_OPTIONS = ("MAX_ENTRIES", "CULL_FREQUENCY")


class RedisSerializer:
    """Pickle values, except plain integers (kept readable to Redis's INCRBY)."""

    def __init__(self, protocol: int | None = None):
        self.protocol = pickle.HIGHEST_PROTOCOL if protocol is None else protocol

    def dumps(self, obj: Any) -> bytes | int:
        if type(obj) is int:
            return obj
        return pickle.dumps(obj, self.protocol)

    def loads(self, data: bytes) -> Any:
        try:
            return int(data)
        except ValueError:
            return pickle.loads(data)


class RedisCacheClient:
    """The redis-py clients of one RedisCache: the primary writes, replicas read."""

    def __init__(self, servers: list[str], options: dict[str, Any]):
        import redis

        self._lib = redis
        self._servers = servers
        options = dict(options)
        pool_class = options.pop("pool_class", redis.ConnectionPool)
        if isinstance(pool_class, str):
            pool_class = import_string(pool_class)
        parser_class = options.pop("parser_class", None)
        if isinstance(parser_class, str):
            parser_class = import_string(parser_class)
        if parser_class is not None:
            options["parser_class"] = parser_class
        serializer = options.pop("serializer", RedisSerializer)
        if isinstance(serializer, str):
            serializer = import_string(serializer)
        self._serializer = serializer() if callable(serializer) else serializer
        self._pool_class = pool_class
        self._pool_options = options
        self._clients: dict[int, Any] = {}

    def _pool(self, index: int) -> Any:
        url = self._servers[index]
        key = (url, self._pool_class, tuple(sorted(map(repr, self._pool_options.items()))))
        with _pools_lock:
            pool = _pools.get(key)
            if pool is None:
                pool = self._pool_class.from_url(url, **self._pool_options)
                _pools[key] = pool
        return pool

    def get_client(self, key: str | None = None, *, write: bool = False) -> Any:
        """A client for the primary (``write``) or a random replica."""
        if write or len(self._servers) == 1:
            index = 0
        else:
            index = random.randint(1, len(self._servers) - 1)
        client = self._clients.get(index)
        if client is None:
            client = self._lib.Redis(connection_pool=self._pool(index))
            self._clients[index] = client
        return client

    def dumps(self, value: Any) -> Any:
        return self._serializer.dumps(value)

    def loads(self, value: Any) -> Any:
        return self._serializer.loads(value)


class RedisCache(BaseCache):
    """Redis cache (needs the ``redis`` package)."""

    def __init__(self, server: str | list[str], params: dict[str, Any]):
        super().__init__(params)
        self._servers = split_location(server)
        if not self._servers:
            from framework.core.exceptions import ImproperlyConfigured

            raise ImproperlyConfigured(
                f"RedisCache needs a LOCATION such as 'redis://127.0.0.1:6379/0', got {server!r}."
            )
        options = params.get("OPTIONS") or {}
        self._options = {k: v for k, v in options.items() if k not in _BASE_OPTIONS}

    def __repr__(self) -> str:
        return f"<RedisCache servers={self._servers!r} prefix={self.key_prefix!r}>"

    @cached_property
    def _cache(self) -> RedisCacheClient:
        return RedisCacheClient(self._servers, self._options)

    def get_backend_timeout(self, timeout: Any = DEFAULT_TIMEOUT) -> int | None:
        """Seconds to live as Redis wants them (None = no expiry, at least 0)."""
        if timeout is DEFAULT_TIMEOUT:
            timeout = self.default_timeout
        return None if timeout is None else max(0, int(timeout))

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None) -> bool:
        key = self.make_and_validate_key(key, version=version)
        client = self._cache.get_client(key, write=True)
        value = self._cache.dumps(value)
        timeout = self.get_backend_timeout(timeout)
        if timeout == 0:
            # Stored and expired at once: report whether it would have been added.
            added = bool(client.set(key, value, nx=True))
            if added:
                client.delete(key)
            return added
        return bool(client.set(key, value, ex=timeout, nx=True))

    def get(self, key, default=None, version=None) -> Any:
        key = self.make_and_validate_key(key, version=version)
        value = self._cache.get_client(key).get(key)
        return default if value is None else self._cache.loads(value)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None) -> None:
        key = self.make_and_validate_key(key, version=version)
        client = self._cache.get_client(key, write=True)
        timeout = self.get_backend_timeout(timeout)
        if timeout == 0:
            client.delete(key)
        else:
            client.set(key, self._cache.dumps(value), ex=timeout)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None) -> bool:
        key = self.make_and_validate_key(key, version=version)
        client = self._cache.get_client(key, write=True)
        timeout = self.get_backend_timeout(timeout)
        if timeout is None:
            # PERSIST answers False for a key without expiry: ask EXISTS instead.
            client.persist(key)
            return bool(client.exists(key))
        return bool(client.expire(key, timeout))

    def delete(self, key, version=None) -> bool:
        key = self.make_and_validate_key(key, version=version)
        return bool(self._cache.get_client(key, write=True).delete(key))

    def get_many(self, keys: Iterable[Any], version=None) -> dict[Any, Any]:
        key_map = {self.make_and_validate_key(k, version=version): k for k in keys}
        if not key_map:
            return {}
        values = self._cache.get_client().mget(list(key_map))
        return {
            key_map[k]: self._cache.loads(v)
            for k, v in zip(key_map, values, strict=True)
            if v is not None
        }

    def has_key(self, key, version=None) -> bool:
        key = self.make_and_validate_key(key, version=version)
        return bool(self._cache.get_client(key).exists(key))

    def incr(self, key, delta=1, version=None) -> int:
        key = self.make_and_validate_key(key, version=version)
        client = self._cache.get_client(key, write=True)
        if not client.exists(key):
            raise ValueError(f"Key {key!r} not found; set it before incrementing it.")
        return client.incr(key, delta)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None) -> list[Any]:
        if not data:
            return []
        safe = {
            self.make_and_validate_key(k, version=version): self._cache.dumps(v)
            for k, v in data.items()
        }
        timeout = self.get_backend_timeout(timeout)
        client = self._cache.get_client(write=True)
        if timeout == 0:
            client.delete(*safe)
            return []
        pipeline = client.pipeline()
        pipeline.mset(safe)
        if timeout is not None:
            for key in safe:
                pipeline.expire(key, timeout)
        pipeline.execute()
        return []

    def delete_many(self, keys, version=None) -> None:
        safe = [self.make_and_validate_key(k, version=version) for k in keys]
        if safe:
            self._cache.get_client(write=True).delete(*safe)

    def clear(self) -> None:
        """Remove this cache's keys: those under KEY_PREFIX, or the whole db without one."""
        client = self._cache.get_client(write=True)
        if not self.key_prefix:
            client.flushdb()
            return
        pattern = self.key_func("*", glob.escape(str(self.key_prefix)), "*")
        batch = []
        for key in client.scan_iter(match=pattern, count=500):
            batch.append(key)
            if len(batch) >= 500:
                client.unlink(*batch)
                batch = []
        if batch:
            client.unlink(*batch)
