"""``no_append_slash``: opt a view out of CommonMiddleware's APPEND_SLASH redirect."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps


def no_append_slash(view_func: Callable) -> Callable:
    """Never redirect to this view by appending a slash (APPEND_SLASH)."""

    @wraps(view_func)
    def wrapper(*args, **kwargs):
        return view_func(*args, **kwargs)

    wrapper.should_append_slash = False
    return wrapper
