"""Storages for collected static files and ``staticfiles_storage``.

``StaticFilesStorage`` writes to STATIC_ROOT and serves from STATIC_URL;
``ManifestStaticFilesStorage`` adds content-hashed names and ``staticfiles.json``
(see ``hashing``).
"""

from __future__ import annotations

import os
from typing import Any

from framework.conf import settings
from framework.core.exceptions import ImproperlyConfigured
from framework.core.files.storage import FileSystemStorage, storages
from framework.core.files.storage.handler import STATICFILES_STORAGE_ALIAS
from framework.core.signals import setting_changed
from framework.utils.functional import SimpleLazyObject, _empty, cached_property

from .hashing import HashedFilesMixin, ManifestFilesMixin
from .utils import check_settings

__all__ = [
    "HashedFilesMixin",
    "ManifestFilesMixin",
    "ManifestStaticFilesStorage",
    "StaticFilesStorage",
    "staticfiles_storage",
]


class StaticFilesStorage(FileSystemStorage):
    """FileSystemStorage over STATIC_ROOT and STATIC_URL (collectstatic's destination)."""

    _setting_attrs = {
        "STATIC_ROOT": ("base_location", "location"),
        "STATIC_URL": ("base_url",),
        "MEDIA_URL": ("base_url",),
        "MEDIA_ROOT": ("base_url",),
        "DEBUG": ("base_url",),
        "FILE_UPLOAD_PERMISSIONS": ("file_permissions_mode",),
        "FILE_UPLOAD_DIRECTORY_PERMISSIONS": ("directory_permissions_mode",),
    }

    def __init__(
        self, location: str | os.PathLike | None = None, base_url: str | None = None, **kwargs: Any
    ):
        super().__init__(location, base_url, **kwargs)

    @cached_property
    def base_location(self) -> str | None:  # type: ignore[override]
        location = self._location if self._location is not None else settings.STATIC_ROOT
        return os.fspath(location) if location else None

    @cached_property
    def location(self) -> str | None:  # type: ignore[override]
        base = self.base_location
        return os.path.abspath(base) if base else None

    @cached_property
    def base_url(self) -> str | None:  # type: ignore[override]
        base = self._base_url if self._base_url is not None else settings.STATIC_URL
        check_settings(base)
        base = str(base)
        return base if base.endswith("/") else base + "/"

    def path(self, name: str) -> str:
        """The absolute path of ``name`` in STATIC_ROOT; ImproperlyConfigured when unset."""
        if not self.location:
            raise ImproperlyConfigured(
                "You're using the staticfiles app without having set the STATIC_ROOT setting "
                "to a filesystem path; set STATIC_ROOT, e.g. STATIC_ROOT = BASE_DIR / "
                "'staticfiles'."
            )
        return super().path(name)


class ManifestStaticFilesStorage(ManifestFilesMixin, StaticFilesStorage):
    """StaticFilesStorage with ``name.<hash>.ext`` copies and a ``staticfiles.json`` manifest."""


class ConfiguredStorage(SimpleLazyObject):
    """``staticfiles_storage``: STORAGES["staticfiles"], built on first use."""

    def __init__(self):
        super().__init__(lambda: storages[STATICFILES_STORAGE_ALIAS])


staticfiles_storage = ConfiguredStorage()


def _reset_staticfiles_storage(*, setting: str, **kwargs: Any) -> None:
    if setting in ("STORAGES", "STATIC_ROOT", "STATIC_URL"):
        # SimpleLazyObject has no public reset; its "not built yet" marker is _empty.
        staticfiles_storage.__dict__["_wrapped"] = _empty


setting_changed.connect(
    _reset_staticfiles_storage, dispatch_uid="framework.contrib.staticfiles.storage"
)
