"""``FileBasedCache``: one file per key in the LOCATION directory.

A file holds the expiry time (pickled) then the zlib-compressed pickled value. Writes
go to a temporary file renamed into place, so that readers never see half a value.
"""

from __future__ import annotations

import glob
import hashlib
import os
import pickle
import random
import tempfile
import time
import zlib
from typing import Any, BinaryIO

from framework.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache


class FileBasedCache(BaseCache):
    """File-system cache; LOCATION is an absolute directory, created when needed."""

    cache_suffix = ".fwcache"
    pickle_protocol = pickle.HIGHEST_PROTOCOL

    def __init__(self, dir: str, params: dict[str, Any]):
        super().__init__(params)
        self._dir = os.path.abspath(dir)
        self._createdir()

    def __repr__(self) -> str:
        return f"<FileBasedCache dir={self._dir!r}>"

    def _createdir(self) -> None:
        # 0o700: cached values may be private to the project. Not through os.umask(): it is
        # process-wide, and threads creating caches at once could leave it at 0o077.
        existed = os.path.isdir(self._dir)
        os.makedirs(self._dir, 0o700, exist_ok=True)
        if not existed:
            os.chmod(self._dir, 0o700)

    def _key_to_file(self, key: Any, version: int | None = None) -> str:
        key = self.make_and_validate_key(key, version=version)
        digest = hashlib.md5(key.encode(), usedforsecurity=False).hexdigest()
        return os.path.join(self._dir, digest + self.cache_suffix)

    def _list_cache_files(self) -> list[str]:
        return glob.glob(os.path.join(glob.escape(self._dir), "*" + self.cache_suffix))

    def _is_expired(self, f: BinaryIO) -> bool:
        """True if the open file has expired (it is then deleted)."""
        try:
            expiry = pickle.load(f)
        except EOFError:
            expiry = 0
        if expiry is not None and expiry < time.time():
            f.close()
            self._delete(f.name)
            return True
        return False

    def _write_content(self, f: BinaryIO, timeout: Any, value: Any) -> None:
        f.write(pickle.dumps(self.get_backend_timeout(timeout), self.pickle_protocol))
        f.write(zlib.compress(pickle.dumps(value, self.pickle_protocol)))

    def _write_atomic(self, fname: str, value: Any, timeout: Any) -> None:
        self._createdir()
        fd, tmp_path = tempfile.mkstemp(dir=self._dir)
        renamed = False
        try:
            with open(fd, "wb") as f:
                self._write_content(f, timeout, value)
            os.replace(tmp_path, fname)
            renamed = True
        finally:
            if not renamed:
                os.remove(tmp_path)

    def _delete(self, fname: str) -> bool:
        try:
            os.remove(fname)
        except FileNotFoundError:
            return False
        return True

    def _cull(self) -> None:
        filelist = self._list_cache_files()
        if len(filelist) < self._max_entries:
            return
        if self._cull_frequency == 0:
            return self.clear()
        for fname in random.sample(filelist, int(len(filelist) / self._cull_frequency)):
            self._delete(fname)
        return None

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None) -> bool:
        if self.has_key(key, version):
            return False
        self.set(key, value, timeout, version)
        return True

    def get(self, key, default=None, version=None) -> Any:
        fname = self._key_to_file(key, version)
        try:
            with open(fname, "rb") as f:
                if not self._is_expired(f):
                    return pickle.loads(zlib.decompress(f.read()))
        except FileNotFoundError:
            pass
        return default

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None) -> None:
        fname = self._key_to_file(key, version)
        self._cull()
        self._write_atomic(fname, value, timeout)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None) -> bool:
        fname = self._key_to_file(key, version)
        try:
            with open(fname, "rb") as f:
                if self._is_expired(f):
                    return False
                value = pickle.loads(zlib.decompress(f.read()))
        except FileNotFoundError:
            return False
        self._write_atomic(fname, value, timeout)
        return True

    def delete(self, key, version=None) -> bool:
        return self._delete(self._key_to_file(key, version))

    def has_key(self, key, version=None) -> bool:
        fname = self._key_to_file(key, version)
        try:
            with open(fname, "rb") as f:
                return not self._is_expired(f)
        except FileNotFoundError:
            return False

    def clear(self) -> None:
        for fname in self._list_cache_files():
            self._delete(fname)
