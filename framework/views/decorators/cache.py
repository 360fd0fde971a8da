"""Decorators setting Cache-Control: ``cache_control`` and ``never_cache``."""

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
