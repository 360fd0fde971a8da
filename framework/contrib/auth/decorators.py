"""View decorators: ``login_required``, ``permission_required``, ``user_passes_test``,
``login_not_required``."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from framework.conf import settings
from framework.contrib.auth.api import REDIRECT_FIELD_NAME
from framework.core.exceptions import PermissionDenied
from framework.shortcuts import resolve_url


def user_passes_test(
    test_func: Callable[[Any], bool],
    login_url: str | None = None,
    redirect_field_name: str = REDIRECT_FIELD_NAME,
) -> Callable:
    """Run the view only if ``test_func(request.user)`` is true; else redirect to login."""

    def decorator(view_func: Callable) -> Callable:
        @functools.wraps(view_func)
        def wrapper(request: Any, *args: Any, **kwargs: Any) -> Any:
            if test_func(request.user):
                return view_func(request, *args, **kwargs)
            return _redirect_to_login(request, login_url, redirect_field_name)

        return wrapper

    return decorator


def _redirect_to_login(request: Any, login_url: str | None, redirect_field_name: str) -> Any:
    from framework.contrib.auth.views import redirect_to_login

    path = request.build_absolute_uri()
    resolved_login_url = resolve_url(login_url or settings.LOGIN_URL)
    # Keep the "next" relative when the login page is on the same scheme and host.
    login_scheme, login_netloc = urlsplit(resolved_login_url)[:2]
    current_scheme, current_netloc = urlsplit(path)[:2]
    if (not login_scheme or login_scheme == current_scheme) and (
        not login_netloc or login_netloc == current_netloc
    ):
        path = request.get_full_path()
    return redirect_to_login(path, resolved_login_url, redirect_field_name)


def login_required(
    function: Callable | None = None,
    redirect_field_name: str = REDIRECT_FIELD_NAME,
    login_url: str | None = None,
) -> Callable:
    """Redirect anonymous users to LOGIN_URL (with ``?next=``) instead of running the view."""
    decorator = user_passes_test(
        lambda u: u.is_authenticated,
        login_url=login_url,
        redirect_field_name=redirect_field_name,
    )
    if function:
        return decorator(function)
    return decorator


def login_not_required(view_func: Callable) -> Callable:
    """Exempt a view from LoginRequiredMiddleware."""
    view_func.login_required = False
    return view_func


def permission_required(
    perm: Any, login_url: str | None = None, raise_exception: bool = False
) -> Callable:
    """Run the view only if the user has ``perm`` (a name or an iterable of names).

    Otherwise redirect to the login page, or answer 403 with ``raise_exception``.
    """
    perms = (perm,) if isinstance(perm, str) else perm

    def check_perms(user: Any) -> bool:
        if user.has_perms(perms):
            return True
        if raise_exception:
            raise PermissionDenied
        return False

    return user_passes_test(check_perms, login_url=login_url)
