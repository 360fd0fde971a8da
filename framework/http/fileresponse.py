"""``FileResponse``: stream a file, with Content-Type, Content-Length and Content-Disposition."""

from __future__ import annotations

import io
import os
from typing import Any

from framework.http.response import StreamingHttpResponse
from framework.utils.http import content_disposition_header

# Compression "encodings" that mimetypes reports, and the type to send for each.
_ENCODING_TYPES = {
    "br": "application/x-brotli",
    "bzip2": "application/x-bzip",
    "compress": "application/x-compress",
    "gzip": "application/gzip",
    "xz": "application/x-xz",
}


class FileResponse(StreamingHttpResponse):
    """Stream a file-like object in ``block_size`` chunks; closing the response closes it.

    Content-Type is guessed from the file name unless given; ``as_attachment``
    and ``filename`` set Content-Disposition. The WSGI handler may hand
    ``file_to_stream`` to ``wsgi.file_wrapper`` (sendfile).
    """

    block_size = 4096

    def __init__(self, *args: Any, as_attachment: bool = False, filename: str = "", **kwargs):
        self.as_attachment = as_attachment
        self.filename = filename
        self._no_explicit_content_type = kwargs.get("content_type") is None
        super().__init__(*args, **kwargs)

    def _set_streaming_content(self, value: Any) -> None:
        if not hasattr(value, "read"):
            self.file_to_stream = None
            return super()._set_streaming_content(value)
        self.file_to_stream = filelike = value
        if hasattr(filelike, "close"):
            self._resource_closers.append(filelike.close)
        chunks = iter(lambda: filelike.read(self.block_size), b"")
        self.set_headers(filelike)
        super()._set_streaming_content(chunks)

    def set_headers(self, filelike: Any) -> None:
        """Set Content-Length, Content-Type and Content-Disposition from ``filelike``."""
        filename = getattr(filelike, "name", "")
        filename = filename if isinstance(filename, str) else ""
        seekable = hasattr(filelike, "seek") and (
            not hasattr(filelike, "seekable") or filelike.seekable()
        )
        if hasattr(filelike, "tell"):
            if seekable:
                start = filelike.tell()
                filelike.seek(0, io.SEEK_END)
                self.headers["Content-Length"] = filelike.tell() - start
                filelike.seek(start)
            elif hasattr(filelike, "getbuffer"):
                self.headers["Content-Length"] = filelike.getbuffer().nbytes - filelike.tell()
            elif os.path.exists(filename):
                self.headers["Content-Length"] = os.path.getsize(filename) - filelike.tell()
        elif seekable:
            length = sum(iter(lambda: len(filelike.read(self.block_size)), 0))
            self.headers["Content-Length"] = length
            filelike.seek(-length, io.SEEK_END)

        filename = os.path.basename(self.filename or filename)
        if self._no_explicit_content_type:
            content_type = "application/octet-stream"
            if filename:
                import mimetypes

                guessed, encoding = mimetypes.guess_type(filename)
                content_type = _ENCODING_TYPES.get(encoding, guessed) or content_type
            self.headers["Content-Type"] = content_type
        disposition = content_disposition_header(self.as_attachment, filename)
        if disposition:
            self.headers["Content-Disposition"] = disposition
