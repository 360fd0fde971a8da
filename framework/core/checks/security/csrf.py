"""Deployment checks of CSRF protection: the middleware and a secure cookie."""

from __future__ import annotations

from typing import Any

from framework.conf import settings
from framework.core.checks.messages import CheckMessage, Warning
from framework.core.checks.registry import Tags, register

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
