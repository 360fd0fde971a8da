"""X-Frame-Options per view: ``xframe_options_deny``, ``_sameorigin``, ``_exempt``."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps


def _set_header(value: str) -> Callable:
    def decorator(view_func: Callable) -> Callable:
        @wraps(view_func)
        def wrapper(*args, **kwargs):
            response = view_func(*args, **kwargs)
            if response.headers.get("X-Frame-Options") is None:
                response.headers["X-Frame-Options"] = value
            return response

        return wrapper

    return decorator


def xframe_options_deny(view_func: Callable) -> Callable:
    """Send ``X-Frame-Options: DENY`` unless the response sets the header itself."""
    return _set_header("DENY")(view_func)


def xframe_options_sameorigin(view_func: Callable) -> Callable:
    """Send ``X-Frame-Options: SAMEORIGIN`` unless the response sets the header itself."""
    return _set_header("SAMEORIGIN")(view_func)


def xframe_options_exempt(view_func: Callable) -> Callable:
    """Keep XFrameOptionsMiddleware from adding the header to this view's responses."""

    @wraps(view_func)
    def wrapper(*args, **kwargs):
        response = view_func(*args, **kwargs)
        response.xframe_options_exempt = True
        return response

    return wrapper
