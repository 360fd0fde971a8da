"""A backend that keeps messages in ``framework.core.mail.outbox`` (for tests)."""

from __future__ import annotations

import copy
from typing import Any

from framework.core import mail
from framework.core.mail.backends.base import BaseEmailBackend


class EmailBackend(BaseEmailBackend):
    """Append each message to ``mail.outbox``."""

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        if not hasattr(mail, "outbox"):
            mail.outbox = []

    def send_messages(self, messages: list) -> int:
        count = 0
        for message in messages:
            message.message()  # Raise on bad headers, as a real send would.
            mail.outbox.append(copy.copy(message))
            count += 1
        return count
