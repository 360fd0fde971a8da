"""``SecurityMiddleware``: HSTS, HTTPS redirect, nosniff, Referrer-Policy, COOP."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from framework.conf import settings
from framework.middleware.base import MiddlewareMixin


class SecurityMiddleware(MiddlewareMixin):
    """Apply the ``SECURE_*`` settings to every request and response.

    Settings are read once when the middleware chain is built.
    """

    def __init__(self, get_response: Callable[[Any], Any]):
        super().__init__(get_response)
        self.sts_seconds = settings.SECURE_HSTS_SECONDS
        self.sts_include_subdomains = settings.SECURE_HSTS_INCLUDE_SUBDOMAINS
        self.sts_preload = settings.SECURE_HSTS_PRELOAD
        self.content_type_nosniff = settings.SECURE_CONTENT_TYPE_NOSNIFF
        self.redirect = settings.SECURE_SSL_REDIRECT
        self.redirect_host = settings.SECURE_SSL_HOST
        self.redirect_exempt = [re.compile(r) for r in settings.SECURE_REDIRECT_EXEMPT]
        if not self.redirect:
            # Without SECURE_SSL_REDIRECT the request hook has nothing to do: leave it out
            # of the chain rather than call it on every request.
            self._process_request = None
        policy = settings.SECURE_REFERRER_POLICY
        if isinstance(policy, str):
            policy = policy.split(",")
        self.referrer_policy = ",".join(v.strip() for v in policy) if policy else None
        self.cross_origin_opener_policy = settings.SECURE_CROSS_ORIGIN_OPENER_POLICY
        sts = None
        if self.sts_seconds:
            sts = f"max-age={self.sts_seconds}"
            if self.sts_include_subdomains:
                sts += "; includeSubDomains"
            if self.sts_preload:
                sts += "; preload"
        self._sts_header = sts

    def process_request(self, request: Any) -> Any:
        if not self.redirect or request.is_secure():
            return None
        path = request.path.lstrip("/")
        if any(pattern.search(path) for pattern in self.redirect_exempt):
            return None
        from framework.http import HttpResponsePermanentRedirect

        host = self.redirect_host or request.get_host()
        return HttpResponsePermanentRedirect(f"https://{host}{request.get_full_path()}")

    def process_response(self, request: Any, response: Any) -> Any:
        headers = response.headers
        if self._sts_header and "Strict-Transport-Security" not in headers and request.is_secure():
            headers["Strict-Transport-Security"] = self._sts_header
        # The constant headers, checked once in _checked_constant_headers().
        constants = self.__dict__.get("_constant_headers")
        if constants is None:
            constants = self._constant_headers = self._checked_constant_headers()
        headers.set_checked_defaults(constants)
        return response

    def _checked_constant_headers(self) -> tuple:
        # (lowered name, name, value) of the headers every response gets, through the same
        # validation as response.headers[name] = value (a bad setting fails here, loudly).
        from framework.http.response import ResponseHeaders

        wanted = []
        if self.content_type_nosniff:
            wanted.append(("X-Content-Type-Options", "nosniff"))
        if self.referrer_policy:
            wanted.append(("Referrer-Policy", self.referrer_policy))
        if self.cross_origin_opener_policy:
            wanted.append(("Cross-Origin-Opener-Policy", self.cross_origin_opener_policy))
        checked = ResponseHeaders(dict(wanted))
        return tuple((name.lower(), name, checked[name]) for name, _ in wanted)
