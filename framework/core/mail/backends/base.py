"""``BaseEmailBackend``: open/close/send_messages and the context-manager protocol."""

from __future__ import annotations

from typing import Any


class BaseEmailBackend:
    """Subclasses implement ``send_messages(messages) -> int``."""

    def __init__(self, fail_silently: bool = False, **kwargs: Any):
        self.fail_silently = fail_silently

    def open(self) -> Any:
        """Open a connection if the backend has one (True if it opened a new one)."""
        return None

    def close(self) -> None:
        """Close the connection opened by ``open()``."""

    def __enter__(self) -> BaseEmailBackend:
        try:
            self.open()
        except Exception:
            self.close()
            raise
        return self

    def __exit__(self, exc_type: Any, exc_value: Any, traceback: Any) -> None:
        self.close()

    def send_messages(self, email_messages: list) -> int:
        """Send ``email_messages``; return how many were sent."""
        raise NotImplementedError(
            "subclasses of BaseEmailBackend must override send_messages() method"
        )
