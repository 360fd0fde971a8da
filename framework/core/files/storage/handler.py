"""``storages``: the storages configured in STORAGES, built once per alias."""

from __future__ import annotations

from typing import Any

from framework.conf import settings
from framework.core.exceptions import ImproperlyConfigured
from framework.core.signals import setting_changed
from framework.utils.functional import SimpleLazyObject, _empty, cached_property
from framework.utils.module_loading import import_string

__all__ = ["InvalidStorageError", "StorageHandler", "default_storage", "storages"]

DEFAULT_STORAGE_ALIAS = "default"
STATICFILES_STORAGE_ALIAS = "staticfiles"


class InvalidStorageError(ImproperlyConfigured):
    """STORAGES has no such alias, or its entry is unusable."""


class StorageHandler:
    """Mapping of STORAGES aliases to storage instances: ``storages["default"]``."""

    def __init__(self, backends: dict[str, dict] | None = None):
        self._backends = backends
        self._storages: dict[str, Any] = {}

    def __repr__(self) -> str:
        return f"<StorageHandler aliases={list(self.backends)!r}>"

    @cached_property
    def backends(self) -> dict[str, dict]:
        """The STORAGES setting (or the dict given), with Django's two default aliases."""
        if self._backends is None:
            self._backends = dict(settings.STORAGES)
        backends = dict(self._backends)
        backends.setdefault(
            DEFAULT_STORAGE_ALIAS,
            {"BACKEND": "framework.core.files.storage.FileSystemStorage"},
        )
        backends.setdefault(
            STATICFILES_STORAGE_ALIAS,
            {"BACKEND": "framework.contrib.staticfiles.storage.StaticFilesStorage"},
        )
        return backends

    def __getitem__(self, alias: str) -> Any:
        try:
            return self._storages[alias]
        except KeyError:
            pass
        try:
            params = self.backends[alias]
        except KeyError:
            raise InvalidStorageError(
                f"Could not find config for {alias!r} in settings.STORAGES; add it, e.g. "
                f"STORAGES[{alias!r}] = {{'BACKEND': "
                f"'framework.core.files.storage.FileSystemStorage'}}."
            ) from None
        storage = self.create_storage(params, alias)
        self._storages[alias] = storage
        return storage

    def create_storage(self, params: dict, alias: str = "") -> Any:
        """Build a storage from a ``{"BACKEND": ..., "OPTIONS": {...}}`` entry."""
        backend = params.get("BACKEND")
        if not backend:
            raise InvalidStorageError(f"STORAGES[{alias!r}] has no 'BACKEND' entry; add one.")
        try:
            storage_cls = import_string(backend)
        except ImportError as exc:
            raise InvalidStorageError(
                f"Could not find backend {backend!r} of STORAGES[{alias!r}]: {exc}"
            ) from exc
        return storage_cls(**params.get("OPTIONS", {}))

    def reset(self) -> None:
        """Forget the built storages (the STORAGES setting changed)."""
        self.__dict__.pop("backends", None)
        self._backends = None
        self._storages = {}


storages = StorageHandler()


def _reset_storages(*, setting: str, **kwargs: Any) -> None:
    if setting == "STORAGES":
        storages.reset()
    elif setting in ("MEDIA_ROOT", "MEDIA_URL", "STATIC_ROOT", "STATIC_URL"):
        # Instances built from these settings hold derived state (manifests, locations).
        storages._storages = {}
    else:
        return
    # SimpleLazyObject has no public reset; its "not built yet" marker is _empty.
    default_storage.__dict__["_wrapped"] = _empty


setting_changed.connect(_reset_storages, dispatch_uid="framework.core.files.storage.handler")

default_storage = SimpleLazyObject(lambda: storages[DEFAULT_STORAGE_ALIAS])
"""The ``default`` storage of STORAGES, built on first use."""
