"""``MessageMiddleware``: a message storage on every request, saved on the response."""

from __future__ import annotations

from typing import Any

from framework.conf import settings
from framework.middleware.base import MiddlewareMixin

from .storage.base import storage_class_for

__all__ = ["MessageMiddleware"]


class MessageMiddleware(MiddlewareMixin):
    """Attach ``request._messages``; store the unread messages when the response leaves."""

    def __init__(self, get_response: Any):
        super().__init__(get_response)
        self._storage_classes: dict[str, type] = {}

    def process_request(self, request: Any) -> None:
        # default_storage() written out: the class is kept per MESSAGE_STORAGE value.
        path = settings.MESSAGE_STORAGE
        storage_class = self._storage_classes.get(path)
        if storage_class is None:
            storage_class = self._storage_classes[path] = storage_class_for(path)
        request._messages = storage_class(request)

    def process_response(self, request: Any, response: Any) -> Any:
        messages = getattr(request, "_messages", None)
        if messages is not None:
            unstored = messages.update(response)
            if unstored and settings.DEBUG:
                raise ValueError(
                    f"Not all temporary messages could be stored ({len(unstored)} left over); "
                    f"use FallbackStorage or shorter messages."
                )
        return response
