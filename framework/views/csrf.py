"""``csrf_failure``: the default CSRF_FAILURE_VIEW, a 403 page saying why."""

from __future__ import annotations

from typing import Any

from framework.conf import settings
from framework.views._pages import render_page
from framework.views.defaults import _project_template

CSRF_FAILURE_TEMPLATE_NAME = "403_csrf.html"


def _context(reason: str) -> dict[str, Any]:
    # Imported here: the middleware module imports this view through the setting.
    from framework.http.request import HttpHeaders
    from framework.middleware.csrf import REASON_NO_CSRF_COOKIE, REASON_NO_REFERER

    return {
        "title": "Forbidden",
        "main": "CSRF verification failed. Request aborted.",
        "reason": reason,
        "no_referer": reason == REASON_NO_REFERER,
        "no_cookie": reason == REASON_NO_CSRF_COOKIE,
        "header_name": HttpHeaders.parse_header_name(settings.CSRF_HEADER_NAME) or "",
        "DEBUG": settings.DEBUG,
        "more": "More information is available with DEBUG=True.",
    }


def csrf_failure(
    request: Any, reason: str = "", template_name: str = CSRF_FAILURE_TEMPLATE_NAME
) -> Any:
    """Return a 403 explaining a failed CSRF check; ``reason`` is shown when DEBUG.

    The project's ``403_csrf.html`` is used when it exists (with ``reason``,
    ``no_referer``, ``no_cookie`` and ``DEBUG`` in its context), the built-in page
    otherwise. A custom ``template_name`` that does not exist is an error.
    """
    from framework.http import HttpResponseForbidden

    context = _context(reason)
    template = _project_template(template_name, CSRF_FAILURE_TEMPLATE_NAME)
    if template is not None:
        return HttpResponseForbidden(template.render(context, request))
    return HttpResponseForbidden(render_page("csrf_403.html", context))
