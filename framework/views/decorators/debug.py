"""Mark local variables and POST parameters as sensitive in error reports."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from types import CodeType
from typing import Any

# Code object of a decorated function -> the names to hide ("__ALL__" hides every local).
# Keyed by code rather than by wrapper frame so the reporter finds it with one lookup.
SENSITIVE_VARIABLES: dict[CodeType, tuple[str, ...] | str] = {}


def _code_of(func: Callable) -> CodeType | None:
    while hasattr(func, "__wrapped__"):
        func = func.__wrapped__
    return getattr(func, "__code__", None)


def sensitive_variables(*variables: str) -> Callable:
    """Hide the named local variables (all of them without names) in error reports.

    Use as ``@sensitive_variables("password")`` or ``@sensitive_variables()``.
    """
    if len(variables) == 1 and callable(variables[0]):
        raise TypeError(
            "sensitive_variables() must be called to use it as a decorator, e.g., use "
            "@sensitive_variables(), not @sensitive_variables."
        )

    def decorator(func: Callable) -> Callable:
        code = _code_of(func)
        if code is not None:
            SENSITIVE_VARIABLES[code] = variables or "__ALL__"

        @wraps(func)
        def sensitive_variables_wrapper(*args: Any, **kwargs: Any) -> Any:
            return func(*args, **kwargs)

        sensitive_variables_wrapper.sensitive_variables = variables or "__ALL__"
        return sensitive_variables_wrapper

    return decorator


def sensitive_post_parameters(*parameters: str) -> Callable:
    """Hide the named POST parameters (all of them without names) in error reports."""
    if len(parameters) == 1 and callable(parameters[0]):
        raise TypeError(
            "sensitive_post_parameters() must be called to use it as a decorator, e.g., "
            "use @sensitive_post_parameters(), not @sensitive_post_parameters."
        )

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def sensitive_post_parameters_wrapper(request: Any, *args: Any, **kwargs: Any) -> Any:
            if not hasattr(request, "POST") or not hasattr(request, "META"):
                raise TypeError(
                    "sensitive_post_parameters didn't receive an HttpRequest object. If you "
                    "are decorating a classmethod, make sure to use @method_decorator."
                )
            request.sensitive_post_parameters = parameters or "__ALL__"
            return view(request, *args, **kwargs)

        return sensitive_post_parameters_wrapper

    return decorator
