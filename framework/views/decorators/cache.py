"""Cache decorators: ``cache_page`` (the per-view cache), ``cache_control``, ``never_cache``."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from framework.utils.cache import add_never_cache_headers, patch_cache_control


def _check_request(request: Any, decorator_name: str) -> None:
    if not hasattr(request, "META"):
        raise TypeError(
            f"{decorator_name} didn't receive an HttpRequest. If you are decorating a "
            f"classmethod, be sure to use @method_decorator."
        )


def cache_control(**kwargs: Any) -> Callable:
    """Patch the view's response Cache-Control: ``@cache_control(max_age=3600, public=True)``."""

    def decorator(view_func: Callable) -> Callable:
        @wraps(view_func)
        def wrapper(request, *args, **kw):
            _check_request(request, "cache_control")
            response = view_func(request, *args, **kw)
            patch_cache_control(response, **kwargs)
            return response

        return wrapper

    return decorator


def never_cache(view_func: Callable) -> Callable:
    """Mark the view's responses as never cacheable (no-cache, no-store, private)."""

    @wraps(view_func)
    def wrapper(request, *args, **kwargs):
        _check_request(request, "never_cache")
        response = view_func(request, *args, **kwargs)
        add_never_cache_headers(response)
        return response

    return wrapper


def cache_page(timeout: int | None, *, cache: str | None = None, key_prefix: str | None = None):
    """Cache the view's responses for ``timeout`` seconds (``@cache_page(60 * 15)``).

    ``cache`` names a CACHES alias (default CACHE_MIDDLEWARE_ALIAS) and ``key_prefix``
    replaces CACHE_MIDDLEWARE_KEY_PREFIX. The response's own max-age, if any, is
    ignored: ``timeout`` wins, as in Django.
    """
    from framework.middleware.cache import CacheMiddleware

    def decorator(view_func: Callable) -> Callable:
        middleware = CacheMiddleware(
            view_func,
            page_timeout=timeout,
            cache_alias=cache,
            key_prefix=key_prefix,
        )

        @wraps(view_func)
        def wrapper(request, *args, **kwargs):
            _check_request(request, "cache_page")
            response = middleware.process_request(request)
            if response is not None:
                return response
            response = view_func(request, *args, **kwargs)
            if hasattr(response, "render") and callable(response.render):
                # Store what the template renders, once it is rendered.
                response.add_post_render_callback(lambda r: middleware.process_response(request, r))
                return response
            return middleware.process_response(request, response)

        return wrapper

    return decorator
