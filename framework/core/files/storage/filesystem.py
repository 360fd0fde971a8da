"""``FileSystemStorage``: files in a local directory (MEDIA_ROOT by default)."""

from __future__ import annotations

import errno
import os
import shutil
from datetime import UTC, datetime
from typing import Any

from framework.conf import settings
from framework.core.files.base import File
from framework.core.files.storage.base import Storage
from framework.core.files.utils import safe_join
from framework.core.signals import setting_changed
from framework.urls import get_script_prefix
from framework.utils.encoding import filepath_to_uri
from framework.utils.functional import cached_property

__all__ = ["FileSystemStorage", "StorageSettingsMixin"]

# Keeps an existing file from being truncated when two saves race for one name.
_OPEN_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)


class StorageSettingsMixin:
    """Forget values cached from settings when those settings change (tests)."""

    _setting_attrs = {
        "MEDIA_ROOT": ("base_location", "location"),
        "MEDIA_URL": ("base_url",),
        "FILE_UPLOAD_PERMISSIONS": ("file_permissions_mode",),
        "FILE_UPLOAD_DIRECTORY_PERMISSIONS": ("directory_permissions_mode",),
    }

    def _clear_cached_properties(self, setting: str, **kwargs: Any) -> None:
        for attr in self._setting_attrs.get(setting, ()):
            self.__dict__.pop(attr, None)

    def _value_or_setting(self, value: Any, setting: Any) -> Any:
        return setting if value is None else value


class FileSystemStorage(Storage, StorageSettingsMixin):
    """Store files under ``location`` and serve them from ``base_url``.

    ``location`` defaults to MEDIA_ROOT, ``base_url`` to MEDIA_URL, the permission modes
    to FILE_UPLOAD_PERMISSIONS and FILE_UPLOAD_DIRECTORY_PERMISSIONS. Existing files are
    never overwritten unless ``allow_overwrite`` is true.
    """

    def __init__(
        self,
        location: str | os.PathLike | None = None,
        base_url: str | None = None,
        file_permissions_mode: int | None = None,
        directory_permissions_mode: int | None = None,
        allow_overwrite: bool = False,
    ):
        self._location = location
        self._base_url = base_url
        self._file_permissions_mode = file_permissions_mode
        self._directory_permissions_mode = directory_permissions_mode
        self._allow_overwrite = allow_overwrite
        setting_changed.connect(self._clear_cached_properties, weak=True)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} location={self._location_repr()!r}>"

    def _location_repr(self) -> str:
        try:
            return self.location
        except Exception:
            return str(self._location)

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self.deconstruct() == other.deconstruct()  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash((type(self), str(self._location), self._base_url))

    def deconstruct(self) -> tuple[str, tuple, dict]:
        """Return (path, args, kwargs) to rebuild this storage (used by migrations)."""
        kwargs = {
            name: getattr(self, "_" + name)
            for name in (
                "location",
                "base_url",
                "file_permissions_mode",
                "directory_permissions_mode",
            )
            if getattr(self, "_" + name) is not None
        }
        if self._allow_overwrite:
            kwargs["allow_overwrite"] = True
        return ("framework.core.files.storage.FileSystemStorage", (), kwargs)

    # -- settings-backed attributes --------------------------------------------------------

    @cached_property
    def base_location(self) -> str:
        return os.fspath(self._value_or_setting(self._location, settings.MEDIA_ROOT))

    @cached_property
    def location(self) -> str:
        """The absolute directory holding the files."""
        return os.path.abspath(self.base_location)

    @cached_property
    def base_url(self) -> str | None:
        """The URL prefix of the files, ending in ``/`` (None: files have no URL)."""
        base = self._value_or_setting(self._base_url, settings.MEDIA_URL)
        if base is not None and not base.endswith("/"):
            base += "/"
        return base

    @cached_property
    def file_permissions_mode(self) -> int | None:
        return self._value_or_setting(self._file_permissions_mode, settings.FILE_UPLOAD_PERMISSIONS)

    @cached_property
    def directory_permissions_mode(self) -> int | None:
        return self._value_or_setting(
            self._directory_permissions_mode, settings.FILE_UPLOAD_DIRECTORY_PERMISSIONS
        )

    # -- the Storage API -------------------------------------------------------------------

    def path(self, name: str) -> str:
        """The absolute path of ``name``; SuspiciousFileOperation if it leaves ``location``."""
        return safe_join(self.location, str(name))

    def _open(self, name: str, mode: str = "rb") -> File:
        return File(open(self.path(name), mode))

    def _save(self, name: str, content: Any) -> str:
        full_path = self.path(name)
        directory = os.path.dirname(full_path)
        self._make_directory(directory)
        while True:
            try:
                if hasattr(content, "temporary_file_path") and not self._allow_overwrite:
                    self._move_temporary(content.temporary_file_path(), full_path)
                else:
                    self._write_chunks(full_path, content)
            except FileExistsError:
                name = self.get_available_name(name)
                full_path = self.path(name)
            else:
                break
        if self.file_permissions_mode is not None:
            os.chmod(full_path, self.file_permissions_mode)
        return str(name).replace("\\", "/")

    def _make_directory(self, directory: str) -> None:
        if self.directory_permissions_mode is None:
            os.makedirs(directory, exist_ok=True)
            return
        # The umask is process-wide (changing it races with other threads), so create the
        # missing directories normally, then set each new one's mode exactly.
        missing = []
        path = os.path.abspath(directory)
        while not os.path.isdir(path):
            missing.append(path)
            parent = os.path.dirname(path)
            if parent == path:
                break
            path = parent
        os.makedirs(directory, exist_ok=True)
        for created in reversed(missing):
            os.chmod(created, self.directory_permissions_mode)

    def _move_temporary(self, source: str, destination: str) -> None:
        if os.path.exists(destination):
            raise FileExistsError(errno.EEXIST, "File exists", destination)
        try:
            shutil.move(source, destination)
        except OSError:
            # Across filesystems the move is a copy: a full disk leaves a partial copy.
            _remove_partial(destination)
            raise

    def _write_chunks(self, full_path: str, content: Any) -> None:
        flags = _OPEN_FLAGS
        if self._allow_overwrite:
            flags = (flags & ~os.O_EXCL) | os.O_TRUNC
        handle = open(full_path, "wb", opener=lambda path, _: os.open(path, flags, 0o666))
        try:
            with handle:
                for chunk in content.chunks():
                    handle.write(chunk.encode() if isinstance(chunk, str) else chunk)
        except BaseException:
            # The file was created by this call (O_EXCL) or truncated by it: what a failed
            # write (a full disk, a broken upload) leaves is partial, never the saved file.
            _remove_partial(full_path)
            raise

    def delete(self, name: str) -> None:
        """Delete the file or empty directory ``name``; a missing one is not an error."""
        if not name:
            raise ValueError("The name must be given to delete().")
        full_path = self.path(name)
        try:
            if os.path.isdir(full_path):
                os.rmdir(full_path)
            else:
                os.remove(full_path)
        except FileNotFoundError:
            pass

    def exists(self, name: str) -> bool:
        """True if ``name`` exists, unless overwriting is allowed (then always False)."""
        if self._allow_overwrite:
            return False
        return os.path.lexists(self.path(name))

    def get_available_name(self, name: str, max_length: int | None = None) -> str:
        """With ``allow_overwrite`` the name itself; otherwise a free name (see Storage)."""
        if self._allow_overwrite:
            return str(name).replace("\\", "/")
        return super().get_available_name(name, max_length)

    def listdir(self, path: str) -> tuple[list[str], list[str]]:
        """Return ``(directories, files)`` directly inside ``path``, sorted."""
        directories, files = [], []
        with os.scandir(self.path(path)) as entries:
            for entry in entries:
                (directories if entry.is_dir() else files).append(entry.name)
        return sorted(directories), sorted(files)

    def size(self, name: str) -> int:
        """Return the size of ``name`` in bytes."""
        return os.path.getsize(self.path(name))

    def url(self, name: str | None) -> str:
        """Return ``base_url`` joined with ``name`` quoted for a URL."""
        if self.base_url is None:
            raise ValueError("This file is not accessible via a URL (the storage has no base_url).")
        url = filepath_to_uri(name)
        url = url.lstrip("/") if url else ""
        # Plain concatenation: the name is relative and base_url ends in "/", so urljoin
        # (several times slower, and static() runs on every render) would add nothing.
        return _script_prefixed(self.base_url) + url

    def _datetime_from_timestamp(self, ts: float) -> datetime:
        if settings.USE_TZ:
            return datetime.fromtimestamp(ts, tz=UTC)
        return datetime.fromtimestamp(ts)

    def get_accessed_time(self, name: str) -> datetime:
        """Return the last access time of ``name`` (aware in UTC when USE_TZ)."""
        return self._datetime_from_timestamp(os.path.getatime(self.path(name)))

    def get_created_time(self, name: str) -> datetime:
        """Return the creation (inode change) time of ``name``."""
        return self._datetime_from_timestamp(os.path.getctime(self.path(name)))

    def get_modified_time(self, name: str) -> datetime:
        """Return the last modification time of ``name``."""
        return self._datetime_from_timestamp(os.path.getmtime(self.path(name)))


def _script_prefixed(base: str) -> str:
    # A relative MEDIA_URL/STATIC_URL ("media/") is relative to where the site is mounted.
    if base.startswith("/") or "://" in base:
        return base
    return get_script_prefix() + base


def _remove_partial(path: str) -> None:
    """Remove the partial file a failed save left at ``path``, if any."""
    try:
        os.remove(path)
    except OSError:
        pass
