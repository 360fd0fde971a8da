"""``gzip_page``: GZipMiddleware for one view."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from framework.middleware.gzip import GZipMiddleware


def gzip_page(view_func: Callable) -> Callable:
    """Gzip the view's response when the client accepts it (see GZipMiddleware)."""
    middleware = GZipMiddleware(view_func)

    @wraps(view_func)
    def wrapper(request, *args, **kwargs):
        response = view_func(request, *args, **kwargs)
        render = getattr(response, "render", None)
        if callable(render) and not getattr(response, "is_rendered", True):
            # A TemplateResponse has no body yet: compress after rendering.
            response.add_post_render_callback(lambda r: middleware.process_response(request, r))
            return response
        return middleware.process_response(request, response)

    return wrapper
