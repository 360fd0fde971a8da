"""Upload handlers: receive file data from the multipart parser chunk by chunk."""

from __future__ import annotations

import os
from io import BytesIO
from typing import Any

from framework.conf import settings
from framework.core.files.uploadedfile import InMemoryUploadedFile, TemporaryUploadedFile
from framework.utils.module_loading import import_string


class UploadFileException(Exception):
    """Base class of the exceptions an upload handler raises to steer the parser."""


class StopUpload(UploadFileException):
    """Stop the whole upload; with ``connection_reset`` the rest of the body is not read."""

    def __init__(self, connection_reset: bool = False):
        self.connection_reset = connection_reset

    def __str__(self) -> str:
        if self.connection_reset:
            return "StopUpload: Halt current upload."
        return "StopUpload: Consume request data, then halt."


class SkipFile(UploadFileException):
    """Skip the current file; the parser moves on to the next part."""


class StopFutureHandlers(UploadFileException):
    """Later handlers in the chain must not receive this file."""


class FileUploadHandler:
    """Base class of upload handlers (see FILE_UPLOAD_HANDLERS)."""

    chunk_size = 64 * 2**10

    def __init__(self, request: Any = None):
        self.file_name = None
        self.content_type = None
        self.content_length = None
        self.charset = None
        self.content_type_extra = None
        self.request = request

    def handle_raw_input(
        self,
        input_data: Any,
        META: dict,
        content_length: int,
        boundary: bytes,
        encoding: str | None = None,
    ) -> Any:
        """Called before parsing; return a ``(POST, FILES)`` pair to take over parsing."""

    def new_file(
        self,
        field_name: str,
        file_name: str,
        content_type: str,
        content_length: int | None,
        charset: str | None = None,
        content_type_extra: dict | None = None,
    ) -> None:
        """A new file part starts."""
        self.field_name = field_name
        self.file_name = file_name
        self.content_type = content_type
        self.content_length = content_length
        self.charset = charset
        self.content_type_extra = content_type_extra

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        """Take a chunk; return it to pass it on to the next handler, None to swallow it."""
        raise NotImplementedError(
            "subclasses of FileUploadHandler must provide a receive_data_chunk() method"
        )

    def file_complete(self, file_size: int) -> Any:
        """The file ended; return an UploadedFile, or None to let a later handler do so."""
        raise NotImplementedError(
            "subclasses of FileUploadHandler must provide a file_complete() method"
        )

    def upload_complete(self) -> None:
        """The whole request body was parsed."""

    def upload_interrupted(self) -> None:
        """Parsing stopped early (StopUpload or an error); release resources."""


class TemporaryFileUploadHandler(FileUploadHandler):
    """Stream each file to a temporary file on disk."""

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self.file = TemporaryUploadedFile(
            self.file_name, self.content_type, 0, self.charset, self.content_type_extra
        )

    def receive_data_chunk(self, raw_data: bytes, start: int) -> None:
        self.file.write(raw_data)

    def file_complete(self, file_size: int) -> TemporaryUploadedFile:
        self.file.seek(0)
        self.file.size = file_size
        return self.file

    def upload_interrupted(self) -> None:
        if hasattr(self, "file"):
            path = self.file.temporary_file_path()
            try:
                self.file.close()
                os.remove(path)
            except FileNotFoundError:
                pass


class MemoryFileUploadHandler(FileUploadHandler):
    """Keep files in memory when the whole body is at most FILE_UPLOAD_MAX_MEMORY_SIZE."""

    def handle_raw_input(
        self,
        input_data: Any,
        META: dict,
        content_length: int,
        boundary: bytes,
        encoding: str | None = None,
    ) -> None:
        self.activated = content_length <= settings.FILE_UPLOAD_MAX_MEMORY_SIZE

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        if self.activated:
            self.file = BytesIO()
            raise StopFutureHandlers()

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        if self.activated:
            self.file.write(raw_data)
            return None
        return raw_data

    def file_complete(self, file_size: int) -> InMemoryUploadedFile | None:
        if not self.activated:
            return None
        self.file.seek(0)
        return InMemoryUploadedFile(
            file=self.file,
            field_name=self.field_name,
            name=self.file_name,
            content_type=self.content_type,
            size=file_size,
            charset=self.charset,
            content_type_extra=self.content_type_extra,
        )


def load_handler(path: str, *args: Any, **kwargs: Any) -> FileUploadHandler:
    """Import the upload handler class at ``path`` and instantiate it."""
    return import_string(path)(*args, **kwargs)
