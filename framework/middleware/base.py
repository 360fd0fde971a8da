"""``MiddlewareMixin``: old-style ``process_request``/``process_response`` on new-style middleware."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


class MiddlewareMixin:
    """Turn a class with ``process_request``/``process_response`` into a middleware factory.

    Django keeps this in ``django.utils.deprecation``; the hooks it calls are optional.
    """

    def __init__(self, get_response: Callable[[Any], Any]):
        if get_response is None:
            raise ValueError("get_response must be provided.")
        self.get_response = get_response
        # Looked up once: the hooks are fixed per class, and __call__ runs per request.
        self._process_request = getattr(self, "process_request", None)
        self._process_response = getattr(self, "process_response", None)
        super().__init__()

    def __repr__(self) -> str:
        inner = getattr(self.get_response, "__qualname__", type(self.get_response).__name__)
        return f"<{type(self).__qualname__} get_response={inner}>"

    def __call__(self, request: Any) -> Any:
        response = None
        if self._process_request is not None:
            response = self._process_request(request)
        if response is None:
            response = self.get_response(request)
        if self._process_response is not None:
            response = self._process_response(request, response)
        return response
