"""``File``: a thin wrapper around a Python file object; ``ContentFile`` for in-memory data."""

from __future__ import annotations

import os
from collections.abc import Iterator
from io import BytesIO, StringIO, UnsupportedOperation
from typing import Any

from framework.utils.functional import cached_property


class FileProxyMixin:
    """Delegate the file-object API to ``self.file``."""

    file: Any

    def __getattr__(self, name: str) -> Any:
        if name in _PROXIED and "file" in self.__dict__ and self.__dict__["file"] is not None:
            return getattr(self.__dict__["file"], name)
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    @property
    def closed(self) -> bool:
        return not self.file or self.file.closed

    def readable(self) -> bool:
        if self.closed:
            return False
        return self.file.readable() if hasattr(self.file, "readable") else True

    def writable(self) -> bool:
        if self.closed:
            return False
        if hasattr(self.file, "writable"):
            return self.file.writable()
        return "w" in getattr(self.file, "mode", "")

    def seekable(self) -> bool:
        if self.closed:
            return False
        return self.file.seekable() if hasattr(self.file, "seekable") else True


_PROXIED = frozenset(
    (
        "encoding",
        "fileno",
        "flush",
        "isatty",
        "newlines",
        "read",
        "readinto",
        "readline",
        "readlines",
        "seek",
        "tell",
        "truncate",
        "write",
        "writelines",
    )
)


class File(FileProxyMixin):
    """A file with a ``name``, a ``size`` and ``chunks()`` for reading it piece by piece."""

    DEFAULT_CHUNK_SIZE = 64 * 2**10

    def __init__(self, file: Any, name: str | None = None):
        self.file = file
        if name is None:
            name = getattr(file, "name", None)
        self.name = name
        if hasattr(file, "mode"):
            self.mode = file.mode

    def __str__(self) -> str:
        return self.name or ""

    def __repr__(self) -> str:
        return f"<{type(self).__name__}: {self or 'None'}>"

    def __bool__(self) -> bool:
        return bool(self.name)

    def __len__(self) -> int:
        return self.size

    @cached_property
    def size(self) -> int:
        """The size in bytes, from the file object, its path or by seeking to the end."""
        if hasattr(self.file, "size"):
            return self.file.size
        if hasattr(self.file, "name"):
            try:
                return os.path.getsize(self.file.name)
            except (OSError, TypeError):
                pass
        if hasattr(self.file, "tell") and hasattr(self.file, "seek"):
            position = self.file.tell()
            self.file.seek(0, os.SEEK_END)
            size = self.file.tell()
            self.file.seek(position)
            return size
        raise AttributeError(f"Unable to determine the file's size: {self!r}")

    def chunks(self, chunk_size: int | None = None) -> Iterator[bytes]:
        """Yield the file's content from the start in ``chunk_size`` pieces."""
        chunk_size = chunk_size or self.DEFAULT_CHUNK_SIZE
        try:
            self.seek(0)
        except (AttributeError, UnsupportedOperation):
            pass
        while data := self.read(chunk_size):
            yield data

    def multiple_chunks(self, chunk_size: int | None = None) -> bool:
        """True if ``chunks()`` would yield more than one piece."""
        return self.size > (chunk_size or self.DEFAULT_CHUNK_SIZE)

    def __iter__(self) -> Iterator:
        # Lines may end in \n, \r or \r\n, and may straddle chunk boundaries.
        buffer_ = None
        for chunk in self.chunks():
            for line in chunk.splitlines(True):
                if buffer_:
                    if _endswith_cr(buffer_) and not _equals_lf(line):
                        yield buffer_
                    else:
                        line = buffer_ + line
                    buffer_ = None
                if _endswith_lf(line):
                    yield line
                else:
                    buffer_ = line
        if buffer_ is not None:
            yield buffer_

    def __enter__(self) -> File:
        return self

    def __exit__(self, *exc_info: Any) -> None:
        self.close()

    def open(self, mode: str | None = None, *args: Any, **kwargs: Any) -> File:
        """Reopen (or rewind) the file."""
        if not self.closed:
            self.seek(0)
        elif self.name and os.path.exists(self.name):
            self.file = open(self.name, mode or self.mode, *args, **kwargs)  # noqa: SIM115
        else:
            raise ValueError(f"The file {self.name!r} cannot be reopened.")
        return self

    def close(self) -> None:
        """Close the underlying file object."""
        self.file.close()


def _endswith_cr(line: Any) -> bool:
    return line.endswith("\r" if isinstance(line, str) else b"\r")


def _endswith_lf(line: Any) -> bool:
    return line.endswith("\n" if isinstance(line, str) else b"\n")


def _equals_lf(line: Any) -> bool:
    return line == ("\n" if isinstance(line, str) else b"\n")


class ContentFile(File):
    """A File whose content is a str or bytes held in memory."""

    def __init__(self, content: str | bytes, name: str | None = None):
        stream_class = StringIO if isinstance(content, str) else BytesIO
        super().__init__(stream_class(content), name=name)
        self.size = len(content)

    def __str__(self) -> str:
        return "Raw content"

    def __bool__(self) -> bool:
        return True

    def open(self, mode: str | None = None, *args: Any, **kwargs: Any) -> ContentFile:
        self.seek(0)
        return self

    def close(self) -> None:
        pass

    def write(self, data: Any) -> int:
        self.__dict__.pop("size", None)  # the cached size is stale now
        return self.file.write(data)
