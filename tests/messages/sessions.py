"""A minimal dict session for the message tests (the sessions app is not required).

SessionStorage accepts any dict-like ``request.session``; this middleware keeps one
dict per client in memory, keyed by a cookie, so the fallback path can be exercised.
"""

from __future__ import annotations

import secrets

STORE: dict[str, dict] = {}
COOKIE = "testsession"


class DictSessionMiddleware:
    """Give each request a server-side dict as ``request.session``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = request.COOKIES.get(COOKIE)
        if key not in STORE:
            key = secrets.token_hex(8)
            STORE[key] = {}
        request.session = STORE[key]
        response = self.get_response(request)
        response.set_cookie(COOKIE, key)
        return response
