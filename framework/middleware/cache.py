"""The per-site cache: ``UpdateCacheMiddleware`` stores pages, ``FetchFromCacheMiddleware``
serves them; ``CacheMiddleware`` does both (behind ``cache_page``).

Put ``UpdateCacheMiddleware`` first in MIDDLEWARE and ``FetchFromCacheMiddleware``
last, so that the stored response carries every other middleware's headers.

Only GET and HEAD requests are served from the cache, and only 200 responses are
stored. Being a shared cache, it is stricter than Django: a response that sets a
cookie, varies on Cookie (or on ``*``), is ``private``, ``no-store`` or ``no-cache``,
or answers a request with Authorization without being ``public``, is never stored.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from framework.conf import settings
from framework.core.cache import caches
from framework.middleware.base import MiddlewareMixin
from framework.utils.cache import (
    _DELIMITER_RE,
    get_cache_key,
    get_max_age,
    has_vary_header,
    learn_cache_key,
    patch_response_headers,
)
from framework.utils.http import parse_http_date_safe

__all__ = [
    "CacheMiddleware",
    "FetchFromCacheMiddleware",
    "UpdateCacheMiddleware",
    "is_shared_cacheable",
]

_UNCACHEABLE_DIRECTIVES = frozenset({"private", "no-store", "no-cache"})


def is_shared_cacheable(request: Any, response: Any) -> bool:
    """True if ``response`` may be stored in a cache shared by every visitor."""
    if response.streaming or response.status_code != 200:
        return False
    if response.cookies or "Set-Cookie" in response.headers:
        return False
    if has_vary_header(response, "Cookie") or has_vary_header(response, "*"):
        return False
    header = response.headers.get("Cache-Control", "")
    directives = {
        field.partition("=")[0].strip().lower() for field in _DELIMITER_RE.split(header) if field
    }
    if directives & _UNCACHEABLE_DIRECTIVES:
        return False
    # RFC 9111 section 3.5: answers to authenticated requests only when marked public.
    return "HTTP_AUTHORIZATION" not in request.META or "public" in directives


class UpdateCacheMiddleware(MiddlewareMixin):
    """Store cacheable responses (first in MIDDLEWARE: its response phase runs last)."""

    def __init__(self, get_response: Callable[[Any], Any]):
        super().__init__(get_response)
        self.cache_timeout = settings.CACHE_MIDDLEWARE_SECONDS
        self.page_timeout: int | None = None
        self.key_prefix = settings.CACHE_MIDDLEWARE_KEY_PREFIX
        self.cache_alias = settings.CACHE_MIDDLEWARE_ALIAS

    @property
    def cache(self) -> Any:
        """This thread's instance of the configured cache alias."""
        return caches[self.cache_alias]

    def _should_update_cache(self, request: Any, response: Any) -> bool:
        return getattr(request, "_cache_update_cache", False)

    def process_response(self, request: Any, response: Any) -> Any:
        if not self._should_update_cache(request, response):
            return response
        if not is_shared_cacheable(request, response):
            return response
        if self.page_timeout is None:
            timeout = get_max_age(response)
            if timeout is None:
                timeout = self.cache_timeout
            elif timeout == 0:
                return response
        else:
            timeout = self.page_timeout
        patch_response_headers(response, timeout)
        if timeout:
            cache_key = learn_cache_key(
                request, response, timeout, self.key_prefix, cache=self.cache
            )
            cache = self.cache
            if hasattr(response, "render") and callable(response.render):
                response.add_post_render_callback(lambda r: cache.set(cache_key, r, timeout))
            else:
                cache.set(cache_key, response, timeout)
        return response


class FetchFromCacheMiddleware(MiddlewareMixin):
    """Answer GET and HEAD from the cache (last in MIDDLEWARE)."""

    def __init__(self, get_response: Callable[[Any], Any]):
        super().__init__(get_response)
        self.key_prefix = settings.CACHE_MIDDLEWARE_KEY_PREFIX
        self.cache_alias = settings.CACHE_MIDDLEWARE_ALIAS

    @property
    def cache(self) -> Any:
        """This thread's instance of the configured cache alias."""
        return caches[self.cache_alias]

    def process_request(self, request: Any) -> Any:
        if request.method not in ("GET", "HEAD"):
            request._cache_update_cache = False
            return None
        cache = self.cache
        cache_key = get_cache_key(request, self.key_prefix, "GET", cache=cache)
        if cache_key is None:
            request._cache_update_cache = True
            return None
        response = cache.get(cache_key)
        if response is None and request.method == "HEAD":
            cache_key = get_cache_key(request, self.key_prefix, "HEAD", cache=cache)
            response = cache.get(cache_key)
        if response is None:
            request._cache_update_cache = True
            return None
        # A backend that keeps entries past their time must not serve stale pages.
        expires = parse_http_date_safe(response.headers.get("Expires", ""))
        if expires is not None and expires < time.time():
            request._cache_update_cache = True
            return None
        request._cache_update_cache = False
        return response


class CacheMiddleware(UpdateCacheMiddleware, FetchFromCacheMiddleware):
    """Fetch and update in one middleware; ``cache_page`` builds one per view."""

    def __init__(
        self,
        get_response: Callable[[Any], Any],
        cache_timeout: int | None = None,
        page_timeout: int | None = None,
        **kwargs: Any,
    ):
        super().__init__(get_response)
        key_prefix = kwargs.get("key_prefix")
        if key_prefix is not None:
            self.key_prefix = key_prefix
        cache_alias = kwargs.get("cache_alias")
        if cache_alias is not None:
            self.cache_alias = cache_alias
        if cache_timeout is None:
            cache_timeout = settings.CACHE_MIDDLEWARE_SECONDS
        self.cache_timeout = cache_timeout
        self.page_timeout = page_timeout
