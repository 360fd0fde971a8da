"""Helpers shared by the finders, the storages and collectstatic."""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterable, Iterator
from typing import Any

from framework.conf import settings
from framework.core.exceptions import ImproperlyConfigured

__all__ = ["check_settings", "get_files", "matches_patterns"]


def matches_patterns(path: str, patterns: Iterable[str] | None) -> bool:
    """True if ``path`` matches any of the glob ``patterns``."""
    return any(fnmatch.fnmatchcase(path, pattern) for pattern in patterns or ())


def get_files(
    storage: Any, ignore_patterns: list[str] | None = None, location: str = ""
) -> Iterator[str]:
    """Yield the relative paths of every file in ``storage`` under ``location``.

    A pattern matches a file or directory's base name or, with a ``/`` in it, the
    path relative to the storage root; matching directories are not descended.
    """
    ignore_patterns = ignore_patterns or []
    directories, files = storage.listdir(location)
    for name in files:
        path = os.path.join(location, name) if location else name
        if matches_patterns(name, ignore_patterns) or matches_patterns(path, ignore_patterns):
            continue
        yield path
    for name in directories:
        path = os.path.join(location, name) if location else name
        if matches_patterns(name, ignore_patterns) or matches_patterns(path, ignore_patterns):
            continue
        yield from get_files(storage, ignore_patterns, path)


def check_settings(base_url: str | None = None) -> None:
    """Raise ImproperlyConfigured when the static and media settings conflict or are missing."""
    if base_url is None:
        base_url = settings.STATIC_URL
    if not base_url:
        raise ImproperlyConfigured(
            "You're using the staticfiles app without having set the required STATIC_URL "
            "setting; set it, e.g. STATIC_URL = 'static/'."
        )
    if settings.MEDIA_URL == base_url:
        raise ImproperlyConfigured(
            f"The MEDIA_URL and STATIC_URL settings must have different values (both are "
            f"{base_url!r})."
        )
    if settings.DEBUG and settings.MEDIA_URL and str(settings.MEDIA_URL).startswith(base_url):
        raise ImproperlyConfigured(
            f"runserver can't serve media if MEDIA_URL ({settings.MEDIA_URL!r}) is within "
            f"STATIC_URL ({base_url!r}); move one of them."
        )
    if (
        settings.MEDIA_ROOT
        and settings.STATIC_ROOT
        and os.path.abspath(settings.MEDIA_ROOT) == os.path.abspath(settings.STATIC_ROOT)
    ):
        raise ImproperlyConfigured(
            f"The MEDIA_ROOT and STATIC_ROOT settings must have different values (both are "
            f"{str(settings.STATIC_ROOT)!r})."
        )
