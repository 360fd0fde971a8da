"""Text helpers: gzip compression of response bodies, small string utilities."""

from __future__ import annotations

import io
import re
import secrets
import string
from collections.abc import Iterable, Iterator

from framework.utils.deferred import lazy_module

# Only GZipMiddleware and the cache compress: gzip (with zlib) loads on first use.
gzip = lazy_module("gzip")

# A fixed mtime keeps compressed output deterministic (ETags, tests).
_GZIP_MTIME = 0
_NAME_CHARS = string.ascii_letters + string.digits


def _random_name(max_random_bytes: int | None) -> str:
    # BREACH mitigation: a random-length file name in the gzip header makes the
    # compressed length vary between responses with identical bodies.
    if not max_random_bytes:
        return ""
    length = secrets.randbelow(max_random_bytes) + 1
    return "".join(secrets.choice(_NAME_CHARS) for _ in range(length))


def compress_string(s: bytes, *, max_random_bytes: int | None = None) -> bytes:
    """Return ``s`` gzip-compressed; ``max_random_bytes`` pads the header randomly."""
    if not max_random_bytes:
        return gzip.compress(s, compresslevel=6, mtime=_GZIP_MTIME)
    buf = io.BytesIO()
    with gzip.GzipFile(
        filename=_random_name(max_random_bytes),
        mode="wb",
        compresslevel=6,
        fileobj=buf,
        mtime=_GZIP_MTIME,
    ) as zfile:
        zfile.write(s)
    return buf.getvalue()


class _StreamingBuffer(io.BytesIO):
    """A BytesIO that hands out and forgets what has been written so far."""

    def read(self, size: int | None = -1) -> bytes:  # noqa: ARG002 - file protocol
        ret = self.getvalue()
        self.seek(0)
        self.truncate()
        return ret


def compress_sequence(
    sequence: Iterable[bytes], *, max_random_bytes: int | None = None
) -> Iterator[bytes]:
    """Gzip an iterable of byte chunks lazily, yielding compressed chunks.

    Each input chunk is flushed so a streaming response reaches the client as it is
    produced instead of waiting for the compressor's internal buffer to fill.
    """
    buf = _StreamingBuffer()
    with gzip.GzipFile(
        filename=_random_name(max_random_bytes),
        mode="wb",
        compresslevel=6,
        fileobj=buf,
        mtime=_GZIP_MTIME,
    ) as zfile:
        header = buf.read()
        if header:
            yield header
        for item in sequence:
            zfile.write(item)
            zfile.flush()
            data = buf.read()
            if data:
                yield data
    tail = buf.read()
    if tail:
        yield tail


_CAMEL_RE = re.compile(r"(((?<=[a-z])[A-Z])|([A-Z](?![A-Z]|$)))")


def camel_case_to_spaces(value: str) -> str:
    """Split CamelCase and lowercase it: ``"HttpResponse"`` -> ``"http response"``."""
    return _CAMEL_RE.sub(r" \1", value).strip().lower()


def get_text_list(items: list[str], last_word: str = "or") -> str:
    """Join ``["a", "b", "c"]`` as ``"a, b or c"``."""
    if not items:
        return ""
    if len(items) == 1:
        return str(items[0])
    return f"{', '.join(str(i) for i in items[:-1])} {last_word} {items[-1]}"


def capfirst(value: str) -> str:
    """Uppercase the first character of ``value``."""
    value = str(value)
    return value[:1].upper() + value[1:]
