"""``messages``: the request's messages and DEFAULT_MESSAGE_LEVELS for templates."""

from __future__ import annotations

from typing import Any

from .api import get_messages
from .constants import DEFAULT_LEVELS

__all__ = ["messages"]


def messages(request: Any) -> dict[str, Any]:
    """``messages`` (iterate to read and consume) and ``DEFAULT_MESSAGE_LEVELS``."""
    return {"messages": get_messages(request), "DEFAULT_MESSAGE_LEVELS": DEFAULT_LEVELS}
