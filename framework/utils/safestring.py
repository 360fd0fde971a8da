"""Strings marked safe for HTML output: ``mark_safe``, ``SafeString``.

The framework renders with Jinja2, whose notion of "safe" is MarkupSafe's
``Markup``; ``SafeString`` *is* ``Markup`` so that the two never disagree.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from markupsafe import Markup

SafeString = Markup
SafeData = Markup

__all__ = ["SafeData", "SafeString", "mark_safe"]


def _safety_decorator(func: Callable) -> Callable:
    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Markup:
        return mark_safe(func(*args, **kwargs))

    return wrapper


def mark_safe(s: Any) -> Any:
    """Mark ``s`` as safe HTML so that autoescaping leaves it alone.

    Objects that already know their HTML (``__html__``) are returned unchanged;
    a callable is wrapped so that its results are marked safe (decorator use).
    """
    if hasattr(s, "__html__"):
        return s
    if callable(s):
        return _safety_decorator(s)
    return Markup(s)
