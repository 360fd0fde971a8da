"""Built-in context processors (Django's names), listed in
``TEMPLATES[...]["OPTIONS"]["context_processors"]``.

Each takes the request and returns a dict merged into the context of templates
rendered with that request. ``user``/``perms`` (contrib.auth) and ``messages``
(contrib.messages) live in those apps.
"""

from __future__ import annotations

import importlib
from typing import Any

from framework.conf import settings
from framework.template.csrf import CsrfToken

__all__ = ["csrf", "debug", "media", "request", "static", "tz"]


def csrf(request: Any) -> dict[str, Any]:
    """``csrf_token``: the request's CSRF token, looked up only if used."""
    return {"csrf_token": CsrfToken(request)}


class _SqlQueries:
    """The queries run so far on every connection, gathered when first iterated."""

    def __iter__(self):
        try:
            connections = importlib.import_module("framework.db").connections
        except (ImportError, AttributeError):
            return iter(())
        queries = []
        for alias in connections:
            connection = connections[alias]
            if getattr(connection, "queries_logged", True):
                for query in getattr(connection, "queries", ()):
                    queries.append({**query, "alias": alias, "vendor": connection.vendor})
        return iter(queries)

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def __repr__(self) -> str:
        return "<sql_queries>"


def debug(request: Any) -> dict[str, Any]:
    """``debug`` and ``sql_queries`` when DEBUG is on and the client is in INTERNAL_IPS."""
    if settings.DEBUG and request.META.get("REMOTE_ADDR") in settings.INTERNAL_IPS:
        return {"debug": True, "sql_queries": _SqlQueries()}
    return {}


def request(request: Any) -> dict[str, Any]:
    """``request``: the current request."""
    return {"request": request}


def static(request: Any) -> dict[str, Any]:
    """``STATIC_URL``."""
    return {"STATIC_URL": settings.STATIC_URL}


def media(request: Any) -> dict[str, Any]:
    """``MEDIA_URL``."""
    return {"MEDIA_URL": settings.MEDIA_URL}


def tz(request: Any) -> dict[str, Any]:
    """``TIME_ZONE``: the name of the current time zone."""
    return {"TIME_ZONE": settings.TIME_ZONE}
