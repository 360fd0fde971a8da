"""Lazy ``csrf_token`` and ``csrf_input`` values for templates rendered with a request.

The token is looked up only if a template uses it: from
``framework.middleware.csrf.get_token(request)`` when the CSRF middleware module
exists, else from ``request.META["CSRF_COOKIE"]``; empty when neither is there.
"""

from __future__ import annotations

import importlib
from typing import Any

from markupsafe import Markup, escape

__all__ = ["CsrfInput", "CsrfToken", "get_csrf_token"]

_get_token: Any = None


def _token_getter() -> Any:
    global _get_token
    if _get_token is None:
        try:
            module = importlib.import_module("framework.middleware.csrf")
            _get_token = module.get_token
        except (ImportError, AttributeError):
            _get_token = False
    return _get_token


def get_csrf_token(request: Any) -> str:
    """Return the CSRF token for ``request`` ("" when there is none)."""
    if request is None:
        return ""
    getter = _token_getter()
    if getter:
        return str(getter(request) or "")
    meta = getattr(request, "META", None) or {}
    return str(meta.get("CSRF_COOKIE") or "")


class CsrfToken:
    """The token as text (escaped like any other value when printed)."""

    __slots__ = ("_request", "_value")

    def __init__(self, request: Any):
        self._request = request
        self._value: str | None = None

    def _get(self) -> str:
        if self._value is None:
            self._value = get_csrf_token(self._request)
        return self._value

    def __str__(self) -> str:
        return self._get()

    def __bool__(self) -> bool:
        return bool(self._get())

    def __eq__(self, other: object) -> bool:
        return self._get() == (str(other) if isinstance(other, CsrfToken) else other)

    def __hash__(self) -> int:
        return hash(self._get())

    def __repr__(self) -> str:
        return f"<CsrfToken {'evaluated' if self._value is not None else 'lazy'}>"


class CsrfInput:
    """The hidden ``<input name="csrfmiddlewaretoken">`` element, as safe HTML."""

    __slots__ = ("_token",)

    def __init__(self, request: Any):
        self._token = CsrfToken(request)

    def __html__(self) -> str:
        token = str(self._token)
        if not token:
            return ""
        return Markup('<input type="hidden" name="csrfmiddlewaretoken" value="{}">').format(
            escape(token)
        )

    def __str__(self) -> str:
        return self.__html__()

    def __bool__(self) -> bool:
        return bool(self._token)

    def __repr__(self) -> str:
        return "<CsrfInput>"
