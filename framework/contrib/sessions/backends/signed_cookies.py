"""Sessions stored in the cookie itself, signed (not encrypted) with SECRET_KEY.

The cookie is the session key: the data serialised, compressed and signed with a
timestamp, refused once older than SESSION_COOKIE_AGE. Nothing is stored server-side,
so a session cannot be invalidated before it expires, and the client can read it.
"""

from __future__ import annotations

from typing import Any

from framework.contrib.sessions.backends.base import SessionBase
from framework.core import signing

# The salt of every signed session cookie; changing it would log everyone out.
SALT = "framework.contrib.sessions.backends.signed_cookies"


class SessionStore(SessionBase):
    """A session whose key is its own signed data."""

    def load(self) -> dict[str, Any]:
        """Return the data of the cookie; a bad or expired signature gives an empty session."""
        try:
            return signing.loads(
                self.session_key,
                serializer=self.serializer,
                max_age=self.get_session_cookie_age(),
                salt=SALT,
            )
        except Exception:
            # Tampered, expired or unreadable: the cookie is dropped on the response.
            self._session_key = None
            self.create()
            return {}

    def create(self) -> None:
        # Nothing to store: saving writes the cookie.
        self.modified = True

    def save(self, must_create: bool = False) -> None:
        self._session_key = self._signed_payload()
        self.modified = True

    def exists(self, session_key: str | None = None) -> bool:
        # Keys are the data: no two sessions can collide.
        return False

    def delete(self, session_key: str | None = None) -> None:
        self._session_key = ""
        self._session_cache = {}
        self.modified = True

    def cycle_key(self) -> None:
        # A fresh signature (new timestamp) is the new key; there is no old one to delete.
        self.save()

    def _signed_payload(self) -> str:
        return signing.dumps(
            # Loads the data first if nothing read it yet (cycle_key() on a fresh request).
            self._get_session(),
            compress=True,
            salt=SALT,
            serializer=self.serializer,
        )

    @classmethod
    def clear_expired(cls) -> None:
        # Expired cookies are refused on load and the client drops them itself.
        pass
