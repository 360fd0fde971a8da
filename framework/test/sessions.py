"""Logging users in from tests: sessions created the way the login view would.

``login_session(user)`` is shared by ``Client.force_login`` and the WebTest
``app.login(user)`` of the pytest plugin: it runs ``framework.contrib.auth.login``
on a bare request carrying a fresh session from ``SESSION_ENGINE``, saves the
session and returns it, so the caller only has to send its key as a cookie.
"""

from __future__ import annotations

from http.cookies import SimpleCookie
from importlib import import_module
from typing import Any

from framework.conf import settings


def session_store_class() -> type:
    """The ``SessionStore`` of ``SESSION_ENGINE``."""
    return import_module(settings.SESSION_ENGINE).SessionStore


def first_backend_path() -> str:
    """The first AUTHENTICATION_BACKENDS entry able to fetch users (``get_user``)."""
    from framework.contrib.auth import load_backend

    for path in settings.AUTHENTICATION_BACKENDS:
        if hasattr(load_backend(path), "get_user"):
            return path
    raise ValueError(
        f"No backend of AUTHENTICATION_BACKENDS={settings.AUTHENTICATION_BACKENDS!r} has "
        f"get_user(); pass backend= to force_login()."
    )


def login_session(user: Any, backend: str | None = None, session: Any = None) -> Any:
    """Log ``user`` in on ``session`` (a new one by default), save it and return it."""
    from framework.contrib.auth import login
    from framework.http import HttpRequest

    backend = backend or first_backend_path()
    user.backend = backend
    request = HttpRequest()
    request.session = session if session is not None else session_store_class()()
    login(request, user, backend)
    request.session.save()
    return request.session


class ClientSessionMixin:
    """``session``, ``login()``, ``force_login()`` and ``logout()`` of the test client."""

    cookies: SimpleCookie

    @property
    def session(self) -> Any:
        """The client's session (created and saved, with its cookie, on first use)."""
        store = session_store_class()
        cookie = self.cookies.get(settings.SESSION_COOKIE_NAME)
        if cookie is not None and cookie.value:
            return store(cookie.value)
        session = store()
        session.save()
        self._set_session_cookie(session.session_key)
        return session

    def _set_session_cookie(self, key: str) -> None:
        name = settings.SESSION_COOKIE_NAME
        self.cookies[name] = key
        self.cookies[name].update(
            {
                "max-age": None,
                "path": "/",
                "domain": settings.SESSION_COOKIE_DOMAIN,
                "secure": settings.SESSION_COOKIE_SECURE or None,
                "expires": None,
            }
        )

    def login(self, **credentials: Any) -> bool:
        """Authenticate with ``credentials``; on success log the user in, return True."""
        from framework.contrib.auth import authenticate

        user = authenticate(**credentials)
        if user is None:
            return False
        self._login(user, getattr(user, "backend", None))
        return True

    def force_login(self, user: Any, backend: str | None = None) -> None:
        """Log ``user`` in without checking credentials (fast: no password hashing)."""
        self._login(user, backend)

    def _login(self, user: Any, backend: str | None) -> None:
        session = login_session(user, backend, self._existing_session())
        self._set_session_cookie(session.session_key)

    def _existing_session(self) -> Any:
        cookie = self.cookies.get(settings.SESSION_COOKIE_NAME)
        if cookie is not None and cookie.value:
            return session_store_class()(cookie.value)
        return None

    def logout(self) -> None:
        """Log the user out: flush the session and forget every cookie."""
        from framework.contrib.auth import get_user, logout
        from framework.http import HttpRequest

        request = HttpRequest()
        session = self._existing_session()
        if session is not None:
            request.session = session
            request.user = get_user(request)
        else:
            request.session = session_store_class()()
        logout(request)
        self.cookies = SimpleCookie()
