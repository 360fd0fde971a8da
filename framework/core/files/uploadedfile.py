"""Uploaded files: in memory or spooled to a temporary file on disk."""

from __future__ import annotations

import os
import re
import tempfile
from io import BytesIO
from typing import Any

from framework.conf import settings
from framework.core.files.base import File

# The longest file name most file systems accept.
_MAX_NAME_LENGTH = 255
_SAFE_EXTENSION = re.compile(r"^\.[A-Za-z0-9_-]{1,16}$")


class UploadedFile(File):
    """A file uploaded through a form, with ``content_type``, ``size`` and ``charset``."""

    def __init__(
        self,
        file: Any = None,
        name: str | None = None,
        content_type: str | None = None,
        size: int | None = None,
        charset: str | None = None,
        content_type_extra: dict | None = None,
    ):
        super().__init__(file, name)
        self.size = size
        self.content_type = content_type
        self.charset = charset
        self.content_type_extra = content_type_extra

    def __repr__(self) -> str:
        return f"<{type(self).__name__}: {self.name} ({self.content_type})>"

    @property
    def name(self) -> str | None:
        return self._name

    @name.setter
    def name(self, name: str | None) -> None:
        # Keep only the base name (a client may send "../../etc/passwd" or "C:\\x"),
        # and cut overlong names while keeping the extension.
        if name is not None:
            name = os.path.basename(name.replace("\\", "/"))
            if len(name) > _MAX_NAME_LENGTH:
                root, ext = os.path.splitext(name)
                ext = ext[:_MAX_NAME_LENGTH]
                name = root[: _MAX_NAME_LENGTH - len(ext)] + ext
        self._name = name


class TemporaryUploadedFile(UploadedFile):
    """An upload streamed to a temporary file (FILE_UPLOAD_TEMP_DIR), removed on close."""

    def __init__(
        self,
        name: str,
        content_type: str | None,
        size: int,
        charset: str | None,
        content_type_extra: dict | None = None,
    ):
        _, ext = os.path.splitext(name or "")
        suffix = ".upload" + (ext if _SAFE_EXTENSION.match(ext) else "")
        file = tempfile.NamedTemporaryFile(suffix=suffix, dir=settings.FILE_UPLOAD_TEMP_DIR)
        super().__init__(file, name, content_type, size, charset, content_type_extra)

    def temporary_file_path(self) -> str:
        """The path of the temporary file on disk."""
        return self.file.name

    def close(self) -> None:
        try:
            self.file.close()
        except FileNotFoundError:
            # The file was moved away (e.g. by a storage backend); nothing to delete.
            pass


class InMemoryUploadedFile(UploadedFile):
    """An upload held in memory (a BytesIO)."""

    def __init__(
        self,
        file: Any,
        field_name: str | None,
        name: str | None,
        content_type: str | None,
        size: int | None,
        charset: str | None,
        content_type_extra: dict | None = None,
    ):
        super().__init__(file, name, content_type, size, charset, content_type_extra)
        self.field_name = field_name

    def open(self, mode: str | None = None, *args: Any, **kwargs: Any) -> InMemoryUploadedFile:
        self.file.seek(0)
        return self

    def chunks(self, chunk_size: int | None = None):
        self.file.seek(0)
        yield self.read()

    def multiple_chunks(self, chunk_size: int | None = None) -> bool:
        return False


class SimpleUploadedFile(InMemoryUploadedFile):
    """An in-memory upload built from a name and bytes (handy in tests)."""

    def __init__(self, name: str, content: bytes | None, content_type: str = "text/plain"):
        content = content or b""
        super().__init__(BytesIO(content), None, name, content_type, len(content), None, None)

    @classmethod
    def from_dict(cls, file_dict: dict) -> SimpleUploadedFile:
        """Build one from ``{"filename": ..., "content": ..., "content-type": ...}``."""
        return cls(
            file_dict["filename"],
            file_dict["content"],
            file_dict.get("content-type", "text/plain"),
        )
