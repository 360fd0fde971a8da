"""``MessageMiddleware``: a message storage on every request, saved on the response."""

from __future__ import annotations

from typing import Any

from framework.conf import settings
from framework.middleware.base import MiddlewareMixin

from .storage import default_storage

__all__ = ["MessageMiddleware"]


class MessageMiddleware(MiddlewareMixin):
    """Attach ``request._messages``; store the unread messages when the response leaves."""

    def process_request(self, request: Any) -> None:
        request._messages = default_storage(request)

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
