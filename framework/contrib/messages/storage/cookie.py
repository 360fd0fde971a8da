"""``CookieStorage``: messages in a signed cookie (no server state)."""

from __future__ import annotations

from typing import Any

from framework.conf import settings
from framework.core import signing
from framework.http import SimpleCookie
from framework.utils.functional import cached_property

from .base import BaseStorage, Message, MessageSerializer

__all__ = ["CookieStorage"]


class CookieStorage(BaseStorage):
    """Keep messages in the signed ``messages`` cookie; the oldest go when it grows too big.

    A cookie with a bad signature (tampered, or signed with another SECRET_KEY) is
    ignored and cleared.
    """

    cookie_name = "messages"
    # Browsers keep at least 4096 bytes per cookie; half leaves room for the others.
    max_cookie_size = 2048
    not_finished = "__messagesnotfinished__"
    key_salt = "framework.contrib.messages"

    @cached_property
    def signer(self) -> signing.Signer:
        """The cookie signer, built only when a request reads or writes messages."""
        return signing.get_cookie_signer(salt=self.key_salt)

    def _get(self, *args: Any, **kwargs: Any) -> tuple[list[Message] | None, bool]:
        data = self.request.COOKIES.get(self.cookie_name)
        messages = self._decode(data)
        all_retrieved = not (messages and messages[-1] == self.not_finished)
        if messages and not all_retrieved:
            messages.pop()
        return messages, all_retrieved

    def _update_cookie(self, encoded_data: str | None, response: Any) -> None:
        if encoded_data:
            response.set_cookie(
                self.cookie_name,
                encoded_data,
                domain=settings.SESSION_COOKIE_DOMAIN,
                secure=settings.SESSION_COOKIE_SECURE or None,
                httponly=settings.SESSION_COOKIE_HTTPONLY or None,
                samesite=settings.SESSION_COOKIE_SAMESITE,
            )
        elif self.cookie_name in self.request.COOKIES:
            response.delete_cookie(
                self.cookie_name,
                domain=settings.SESSION_COOKIE_DOMAIN,
                samesite=settings.SESSION_COOKIE_SAMESITE,
            )

    def _store(
        self, messages: list, response: Any, remove_oldest: bool = True, *args: Any, **kwargs: Any
    ) -> list:
        """Store as many messages as fit in ``max_cookie_size``; return the rest."""
        unstored: list = []
        messages = list(messages)
        encoded = self._encode(messages)
        if self.max_cookie_size:
            cookie = SimpleCookie()

            def stored_length(value: str) -> int:
                return len(cookie.value_encode(value)[1])

            while messages and encoded and stored_length(encoded) > self.max_cookie_size:
                if remove_oldest:
                    unstored.append(messages.pop(0))
                else:
                    unstored.insert(0, messages.pop())
                encoded = self._encode([*messages, self.not_finished], encode_empty=bool(unstored))
        self._update_cookie(encoded, response)
        return unstored

    def _encode(self, messages: list, encode_empty: bool = False) -> str | None:
        """Sign and compress ``messages`` for the cookie (None when there is nothing)."""
        if messages or encode_empty:
            return self.signer.sign_object(messages, serializer=MessageSerializer, compress=True)
        return None

    def _decode(self, data: str | None) -> list | None:
        """The messages in cookie ``data``; None (and the cookie cleared) when invalid."""
        if not data:
            return None
        try:
            decoded = self.signer.unsign_object(data, serializer=MessageSerializer)
        except signing.BadSignature:
            decoded = None
        if isinstance(decoded, list) and all(
            isinstance(item, Message) or item == self.not_finished for item in decoded
        ):
            return decoded
        # Mark as used so that update() replaces the bad cookie.
        self.used = True
        return None
