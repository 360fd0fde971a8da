"""Checks of CSRF protection: the failure view (always), the middleware and a secure cookie (deploy)."""

from __future__ import annotations

import inspect
from typing import Any

from framework.conf import settings
from framework.core.checks.messages import CheckMessage, Error, Warning
from framework.core.checks.registry import Tags, register
from framework.core.exceptions import ViewDoesNotExist

CSRF_MIDDLEWARE = "framework.middleware.csrf.CsrfViewMiddleware"

W003 = Warning(
    "You don't appear to be using the framework's built-in cross-site request forgery "
    f"protection via the middleware ({CSRF_MIDDLEWARE!r} is not in your MIDDLEWARE). "
    "Enabling the middleware is the safest approach to ensure you don't leave any holes.",
    id="security.W003",
)
W016 = Warning(
    f"You have {CSRF_MIDDLEWARE!r} in your MIDDLEWARE, but you have not set CSRF_COOKIE_SECURE "
    "to True. Using a secure-only CSRF cookie makes it more difficult for network traffic "
    "sniffers to steal the CSRF token.",
    id="security.W016",
)


def _csrf_middleware() -> bool:
    return CSRF_MIDDLEWARE in settings.MIDDLEWARE


@register(Tags.security, deploy=True)
def check_csrf_middleware(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """security.W003: CsrfViewMiddleware is installed."""
    return [] if _csrf_middleware() else [W003]


@register(Tags.security, deploy=True)
def check_csrf_cookie_secure(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """security.W016: the CSRF cookie is Secure (unless the token lives in the session)."""
    passed = (
        not _csrf_middleware() or settings.CSRF_USE_SESSIONS or settings.CSRF_COOKIE_SECURE is True
    )
    return [] if passed else [W016]


# Unlike the other security checks this one runs always, not only with --deploy: a
# broken CSRF_FAILURE_VIEW turns every rejected POST into a 500.
@register(Tags.security)
def check_csrf_failure_view(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """security.E102: CSRF_FAILURE_VIEW imports; security.E101: it takes (request, reason)."""
    from framework.middleware.csrf import _get_failure_view

    try:
        view = _get_failure_view()
    except (ImportError, ViewDoesNotExist):
        return [
            Error(
                f"The CSRF failure view {settings.CSRF_FAILURE_VIEW!r} could not be imported.",
                hint="Fix the dotted path in CSRF_FAILURE_VIEW.",
                id="security.E102",
            )
        ]
    try:
        inspect.signature(view).bind(None, reason=None)
    except TypeError:
        return [
            Error(
                f"The CSRF failure view {settings.CSRF_FAILURE_VIEW!r} does not take the correct "
                f"number of arguments.",
                hint="It must accept (request, reason).",
                id="security.E101",
            )
        ]
    return []
