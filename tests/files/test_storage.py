"""FileSystemStorage, the storages handler and file-name validation."""

from __future__ import annotations

import os
import stat

import pytest

from framework.core.exceptions import SuspiciousFileOperation
from framework.core.files.base import ContentFile, File
from framework.core.files.storage import (
    FileSystemStorage,
    InvalidStorageError,
    Storage,
    StorageHandler,
    default_storage,
    storages,
)
from framework.core.files.uploadedfile import SimpleUploadedFile
from framework.core.files.utils import get_valid_filename, validate_file_name

HOSTILE_NAMES = [
    "../../etc/passwd",
    "..\\..\\windows\\win.ini",
    "a/../../b.txt",
    "/etc/passwd",
    "C:\\evil.txt",
    "nul\x00byte.txt",
    "..",
    "",
]


@pytest.fixture
def storage(tmp_path):
    """A storage over a fresh directory, served under /media/."""
    return FileSystemStorage(location=tmp_path / "media", base_url="/media/")


def test_save_open_roundtrip(storage):
    """save() writes the content and returns the name; open() reads it back."""
    name = storage.save("docs/hello.txt", ContentFile(b"hello world"))
    assert name == "docs/hello.txt"
    with storage.open(name) as handle:
        assert handle.read() == b"hello world"
    assert storage.exists(name)
    assert storage.size(name) == 11
    assert storage.path(name) == os.path.join(storage.location, "docs", "hello.txt")


def test_save_plain_file_object_and_text_chunks(storage, tmp_path):
    """Objects without chunks() are wrapped in File; str chunks are written as UTF-8."""
    source = tmp_path / "src.bin"
    source.write_bytes(b"\x00\x01")
    with open(source, "rb") as handle:
        assert storage.save("raw.bin", handle) == "raw.bin"
    assert storage.open("raw.bin").read() == b"\x00\x01"
    assert storage.save("text.txt", ContentFile("héllo")) == "text.txt"
    assert storage.open("text.txt").read() == "héllo".encode()


def test_no_overwrite_gets_random_suffix(storage):
    """Saving to a taken name keeps the old file and uses name_<7 chars>.ext."""
    first = storage.save("a.txt", ContentFile(b"1"))
    second = storage.save("a.txt", ContentFile(b"2"))
    assert first == "a.txt"
    assert second != first and second.startswith("a_") and second.endswith(".txt")
    assert len(second) == len("a_1234567.txt")
    assert storage.open(first).read() == b"1"
    assert storage.open(second).read() == b"2"


def test_alternative_name_keeps_all_suffixes(storage):
    """A taken archive.tar.gz becomes archive_<random>.tar.gz."""
    storage.save("archive.tar.gz", ContentFile(b"x"))
    other = storage.save("archive.tar.gz", ContentFile(b"y"))
    assert other.startswith("archive_") and other.endswith(".tar.gz")


def test_max_length_truncates_root(storage):
    """get_available_name() shortens the root to fit max_length, or fails clearly."""
    storage.save("verylongname.txt", ContentFile(b"x"))
    name = storage.get_available_name("verylongname.txt", max_length=20)
    assert len(name) <= 20 and name.endswith(".txt")
    with pytest.raises(SuspiciousFileOperation, match="available filename"):
        storage.get_available_name("verylongname.txt", max_length=12)


def test_allow_overwrite(tmp_path):
    """allow_overwrite=True replaces the file under the same name."""
    storage = FileSystemStorage(location=tmp_path, allow_overwrite=True)
    storage.save("a.txt", ContentFile(b"first, longer"))
    assert storage.save("a.txt", ContentFile(b"2nd")) == "a.txt"
    assert storage.open("a.txt").read() == b"2nd"


def test_temporary_uploaded_file_is_moved(storage, settings, tmp_path):
    """A TemporaryUploadedFile is moved into place rather than copied chunk by chunk."""
    from framework.core.files.uploadedfile import TemporaryUploadedFile

    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    upload = TemporaryUploadedFile("up.txt", "text/plain", 5, "utf-8")
    upload.write(b"abcde")
    upload.flush()
    temp_path = upload.temporary_file_path()
    name = storage.save("up.txt", upload)
    upload.close()
    assert storage.open(name).read() == b"abcde"
    assert not os.path.exists(temp_path)


def test_uploaded_file_saved(storage):
    """An in-memory upload saves under its own name when name is None."""
    upload = SimpleUploadedFile("photo.jpg", b"JPEG")
    assert storage.save(None, upload) == "photo.jpg"


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_hostile_names_refused_by_save(storage, name):
    """Traversal, absolute, drive-letter and NUL names raise SuspiciousFileOperation."""
    with pytest.raises(SuspiciousFileOperation):
        storage.save(name, ContentFile(b"evil"))
    assert not os.path.exists("/tmp/evil")


@pytest.mark.parametrize("name", ["../../etc/passwd", "/etc/passwd", "a/../../x", "x\x00y"])
def test_hostile_names_refused_by_path_open_delete(storage, name):
    """path(), open(), exists() and delete() never reach outside the location."""
    for operation in (storage.path, storage.open, storage.exists, storage.delete):
        with pytest.raises(SuspiciousFileOperation):
            operation(name)


def test_traversal_error_names_the_culprit(storage):
    """The error quotes the offending name."""
    with pytest.raises(SuspiciousFileOperation, match=r"'\.\./\.\./etc/passwd'"):
        storage.save("../../etc/passwd", ContentFile(b""))


def test_symlink_escape_via_join_is_refused(storage):
    """A name resolving to the location's sibling ("../media2/x") is refused."""
    with pytest.raises(SuspiciousFileOperation, match="outside of the base path"):
        storage.path("../media2/x")


def test_validate_file_name():
    """validate_file_name accepts plain names, and relative paths only when allowed."""
    assert validate_file_name("a.txt") == "a.txt"
    assert validate_file_name("dir/a.txt", allow_relative_path=True) == "dir/a.txt"
    with pytest.raises(SuspiciousFileOperation, match="path elements"):
        validate_file_name("dir/a.txt")
    with pytest.raises(SuspiciousFileOperation, match="traversal"):
        validate_file_name("dir/../../a.txt", allow_relative_path=True)


def test_generate_filename_cleans_last_component(storage):
    """generate_filename() keeps directories and cleans the file name."""
    assert storage.generate_filename("up/my file!.txt") == "up/my_file.txt"
    with pytest.raises(SuspiciousFileOperation):
        storage.generate_filename("../x.txt")


def test_get_valid_filename():
    """Spaces become underscores; characters outside [-\\w.] go; empty results raise."""
    assert get_valid_filename("john's portrait in 2004.jpg") == "johns_portrait_in_2004.jpg"
    with pytest.raises(SuspiciousFileOperation):
        get_valid_filename("???")


def test_listdir_and_delete(storage):
    """listdir() gives sorted (dirs, files); delete() removes files and ignores missing ones."""
    storage.save("b.txt", ContentFile(b"b"))
    storage.save("a.txt", ContentFile(b"a"))
    storage.save("sub/c.txt", ContentFile(b"c"))
    assert storage.listdir("") == (["sub"], ["a.txt", "b.txt"])
    storage.delete("a.txt")
    storage.delete("a.txt")
    assert not storage.exists("a.txt")
    with pytest.raises(ValueError, match="name must be given"):
        storage.delete("")


def test_url(storage):
    """url() joins base_url and the quoted name; no base_url means no URL."""
    assert storage.url("dir/a b.txt") == "/media/dir/a%20b.txt"
    assert storage.url("é.txt") == "/media/%C3%A9.txt"


def test_url_without_base_url(settings):
    """With base_url None and MEDIA_URL None the file has no URL: ValueError."""
    settings.MEDIA_URL = None
    with pytest.raises(ValueError, match="not accessible via a URL"):
        FileSystemStorage(location="/tmp").url("x")


def test_base_url_gets_trailing_slash():
    """A base_url without a trailing slash gets one."""
    assert FileSystemStorage(location="/tmp", base_url="/m").url("x") == "/m/x"


def test_settings_defaults_follow_overrides(settings, tmp_path):
    """Without arguments the storage uses MEDIA_ROOT/MEDIA_URL, re-read when they change."""
    storage = FileSystemStorage()
    settings.MEDIA_ROOT = str(tmp_path / "one")
    settings.MEDIA_URL = "/uploads/"
    assert storage.location == str(tmp_path / "one")
    assert storage.url("x.png") == "/uploads/x.png"
    settings.MEDIA_ROOT = str(tmp_path / "two")
    assert storage.location == str(tmp_path / "two")


def test_permissions(tmp_path):
    """File and directory modes follow the permission settings exactly (umask ignored)."""
    storage = FileSystemStorage(
        location=tmp_path, file_permissions_mode=0o640, directory_permissions_mode=0o750
    )
    name = storage.save("deep/dir/f.txt", ContentFile(b"x"))
    assert stat.S_IMODE(os.stat(storage.path(name)).st_mode) == 0o640
    assert stat.S_IMODE(os.stat(tmp_path / "deep" / "dir").st_mode) == 0o750


def test_times_are_aware_with_use_tz(storage):
    """get_*_time() return aware datetimes when USE_TZ is on."""
    storage.save("t.txt", ContentFile(b"x"))
    for getter in (storage.get_modified_time, storage.get_accessed_time, storage.get_created_time):
        assert getter("t.txt").tzinfo is not None


def test_base_storage_is_abstract():
    """The base class says which method a subclass must provide."""
    with pytest.raises(NotImplementedError, match="exists"):
        Storage().exists("x")


def test_storage_handler_builds_from_storages(settings, tmp_path):
    """storages[alias] builds the configured backend with OPTIONS once; unknown aliases fail."""
    settings.STORAGES = {
        "default": {
            "BACKEND": "framework.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path), "base_url": "/files/"},
        },
        "staticfiles": {"BACKEND": "framework.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    assert storages["default"] is storages["default"]
    assert storages["default"].location == str(tmp_path)
    assert default_storage.url("a") == "/files/a"
    with pytest.raises(InvalidStorageError, match="'nope'"):
        storages["nope"]


def test_storage_handler_bad_backend():
    """A backend path that cannot be imported names the alias and the path."""
    handler = StorageHandler({"x": {"BACKEND": "no.such.Storage"}})
    with pytest.raises(InvalidStorageError, match=r"'no\.such\.Storage'.*'x'"):
        handler["x"]


def test_file_wrapper_from_open(storage):
    """open() returns a File whose name is the full path."""
    storage.save("n.txt", ContentFile(b"n"))
    handle = storage.open("n.txt")
    assert isinstance(handle, File)
    assert handle.name == storage.path("n.txt")
    handle.close()
