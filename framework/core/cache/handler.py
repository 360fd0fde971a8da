"""``caches``: one instance per CACHES alias and per thread, as Django's."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

from framework.conf import settings
from framework.core import signals
from framework.core.cache.backends.base import BaseCache, InvalidCacheBackendError
from framework.dispatch.dispatcher import ignores_arguments
from framework.utils.module_loading import import_string

__all__ = ["DEFAULT_CACHE_ALIAS", "CacheHandler", "caches", "close_caches"]

DEFAULT_CACHE_ALIAS = "default"


class CacheHandler:
    """Mapping of CACHES aliases to backend instances: ``caches["default"]``.

    Instances are per thread: backends keep connections and are not all thread-safe.
    """

    def __init__(self, settings_dict: dict[str, dict] | None = None):
        self._settings = None if settings_dict is None else self.configure_settings(settings_dict)
        self._local = threading.local()

    def __repr__(self) -> str:
        return f"<CacheHandler aliases={list(self.settings)!r}>"

    @property
    def settings(self) -> dict[str, dict]:
        """The CACHES setting (or the dict given), validated on first use."""
        if self._settings is None:
            self._settings = self.configure_settings(settings.CACHES)
        return self._settings

    @staticmethod
    def configure_settings(caches: dict[str, dict]) -> dict[str, dict]:
        """Check that CACHES is a dict of dicts with a ``default`` alias."""
        if not isinstance(caches, dict) or DEFAULT_CACHE_ALIAS not in caches:
            raise InvalidCacheBackendError(
                f"The {DEFAULT_CACHE_ALIAS!r} cache alias is required in CACHES (got "
                f"{caches!r}); add CACHES = {{'default': {{'BACKEND': "
                f"'framework.core.cache.backends.locmem.LocMemCache'}}}}."
            )
        return caches

    def create_connection(self, alias: str) -> BaseCache:
        """Build the backend of ``alias`` from its CACHES entry."""
        params = dict(self.settings[alias])
        backend = params.pop("BACKEND", None)
        if not backend:
            raise InvalidCacheBackendError(f"CACHES[{alias!r}] has no 'BACKEND'; add one.")
        location = params.pop("LOCATION", "")
        try:
            backend_cls = import_string(backend)
        except ImportError as exc:
            raise InvalidCacheBackendError(
                f"Could not find backend {backend!r} of CACHES[{alias!r}]: {exc}"
            ) from exc
        return backend_cls(location, params)

    def __getitem__(self, alias: str) -> BaseCache:
        try:
            return getattr(self._local, alias)
        except AttributeError:
            pass
        if alias not in self.settings:
            raise InvalidCacheBackendError(
                f"The connection {alias!r} doesn't exist; CACHES has {list(self.settings)!r}."
            )
        cache = self.create_connection(alias)
        setattr(self._local, alias, cache)
        return cache

    def __iter__(self) -> Iterator[str]:
        return iter(self.settings)

    def all(self, initialized_only: bool = False) -> list[BaseCache]:
        """Every cache of this thread (``initialized_only``: those already built)."""
        if initialized_only:
            return [
                getattr(self._local, alias)
                for alias in self.settings
                if hasattr(self._local, alias)
            ]
        return [self[alias] for alias in self]

    def close_all(self) -> None:
        """Close the caches this thread built (run at the end of every request)."""
        built = vars(self._local)
        if built:
            for cache in list(built.values()):
                cache.close()

    def reset(self) -> None:
        """Forget the settings and this thread's instances (CACHES changed)."""
        # Every instance this thread built, even of aliases the new CACHES lacks.
        for cache in list(vars(self._local).values()):
            cache.close()
            # Backends that keep sockets across requests release them here.
            disconnect = getattr(cache, "disconnect", None)
            if disconnect is not None:
                disconnect()
        self._settings = None
        self._local = threading.local()


caches = CacheHandler()


class _DefaultCacheProxy:
    """``cache``: the default alias of the current thread, looked up on each use."""

    def __getattr__(self, name: str) -> Any:
        return getattr(caches[DEFAULT_CACHE_ALIAS], name)

    def __setattr__(self, name: str, value: Any) -> None:
        setattr(caches[DEFAULT_CACHE_ALIAS], name, value)

    def __delattr__(self, name: str) -> None:
        delattr(caches[DEFAULT_CACHE_ALIAS], name)

    def __contains__(self, key: Any) -> bool:
        return key in caches[DEFAULT_CACHE_ALIAS]

    def __eq__(self, other: object) -> bool:
        return caches[DEFAULT_CACHE_ALIAS] == other

    __hash__ = object.__hash__

    def __repr__(self) -> str:
        return f"<cache proxy of {caches[DEFAULT_CACHE_ALIAS]!r}>"


cache: Any = _DefaultCacheProxy()


@ignores_arguments
def close_caches(**kwargs: Any) -> None:
    """Close this thread's caches at the end of a request (memcached/redis sockets)."""
    caches.close_all()


def _reset_caches(*, setting: str, **kwargs: Any) -> None:
    if setting == "CACHES":
        caches.reset()


signals.request_finished.connect(close_caches, dispatch_uid="framework.core.cache.close_caches")
signals.setting_changed.connect(_reset_caches, dispatch_uid="framework.core.cache.reset")
