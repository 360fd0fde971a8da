"""Checks on file names coming from users: no traversal, no absolute paths, no NUL bytes."""

from __future__ import annotations

import os
import posixpath
import re
import unicodedata

from framework.core.exceptions import SuspiciousFileOperation

__all__ = ["get_valid_filename", "safe_join", "validate_file_name"]


def validate_file_name(name: str, allow_relative_path: bool = False) -> str:
    """Return ``name`` if it is a safe file name; raise SuspiciousFileOperation otherwise.

    Without ``allow_relative_path`` the name may not contain a directory part; with it,
    relative paths are accepted but absolute ones and ``..`` components are not. A
    backslash counts as a separator so that Windows-style ``..\\`` is caught everywhere.
    """
    if "\x00" in name:
        raise SuspiciousFileOperation(f"File name {name!r} contains a NUL byte.")
    unified = name.replace("\\", "/")
    if posixpath.basename(unified) in ("", ".", ".."):
        raise SuspiciousFileOperation(f"Could not derive a file name from {name!r}.")
    if allow_relative_path:
        parts = unified.split("/")
        if unified.startswith("/") or os.path.isabs(name) or ".." in parts:
            raise SuspiciousFileOperation(f"Detected path traversal attempt in {name!r}.")
        if re.match(r"^[a-zA-Z]:", unified):
            raise SuspiciousFileOperation(f"Detected path traversal attempt in {name!r}.")
    elif "/" in unified:
        raise SuspiciousFileOperation(f"File name {name!r} includes path elements.")
    return name


def safe_join(base: str, *paths: str) -> str:
    """Join ``paths`` onto ``base`` and return the absolute result, which must lie in ``base``.

    Raises SuspiciousFileOperation when the joined path escapes ``base`` (``..``,
    absolute components, symlink-free normalisation) or contains a NUL byte.
    """
    for part in paths:
        if "\x00" in str(part):
            raise SuspiciousFileOperation(f"Path {part!r} contains a NUL byte.")
    final = os.path.abspath(os.path.join(base, *paths))
    base_path = os.path.abspath(base)
    if final != base_path and not final.startswith(base_path.rstrip(os.sep) + os.sep):
        raise SuspiciousFileOperation(
            f"The joined path ({final!r}) is located outside of the base path ({base_path!r})."
        )
    return final


_INVALID_CHARS = re.compile(r"(?u)[^-\w.]")


def get_valid_filename(name: str) -> str:
    """Return ``name`` cleaned for use as a file name: spaces to underscores, odd characters out.

    Raises SuspiciousFileOperation when nothing usable remains (``""``, ``"."``, ``".."``).
    """
    cleaned = unicodedata.normalize("NFC", str(name)).strip().replace(" ", "_")
    cleaned = _INVALID_CHARS.sub("", cleaned)
    if cleaned in ("", ".", ".."):
        raise SuspiciousFileOperation(f"Could not derive a file name from {name!r}.")
    return cleaned
