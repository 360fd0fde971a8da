"""framework.core.files: File, ContentFile and the uploaded-file classes."""

from __future__ import annotations

import os

import pytest

from framework.core.files import File
from framework.core.files.base import ContentFile
from framework.core.files.uploadedfile import (
    InMemoryUploadedFile,
    SimpleUploadedFile,
    TemporaryUploadedFile,
    UploadedFile,
)
from framework.core.files.uploadhandler import load_handler


def test_file_wraps_file_object(tmp_path):
    """File exposes name, size, chunks and line iteration of a real file."""
    path = tmp_path / "data.txt"
    path.write_bytes(b"one\ntwo\r\nthree\rfour")
    with File(open(path, "rb")) as f:
        assert f.name == str(path)
        assert f.size == 19 and len(f) == 19
        assert list(f) == [b"one\n", b"two\r\n", b"three\r", b"four"]
        assert b"".join(f.chunks(chunk_size=4)) == path.read_bytes()
        assert f.multiple_chunks(chunk_size=4) and not f.multiple_chunks()
        assert repr(f) == f"<File: {path}>"
        assert f.readable() and not f.closed
    assert f.closed


def test_file_reopen(tmp_path):
    """open() rewinds an open file and reopens a closed one by name."""
    path = tmp_path / "a.bin"
    path.write_bytes(b"abc")
    f = File(open(path, "rb"))
    f.read()
    f.open()
    assert f.read() == b"abc"
    f.close()
    f.open("rb")
    assert f.read() == b"abc"
    f.close()
    with pytest.raises(ValueError, match="cannot be reopened"):
        File(None, name="nowhere").open()


def test_content_file():
    """ContentFile holds str or bytes with a size; write() updates it."""
    f = ContentFile(b"bytes", name="n.bin")
    assert f.size == 5 and f.read() == b"bytes" and bool(f)
    assert str(f) == "Raw content"
    f.write(b"more")
    assert f.size == 9
    text = ContentFile("text")
    assert text.open().read() == "text"
    text.close()  # a no-op: the content stays readable
    assert text.open().read() == "text"


def test_uploaded_file_name_sanitised():
    """UploadedFile keeps only the base name and caps it at 255 characters."""
    assert UploadedFile(name="../../etc/passwd").name == "passwd"
    assert UploadedFile(name="C:\\dir\\evil.exe").name == "evil.exe"
    long_name = UploadedFile(name="a" * 300 + ".txt").name
    assert len(long_name) == 255 and long_name.endswith(".txt")
    assert UploadedFile(name=None).name is None
    assert repr(SimpleUploadedFile("x.png", b"", "image/png")) == (
        "<SimpleUploadedFile: x.png (image/png)>"
    )


def test_simple_uploaded_file():
    """SimpleUploadedFile is an in-memory upload with one chunk."""
    f = SimpleUploadedFile("a.txt", b"hello")
    assert isinstance(f, InMemoryUploadedFile)
    assert f.size == 5 and f.content_type == "text/plain"
    assert list(f.chunks()) == [b"hello"]
    assert not f.multiple_chunks()
    assert f.open().read() == b"hello"
    assert SimpleUploadedFile("e.txt", None).size == 0
    d = SimpleUploadedFile.from_dict({"filename": "d.txt", "content": b"x"})
    assert d.name == "d.txt" and d.read() == b"x"


def test_temporary_uploaded_file(settings, tmp_path):
    """TemporaryUploadedFile lives in FILE_UPLOAD_TEMP_DIR and disappears on close."""
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    f = TemporaryUploadedFile("big.dat", "application/octet-stream", 0, None)
    f.write(b"data")
    path = f.temporary_file_path()
    assert os.path.dirname(path) == str(tmp_path) and os.path.exists(path)
    f.close()
    assert not os.path.exists(path)
    moved = TemporaryUploadedFile("m.dat", None, 0, None)
    os.remove(moved.temporary_file_path())
    moved.close()  # already gone: no error


def test_load_handler():
    """load_handler imports and instantiates a handler by dotted path."""
    handler = load_handler("framework.core.files.uploadhandler.MemoryFileUploadHandler", "req")
    assert handler.request == "req"
    with pytest.raises(ImportError):
        load_handler("framework.core.files.uploadhandler.Nope")
