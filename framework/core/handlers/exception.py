"""Turn exceptions raised by views and middleware into responses.

Http404 -> 404, PermissionDenied -> 403, BadRequest and SuspiciousOperation (and
multipart parse errors) -> 400, anything else -> 500 (after ``got_request_exception``).
"""

from __future__ import annotations

import functools
import logging
import sys
from collections.abc import Callable
from importlib import import_module
from types import ModuleType
from typing import Any

from framework.conf import settings
from framework.core import signals
from framework.core.exceptions import (
    BadRequest,
    PermissionDenied,
    RequestDataTooBig,
    SuspiciousOperation,
    TooManyFieldsSent,
    TooManyFilesSent,
)
from framework.http import Http404
from framework.http.multipartparser import MultiPartParserError
from framework.utils.log import log_response
from framework.utils.module_loading import import_string

_DEFAULT_ERROR_VIEWS = {
    400: "framework.views.defaults.bad_request",
    403: "framework.views.defaults.permission_denied",
    404: "framework.views.defaults.page_not_found",
    500: "framework.views.defaults.server_error",
}


def convert_exception_to_response(get_response: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """Wrap ``get_response`` so that any exception it raises becomes a response.

    Every middleware in the chain is wrapped, so a middleware only ever sees responses
    from the layer below it, never exceptions.
    """

    @functools.wraps(get_response)
    def inner(request: Any) -> Any:
        try:
            return get_response(request)
        except Exception as exc:
            return response_for_exception(request, exc)

    return inner


def get_error_handler(urlconf: Any, status_code: int) -> Callable[..., Any]:
    """Return the URLconf's ``handler<status_code>`` view, or the framework's default."""
    module = urlconf
    if module is None:
        module = settings.ROOT_URLCONF
    if isinstance(module, str):
        try:
            module = import_module(module)
        except ImportError:
            module = None
    callback = getattr(module, f"handler{status_code}", None) if module is not None else None
    if callback is None:
        callback = _DEFAULT_ERROR_VIEWS[status_code]
    if isinstance(callback, str):
        callback = import_string(callback)
    return callback


def _urlconf(request: Any) -> str | ModuleType | None:
    return getattr(request, "urlconf", None) or settings.ROOT_URLCONF


def _mark_post_parse_error(request: Any) -> None:
    # The body was partly consumed: later access to POST/FILES must give empty data
    # instead of raising the same exception again (in the error view or middleware).
    mark = getattr(request, "_mark_post_parse_error", None)
    if callable(mark):
        mark()


def response_for_exception(request: Any, exc: Exception) -> Any:
    """Return the response for ``exc`` raised while handling ``request``."""
    if isinstance(exc, Http404):
        if settings.DEBUG:
            from framework.views.debug import technical_404_response

            response = technical_404_response(request, exc)
        else:
            response = get_exception_response(request, 404, exc)
    elif isinstance(exc, PermissionDenied):
        response = get_exception_response(request, 403, exc)
        log_response(
            "Forbidden (Permission denied): %s",
            request.path,
            response=response,
            request=request,
            exception=exc,
        )
    elif isinstance(exc, MultiPartParserError):
        _mark_post_parse_error(request)
        response = get_exception_response(request, 400, exc)
        log_response(
            "Bad request (Unable to parse request body): %s",
            request.path,
            response=response,
            request=request,
            exception=exc,
        )
    elif isinstance(exc, BadRequest):
        response = _bad_request_response(request, exc)
        log_response(
            "%s: %s", str(exc), request.path, response=response, request=request, exception=exc
        )
    elif isinstance(exc, SuspiciousOperation):
        if isinstance(exc, (RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent)):
            _mark_post_parse_error(request)
        security_logger = logging.getLogger(f"framework.security.{type(exc).__name__}")
        security_logger.error(
            str(exc), exc_info=exc, extra={"status_code": 400, "request": request}
        )
        response = _bad_request_response(request, exc)
    else:
        signals.got_request_exception.send(sender=None, request=request)
        response = handle_uncaught_exception(request, sys.exc_info())
        log_response(
            "%s: %s",
            response.reason_phrase,
            request.path,
            response=response,
            request=request,
            exception=exc,
        )
    # A TemplateResponse from an error view must be rendered here: the view layer that
    # would have rendered it is already behind us.
    if not getattr(response, "is_rendered", True) and callable(getattr(response, "render", None)):
        response = response.render()
    return response


def _bad_request_response(request: Any, exc: Exception) -> Any:
    if settings.DEBUG:
        from framework.views.debug import technical_500_response

        return technical_500_response(request, *sys.exc_info(), status_code=400)
    return get_exception_response(request, 400, exc)


def get_exception_response(request: Any, status_code: int, exception: Exception) -> Any:
    """Call the error view for ``status_code``; if it fails, answer with a 500."""
    try:
        callback = get_error_handler(_urlconf(request), status_code)
        return callback(request, exception=exception)
    except Exception:
        signals.got_request_exception.send(sender=None, request=request)
        return handle_uncaught_exception(request, sys.exc_info())


def handle_uncaught_exception(request: Any, exc_info: Any) -> Any:
    """Return the DEBUG page or the 500 view's response; re-raise with DEBUG_PROPAGATE_EXCEPTIONS."""
    if settings.DEBUG_PROPAGATE_EXCEPTIONS:
        raise
    if settings.DEBUG:
        from framework.views.debug import technical_500_response

        return technical_500_response(request, *exc_info)
    try:
        callback = get_error_handler(_urlconf(request), 500)
        return callback(request)
    except Exception:
        # The project's 500 view itself failed: fall back to the built-in page, which
        # depends on nothing the project configures.
        from framework.views.defaults import ERROR_500_TEMPLATE_NAME, server_error

        logging.getLogger("framework.request").exception(
            "The 500 error view failed; answered with the built-in page"
        )
        return server_error(request, template_name=ERROR_500_TEMPLATE_NAME)
