"""Sessions stored one file each in SESSION_FILE_PATH (default: the system's temp dir).

Files are named SESSION_COOKIE_NAME + key. Keys are checked against the characters
of generated keys before they touch the file system, so a cookie such as
``../../etc/passwd`` never names a path. A save writes a temporary file in the same
directory and renames it over the session file (atomic), holding an exclusive lock
on the session file meanwhile so that concurrent saves do not interleave.
"""

from __future__ import annotations

import datetime
import fcntl
import logging
import os
import tempfile
from typing import Any

from framework.conf import settings
from framework.contrib.sessions.backends.base import (
    VALID_KEY_CHARS,
    CreateError,
    SessionBase,
    UpdateError,
)
from framework.contrib.sessions.exceptions import InvalidSessionKey
from framework.core.exceptions import ImproperlyConfigured, SuspiciousOperation

_VALID_KEY_SET = frozenset(VALID_KEY_CHARS)

logger = logging.getLogger("framework.security.InvalidSessionKey")


def storage_path() -> str:
    """Return SESSION_FILE_PATH (or the temp dir); ImproperlyConfigured if it is no directory."""
    path = settings.SESSION_FILE_PATH or tempfile.gettempdir()
    if not os.path.isdir(path):
        raise ImproperlyConfigured(
            f"The session storage path {path!r} doesn't exist. Set SESSION_FILE_PATH to an "
            f"existing directory that the web server's user can write to."
        )
    return path


class SessionStore(SessionBase):
    """A session kept in a file of its own."""

    def __init__(self, session_key: str | None = None):
        self.storage_path = storage_path()
        self.file_prefix = settings.SESSION_COOKIE_NAME
        super().__init__(session_key)

    @classmethod
    def _get_storage_path(cls) -> str:
        return storage_path()

    def _validate_session_key(self, key: Any) -> bool:
        # Refuse at once what could not name one of our files.
        if not super()._validate_session_key(key):
            return False
        if _VALID_KEY_SET.issuperset(key):
            return True
        # No browser sends such a key by itself: worth a line in the security log.
        logger.warning("Invalid characters in session key %r.", key[:40])
        return False

    def _key_to_file(self, session_key: str | None = None) -> str:
        """Return the file of ``session_key`` (default: this session's, created if needed).

        Raises InvalidSessionKey for a key with other characters than generated keys have.
        """
        if session_key is None:
            session_key = self._get_or_create_session_key()
        if not session_key or not _VALID_KEY_SET.issuperset(session_key):
            raise InvalidSessionKey(f"Invalid characters in session key {session_key[:40]!r}.")
        return os.path.join(self.storage_path, self.file_prefix + session_key)

    def _last_modification(self) -> datetime.datetime:
        mtime = os.stat(self._key_to_file()).st_mtime
        return datetime.datetime.fromtimestamp(mtime, datetime.UTC if settings.USE_TZ else None)

    def _expiry_date(self, session_data: dict[str, Any]) -> Any:
        expiry = session_data.get("_session_expiry")
        if isinstance(expiry, str):
            return expiry
        # Seconds of inactivity (set_expiry(int) or SESSION_COOKIE_AGE) count from the
        # last save, which is the file's modification time.
        seconds = expiry or self.get_session_cookie_age()
        return self._last_modification() + datetime.timedelta(seconds=seconds)

    def load(self) -> dict[str, Any]:
        session_data: dict[str, Any] = {}
        try:
            with open(self._key_to_file(), encoding="ascii") as stream:
                file_data = stream.read()
            if file_data:
                session_data = self.decode(file_data)
                expiry_age = self.get_expiry_age(expiry=self._expiry_date(session_data))
                if expiry_age <= 0:
                    session_data = {}
                    self.delete()
                    self.create()
        except (OSError, UnicodeDecodeError, SuspiciousOperation):
            # Missing, unreadable or not ours: a new session starts on save.
            self._session_key = None
        return session_data

    def create(self) -> None:
        while True:
            self._session_key = self._get_new_session_key()
            try:
                self.save(must_create=True)
            except CreateError:
                continue
            self.modified = True
            return

    def save(self, must_create: bool = False) -> None:
        if self.session_key is None:
            return self.create()
        session_data = self._get_session(no_load=must_create)
        path = self._key_to_file()
        flags = os.O_WRONLY | (os.O_CREAT | os.O_EXCL if must_create else 0)
        try:
            fd = os.open(path, flags, 0o600)
        except FileNotFoundError:
            raise UpdateError(f"The session file {path!r} was deleted meanwhile.") from None
        except FileExistsError:
            raise CreateError(f"The session file {path!r} exists already.") from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            directory, name = os.path.split(path)
            tmp_fd, tmp_path = tempfile.mkstemp(dir=directory, prefix=f".{name}.", suffix=".tmp")
            try:
                with os.fdopen(tmp_fd, "w", encoding="ascii") as stream:
                    stream.write(self.encode(session_data))
                os.replace(tmp_path, path)
            except BaseException:
                try:
                    os.unlink(tmp_path)
                except OSError:
                    pass
                raise
        finally:
            os.close(fd)

    def exists(self, session_key: str) -> bool:
        try:
            return os.path.exists(self._key_to_file(session_key))
        except InvalidSessionKey:
            return False

    def delete(self, session_key: str | None = None) -> None:
        if session_key is None:
            if self.session_key is None:
                return
            session_key = self.session_key
        try:
            os.unlink(self._key_to_file(session_key))
        except (OSError, InvalidSessionKey):
            pass

    def clean(self) -> None:
        pass

    @classmethod
    def clear_expired(cls) -> None:
        """Delete the session files of SESSION_FILE_PATH that have expired."""
        path = storage_path()
        prefix = settings.SESSION_COOKIE_NAME
        for name in os.listdir(path):
            if not name.startswith(prefix):
                continue
            session_key = name.removeprefix(prefix)
            if not session_key or not _VALID_KEY_SET.issuperset(session_key):
                continue
            session = cls(session_key)
            # load() deletes an expired session; keep it from creating a new one instead.
            session.create = lambda: None  # type: ignore[method-assign]
            session.load()
