"""Adding and reading messages: ``messages.success(request, "Saved.")``."""

from __future__ import annotations

from typing import Any

from framework.contrib.messages import constants

__all__ = [
    "MessageFailure",
    "add_message",
    "debug",
    "error",
    "get_level",
    "get_messages",
    "info",
    "set_level",
    "success",
    "warning",
]


class MessageFailure(Exception):
    """A message could not be added: the request has no message storage."""


def _storage(request: Any) -> Any:
    return getattr(request, "_messages", None)


def add_message(
    request: Any, level: int, message: Any, extra_tags: str = "", fail_silently: bool = False
) -> None:
    """Queue ``message`` at ``level`` for the user of ``request``.

    Raises MessageFailure when MessageMiddleware is not installed, unless ``fail_silently``.
    """
    messages = _storage(request)
    if messages is not None:
        return messages.add(level, message, extra_tags)
    if not hasattr(request, "META"):
        raise TypeError(
            f"add_message() argument must be an HttpRequest object, not {type(request).__name__!r}."
        )
    if not fail_silently:
        raise MessageFailure(
            "You cannot add messages without installing "
            "framework.contrib.messages.middleware.MessageMiddleware; add it to MIDDLEWARE."
        )
    return None


def get_messages(request: Any) -> Any:
    """The request's message storage (iterate it to read and consume), or ``[]``."""
    return getattr(request, "_messages", [])


def get_level(request: Any) -> int:
    """The minimum level recorded for this request (MESSAGE_LEVEL, default INFO)."""
    storage = _storage(request)
    if storage is None:
        from framework.contrib.messages.storage.base import default_level

        return default_level()
    return storage.level


def set_level(request: Any, level: int | None) -> bool:
    """Set the minimum recorded level for this request (None: back to the default).

    Returns False when the request has no message storage.
    """
    storage = _storage(request)
    if storage is None:
        return False
    storage.level = level
    return True


def debug(request: Any, message: Any, extra_tags: str = "", fail_silently: bool = False) -> None:
    """Add a DEBUG message."""
    add_message(request, constants.DEBUG, message, extra_tags, fail_silently)


def info(request: Any, message: Any, extra_tags: str = "", fail_silently: bool = False) -> None:
    """Add an INFO message."""
    add_message(request, constants.INFO, message, extra_tags, fail_silently)


def success(request: Any, message: Any, extra_tags: str = "", fail_silently: bool = False) -> None:
    """Add a SUCCESS message."""
    add_message(request, constants.SUCCESS, message, extra_tags, fail_silently)


def warning(request: Any, message: Any, extra_tags: str = "", fail_silently: bool = False) -> None:
    """Add a WARNING message."""
    add_message(request, constants.WARNING, message, extra_tags, fail_silently)


def error(request: Any, message: Any, extra_tags: str = "", fail_silently: bool = False) -> None:
    """Add an ERROR message."""
    add_message(request, constants.ERROR, message, extra_tags, fail_silently)
