"""A backend that writes messages to a stream (stdout by default)."""

from __future__ import annotations

import sys
import threading
from typing import Any

from framework.core.mail.backends.base import BaseEmailBackend


class EmailBackend(BaseEmailBackend):
    """Write each message, followed by a line of dashes, to ``stream``."""

    def __init__(self, *args: Any, stream: Any = None, **kwargs: Any):
        self.stream = stream or sys.stdout
        self._lock = threading.RLock()
        super().__init__(*args, **kwargs)

    def write_message(self, message: Any) -> None:
        text = message.message().as_string()
        self.stream.write(f"{text}\n")
        self.stream.write("-" * 79)
        self.stream.write("\n")

    def send_messages(self, email_messages: list) -> int:
        if not email_messages:
            return 0
        count = 0
        with self._lock:
            try:
                stream_created = self.open()
                for message in email_messages:
                    self.write_message(message)
                    self.stream.flush()
                    count += 1
                if stream_created:
                    self.close()
            except Exception:
                if not self.fail_silently:
                    raise
        return count
