"""FileBasedCache specifics: the directory, one file per key, atomic writes."""

from __future__ import annotations

import os
import stat
import threading

from framework.core.cache.backends.filebased import FileBasedCache


def test_creates_private_directory(tmp_path):
    """The LOCATION directory is created on demand, mode 0700."""
    location = tmp_path / "deep" / "cache"
    c = FileBasedCache(str(location), {})
    c.set("k", "v")
    assert stat.S_IMODE(os.stat(location).st_mode) == 0o700
    assert len(list(location.iterdir())) == 1
    assert c.get("k") == "v"


def test_directory_removed_meanwhile(tmp_path):
    """A deleted directory is created again on the next write."""
    location = tmp_path / "cache"
    c = FileBasedCache(str(location), {})
    os.rmdir(location)
    c.set("k", "v")
    assert c.get("k") == "v"


def test_clear_leaves_foreign_files(tmp_path):
    """clear() removes cache files only."""
    c = FileBasedCache(str(tmp_path), {})
    (tmp_path / "README").write_text("keep me")
    c.set("k", "v")
    c.clear()
    assert [p.name for p in tmp_path.iterdir()] == ["README"]


def test_readers_never_see_partial_writes(tmp_path):
    """While one thread rewrites a large value, readers get the whole value every time."""
    c = FileBasedCache(str(tmp_path), {})
    values = [bytes([i]) * 500_000 for i in range(4)]
    c.set("big", values[0])
    stop = threading.Event()
    bad = []

    def writer():
        i = 0
        while not stop.is_set():
            i += 1
            FileBasedCache(str(tmp_path), {}).set("big", values[i % 4])

    def reader():
        reader_cache = FileBasedCache(str(tmp_path), {})
        for _ in range(150):
            got = reader_cache.get("big")
            if got not in values:
                bad.append(None if got is None else len(got))

    w = threading.Thread(target=writer)
    readers = [threading.Thread(target=reader) for _ in range(3)]
    w.start()
    for r in readers:
        r.start()
    for r in readers:
        r.join()
    stop.set()
    w.join()
    assert bad == []
    assert not [p for p in tmp_path.iterdir() if not p.name.endswith(".fwcache")]
