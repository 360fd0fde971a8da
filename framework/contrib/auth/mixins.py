"""Class-based view mixins: ``LoginRequiredMixin``, ``PermissionRequiredMixin``,
``UserPassesTestMixin``."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from framework.conf import settings
from framework.contrib.auth.api import REDIRECT_FIELD_NAME
from framework.core.exceptions import ImproperlyConfigured, PermissionDenied
from framework.shortcuts import resolve_url


class AccessMixin:
    """What to do when access is refused: 403 for logged-in users, else login redirect."""

    login_url: str | None = None
    permission_denied_message = ""
    raise_exception = False
    redirect_field_name = REDIRECT_FIELD_NAME

    def get_login_url(self) -> str:
        login_url = self.login_url or settings.LOGIN_URL
        if not login_url:
            raise ImproperlyConfigured(
                f"{type(self).__name__} is missing the login_url attribute. Define "
                f"{type(self).__name__}.login_url, settings.LOGIN_URL, or override "
                f"{type(self).__name__}.get_login_url()."
            )
        return str(login_url)

    def get_permission_denied_message(self) -> str:
        return self.permission_denied_message

    def get_redirect_field_name(self) -> str:
        return self.redirect_field_name

    def handle_no_permission(self) -> Any:
        from framework.contrib.auth.views import redirect_to_login

        if self.raise_exception or self.request.user.is_authenticated:
            raise PermissionDenied(self.get_permission_denied_message())
        path = self.request.build_absolute_uri()
        resolved_login_url = resolve_url(self.get_login_url())
        login_scheme, login_netloc = urlsplit(resolved_login_url)[:2]
        current_scheme, current_netloc = urlsplit(path)[:2]
        if (not login_scheme or login_scheme == current_scheme) and (
            not login_netloc or login_netloc == current_netloc
        ):
            path = self.request.get_full_path()
        return redirect_to_login(path, resolved_login_url, self.get_redirect_field_name())


class LoginRequiredMixin(AccessMixin):
    """Refuse anonymous users."""

    def dispatch(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        return super().dispatch(request, *args, **kwargs)


class PermissionRequiredMixin(AccessMixin):
    """Refuse users without every permission of ``permission_required``.

    ``get_permission_object()`` (None by default) makes it an object-level check.
    """

    permission_required: Any = None

    def get_permission_required(self) -> tuple:
        if self.permission_required is None:
            raise ImproperlyConfigured(
                f"{type(self).__name__} is missing the permission_required attribute. Define "
                f"{type(self).__name__}.permission_required, or override "
                f"{type(self).__name__}.get_permission_required()."
            )
        if isinstance(self.permission_required, str):
            return (self.permission_required,)
        return tuple(self.permission_required)

    def get_permission_object(self) -> Any:
        """The object the permissions are checked on (None: global permissions)."""
        return None

    def has_permission(self) -> bool:
        perms = self.get_permission_required()
        return self.request.user.has_perms(perms, self.get_permission_object())

    def dispatch(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        if not self.has_permission():
            return self.handle_no_permission()
        return super().dispatch(request, *args, **kwargs)


class UserPassesTestMixin(AccessMixin):
    """Refuse users for whom ``test_func()`` is false."""

    def test_func(self) -> bool:
        raise NotImplementedError(
            f"{type(self).__name__} is missing the implementation of the test_func() method."
        )

    def get_test_func(self) -> Any:
        return self.test_func

    def dispatch(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        if not self.get_test_func()():
            return self.handle_no_permission()
        return super().dispatch(request, *args, **kwargs)
