"""A save that fails half-way (a full disk) leaves no partial file behind (fast tests)."""

from __future__ import annotations

import errno

import pytest

from framework.core.files.base import ContentFile, File
from framework.core.files.storage import FileSystemStorage


class _DiskFillsUp(ContentFile):
    """Content whose second chunk meets a full disk."""

    def chunks(self, chunk_size=None):
        yield b"first part"
        raise OSError(errno.ENOSPC, "No space left on device")


@pytest.mark.parametrize("allow_overwrite", [False, True])
def test_a_failed_write_leaves_no_partial_file(tmp_path, allow_overwrite):
    storage = FileSystemStorage(location=tmp_path, allow_overwrite=allow_overwrite)
    with pytest.raises(OSError) as raised:
        storage.save("uploads/doc.bin", _DiskFillsUp(b""))
    assert raised.value.errno == errno.ENOSPC
    assert list((tmp_path / "uploads").iterdir()) == []


def test_a_failed_copy_of_a_temporary_upload_leaves_no_partial_file(tmp_path, monkeypatch):
    # A temporary upload on another filesystem is copied, not renamed; the copy meets a
    # full disk after its first block.
    import shutil

    source = tmp_path / "upload.tmp"
    source.write_bytes(b"x" * 10000)

    def copy_until_full(src, dst, *args, **kwargs):
        with open(dst, "wb") as out:
            out.write(b"x" * 4096)
        raise OSError(errno.ENOSPC, "No space left on device")

    class Temporary(File):
        def temporary_file_path(self):
            return str(source)

    monkeypatch.setattr(shutil, "move", copy_until_full)
    storage = FileSystemStorage(location=tmp_path / "media")
    with open(source, "rb") as handle, pytest.raises(OSError):
        storage.save("doc.bin", Temporary(handle))
    assert list((tmp_path / "media").iterdir()) == []
