"""The default error views: 400, 403, 404 and 500.

Each renders the project's ``400.html``/``403.html``/``404.html``/``500.html`` when one
exists and the framework's built-in page otherwise.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from framework.http import (
    HttpResponseBadRequest,
    HttpResponseForbidden,
    HttpResponseNotFound,
    HttpResponseServerError,
)
from framework.views._pages import render_page

ERROR_400_TEMPLATE_NAME = "400.html"
ERROR_403_TEMPLATE_NAME = "403.html"
ERROR_404_TEMPLATE_NAME = "404.html"
ERROR_500_TEMPLATE_NAME = "500.html"

# What a client may learn about a 400 caused by a SuspiciousOperation: the class tells
# enough to fix an honest request, the message could echo internals.
_PUBLIC_REASONS = {
    "DisallowedHost": "The Host header of the request is not allowed for this site.",
    "RequestDataTooBig": "The request body is larger than this site accepts.",
    "TooManyFieldsSent": "The request has more fields than this site accepts.",
    "TooManyFilesSent": "The request has more files than this site accepts.",
    "SuspiciousMultipartForm": "The multipart form data of the request is malformed.",
    "MultiPartParserError": "The multipart form data of the request could not be parsed.",
    "DisallowedRedirect": "The request asked for a redirect that is not allowed.",
    "SuspiciousFileOperation": "The request referred to a file outside the allowed area.",
}


def public_reason(exception: BaseException | None) -> str:
    """Return a client-safe sentence saying why a request was refused with a 400."""
    if exception is None:
        return ""
    for cls in type(exception).__mro__:
        reason = _PUBLIC_REASONS.get(cls.__name__)
        if reason:
            return reason
    from framework.core.exceptions import BadRequest

    # BadRequest is raised on purpose by application code, which chose its message.
    if isinstance(exception, BadRequest) and exception.args:
        return str(exception.args[0])
    return "The request could not be understood."


def _project_template(template_name: str, default_name: str) -> Any:
    """Return the project's template, or None if there is none (or no template layer).

    A custom ``template_name`` that is missing is an error, as in Django.
    """
    try:
        from framework.template.exceptions import TemplateDoesNotExist
        from framework.template.loader import get_template
    except ImportError:
        return None
    try:
        return get_template(template_name)
    except TemplateDoesNotExist:
        if template_name != default_name:
            raise
        return None
    except Exception:
        # TEMPLATES unset or broken: the built-in page still answers.
        if template_name != default_name:
            raise
        return None


def _builtin(status: int, title: str, details: str, reason: str = "") -> str:
    return render_page(
        "error.html", {"status": status, "title": title, "details": details, "reason": reason}
    )


def page_not_found(
    request: Any, exception: BaseException | None, template_name: str = ERROR_404_TEMPLATE_NAME
) -> Any:
    """Return a 404 page; the context has ``request_path`` and ``exception``."""
    exception_repr = type(exception).__name__ if exception is not None else ""
    message = exception.args[0] if exception is not None and exception.args else None
    # Resolver404 carries a dict; only a plain message is worth showing.
    if isinstance(message, str):
        exception_repr = message
    context = {"request_path": quote(request.path), "exception": exception_repr}
    template = _project_template(template_name, ERROR_404_TEMPLATE_NAME)
    if template is not None:
        return HttpResponseNotFound(template.render(context, request))
    return HttpResponseNotFound(
        _builtin(404, "Not Found", "The requested resource was not found on this server.")
    )


def server_error(request: Any, template_name: str = ERROR_500_TEMPLATE_NAME) -> Any:
    """Return a 500 page; the template gets no context (the context may be what failed)."""
    template = _project_template(template_name, ERROR_500_TEMPLATE_NAME)
    if template is not None:
        return HttpResponseServerError(template.render())
    return HttpResponseServerError(
        _builtin(500, "Server Error", "Something went wrong on our side. Please try again later.")
    )


def bad_request(
    request: Any, exception: BaseException | None, template_name: str = ERROR_400_TEMPLATE_NAME
) -> Any:
    """Return a 400 page; the context has ``reason``, a client-safe explanation."""
    reason = public_reason(exception)
    template = _project_template(template_name, ERROR_400_TEMPLATE_NAME)
    if template is not None:
        return HttpResponseBadRequest(template.render({"reason": reason}))
    return HttpResponseBadRequest(
        _builtin(400, "Bad Request", "The server could not process this request.", reason)
    )


def permission_denied(
    request: Any, exception: BaseException | None, template_name: str = ERROR_403_TEMPLATE_NAME
) -> Any:
    """Return a 403 page; the context has ``exception`` (its message)."""
    template = _project_template(template_name, ERROR_403_TEMPLATE_NAME)
    if template is not None:
        return HttpResponseForbidden(
            template.render(request=request, context={"exception": str(exception or "")})
        )
    return HttpResponseForbidden(
        _builtin(403, "Forbidden", "You do not have permission to access this resource.")
    )
