"""``SessionStorage``: messages in ``request.session`` (any dict-like session)."""

from __future__ import annotations

from typing import Any

from framework.core.exceptions import ImproperlyConfigured

from .base import BaseStorage, Message, MessageSerializer

__all__ = ["SessionStorage"]


class SessionStorage(BaseStorage):
    """Keep messages in the request's session under ``_messages``."""

    session_key = "_messages"

    def __init__(self, request: Any, *args: Any, **kwargs: Any):
        if not hasattr(request, "session"):
            raise ImproperlyConfigured(
                "The session-based temporary message storage requires session middleware "
                "to be installed, and come before the message middleware in the MIDDLEWARE "
                "list."
            )
        super().__init__(request, *args, **kwargs)

    def _get(self, *args: Any, **kwargs: Any) -> tuple[list[Message] | None, bool]:
        return self.deserialize_messages(self.request.session.get(self.session_key)), True

    def _store(self, messages: list, response: Any, *args: Any, **kwargs: Any) -> list:
        if messages:
            self.request.session[self.session_key] = self.serialize_messages(messages)
        else:
            self.request.session.pop(self.session_key, None)
        return []

    def serialize_messages(self, messages: list) -> str:
        """Messages as a JSON string (sessions store plain JSON values)."""
        return MessageSerializer().dumps(messages).decode()

    def deserialize_messages(self, data: Any) -> list | None:
        """Reverse ``serialize_messages``; anything unreadable counts as no messages."""
        if data and isinstance(data, str):
            try:
                messages = MessageSerializer().loads(data.encode())
            except ValueError:
                return None
            if isinstance(messages, list):
                return [m for m in messages if isinstance(m, Message)]
        return None
