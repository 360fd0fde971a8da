"""``AuthenticationMiddleware`` (``request.user``), ``LoginRequiredMiddleware``,
``RemoteUserMiddleware``."""

from __future__ import annotations

import weakref
from functools import partial
from typing import Any
from urllib.parse import urlsplit

from framework.conf import settings
from framework.contrib import auth
from framework.contrib.auth.redirects import redirect_to_login
from framework.core.exceptions import ImproperlyConfigured
from framework.middleware.base import MiddlewareMixin
from framework.shortcuts import resolve_url
from framework.utils.functional import SimpleLazyObject


def get_user(request: Any) -> Any:
    """The request's user, loaded once per request."""
    if not hasattr(request, "_cached_user"):
        request._cached_user = auth.get_user(request)
    return request._cached_user


def _user_of(request_ref: Any) -> Any:
    request = request_ref()
    if request is None:
        raise RuntimeError(
            "request.user was first used after its request was freed; use it while the "
            "request is being handled."
        )
    return get_user(request)


class AuthenticationMiddleware(MiddlewareMixin):
    """Set ``request.user``: a lazy object, so requests that never use it cost no query."""

    def process_request(self, request: Any) -> None:
        if not hasattr(request, "session"):
            raise ImproperlyConfigured(
                "The authentication middleware requires session middleware to be installed. "
                "Edit your MIDDLEWARE setting to insert "
                "'framework.contrib.sessions.middleware.SessionMiddleware' before "
                "'framework.contrib.auth.middleware.AuthenticationMiddleware'."
            )
        # The loader holds the request weakly: a closure over it would make request and
        # user a reference cycle that outlives the request until the next gc run.
        request.user = SimpleLazyObject(partial(_user_of, weakref.ref(request)))


class LoginRequiredMiddleware(MiddlewareMixin):
    """Send anonymous users to the login page, except for views marked ``login_not_required``."""

    redirect_field_name = auth.REDIRECT_FIELD_NAME

    def process_view(self, request: Any, view_func: Any, view_args: Any, view_kwargs: Any) -> Any:
        if request.user.is_authenticated:
            return None
        if not getattr(view_func, "login_required", True):
            return None
        return self.handle_no_permission(request, view_func)

    def get_login_url(self, view_func: Any) -> str:
        login_url = getattr(view_func, "login_url", None) or settings.LOGIN_URL
        if not login_url:
            raise ImproperlyConfigured(
                "No login URL to redirect to. Define settings.LOGIN_URL or provide a "
                "login_url via the 'framework.contrib.auth.decorators.login_required' decorator."
            )
        return str(login_url)

    def get_redirect_field_name(self, view_func: Any) -> str:
        return getattr(view_func, "redirect_field_name", self.redirect_field_name)

    def handle_no_permission(self, request: Any, view_func: Any) -> Any:
        path = request.build_absolute_uri()
        resolved_login_url = resolve_url(self.get_login_url(view_func))
        login_scheme, login_netloc = urlsplit(resolved_login_url)[:2]
        current_scheme, current_netloc = urlsplit(path)[:2]
        if (not login_scheme or login_scheme == current_scheme) and (
            not login_netloc or login_netloc == current_netloc
        ):
            path = request.get_full_path()
        return redirect_to_login(path, resolved_login_url, self.get_redirect_field_name(view_func))


class RemoteUserMiddleware(MiddlewareMixin):
    """Log in the user named by the ``REMOTE_USER`` variable (set by Apache's auth modules)."""

    header = "REMOTE_USER"
    force_logout_if_no_header = True

    def process_request(self, request: Any) -> None:
        if not hasattr(request, "user"):
            raise ImproperlyConfigured(
                "The remote user middleware requires the authentication "
                "middleware to be installed. Edit your MIDDLEWARE setting to insert "
                "'framework.contrib.auth.middleware.AuthenticationMiddleware' before the "
                "RemoteUserMiddleware class."
            )
        try:
            username = request.META[self.header]
        except KeyError:
            if self.force_logout_if_no_header and request.user.is_authenticated:
                self._remove_invalid_user(request)
            return
        if request.user.is_authenticated:
            if request.user.get_username() == self.clean_username(username, request):
                return
            self._remove_invalid_user(request)
        user = auth.authenticate(request, remote_user=username)
        if user:
            request.user = user
            auth.login(request, user)

    def clean_username(self, username: str, request: Any) -> str:
        backend_str = request.session[auth.BACKEND_SESSION_KEY]
        backend = auth.load_backend(backend_str)
        try:
            return backend.clean_username(username)
        except AttributeError:
            return username

    def _remove_invalid_user(self, request: Any) -> None:
        from framework.contrib.auth.backends import RemoteUserBackend

        try:
            stored_backend = auth.load_backend(request.session.get(auth.BACKEND_SESSION_KEY, ""))
        except ImportError:
            auth.logout(request)
        else:
            if isinstance(stored_backend, RemoteUserBackend):
                auth.logout(request)
