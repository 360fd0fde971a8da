"""Decorators adding to the Vary header: ``vary_on_headers`` and ``vary_on_cookie``."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from framework.utils.cache import patch_vary_headers


def vary_on_headers(*headers: str) -> Callable:
    """Add ``headers`` to the response's Vary: ``@vary_on_headers("User-Agent")``."""

    def decorator(view_func: Callable) -> Callable:
        @wraps(view_func)
        def wrapper(request, *args, **kwargs):
            response = view_func(request, *args, **kwargs)
            patch_vary_headers(response, headers)
            return response

        return wrapper

    return decorator


def vary_on_cookie(view_func: Callable) -> Callable:
    """Add Cookie to the response's Vary (the page depends on who asks)."""

    @wraps(view_func)
    def wrapper(request, *args, **kwargs):
        response = view_func(request, *args, **kwargs)
        patch_vary_headers(response, ("Cookie",))
        return response

    return wrapper
