"""``SessionMiddleware``: ``request.session`` from the cookie, saved and sent back as needed."""

from __future__ import annotations

import time
from importlib import import_module
from typing import Any

from framework.conf import settings
from framework.contrib.sessions.backends.base import UpdateError
from framework.contrib.sessions.exceptions import SessionInterrupted
from framework.core.exceptions import ImproperlyConfigured
from framework.middleware.base import MiddlewareMixin
from framework.utils.cache import patch_vary_headers
from framework.utils.http import http_date


class SessionMiddleware(MiddlewareMixin):
    """Attach ``request.session`` (SESSION_ENGINE's SessionStore) and manage its cookie.

    The cookie is set when the session was modified (or on every request with
    SESSION_SAVE_EVERY_REQUEST) and is not empty, deleted when the session was
    emptied, and the response varies on Cookie whenever the session was used.
    A session deleted by a concurrent request gives a 400 (SessionInterrupted).
    """

    def __init__(self, get_response: Any):
        super().__init__(get_response)
        try:
            engine = import_module(settings.SESSION_ENGINE)
        except ImportError as exc:
            raise ImproperlyConfigured(
                f"The session engine {settings.SESSION_ENGINE!r} (SESSION_ENGINE) could not be "
                f"imported: {exc}. Use 'framework.contrib.sessions.backends.file' or "
                f"'framework.contrib.sessions.backends.signed_cookies'."
            ) from exc
        self.SessionStore = engine.SessionStore

    def process_request(self, request: Any) -> None:
        session_key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
        request.session = self.SessionStore(session_key)

    def process_response(self, request: Any, response: Any) -> Any:
        try:
            session = request.session
            accessed = session.accessed
            modified = session.modified
        except AttributeError:
            return response
        cookie_name = settings.SESSION_COOKIE_NAME
        had_cookie = cookie_name in request.COOKIES
        if not (accessed or modified or had_cookie or settings.SESSION_SAVE_EVERY_REQUEST):
            # Not used, not sent, not to be saved (most requests): nothing to do.
            return response
        try:
            empty = session.is_empty()
        except AttributeError:
            return response
        if had_cookie and empty:
            # The session was emptied (flush, logout, tampered cookie): drop the cookie.
            response.delete_cookie(
                cookie_name,
                path=settings.SESSION_COOKIE_PATH,
                domain=settings.SESSION_COOKIE_DOMAIN,
                samesite=settings.SESSION_COOKIE_SAMESITE,
            )
            patch_vary_headers(response, ("Cookie",))
            return response
        if accessed:
            patch_vary_headers(response, ("Cookie",))
        if not (modified or settings.SESSION_SAVE_EVERY_REQUEST) or empty:
            return response
        if session.get_expire_at_browser_close():
            max_age = None
            expires = None
        else:
            max_age = session.get_expiry_age()
            expires = http_date(time.time() + max_age)
        # A 5xx response may come from a half-done request: do not store its session.
        if response.status_code >= 500:
            return response
        try:
            session.save()
        except UpdateError:
            raise SessionInterrupted(
                "The request's session was deleted before the request completed. The user "
                "may have logged out in a concurrent request, for example."
            ) from None
        response.set_cookie(
            cookie_name,
            session.session_key,
            max_age=max_age,
            expires=expires,
            domain=settings.SESSION_COOKIE_DOMAIN,
            path=settings.SESSION_COOKIE_PATH,
            secure=settings.SESSION_COOKIE_SECURE or None,
            httponly=settings.SESSION_COOKIE_HTTPONLY or None,
            samesite=settings.SESSION_COOKIE_SAMESITE,
        )
        return response
