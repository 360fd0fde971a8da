"""``SessionBase``: the dictionary-like session object that every backend subclasses.

A backend provides ``exists``, ``create``, ``save``, ``delete``, ``load`` and the
class method ``clear_expired``; everything else (the dict API, expiry, key handling,
encoding) lives here. Data is loaded on first access only.
"""

from __future__ import annotations

import datetime
import functools
import logging
import string
from typing import Any

from framework.conf import settings
from framework.core import signing
from framework.utils.crypto import get_random_string
from framework.utils.functional import cached_property
from framework.utils.module_loading import import_string

__all__ = ["VALID_KEY_CHARS", "CreateError", "SessionBase", "UpdateError"]

# Generated keys use these only; a key with anything else was not made by us.
VALID_KEY_CHARS = string.ascii_lowercase + string.digits

logger = logging.getLogger("framework.security.SuspiciousSession")

_NOT_GIVEN = object()


class CreateError(Exception):
    """A new session could not be created because its key is already taken."""


class UpdateError(Exception):
    """The session could not be saved because it no longer exists."""


def now() -> datetime.datetime:
    """The current time: aware (UTC) when USE_TZ, naive local time otherwise."""
    if settings.USE_TZ:
        return datetime.datetime.now(tz=datetime.UTC)
    return datetime.datetime.now()


@functools.cache
def _serializer(path: str) -> type:
    # One store is built per request: import the serializer class once per process.
    return import_string(path)


class SessionBase:
    """Base class of every ``SessionStore``.

    ``accessed`` turns True once the data is read or written (the response then
    varies on Cookie) and ``modified`` once it is written (it is then saved).
    """

    TEST_COOKIE_NAME = "testcookie"
    TEST_COOKIE_VALUE = "worked"

    def __init__(self, session_key: str | None = None):
        if session_key is None:
            # No cookie (most requests): nothing to validate, so no property setter call.
            self.__session_key = None
        else:
            self._session_key = session_key
        self.accessed = False
        self.modified = False

    @cached_property
    def serializer(self) -> type:
        """The SESSION_SERIALIZER class (looked up when the data is first read or written:
        a store is built for every request, most never load it)."""
        return _serializer(settings.SESSION_SERIALIZER)

    def __repr__(self) -> str:
        key = self.session_key
        shown = f"{key[:8]}..." if key else None
        return f"<{type(self).__module__}.{type(self).__name__} key={shown!r}>"

    # ------------------------------------------------------------ dict API
    def __contains__(self, key: str) -> bool:
        return key in self._session

    def __getitem__(self, key: str) -> Any:
        return self._session[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self._session[key] = value
        self.modified = True

    def __delitem__(self, key: str) -> None:
        del self._session[key]
        self.modified = True

    def get(self, key: str, default: Any = None) -> Any:
        """Return the value of ``key``, or ``default``."""
        return self._session.get(key, default)

    def pop(self, key: str, default: Any = _NOT_GIVEN) -> Any:
        """Remove ``key`` and return its value (KeyError without a default)."""
        self.modified = self.modified or key in self._session
        if default is _NOT_GIVEN:
            return self._session.pop(key)
        return self._session.pop(key, default)

    def setdefault(self, key: str, value: Any) -> Any:
        """Return the value of ``key``, setting it to ``value`` first if missing."""
        if key in self._session:
            return self._session[key]
        self[key] = value
        return value

    def update(self, dict_: dict[str, Any]) -> None:
        """Set several keys at once."""
        self._session.update(dict_)
        self.modified = True

    def has_key(self, key: str) -> bool:
        """True if ``key`` is in the session."""
        return key in self._session

    def keys(self) -> Any:
        return self._session.keys()

    def values(self) -> Any:
        return self._session.values()

    def items(self) -> Any:
        return self._session.items()

    def clear(self) -> None:
        """Empty the session (the key is kept: use ``flush()`` to drop it too)."""
        # Set without loading: there is no point reading what is thrown away.
        self._session_cache = {}
        self.accessed = True
        self.modified = True

    def is_empty(self) -> bool:
        """True if the session has neither a key nor data (nothing to save, cookie to drop)."""
        # getattr with a default: a store that was never loaded (most requests) must not
        # pay for raising and catching an AttributeError.
        return not self._session_key and not getattr(self, "_session_cache", None)

    # ------------------------------------------------------------ test cookie
    def set_test_cookie(self) -> None:
        """Store a value to check on the next request that the client keeps cookies."""
        self[self.TEST_COOKIE_NAME] = self.TEST_COOKIE_VALUE

    def test_cookie_worked(self) -> bool:
        """True if the value stored by ``set_test_cookie()`` came back."""
        return self.get(self.TEST_COOKIE_NAME) == self.TEST_COOKIE_VALUE

    def delete_test_cookie(self) -> None:
        """Remove the value stored by ``set_test_cookie()``."""
        del self[self.TEST_COOKIE_NAME]

    # ------------------------------------------------------------ encoding
    @property
    def key_salt(self) -> str:
        """The signing salt of this backend's data."""
        return "framework.contrib.sessions." + type(self).__qualname__

    def encode(self, session_dict: dict[str, Any]) -> str:
        """Return ``session_dict`` serialised, compressed and signed, as text."""
        return signing.dumps(
            session_dict, salt=self.key_salt, serializer=self.serializer, compress=True
        )

    def decode(self, session_data: str) -> dict[str, Any]:
        """Reverse ``encode()``; tampered or unreadable data gives an empty dict."""
        try:
            return signing.loads(session_data, salt=self.key_salt, serializer=self.serializer)
        except signing.BadSignature:
            logger.warning("Session data corrupted")
        except Exception:
            # Data written by another serializer, or cut short: start afresh.
            pass
        return {}

    # ------------------------------------------------------------ keys
    def _get_new_session_key(self) -> str:
        """Return a random key that no stored session uses."""
        while True:
            session_key = get_random_string(32, VALID_KEY_CHARS)
            if not self.exists(session_key):
                return session_key

    def _get_or_create_session_key(self) -> str:
        if self._session_key is None:
            self._session_key = self._get_new_session_key()
        return self._session_key

    def _validate_session_key(self, key: Any) -> bool:
        """True if ``key`` may be a session key (a string of at least 8 characters)."""
        return bool(key) and isinstance(key, str) and len(key) >= 8

    def _get_session_key(self) -> str | None:
        return self.__session_key

    def _set_session_key(self, value: str | None) -> None:
        # An invalid key is dropped: a new session starts instead of loading nonsense.
        self.__session_key = value if self._validate_session_key(value) else None

    session_key = property(_get_session_key)
    _session_key = property(_get_session_key, _set_session_key)

    def _get_session(self, no_load: bool = False) -> dict[str, Any]:
        """Return the session data, loading it on first access."""
        self.accessed = True
        cache = getattr(self, "_session_cache", _NOT_GIVEN)
        if cache is _NOT_GIVEN:
            if self.session_key is None or no_load:
                cache = self._session_cache = {}
            else:
                cache = self._session_cache = self.load()
        return cache

    _session = property(_get_session)

    # ------------------------------------------------------------ expiry
    def get_session_cookie_age(self) -> int:
        """The default lifetime in seconds (SESSION_COOKIE_AGE)."""
        return settings.SESSION_COOKIE_AGE

    def _expiry_value(self, kwargs: dict[str, Any]) -> Any:
        expiry = kwargs["expiry"] if "expiry" in kwargs else self.get("_session_expiry")
        if isinstance(expiry, str):
            expiry = datetime.datetime.fromisoformat(expiry)
        return expiry

    def get_expiry_age(self, **kwargs: Any) -> int:
        """Return the number of seconds until the session expires.

        ``modification`` (a datetime, default now) and ``expiry`` (the stored expiry,
        default the session's own) may be passed by backends that know them.
        """
        expiry = self._expiry_value(kwargs)
        if not expiry:
            return self.get_session_cookie_age()
        if not isinstance(expiry, datetime.datetime):
            return expiry
        modification = kwargs.get("modification") or now()
        delta = expiry - modification
        return delta.days * 86400 + delta.seconds

    def get_expiry_date(self, **kwargs: Any) -> datetime.datetime:
        """Return the datetime at which the session expires (same arguments as the age)."""
        expiry = self._expiry_value(kwargs)
        if isinstance(expiry, datetime.datetime):
            return expiry
        modification = kwargs.get("modification") or now()
        return modification + datetime.timedelta(seconds=expiry or self.get_session_cookie_age())

    def set_expiry(self, value: Any) -> None:
        """Set when the session expires.

        An int is seconds of inactivity (0: when the browser closes); a datetime or
        timedelta is a fixed moment; None returns to the global policy
        (SESSION_COOKIE_AGE, SESSION_EXPIRE_AT_BROWSER_CLOSE).
        """
        if value is None:
            try:
                del self["_session_expiry"]
            except KeyError:
                pass
            return
        if isinstance(value, datetime.timedelta):
            value = now() + value
        if isinstance(value, datetime.datetime):
            value = value.isoformat()
        self["_session_expiry"] = value

    def get_expire_at_browser_close(self) -> bool:
        """True if the session cookie should last only until the browser closes."""
        expiry = self.get("_session_expiry")
        if expiry is None:
            return settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
        return expiry == 0

    # ------------------------------------------------------------ life cycle
    def flush(self) -> None:
        """Delete the session data and its key (on logout)."""
        self.clear()
        self.delete()
        self._session_key = None

    def cycle_key(self) -> None:
        """Keep the data under a new key and delete the old one (on login)."""
        data = self._session
        key = self.session_key
        self.create()
        self._session_cache = data
        if key:
            self.delete(key)

    # ------------------------------------------------------------ backend API
    def exists(self, session_key: str) -> bool:
        """True if a session with ``session_key`` is stored."""
        raise NotImplementedError("subclasses of SessionBase must provide an exists() method")

    def create(self) -> None:
        """Create a new, empty session under a new key, and save it."""
        raise NotImplementedError("subclasses of SessionBase must provide a create() method")

    def save(self, must_create: bool = False) -> None:
        """Store the session; CreateError if ``must_create`` and the key is taken,
        UpdateError if not ``must_create`` and the session was deleted meanwhile."""
        raise NotImplementedError("subclasses of SessionBase must provide a save() method")

    def delete(self, session_key: str | None = None) -> None:
        """Delete the stored session (``session_key``, default this one's)."""
        raise NotImplementedError("subclasses of SessionBase must provide a delete() method")

    def load(self) -> dict[str, Any]:
        """Return the stored data of this session ({} if missing or expired)."""
        raise NotImplementedError("subclasses of SessionBase must provide a load() method")

    @classmethod
    def clear_expired(cls) -> None:
        """Remove expired sessions from storage (``manage.py clearsessions``).

        NotImplementedError if the backend cannot (the command then says so).
        """
        raise NotImplementedError("This backend does not support clear_expired().")
