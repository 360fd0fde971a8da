"""Deployment checks of the session cookie: Secure and HttpOnly (security.W010-W015)."""

from __future__ import annotations

from typing import Any

from framework.conf import settings
from framework.core.checks.messages import CheckMessage, Warning
from framework.core.checks.registry import Tags, register

SESSIONS_APP = "framework.contrib.sessions"
SESSION_MIDDLEWARE = "framework.contrib.sessions.middleware.SessionMiddleware"

_SECURE_WHY = (
    "Using a secure-only session cookie makes it more difficult for network traffic sniffers "
    "to hijack user sessions."
)
_HTTPONLY_WHY = (
    "Using an HttpOnly session cookie makes it more difficult for cross-site scripting "
    "attacks to hijack user sessions."
)


def _in_apps(setting: str) -> str:
    return f"You have {SESSIONS_APP!r} in your INSTALLED_APPS, but you have not set {setting} "


def _in_middleware(setting: str) -> str:
    return f"You have {SESSION_MIDDLEWARE!r} in your MIDDLEWARE, but you have not set {setting} "


W010 = Warning(_in_apps("SESSION_COOKIE_SECURE") + "to True. " + _SECURE_WHY, id="security.W010")
W011 = Warning(
    _in_middleware("SESSION_COOKIE_SECURE") + "to True. " + _SECURE_WHY, id="security.W011"
)
W012 = Warning("SESSION_COOKIE_SECURE is not set to True. " + _SECURE_WHY, id="security.W012")
W013 = Warning(
    _in_apps("SESSION_COOKIE_HTTPONLY") + "to True. " + _HTTPONLY_WHY, id="security.W013"
)
W014 = Warning(
    _in_middleware("SESSION_COOKIE_HTTPONLY") + "to True. " + _HTTPONLY_WHY, id="security.W014"
)
W015 = Warning("SESSION_COOKIE_HTTPONLY is not set to True. " + _HTTPONLY_WHY, id="security.W015")


def _cookie_warnings(setting: str, in_apps: Warning, in_mw: Warning, both: Warning) -> list:
    if getattr(settings, setting) is True:
        return []
    app = SESSIONS_APP in settings.INSTALLED_APPS
    middleware = SESSION_MIDDLEWARE in settings.MIDDLEWARE
    if app and middleware:
        return [both]
    if app:
        return [in_apps]
    if middleware:
        return [in_mw]
    return []


@register(Tags.security, deploy=True)
def check_session_cookie_secure(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """security.W010/W011/W012: SESSION_COOKIE_SECURE is True when sessions are used."""
    return _cookie_warnings("SESSION_COOKIE_SECURE", W010, W011, W012)


@register(Tags.security, deploy=True)
def check_session_cookie_httponly(app_configs: Any = None, **kwargs: Any) -> list:
    """security.W013/W014/W015: SESSION_COOKIE_HTTPONLY is True when sessions are used."""
    return _cookie_warnings("SESSION_COOKIE_HTTPONLY", W013, W014, W015)
