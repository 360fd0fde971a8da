"""Decorators restricting methods and answering conditional requests."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from functools import wraps

from framework.http import HttpResponseNotAllowed
from framework.utils.cache import get_conditional_response
from framework.utils.http import http_date, quote_etag
from framework.utils.log import log_response


def require_http_methods(request_method_list: list[str]) -> Callable:
    """Let only the listed methods (upper case) through; others get a 405.

    Usage: ``@require_http_methods(["GET", "POST"])``.
    """
    allowed = list(request_method_list)

    def decorator(func: Callable) -> Callable:
        @wraps(func)
        def inner(request, *args, **kwargs):
            if request.method not in allowed:
                response = HttpResponseNotAllowed(allowed)
                log_response(
                    "Method Not Allowed (%s): %s",
                    request.method,
                    request.path,
                    response=response,
                    request=request,
                )
                return response
            return func(request, *args, **kwargs)

        return inner

    return decorator


require_GET = require_http_methods(["GET"])
require_GET.__doc__ = "Allow only GET."
require_POST = require_http_methods(["POST"])
require_POST.__doc__ = "Allow only POST."
require_safe = require_http_methods(["GET", "HEAD"])
require_safe.__doc__ = "Allow only GET and HEAD."


def _timestamp(value: datetime.datetime | None) -> int | None:
    if not value:
        return None
    if value.tzinfo is None or value.utcoffset() is None:
        value = value.replace(tzinfo=datetime.UTC)
    return int(value.timestamp())


def condition(
    etag_func: Callable | None = None, last_modified_func: Callable | None = None
) -> Callable:
    """Answer conditional requests from ``etag_func``/``last_modified_func`` before the view.

    Each function takes the view's arguments; ``etag_func`` returns an ETag (quoted or
    not) and ``last_modified_func`` a datetime (naive means UTC). Matching GET/HEAD
    requests get 304, failed preconditions 412; otherwise the view runs and ETag /
    Last-Modified are added to safe responses.
    """

    def decorator(func: Callable) -> Callable:
        @wraps(func)
        def inner(request, *args, **kwargs):
            etag = etag_func(request, *args, **kwargs) if etag_func else None
            etag = quote_etag(etag) if etag is not None else None
            last_modified = (
                _timestamp(last_modified_func(request, *args, **kwargs))
                if last_modified_func
                else None
            )
            response = get_conditional_response(request, etag=etag, last_modified=last_modified)
            if response is None:
                response = func(request, *args, **kwargs)
            if request.method in ("GET", "HEAD"):
                if last_modified and "Last-Modified" not in response.headers:
                    response.headers["Last-Modified"] = http_date(last_modified)
                if etag and "ETag" not in response.headers:
                    response.headers["ETag"] = etag
            return response

        return inner

    return decorator


def etag(etag_func: Callable) -> Callable:
    """``condition(etag_func=etag_func)``."""
    return condition(etag_func=etag_func)


def last_modified(last_modified_func: Callable) -> Callable:
    """``condition(last_modified_func=last_modified_func)``."""
    return condition(last_modified_func=last_modified_func)
