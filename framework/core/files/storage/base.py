"""``Storage``: the interface every file storage backend implements."""

from __future__ import annotations

import pathlib
import posixpath
from datetime import datetime
from typing import Any

from framework.core.exceptions import SuspiciousFileOperation
from framework.core.files.base import File
from framework.core.files.utils import get_valid_filename, validate_file_name
from framework.utils.crypto import get_random_string

__all__ = ["Storage"]


class Storage:
    """Base class of file storages: names in, files out, no path escapes.

    Subclasses implement ``_open``, ``_save``, ``delete``, ``exists``, ``listdir``,
    ``size`` and ``url`` (and ``path`` when files live on the local file system).
    """

    def open(self, name: str, mode: str = "rb") -> File:
        """Return the stored file ``name`` as a File opened in ``mode``."""
        return self._open(name, mode)

    def save(self, name: str | None, content: Any, max_length: int | None = None) -> str:
        """Store ``content`` under a free name derived from ``name``; return the name used."""
        if name is None:
            name = content.name
        if not hasattr(content, "chunks"):
            content = File(content, name)
        validate_file_name(name, allow_relative_path=True)
        name = self.get_available_name(name, max_length=max_length)
        validate_file_name(name, allow_relative_path=True)
        name = self._save(name, content)
        validate_file_name(name, allow_relative_path=True)
        return name

    def get_valid_name(self, name: str) -> str:
        """Return ``name`` cleaned for this storage (spaces to ``_``, odd characters dropped)."""
        return get_valid_filename(name)

    def get_alternative_name(self, file_root: str, file_ext: str) -> str:
        """Return another name for a taken one: the root plus ``_`` and 7 random characters."""
        return f"{file_root}_{get_random_string(7)}{file_ext}"

    def get_available_name(self, name: str, max_length: int | None = None) -> str:
        """Return a name based on ``name`` that is free in this storage (never overwrites).

        Raises SuspiciousFileOperation when ``name`` is unsafe or no free name fits in
        ``max_length``.
        """
        name = str(name).replace("\\", "/")
        dir_name, file_name = posixpath.split(name)
        if ".." in (dir_name.split("/") if dir_name else ()):
            raise SuspiciousFileOperation(f"Detected path traversal attempt in {dir_name!r}.")
        validate_file_name(file_name)
        file_root, file_ext = _split_ext(file_name)
        while self.exists(name) or (max_length and len(name) > max_length):
            name = posixpath.join(dir_name, self.get_alternative_name(file_root, file_ext))
            if max_length is None:
                continue
            overflow = len(name) - max_length
            if overflow > 0:
                file_root = file_root[:-overflow]
                if not file_root:
                    raise SuspiciousFileOperation(
                        f"Storage cannot find an available filename for {name!r}. Shorten "
                        f"the name or allow a longer max_length than {max_length!r}."
                    )
                name = posixpath.join(dir_name, self.get_alternative_name(file_root, file_ext))
        return name

    def generate_filename(self, filename: str) -> str:
        """Validate ``filename`` (may contain directories) and clean its last component."""
        filename = str(filename).replace("\\", "/")
        validate_file_name(filename, allow_relative_path=True)
        dirname, name = posixpath.split(filename)
        return posixpath.normpath(posixpath.join(dirname, self.get_valid_name(name)))

    def path(self, name: str) -> str:
        """Return the local file-system path of ``name``; storages without one raise."""
        raise NotImplementedError("This backend doesn't support absolute paths.")

    # -- to implement in subclasses ----------------------------------------------------

    def _open(self, name: str, mode: str = "rb") -> File:
        raise NotImplementedError("subclasses of Storage must provide an _open() method")

    def _save(self, name: str, content: Any) -> str:
        raise NotImplementedError("subclasses of Storage must provide a _save() method")

    def delete(self, name: str) -> None:
        """Delete ``name``; a missing file is not an error."""
        raise NotImplementedError("subclasses of Storage must provide a delete() method")

    def exists(self, name: str) -> bool:
        """True if ``name`` exists (so a new file cannot take that name)."""
        raise NotImplementedError("subclasses of Storage must provide an exists() method")

    def listdir(self, path: str) -> tuple[list[str], list[str]]:
        """Return ``(directories, files)`` directly inside ``path``."""
        raise NotImplementedError("subclasses of Storage must provide a listdir() method")

    def size(self, name: str) -> int:
        """Return the size of ``name`` in bytes."""
        raise NotImplementedError("subclasses of Storage must provide a size() method")

    def url(self, name: str | None) -> str:
        """Return the URL where ``name`` can be fetched."""
        raise NotImplementedError("subclasses of Storage must provide a url() method")

    def get_accessed_time(self, name: str) -> datetime:
        """Return the last access time of ``name``."""
        raise NotImplementedError("subclasses of Storage must provide a get_accessed_time() method")

    def get_created_time(self, name: str) -> datetime:
        """Return the creation time of ``name``."""
        raise NotImplementedError("subclasses of Storage must provide a get_created_time() method")

    def get_modified_time(self, name: str) -> datetime:
        """Return the last modification time of ``name``."""
        raise NotImplementedError("subclasses of Storage must provide a get_modified_time() method")


def _split_ext(file_name: str) -> tuple[str, str]:
    # Every suffix stays together ("a.tar.gz" -> "a_x1y2z3a.tar.gz"), as Django does.
    ext = "".join(pathlib.PurePosixPath(file_name).suffixes)
    return file_name.removesuffix(ext), ext
