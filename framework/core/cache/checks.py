"""System checks of CACHES (tag ``caches``): Django's caches.E001, W002 and W003.

Registered when this module is imported: ``framework.core.checks`` should import it
next to its security modules.
"""

from __future__ import annotations

import pathlib
from typing import Any

from framework.conf import settings
from framework.core.cache.handler import DEFAULT_CACHE_ALIAS

# From the submodules: framework.core.checks imports this module while it loads.
from framework.core.checks.messages import Error, Warning
from framework.core.checks.registry import Tags, register

FILE_BACKEND = "framework.core.cache.backends.filebased.FileBasedCache"


@register(Tags.caches)
def check_default_cache_is_configured(app_configs: Any = None, **kwargs: Any) -> list:
    """caches.E001: CACHES must define the 'default' alias."""
    if DEFAULT_CACHE_ALIAS not in settings.CACHES:
        return [
            Error(
                f"You must define a '{DEFAULT_CACHE_ALIAS}' cache in your CACHES setting.",
                id="caches.E001",
            )
        ]
    return []


def _exposed_paths() -> list[tuple[str, pathlib.Path]]:
    paths = []
    for name in ("MEDIA_ROOT", "STATIC_ROOT"):
        value = getattr(settings, name, None)
        if value:
            paths.append((name, pathlib.Path(value).resolve()))
    for entry in getattr(settings, "STATICFILES_DIRS", None) or ():
        value = entry[1] if isinstance(entry, (list, tuple)) else entry
        paths.append(("STATICFILES_DIRS", pathlib.Path(value).resolve()))
    return paths


@register(Tags.caches, deploy=True)
def check_cache_location_not_exposed(app_configs: Any = None, **kwargs: Any) -> list:
    """caches.W002: a file-based cache must not share a directory with served files."""
    messages = []
    exposed = _exposed_paths()
    for alias, config in settings.CACHES.items():
        if config.get("BACKEND") != FILE_BACKEND or not config.get("LOCATION"):
            continue
        location = pathlib.Path(config["LOCATION"]).resolve()
        for name, path in exposed:
            if location == path:
                relation = "matches"
            elif path in location.parents:
                relation = "is inside"
            elif location in path.parents:
                relation = "contains"
            else:
                continue
            messages.append(
                Warning(
                    f"Your '{alias}' cache configuration might expose your cache or lead to "
                    f"corruption of your data because its LOCATION {relation} {name}.",
                    id="caches.W002",
                )
            )
    return messages


@register(Tags.caches)
def check_file_based_cache_is_absolute(app_configs: Any = None, **kwargs: Any) -> list:
    """caches.W003: a file-based cache LOCATION should be an absolute path."""
    messages = []
    for alias, config in settings.CACHES.items():
        if config.get("BACKEND") != FILE_BACKEND:
            continue
        location = config.get("LOCATION", "")
        if not pathlib.Path(location).is_absolute():
            messages.append(
                Warning(
                    f"Your '{alias}' cache LOCATION path is relative ({location!r}). Use an "
                    f"absolute path instead.",
                    id="caches.W003",
                )
            )
    return messages
