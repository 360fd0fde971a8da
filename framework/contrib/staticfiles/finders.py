"""Finders: where static files come from before collectstatic gathers them.

``FileSystemFinder`` searches STATICFILES_DIRS (entries may be ``(prefix, path)``),
``AppDirectoriesFinder`` each installed app's ``static/`` directory. ``find(path)``
asks every finder in STATICFILES_FINDERS in turn.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterator
from typing import Any

from framework.apps import apps
from framework.conf import settings
from framework.core.checks import Error, Warning
from framework.core.exceptions import ImproperlyConfigured
from framework.core.files.storage import FileSystemStorage, Storage
from framework.core.files.utils import safe_join
from framework.core.signals import setting_changed
from framework.utils.module_loading import import_string

from .utils import get_files

__all__ = [
    "AppDirectoriesFinder",
    "BaseFinder",
    "BaseStorageFinder",
    "DefaultStorageFinder",
    "FileSystemFinder",
    "find",
    "get_finder",
    "get_finders",
    "searched_locations",
]

# Every location searched by find() since start-up (findstatic -v 2 lists them).
searched_locations: list[str] = []


class BaseFinder:
    """The finder interface: ``find(path, find_all=False)``, ``list(ignore_patterns)``."""

    def check(self, **kwargs: Any) -> list:
        """Return system-check messages about this finder's configuration."""
        raise NotImplementedError(
            "subclasses may provide a check() method to verify the finder is configured correctly."
        )

    def find(self, path: str, find_all: bool = False) -> str | list[str] | None:
        """Absolute path of ``path`` (None), or with ``find_all`` every match (a list)."""
        raise NotImplementedError("subclasses of BaseFinder must provide a find() method")

    def list(self, ignore_patterns: list[str] | None) -> Iterator[tuple[str, Storage]]:
        """Yield ``(relative path, storage)`` for every file this finder provides."""
        raise NotImplementedError("subclasses of BaseFinder must provide a list() method")


def _absolute(path: Any) -> str:
    return os.path.abspath(os.fspath(path))


class FileSystemFinder(BaseFinder):
    """Find files in the directories of STATICFILES_DIRS (or the ``app_names``-less list given)."""

    def __init__(self, app_names: Any = None, *args: Any, **kwargs: Any):
        # (prefix, absolute root) pairs, in settings order, without duplicates.
        self.locations: list[tuple[str, str]] = []
        self.storages: dict[str, FileSystemStorage] = {}
        dirs = settings.STATICFILES_DIRS
        for entry in dirs if isinstance(dirs, (list, tuple)) else ():
            if isinstance(entry, (list, tuple)):
                prefix, root = entry
            else:
                prefix, root = "", entry
            location = (str(prefix), _absolute(root))
            if location not in self.locations:
                self.locations.append(location)
        for prefix, root in self.locations:
            storage = FileSystemStorage(location=root)
            storage.prefix = prefix  # type: ignore[attr-defined]
            self.storages[root] = storage

    def __repr__(self) -> str:
        return f"<FileSystemFinder locations={self.locations!r}>"

    def check(self, **kwargs: Any) -> list:
        """staticfiles.E001-E003 and W004: the shape and contents of STATICFILES_DIRS."""
        dirs = settings.STATICFILES_DIRS
        if not isinstance(dirs, (list, tuple)):
            return [
                Error(
                    f"The STATICFILES_DIRS setting is not a tuple or list (it is {dirs!r}).",
                    hint="Perhaps you forgot a trailing comma?",
                    id="staticfiles.E001",
                )
            ]
        errors: list = []
        static_root = _absolute(settings.STATIC_ROOT) if settings.STATIC_ROOT else None
        for entry in dirs:
            if isinstance(entry, (list, tuple)):
                if len(entry) != 2:
                    errors.append(
                        Error(
                            f"The STATICFILES_DIRS entry {entry!r} must be a path or a "
                            f"(prefix, path) pair.",
                            id="staticfiles.E001",
                        )
                    )
                    continue
                prefix, root = entry
                if str(prefix).endswith("/"):
                    errors.append(
                        Error(
                            f"The prefix {prefix!r} in the STATICFILES_DIRS setting must not "
                            f"end with a slash.",
                            hint=f"Use {str(prefix).rstrip('/')!r}.",
                            id="staticfiles.E003",
                        )
                    )
            else:
                root = entry
            if static_root and _absolute(root) == static_root:
                errors.append(
                    Error(
                        f"The STATICFILES_DIRS setting should not contain the STATIC_ROOT "
                        f"setting ({str(root)!r}).",
                        hint="collectstatic writes into STATIC_ROOT; keep sources elsewhere.",
                        id="staticfiles.E002",
                    )
                )
            elif not os.path.isdir(root):
                errors.append(
                    Warning(
                        f"The directory {str(root)!r} in the STATICFILES_DIRS setting does not "
                        f"exist.",
                        hint="Create it or remove it from STATICFILES_DIRS.",
                        id="staticfiles.W004",
                    )
                )
        return errors

    def find(self, path: str, find_all: bool = False) -> str | list[str] | None:
        """Look for ``path`` in each STATICFILES_DIRS entry, honouring prefixes."""
        matches: list[str] = []
        for prefix, root in self.locations:
            if root not in searched_locations:
                searched_locations.append(root)
            matched = self.find_location(root, path, prefix)
            if matched:
                if not find_all:
                    return matched
                matches.append(matched)
        return matches if find_all else None

    def find_location(self, root: str, path: str, prefix: str | None = None) -> str | None:
        """Absolute path of ``path`` in ``root`` (after removing ``prefix/``), or None."""
        if prefix:
            prefix = f"{prefix}/"
            if not path.startswith(prefix):
                return None
            path = path.removeprefix(prefix)
        try:
            candidate = safe_join(root, path)
        except Exception:
            return None
        return candidate if os.path.isfile(candidate) else None

    def list(self, ignore_patterns: list[str] | None) -> Iterator[tuple[str, Storage]]:
        """Yield every file of every existing STATICFILES_DIRS directory."""
        for _prefix, root in self.locations:
            if os.path.isdir(root):
                storage = self.storages[root]
                for path in get_files(storage, ignore_patterns):
                    yield path, storage


class AppDirectoriesFinder(BaseFinder):
    """Find files in the ``static/`` directory of each installed app (first app wins)."""

    storage_class = FileSystemStorage
    source_dir = "static"

    def __init__(self, app_names: Any = None, *args: Any, **kwargs: Any):
        self.apps: list[str] = []
        self.storages: dict[str, FileSystemStorage] = {}
        app_configs = apps.get_app_configs()
        if app_names:
            wanted = set(app_names)
            app_configs = [ac for ac in app_configs if ac.name in wanted]
        for app_config in app_configs:
            if not app_config.path:
                continue
            app_storage = self.storage_class(os.path.join(app_config.path, self.source_dir))
            if os.path.isdir(app_storage.location):
                self.storages[app_config.name] = app_storage
                if app_config.name not in self.apps:
                    self.apps.append(app_config.name)

    def __repr__(self) -> str:
        return f"<AppDirectoriesFinder apps={self.apps!r}>"

    def check(self, **kwargs: Any) -> list:
        """Nothing to check: missing ``static/`` directories are simply skipped."""
        return []

    def list(self, ignore_patterns: list[str] | None) -> Iterator[tuple[str, Storage]]:
        """Yield every file of every app's ``static/`` directory."""
        for app in self.apps:
            storage = self.storages[app]
            for path in get_files(storage, ignore_patterns):
                yield path, storage

    def find(self, path: str, find_all: bool = False) -> str | list[str] | None:
        """Look for ``path`` in the apps' ``static/`` directories, in INSTALLED_APPS order."""
        matches: list[str] = []
        for app in self.apps:
            location = self.storages[app].location
            if location not in searched_locations:
                searched_locations.append(location)
            matched = self.find_in_app(app, path)
            if matched:
                if not find_all:
                    return matched
                matches.append(matched)
        return matches if find_all else None

    def find_in_app(self, app: str, path: str) -> str | None:
        """Absolute path of ``path`` in ``app``'s static directory, or None."""
        storage = self.storages.get(app)
        if storage is None:
            return None
        try:
            candidate = storage.path(path)
        except Exception:
            return None
        return candidate if os.path.isfile(candidate) else None


class BaseStorageFinder(BaseFinder):
    """Find files in a storage (set ``storage`` on a subclass or pass ``storage=``)."""

    storage: Any = None

    def __init__(self, storage: Any = None, *args: Any, **kwargs: Any):
        if storage is not None:
            self.storage = storage
        if self.storage is None:
            raise ImproperlyConfigured(
                f"The staticfiles storage finder {type(self)!r} doesn't have a storage class "
                f"assigned; set its 'storage' attribute."
            )
        if isinstance(self.storage, type):
            self.storage = self.storage()

    def check(self, **kwargs: Any) -> list:
        return []

    def find(self, path: str, find_all: bool = False) -> str | list[str] | None:
        """Look for ``path`` in the storage (it must have a local ``path()``)."""
        try:
            self.storage.path("")
        except NotImplementedError:
            return [] if find_all else None
        location = self.storage.location
        if location not in searched_locations:
            searched_locations.append(location)
        if self.storage.exists(path):
            match = self.storage.path(path)
            return [match] if find_all else match
        return [] if find_all else None

    def list(self, ignore_patterns: list[str] | None) -> Iterator[tuple[str, Storage]]:
        """Yield every file of the storage."""
        for path in get_files(self.storage, ignore_patterns):
            yield path, self.storage


class DefaultStorageFinder(BaseStorageFinder):
    """Find files in the default storage (STORAGES["default"]), which needs a location."""

    def __init__(self, *args: Any, **kwargs: Any):
        from framework.core.files.storage import default_storage

        self.storage = default_storage
        super().__init__(*args, **kwargs)
        base_location = getattr(self.storage, "base_location", ...)
        if not base_location:
            raise ImproperlyConfigured(
                "The storage backend of the staticfiles finder DefaultStorageFinder doesn't "
                "have a valid location; set MEDIA_ROOT."
            )


def find(path: str, find_all: bool = False, **kwargs: Any) -> str | list[str] | None:
    """Absolute path of the static file ``path`` as the finders see it (None if none has it).

    With ``find_all`` a list of every match from every finder (``all=`` is the name
    Django used before 5.2 and is still accepted).
    """
    if "all" in kwargs:
        find_all = bool(kwargs.pop("all"))
    if kwargs:
        raise TypeError(f"find() got unexpected keyword arguments {sorted(kwargs)!r}.")
    searched_locations[:] = []
    matches: list[str] = []
    for finder in get_finders():
        result = finder.find(path, find_all=find_all)
        if not find_all and result:
            return result  # type: ignore[return-value]
        if find_all and result:
            matches.extend(result if isinstance(result, list) else [result])
    return matches if find_all else None


def get_finders() -> Iterator[BaseFinder]:
    """Yield a finder instance for each entry of STATICFILES_FINDERS."""
    for finder_path in settings.STATICFILES_FINDERS:
        yield get_finder(finder_path)


@functools.cache
def get_finder(import_path: str) -> BaseFinder:
    """Return the (cached) finder instance of ``import_path``."""
    try:
        finder = import_string(import_path)
    except ImportError as exc:
        raise ImproperlyConfigured(
            f"Cannot import the staticfiles finder {import_path!r} listed in "
            f"STATICFILES_FINDERS: {exc}"
        ) from exc
    if not issubclass(finder, BaseFinder):
        raise ImproperlyConfigured(
            f"Finder {finder!r} in STATICFILES_FINDERS is not a subclass of {BaseFinder!r}."
        )
    return finder()


def _reset_finders(*, setting: str, **kwargs: Any) -> None:
    if setting in ("STATICFILES_DIRS", "STATICFILES_FINDERS", "INSTALLED_APPS", "STATIC_ROOT"):
        get_finder.cache_clear()


setting_changed.connect(_reset_finders, dispatch_uid="framework.contrib.staticfiles.finders")
