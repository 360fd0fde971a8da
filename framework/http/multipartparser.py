"""A streaming ``multipart/form-data`` parser (RFC 7578).

The body is read in chunks of the upload handlers' ``chunk_size``; file data
goes to the handlers as it arrives and only non-file fields are held in memory,
within DATA_UPLOAD_MAX_MEMORY_SIZE. Broken or abusive input raises
MultiPartParserError, SuspiciousMultipartForm, RequestDataTooBig,
TooManyFieldsSent or TooManyFilesSent, which the handler answers with a 400.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Iterator
from typing import Any

from framework.conf import settings
from framework.core.exceptions import (
    RequestDataTooBig,
    SuspiciousMultipartForm,
    TooManyFieldsSent,
    TooManyFilesSent,
)
from framework.http.querydict import QueryDict
from framework.utils.datastructures import MultiValueDict
from framework.utils.deferred import lazy_module
from framework.utils.http import parse_header_parameters

# Upload handling (tempfile, shutil) is not needed to start up.
_uploadhandler = lazy_module("framework.core.files.uploadhandler")

__all__ = ["MultiPartParser", "MultiPartParserError", "InputStreamExhausted"]

# The header block of one part (Content-Disposition, Content-Type, ...) may not be
# larger than this; real browsers send a few hundred bytes.
MAX_PART_HEADER_SIZE = 8192
# RFC 2046: a boundary is 1 to 70 characters from this set, not ending in a space.
_BOUNDARY = re.compile(r"^[ -~]{0,69}[!-~]$")
_TRANSPORT_PADDING = b" \t"


class MultiPartParserError(Exception):
    """The multipart body is malformed (answered with a 400)."""


class InputStreamExhausted(Exception):
    """No more data to read from the request body."""


class _BoundaryReader:
    """Read a body delimited by ``\\r\\n--boundary`` lines, never past ``content_length``."""

    def __init__(self, stream: Any, boundary: bytes, content_length: int, chunk_size: int):
        self._stream = stream
        self._remaining = content_length
        self._chunk_size = chunk_size
        self._delimiter = b"\r\n--" + boundary
        # A virtual CRLF lets the first boundary (at the very start) match the delimiter.
        self._buffer = bytearray(b"\r\n")
        self._eof = False
        self._part_done = True

    def _fill(self) -> bool:
        if self._eof or self._remaining <= 0:
            self._eof = True
            return False
        data = self._stream.read(min(self._chunk_size, self._remaining))
        if not data:
            self._eof = True
            return False
        self._remaining -= len(data)
        self._buffer += data
        return True

    def _unterminated(self) -> MultiPartParserError:
        return MultiPartParserError(
            "The multipart body ended before its closing boundary: the request is truncated "
            "or its Content-Length is wrong."
        )

    def data_until_delimiter(self) -> Iterator[bytes]:
        """Yield the bytes before the next delimiter, then consume the delimiter."""
        delimiter = self._delimiter
        keep = len(delimiter) - 1
        buffer = self._buffer
        while True:
            index = buffer.find(delimiter)
            if index >= 0:
                chunk = bytes(buffer[:index])
                del buffer[: index + len(delimiter)]
                self._part_done = True
                if chunk:
                    yield chunk
                return
            # Hold back a tail that could be the start of a delimiter cut by the chunking.
            ready = len(buffer) - keep
            if ready > 0:
                chunk = bytes(buffer[:ready])
                del buffer[:ready]
                yield chunk
            if not self._fill():
                raise self._unterminated()

    def skip_until_delimiter(self) -> None:
        """Discard data up to and including the next delimiter."""
        for _chunk in self.data_until_delimiter():
            pass

    def finish_part(self) -> None:
        """Discard the rest of the current part, if its delimiter was not reached yet."""
        if not self._part_done:
            self.skip_until_delimiter()

    def _ensure(self, size: int) -> None:
        while len(self._buffer) < size:
            if not self._fill():
                raise self._unterminated()

    def after_delimiter(self) -> bool:
        """Consume the rest of a boundary line; False if it was the closing one (``--``)."""
        self._ensure(2)
        if self._buffer[:2] == b"--":
            del self._buffer[:2]
            return False
        padding = 0
        while True:
            self._ensure(1)
            if self._buffer[0] not in _TRANSPORT_PADDING:
                break
            del self._buffer[0]
            padding += 1
            if padding > 1024:
                raise MultiPartParserError("Too much padding after a multipart boundary.")
        self._ensure(2)
        if self._buffer[:2] != b"\r\n":
            raise MultiPartParserError(
                f"Malformed multipart boundary line: expected CRLF, got "
                f"{bytes(self._buffer[:20])!r}."
            )
        del self._buffer[:2]
        self._part_done = False
        return True

    def headers(self) -> bytes:
        """Return a part's header block (without the blank line that ends it)."""
        self._ensure(2)
        if self._buffer[:2] == b"\r\n":
            del self._buffer[:2]
            return b""
        start = 0
        while True:
            index = self._buffer.find(b"\r\n\r\n", start)
            if index >= 0:
                if index > MAX_PART_HEADER_SIZE:
                    break
                block = bytes(self._buffer[:index])
                del self._buffer[: index + 4]
                return block
            if len(self._buffer) > MAX_PART_HEADER_SIZE:
                break
            start = max(0, len(self._buffer) - 3)
            if not self._fill():
                raise self._unterminated()
        raise SuspiciousMultipartForm(
            f"The headers of a multipart part exceed {MAX_PART_HEADER_SIZE} bytes."
        )

    def exhaust(self) -> None:
        """Read and drop whatever is left of the body (the epilogue)."""
        self._buffer.clear()
        while self._fill():
            self._buffer.clear()


def _parse_part_headers(block: bytes) -> dict[str, tuple[str, dict[str, str]]]:
    headers: dict[str, tuple[str, dict[str, str]]] = {}
    if not block:
        return headers
    for line in block.decode("utf-8", "replace").split("\r\n"):
        name, sep, value = line.partition(":")
        if not sep:
            raise MultiPartParserError(f"Malformed multipart part header line: {line[:100]!r}.")
        try:
            headers[name.strip().lower()] = parse_header_parameters(value.strip())
        except ValueError as exc:
            raise SuspiciousMultipartForm(str(exc)) from exc
    return headers


def _decode_base64_stream(chunks: Iterator[bytes]) -> Iterator[bytes]:
    # Base64 decodes in 4-character groups; carry the remainder over to the next chunk.
    carry = b""
    for chunk in chunks:
        data = carry + b"".join(chunk.split())
        usable = len(data) - len(data) % 4
        carry = data[usable:]
        if usable:
            try:
                yield base64.b64decode(data[:usable], validate=True)
            except binascii.Error as exc:
                raise MultiPartParserError("Could not decode base64 data.") from exc
    if carry:
        raise MultiPartParserError("Could not decode base64 data: truncated input.")


class MultiPartParser:
    """Parse a multipart/form-data body into ``(POST, FILES)``.

    ``META`` supplies CONTENT_TYPE (with the boundary) and CONTENT_LENGTH;
    ``input_data`` is a file-like object (usually the request); file data goes to
    ``upload_handlers``.
    """

    def __init__(
        self,
        META: dict,
        input_data: Any,
        upload_handlers: list,
        encoding: str | None = None,
    ):
        content_type = META.get("CONTENT_TYPE", "")
        if not content_type.startswith("multipart/"):
            raise MultiPartParserError(f"Invalid Content-Type: {content_type!r}")
        try:
            _ctype, opts = parse_header_parameters(content_type)
        except ValueError as exc:
            raise MultiPartParserError(str(exc)) from exc
        boundary = opts.get("boundary")
        if not boundary or not _BOUNDARY.match(boundary):
            raise MultiPartParserError(
                f"Invalid boundary in multipart: {boundary!r}; it must be 1 to 70 "
                "printable ASCII characters."
            )
        try:
            content_length = int(META.get("CONTENT_LENGTH") or 0)
        except (ValueError, TypeError):
            content_length = 0
        if content_length < 0:
            raise MultiPartParserError(f"Invalid content length: {content_length!r}")

        self._settings = settings
        self._meta = META
        self._input_data = input_data
        self._upload_handlers = upload_handlers
        self._encoding = encoding or settings.DEFAULT_CHARSET
        self._boundary = boundary.encode("ascii")
        self._content_length = content_length
        sizes = [h.chunk_size for h in upload_handlers if getattr(h, "chunk_size", None)]
        self._chunk_size = min([2**31 - 4, *sizes])

    def parse(self) -> tuple[QueryDict, MultiValueDict]:
        """Parse the body; return ``(POST QueryDict, FILES MultiValueDict)``."""
        if self._content_length == 0:
            return QueryDict(encoding=self._encoding), MultiValueDict()
        for handler in self._upload_handlers:
            result = handler.handle_raw_input(
                self._input_data,
                self._meta,
                self._content_length,
                self._boundary,
                self._encoding,
            )
            if result is not None:
                return result[0], result[1]

        self._post = QueryDict(mutable=True, encoding=self._encoding)
        self._files = MultiValueDict()
        reader = _BoundaryReader(
            self._input_data, self._boundary, self._content_length, self._chunk_size
        )
        try:
            self._parse_parts(reader)
        except _uploadhandler.StopUpload as exc:
            # Files completed so far are kept; the one being received is dropped.
            self._discard_current_files()
            if not exc.connection_reset:
                reader.exhaust()
        except BaseException:
            # Nothing of a failed parse is kept: release every file now rather than
            # at garbage collection (temporary files are deleted on close).
            for handler in self._upload_handlers:
                handler.upload_interrupted()
            for _name, files in self._files.lists():
                for file in files:
                    file.close()
            raise
        else:
            reader.exhaust()
        for handler in self._upload_handlers:
            if handler.upload_complete():
                break
        self._post._mutable = False
        return self._post, self._files

    def _discard_current_files(self) -> None:
        # Close what handlers hold for an unfinished file, never a completed upload
        # (nor the buffer an InMemoryUploadedFile wraps).
        kept = set()
        for _name, files in self._files.lists():
            for file in files:
                kept.update((id(file), id(getattr(file, "file", None))))
        for handler in self._upload_handlers:
            file = getattr(handler, "file", None)
            if file is not None and id(file) not in kept and hasattr(file, "close"):
                try:
                    file.close()
                except OSError:
                    pass

    def _parse_parts(self, reader: _BoundaryReader) -> None:
        settings = self._settings
        max_fields = settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
        max_files = settings.DATA_UPLOAD_MAX_NUMBER_FILES
        max_memory = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        num_fields = num_files = field_bytes = 0

        reader.skip_until_delimiter()  # the preamble, usually empty
        while reader.after_delimiter():
            headers = _parse_part_headers(reader.headers())
            disposition, params = headers.get("content-disposition", ("", {}))
            field_name = params.get("name")
            is_file = "filename" in params
            # Every part counts, so that nameless or skipped parts cannot be sent by the
            # million for free.
            if is_file:
                num_files += 1
                if max_files is not None and num_files > max_files:
                    raise TooManyFilesSent(
                        "The number of files exceeded settings.DATA_UPLOAD_MAX_NUMBER_FILES "
                        f"({max_files})."
                    )
            else:
                num_fields += 1
                if max_fields is not None and num_fields > max_fields:
                    raise TooManyFieldsSent(
                        "The number of GET/POST parameters exceeded "
                        f"settings.DATA_UPLOAD_MAX_NUMBER_FIELDS ({max_fields})."
                    )
            if disposition != "form-data" or field_name is None:
                reader.skip_until_delimiter()
                continue
            transfer_encoding = headers.get("content-transfer-encoding", ("", {}))[0]
            base64_encoded = transfer_encoding.strip().lower() == "base64"
            if not is_file:
                field_bytes += len(field_name) + 2
                chunks = []
                for chunk in reader.data_until_delimiter():
                    field_bytes += len(chunk)
                    if max_memory is not None and field_bytes > max_memory:
                        raise RequestDataTooBig(
                            "Request body exceeded settings.DATA_UPLOAD_MAX_MEMORY_SIZE "
                            f"({max_memory})."
                        )
                    chunks.append(chunk)
                raw = b"".join(chunks)
                if base64_encoded:
                    try:
                        raw = base64.b64decode(raw)
                    except binascii.Error:
                        pass  # not base64 after all: keep the data as sent
                self._post.appendlist(field_name, raw.decode(self._encoding, "replace"))
                continue
            file_name = self.sanitize_file_name(params["filename"])
            if not file_name:
                reader.skip_until_delimiter()
                continue
            self._handle_file(reader, headers, field_name, file_name, base64_encoded)

    def _handle_file(
        self,
        reader: _BoundaryReader,
        headers: dict,
        field_name: str,
        file_name: str,
        base64_encoded: bool,
    ) -> None:
        from framework.core.files.uploadhandler import SkipFile, StopFutureHandlers

        content_type, type_params = headers.get("content-type", ("", {}))
        charset = type_params.get("charset")
        try:
            part_length: int | None = int(headers.get("content-length", ("", {}))[0])
        except ValueError:
            part_length = None
        handlers = self._upload_handlers
        counters = [0] * len(handlers)
        try:
            for handler in handlers:
                try:
                    handler.new_file(
                        field_name,
                        file_name,
                        content_type,
                        part_length,
                        charset,
                        type_params,
                    )
                except StopFutureHandlers:
                    break
            chunks = reader.data_until_delimiter()
            if base64_encoded:
                chunks = _decode_base64_stream(chunks)
            for chunk in chunks:
                for i, handler in enumerate(handlers):
                    size = len(chunk)
                    chunk = handler.receive_data_chunk(chunk, counters[i])
                    counters[i] += size
                    if chunk is None:
                        break
        except SkipFile:
            self._discard_current_files()
            reader.finish_part()
            return
        for i, handler in enumerate(handlers):
            file_obj = handler.file_complete(counters[i])
            if file_obj is not None:
                self._files.appendlist(field_name, file_obj)
                break

    @staticmethod
    def sanitize_file_name(file_name: str) -> str | None:
        """Reduce a client's file name to a safe base name; None if nothing usable is left.

        Directory parts (``/`` and ``\\``), HTML entities used to smuggle them and
        non-printable characters are removed; ``.`` and ``..`` are refused.
        """
        import html  # only uploads need it (about 0.3 MiB per process otherwise)

        file_name = html.unescape(file_name)
        file_name = file_name.rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
        file_name = "".join(char for char in file_name if char.isprintable()).strip()
        if file_name in {"", ".", ".."}:
            return None
        return file_name
