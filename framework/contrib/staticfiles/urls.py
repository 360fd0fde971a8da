"""``staticfiles_urlpatterns()``: URL patterns for ``views.serve`` in DEBUG."""

from __future__ import annotations

import re
from typing import Any

from framework.conf import settings
from framework.core.exceptions import ImproperlyConfigured

from .views import serve

__all__ = ["staticfiles_urlpatterns", "urlpatterns"]


def staticfiles_urlpatterns(prefix: str | None = None) -> list[Any]:
    """Patterns serving static files under ``prefix`` (STATIC_URL); none unless DEBUG."""
    from framework.urls import re_path

    if prefix is None:
        prefix = settings.STATIC_URL
    if not prefix:
        raise ImproperlyConfigured(
            "staticfiles_urlpatterns() needs a prefix: set STATIC_URL, e.g. 'static/'."
        )
    if not settings.DEBUG or "://" in prefix:
        return []
    pattern = r"^{}(?P<path>.*)$".format(re.escape(prefix.lstrip("/")))
    return [re_path(pattern, serve)]


# As in Django: including this module serves static files when DEBUG was on at import.
urlpatterns: list[Any] = staticfiles_urlpatterns() if settings.DEBUG and settings.STATIC_URL else []
