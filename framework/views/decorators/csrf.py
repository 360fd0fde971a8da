"""CSRF decorators: ``csrf_exempt``, ``csrf_protect``, ``requires_csrf_token``, ``ensure_csrf_cookie``."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from functools import wraps
from typing import Any

from framework.middleware.csrf import CsrfViewMiddleware, get_token

__all__ = ["csrf_exempt", "csrf_protect", "ensure_csrf_cookie", "requires_csrf_token"]


def _from_middleware(middleware_class: type) -> Callable[[Callable], Callable]:
    """Return a decorator that runs ``middleware_class``'s hooks around one view."""

    def decorator(view_func: Callable) -> Callable:
        middleware = middleware_class(view_func)

        @wraps(view_func)
        def wrapper(request: Any, *args: Any, **kwargs: Any) -> Any:
            middleware.process_request(request)
            result = middleware.process_view(request, view_func, args, kwargs)
            if result is not None:
                return result
            response = view_func(request, *args, **kwargs)
            render = getattr(response, "render", None)
            if callable(render) and not getattr(response, "is_rendered", True):
                # A TemplateResponse calls get_token() while rendering: set the cookie after.
                response.add_post_render_callback(
                    lambda rendered: middleware.process_response(request, rendered)
                )
                return response
            return middleware.process_response(request, response)

        return wrapper

    return decorator


class _EnsureCsrfToken(CsrfViewMiddleware):
    # The view runs even when the check fails: it only needs a token to render.
    def _reject(self, request: Any, reason: str) -> None:
        return None


class _EnsureCsrfCookie(CsrfViewMiddleware):
    def _reject(self, request: Any, reason: str) -> None:
        return None

    def process_view(
        self, request: Any, callback: Any, callback_args: Any, callback_kwargs: Any
    ) -> Any:
        result = super().process_view(request, callback, callback_args, callback_kwargs)
        # Forces the cookie onto the response even if the page renders no token.
        get_token(request)
        return result


csrf_protect = _from_middleware(CsrfViewMiddleware)
csrf_protect.__doc__ = (
    """Check CSRF on this view as CsrfViewMiddleware would (without the middleware)."""
)
csrf_protect.__name__ = "csrf_protect"

requires_csrf_token = _from_middleware(_EnsureCsrfToken)
requires_csrf_token.__doc__ = """Make ``csrf_token`` work in the view's templates, but never reject.

For views such as a custom CSRF failure or 404 page, which must render a token
without the request having passed the check.
"""
requires_csrf_token.__name__ = "requires_csrf_token"

ensure_csrf_cookie = _from_middleware(_EnsureCsrfCookie)
ensure_csrf_cookie.__doc__ = """Always send the CSRF cookie with the view's response.

For pages that submit with JavaScript and render no form with a token.
"""
ensure_csrf_cookie.__name__ = "ensure_csrf_cookie"


def csrf_exempt(view_func: Callable) -> Callable:
    """Exclude the view from CsrfViewMiddleware's checks."""
    if inspect.iscoroutinefunction(view_func):

        @wraps(view_func)
        async def async_wrapper(*args: Any, **kwargs: Any) -> Any:
            return await view_func(*args, **kwargs)

        async_wrapper.csrf_exempt = True  # type: ignore[attr-defined]
        return async_wrapper

    @wraps(view_func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        return view_func(*args, **kwargs)

    wrapper.csrf_exempt = True  # type: ignore[attr-defined]
    return wrapper
