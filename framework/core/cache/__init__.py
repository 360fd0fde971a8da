"""The cache framework: ``caches[alias]`` and ``cache`` (the ``default`` alias).

Backends live in ``framework.core.cache.backends``: locmem, db, filebased, dummy,
redis and memcached. ``make_template_fragment_key`` is in ``.utils``.
"""

from framework.core.cache.backends.base import BaseCache as BaseCache
from framework.core.cache.backends.base import CacheKeyWarning as CacheKeyWarning
from framework.core.cache.backends.base import InvalidCacheBackendError as InvalidCacheBackendError
from framework.core.cache.backends.base import InvalidCacheKey as InvalidCacheKey
from framework.core.cache.handler import DEFAULT_CACHE_ALIAS as DEFAULT_CACHE_ALIAS
from framework.core.cache.handler import CacheHandler as CacheHandler
from framework.core.cache.handler import cache as cache
from framework.core.cache.handler import caches as caches
from framework.core.cache.handler import close_caches as close_caches

__all__ = [
    "DEFAULT_CACHE_ALIAS",
    "BaseCache",
    "CacheHandler",
    "CacheKeyWarning",
    "InvalidCacheBackendError",
    "InvalidCacheKey",
    "cache",
    "caches",
    "close_caches",
]
