"""``redirect_to_login()``: the redirect the login-required checks answer with.

It lives apart from the auth views so that the middleware can use it without loading
the views and their forms at start-up; ``framework.contrib.auth.views`` re-exports it.
"""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from framework.conf import settings
from framework.contrib.auth.api import REDIRECT_FIELD_NAME
from framework.http import HttpResponseRedirect, QueryDict
from framework.shortcuts import resolve_url


def redirect_to_login(
    next: str, login_url: str | None = None, redirect_field_name: str | None = REDIRECT_FIELD_NAME
) -> HttpResponseRedirect:
    """Redirect to the login page with ``next`` in its query string."""
    resolved_url = resolve_url(login_url or settings.LOGIN_URL)
    login_url_parts = list(urlsplit(resolved_url))
    if redirect_field_name:
        querystring = QueryDict(login_url_parts[3], mutable=True)
        querystring[redirect_field_name] = next
        login_url_parts[3] = querystring.urlencode(safe="/")
    return HttpResponseRedirect(urlunsplit(login_url_parts))
