"""A backend that sends nothing (and says every message was sent)."""

from __future__ import annotations

from framework.core.mail.backends.base import BaseEmailBackend


class EmailBackend(BaseEmailBackend):
    """Discard messages."""

    def send_messages(self, email_messages: list) -> int:
        return len(list(email_messages))
