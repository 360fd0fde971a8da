"""``Message`` and ``BaseStorage``: what every message storage shares."""

from __future__ import annotations

import functools
import json
import weakref
from collections.abc import Iterator
from typing import Any

from markupsafe import Markup, escape

from framework.conf import settings
from framework.contrib.messages import constants
from framework.core.signals import setting_changed
from framework.utils.module_loading import import_string

__all__ = ["BaseStorage", "Message", "MessageSerializer", "default_storage", "get_level_tags"]


def get_level_tags() -> dict[int, str]:
    """Level -> tag: DEFAULT_TAGS updated with the MESSAGE_TAGS setting."""
    return {**constants.DEFAULT_TAGS, **getattr(settings, "MESSAGE_TAGS", {})}


# Built on first use; MESSAGE_TAGS changes (tests) rebuild it.
LEVEL_TAGS: dict[int, str] | None = None


def _level_tags() -> dict[int, str]:
    global LEVEL_TAGS
    if LEVEL_TAGS is None:
        LEVEL_TAGS = get_level_tags()
    return LEVEL_TAGS


def _reset_level_tags(*, setting: str, **kwargs: Any) -> None:
    global LEVEL_TAGS
    if setting == "MESSAGE_TAGS":
        LEVEL_TAGS = None


setting_changed.connect(_reset_level_tags, dispatch_uid="framework.contrib.messages.level_tags")


def default_level() -> int:
    """The MESSAGE_LEVEL setting, INFO when unset."""
    return getattr(settings, "MESSAGE_LEVEL", constants.INFO)


class Message:
    """One message: ``level``, ``message`` and ``extra_tags``; ``tags`` for CSS classes.

    In a template ``{{ message }}`` is escaped unless the text is Markup (``mark_safe``).
    """

    __slots__ = ("level", "message", "extra_tags")

    def __init__(self, level: int, message: Any, extra_tags: str | None = None):
        self.level = int(level)
        self.message = message
        self.extra_tags = extra_tags

    def _prepare(self) -> None:
        """Turn lazy text into plain strings before storing (Markup stays Markup)."""
        if not isinstance(self.message, str):
            self.message = str(self.message)
        if self.extra_tags is not None and not isinstance(self.extra_tags, str):
            self.extra_tags = str(self.extra_tags)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Message):
            return NotImplemented
        return self.level == other.level and self.message == other.message

    def __hash__(self) -> int:
        return hash((self.level, self.message))

    def __str__(self) -> str:
        return str(self.message)

    def __html__(self) -> str:
        return str(escape(self.message))

    def __repr__(self) -> str:
        extra = f", extra_tags={self.extra_tags!r}" if self.extra_tags else ""
        return f"Message(level={self.level}, message={self.message!r}{extra})"

    @property
    def tags(self) -> str:
        """``extra_tags`` and ``level_tag``, space-separated."""
        return " ".join(tag for tag in (self.extra_tags, self.level_tag) if tag)

    @property
    def level_tag(self) -> str:
        """The tag of the level (MESSAGE_TAGS), ``""`` for a custom level without one."""
        return _level_tags().get(self.level, "")


_MARKER = "__json_message"


class MessageSerializer:
    """Messages to and from compact JSON bytes, keeping whether the text was Markup."""

    def dumps(self, obj: Any) -> bytes:
        return json.dumps(obj, separators=(",", ":"), default=_encode_message).encode()

    def loads(self, data: bytes) -> Any:
        return json.loads(data.decode(), cls=_MessageDecoder)


def _encode_message(obj: Any) -> Any:
    if isinstance(obj, Message):
        is_safe = 1 if isinstance(obj.message, Markup) else 0
        encoded: list[Any] = [_MARKER, is_safe, obj.level, str(obj.message)]
        if obj.extra_tags is not None:
            encoded.append(obj.extra_tags)
        return encoded
    raise TypeError(f"Object of type {type(obj).__name__} is not JSON serializable")


class _MessageDecoder(json.JSONDecoder):
    def decode(self, s: str, *args: Any) -> Any:  # type: ignore[override]
        return self._revive(super().decode(s, *args))

    def _revive(self, obj: Any) -> Any:
        if isinstance(obj, list):
            if len(obj) in (4, 5) and obj[0] == _MARKER:
                _, is_safe, level, text, *extra = obj
                if is_safe:
                    text = Markup(text)
                return Message(level, text, *extra)
            return [self._revive(item) for item in obj]
        if isinstance(obj, dict):
            return {key: self._revive(value) for key, value in obj.items()}
        return obj


class BaseStorage:
    """The messages of one request: those stored earlier plus those queued now.

    Iterating marks them as read; ``update(response)`` then stores whatever is left.
    Subclasses implement ``_get()`` and ``_store()``.
    """

    def __init__(self, request: Any, *args: Any, **kwargs: Any):
        self._set_request(request)
        self._queued_messages: list[Message] = []
        self.used = False
        self.added_new = False
        super().__init__(*args, **kwargs)

    # The request holds its storage (``request._messages``); holding the request weakly
    # keeps the pair out of a reference cycle, so both are freed when the request ends
    # instead of waiting for the garbage collector.
    @property
    def request(self) -> Any:
        request = self._request_ref()
        if request is None:
            raise RuntimeError(
                f"{type(self).__qualname__} was used after its request was freed; use the "
                f"messages while the request is being handled."
            )
        return request

    @request.setter
    def request(self, request: Any) -> None:
        self._set_request(request)

    def _set_request(self, request: Any) -> None:
        try:
            self._request_ref = weakref.ref(request)
        except TypeError:
            # An object without weak reference support (tests' stand-ins): hold it.
            self._request_ref = lambda: request

    def __len__(self) -> int:
        return len(self._loaded_messages) + len(self._queued_messages)

    def __iter__(self) -> Iterator[Message]:
        self.used = True
        if self._queued_messages:
            self._loaded_messages.extend(self._queued_messages)
            self._queued_messages = []
        return iter(self._loaded_messages)

    def __contains__(self, item: object) -> bool:
        return item in self._loaded_messages or item in self._queued_messages

    def __repr__(self) -> str:
        return f"<{type(self).__qualname__}: request={self.request!r}>"

    @property
    def _loaded_messages(self) -> list[Message]:
        if not hasattr(self, "_loaded_data"):
            messages, _all_retrieved = self._get()
            self._loaded_data = messages or []
        return self._loaded_data

    def _get(self, *args: Any, **kwargs: Any) -> tuple[list[Message] | None, bool]:
        """Return ``(messages, all_retrieved)`` from the backend (None: nothing there)."""
        raise NotImplementedError("subclasses of BaseStorage must provide a _get() method")

    def _store(self, messages: list, response: Any, *args: Any, **kwargs: Any) -> list:
        """Store ``messages``; return those that could not be stored."""
        raise NotImplementedError("subclasses of BaseStorage must provide a _store() method")

    def _prepare_messages(self, messages: list[Message]) -> None:
        for message in messages:
            message._prepare()

    def update(self, response: Any) -> list | None:
        """Store the unread messages (or the new ones) on ``response``; return the unstored."""
        if self._queued_messages:
            self._prepare_messages(self._queued_messages)
        if self.used:
            return self._store(self._queued_messages, response)
        if self.added_new:
            messages = self._loaded_messages + self._queued_messages
            return self._store(messages, response)
        return None

    def add(self, level: int, message: Any, extra_tags: str | None = "") -> None:
        """Queue a message unless it is empty or below ``self.level``."""
        if not message:
            return
        level = int(level)
        if level < self.level:
            return
        self.added_new = True
        self._queued_messages.append(Message(level, message, extra_tags=extra_tags))

    def _get_level(self) -> int:
        if not hasattr(self, "_level"):
            self._level = default_level()
        return self._level

    def _set_level(self, value: int | None = None) -> None:
        if value is None and hasattr(self, "_level"):
            del self._level
        elif value is not None:
            self._level = int(value)

    level = property(_get_level, _set_level, _set_level)


@functools.lru_cache(maxsize=8)
def _storage_class(path: str) -> type[BaseStorage]:
    return import_string(path)


def default_storage(request: Any) -> BaseStorage:
    """Build the storage named by MESSAGE_STORAGE for ``request``."""
    return _storage_class(settings.MESSAGE_STORAGE)(request)
