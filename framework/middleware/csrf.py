"""Cross-site request forgery protection: ``CsrfViewMiddleware``, ``get_token``, ``rotate_token``.

The client holds a 32-character secret (in the CSRF cookie, or in the session with
CSRF_USE_SESSIONS). Pages embed a *masked* token (64 characters: a random mask and the
secret shifted by it, new on every call) so that the token in an HTTPS response body
changes on every response (BREACH). Every request whose method is not GET, HEAD,
OPTIONS or TRACE - unknown methods included - must carry a token that unmasks to the
secret, in the ``csrfmiddlewaretoken`` POST field or the CSRF_HEADER_NAME header, and
pass the Origin check (or, over HTTPS without Origin, a strict Referer check).
"""

from __future__ import annotations

import logging
import re
import string
from collections import defaultdict
from functools import cached_property
from typing import Any
from urllib.parse import urlsplit

from framework.conf import settings
from framework.core.exceptions import DisallowedHost, ImproperlyConfigured
from framework.http.request import HttpHeaders, UnreadablePostError
from framework.middleware.base import MiddlewareMixin
from framework.urls.utils import get_callable
from framework.utils.cache import patch_vary_headers
from framework.utils.crypto import constant_time_compare, get_random_string
from framework.utils.http import is_same_domain
from framework.utils.log import log_response

__all__ = [
    "CSRF_ALLOWED_CHARS",
    "CSRF_SECRET_LENGTH",
    "CSRF_SESSION_KEY",
    "CSRF_TOKEN_LENGTH",
    "REASON_BAD_ORIGIN",
    "REASON_BAD_REFERER",
    "REASON_BAD_TOKEN",
    "REASON_CSRF_TOKEN_MISSING",
    "REASON_INCORRECT_LENGTH",
    "REASON_INSECURE_REFERER",
    "REASON_INVALID_CHARACTERS",
    "REASON_MALFORMED_REFERER",
    "REASON_NO_CSRF_COOKIE",
    "REASON_NO_REFERER",
    "CsrfViewMiddleware",
    "InvalidTokenFormat",
    "RejectRequest",
    "get_token",
    "rotate_token",
]

logger = logging.getLogger("framework.security.csrf")

REASON_BAD_ORIGIN = "Origin checking failed - %s does not match any trusted origins."
REASON_NO_REFERER = "Referer checking failed - no Referer."
REASON_BAD_REFERER = "Referer checking failed - %s does not match any trusted origins."
REASON_NO_CSRF_COOKIE = "CSRF cookie not set."
REASON_CSRF_TOKEN_MISSING = "CSRF token missing."
REASON_MALFORMED_REFERER = "Referer checking failed - Referer is malformed."
REASON_INSECURE_REFERER = "Referer checking failed - Referer is insecure while host is secure."
# The failure reason names where the token came from: "CSRF token from POST incorrect."
# (as Django 5 does); REASON_BAD_TOKEN is the word every such reason ends with.
REASON_BAD_TOKEN = "incorrect"
# Phrases without a subject: they complete "CSRF cookie ..." or "CSRF token from ...".
REASON_INCORRECT_LENGTH = "has incorrect length"
REASON_INVALID_CHARACTERS = "has invalid characters"

CSRF_SECRET_LENGTH = 32
CSRF_TOKEN_LENGTH = 2 * CSRF_SECRET_LENGTH
CSRF_ALLOWED_CHARS = string.ascii_letters + string.digits
CSRF_SESSION_KEY = "_csrftoken"

_SAFE_METHODS = frozenset(("GET", "HEAD", "OPTIONS", "TRACE"))
_INVALID_TOKEN_CHARS = re.compile("[^a-zA-Z0-9]")
_CHAR_INDEX = {char: index for index, char in enumerate(CSRF_ALLOWED_CHARS)}
_N_CHARS = len(CSRF_ALLOWED_CHARS)


class InvalidTokenFormat(Exception):
    """A token or secret has the wrong length or characters; ``reason`` says which."""

    def __init__(self, reason: str):
        self.reason = reason


class RejectRequest(Exception):
    """The request fails the CSRF check; ``reason`` goes to the failure view."""

    def __init__(self, reason: str):
        self.reason = reason


def _get_failure_view() -> Any:
    """Return the view of CSRF_FAILURE_VIEW."""
    return get_callable(settings.CSRF_FAILURE_VIEW)


def _get_new_csrf_string() -> str:
    return get_random_string(CSRF_SECRET_LENGTH, allowed_chars=CSRF_ALLOWED_CHARS)


def _mask_cipher_secret(secret: str) -> str:
    """Return a new random mask followed by ``secret`` shifted character-wise by the mask."""
    mask = _get_new_csrf_string()
    cipher = "".join(
        CSRF_ALLOWED_CHARS[(_CHAR_INDEX[s] + _CHAR_INDEX[m]) % _N_CHARS]
        for s, m in zip(secret, mask)
    )
    return mask + cipher


def _unmask_cipher_token(token: str) -> str:
    """Reverse ``_mask_cipher_secret`` (``token`` has CSRF_TOKEN_LENGTH valid characters)."""
    mask, cipher = token[:CSRF_SECRET_LENGTH], token[CSRF_SECRET_LENGTH:]
    return "".join(
        CSRF_ALLOWED_CHARS[(_CHAR_INDEX[c] - _CHAR_INDEX[m]) % _N_CHARS]
        for c, m in zip(cipher, mask)
    )


def _add_new_csrf_cookie(request: Any) -> str:
    """Give ``request`` a new secret, to be sent back on the response."""
    csrf_secret = _get_new_csrf_string()
    request.META["CSRF_COOKIE"] = csrf_secret
    request.META["CSRF_COOKIE_NEEDS_UPDATE"] = True
    return csrf_secret


def get_token(request: Any) -> str:
    """Return a masked CSRF token for ``request``, creating its secret if needed.

    Calling it makes the response carry the CSRF cookie (or session entry); each call
    returns a differently masked token of the same secret.
    """
    csrf_secret = request.META.get("CSRF_COOKIE")
    if _is_secret(csrf_secret):
        # The page now embeds a token: make sure the client holds its secret.
        request.META["CSRF_COOKIE_NEEDS_UPDATE"] = True
    else:
        # None yet, or something other than our middleware put there: start afresh.
        csrf_secret = _add_new_csrf_cookie(request)
    return _mask_cipher_secret(csrf_secret)


def _is_secret(value: Any) -> bool:
    return (
        isinstance(value, str)
        and len(value) == CSRF_SECRET_LENGTH
        and not _INVALID_TOKEN_CHARS.search(value)
    )


def rotate_token(request: Any) -> None:
    """Replace the CSRF secret of ``request`` (on login, so old tokens stop working)."""
    _add_new_csrf_cookie(request)


def _check_token_format(token: str) -> None:
    """Raise InvalidTokenFormat unless ``token`` is a secret or a masked token."""
    if len(token) not in (CSRF_TOKEN_LENGTH, CSRF_SECRET_LENGTH):
        raise InvalidTokenFormat(REASON_INCORRECT_LENGTH)
    if _INVALID_TOKEN_CHARS.search(token):
        raise InvalidTokenFormat(REASON_INVALID_CHARACTERS)


def _does_token_match(request_csrf_token: str, csrf_secret: str) -> bool:
    """True if the (well-formed) token is the secret, masked or not; constant time."""
    if len(request_csrf_token) == CSRF_TOKEN_LENGTH:
        request_csrf_token = _unmask_cipher_token(request_csrf_token)
    return constant_time_compare(request_csrf_token, csrf_secret)


class CsrfViewMiddleware(MiddlewareMixin):
    """Require a valid CSRF token and origin on every request with an unsafe method.

    Views opt out with ``@csrf_exempt``. A rejected request gets the response of
    CSRF_FAILURE_VIEW (a 403) and a warning on the ``framework.security.csrf`` logger.
    """

    @cached_property
    def csrf_trusted_origins_hosts(self) -> list[str]:
        """The hosts of CSRF_TRUSTED_ORIGINS ("*.example.com" -> ".example.com")."""
        return [urlsplit(origin).netloc.lstrip("*") for origin in settings.CSRF_TRUSTED_ORIGINS]

    @cached_property
    def allowed_origins_exact(self) -> set[str]:
        """The trusted origins without a wildcard."""
        return {origin for origin in settings.CSRF_TRUSTED_ORIGINS if "*" not in origin}

    @cached_property
    def allowed_origin_subdomains(self) -> dict[str, list[str]]:
        """Wildcard trusted origins as ``{scheme: [".example.com", ...]}``."""
        subdomains: dict[str, list[str]] = defaultdict(list)
        for origin in settings.CSRF_TRUSTED_ORIGINS:
            if "*" in origin:
                parsed = urlsplit(origin)
                subdomains[parsed.scheme].append(parsed.netloc.lstrip("*"))
        return subdomains

    def _accept(self, request: Any) -> None:
        # Tells decorators applied to the view that the check was done here.
        request.csrf_processing_done = True
        return None

    def _reject(self, request: Any, reason: str) -> Any:
        response = _get_failure_view()(request, reason=reason)
        log_response(
            "Forbidden (%s): %s",
            reason,
            request.path,
            response=response,
            request=request,
            logger=logger,
        )
        return response

    def _get_secret(self, request: Any) -> str | None:
        """Return the client's secret (None if it has none).

        Raises InvalidTokenFormat for a malformed cookie, ImproperlyConfigured when
        CSRF_USE_SESSIONS is on without a session.
        """
        if settings.CSRF_USE_SESSIONS:
            try:
                csrf_secret = request.session.get(CSRF_SESSION_KEY)
            except AttributeError:
                raise ImproperlyConfigured(
                    "CSRF_USE_SESSIONS is enabled, but request.session is not set. "
                    "SessionMiddleware must appear before CsrfViewMiddleware in MIDDLEWARE."
                ) from None
            if csrf_secret is not None and not isinstance(csrf_secret, str):
                raise InvalidTokenFormat(REASON_INVALID_CHARACTERS)
        else:
            csrf_secret = request.COOKIES.get(settings.CSRF_COOKIE_NAME)
        if csrf_secret is None:
            return None
        _check_token_format(csrf_secret)
        if len(csrf_secret) == CSRF_TOKEN_LENGTH:
            # A masked value where the secret belongs (cookies set by old versions).
            csrf_secret = _unmask_cipher_token(csrf_secret)
        return csrf_secret

    def _set_csrf_cookie(self, request: Any, response: Any) -> None:
        secret = request.META["CSRF_COOKIE"]
        if settings.CSRF_USE_SESSIONS:
            if request.session.get(CSRF_SESSION_KEY) != secret:
                request.session[CSRF_SESSION_KEY] = secret
        else:
            response.set_cookie(
                settings.CSRF_COOKIE_NAME,
                secret,
                max_age=settings.CSRF_COOKIE_AGE,
                domain=settings.CSRF_COOKIE_DOMAIN,
                path=settings.CSRF_COOKIE_PATH,
                secure=settings.CSRF_COOKIE_SECURE,
                httponly=settings.CSRF_COOKIE_HTTPONLY,
                samesite=settings.CSRF_COOKIE_SAMESITE,
            )
            # The body holds a token tied to this cookie: caches must not share it.
            patch_vary_headers(response, ("Cookie",))

    def process_request(self, request: Any) -> None:
        try:
            csrf_secret = self._get_secret(request)
        except InvalidTokenFormat:
            # Replace a malformed secret so that the next form works.
            _add_new_csrf_cookie(request)
        else:
            if csrf_secret is not None:
                request.META["CSRF_COOKIE"] = csrf_secret

    def process_view(
        self, request: Any, callback: Any, callback_args: Any, callback_kwargs: Any
    ) -> Any:
        if getattr(request, "csrf_processing_done", False):
            return None
        if getattr(callback, "csrf_exempt", False):
            return None
        if request.method in _SAFE_METHODS:
            return self._accept(request)
        if getattr(request, "_dont_enforce_csrf_checks", False):
            # Set by test clients that opt out of CSRF checks.
            return self._accept(request)
        if "HTTP_ORIGIN" in request.META:
            if not self._origin_verified(request):
                return self._reject(request, REASON_BAD_ORIGIN % request.META["HTTP_ORIGIN"])
        elif request.is_secure():
            # Without Origin (older browsers), HTTPS requests must come from a page of
            # this site; over HTTP a man-in-the-middle could forge Referer anyway.
            try:
                self._check_referer(request)
            except RejectRequest as exc:
                return self._reject(request, exc.reason)
        try:
            self._check_token(request)
        except RejectRequest as exc:
            return self._reject(request, exc.reason)
        return self._accept(request)

    def process_response(self, request: Any, response: Any) -> Any:
        if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
            self._set_csrf_cookie(request, response)
            # Decorators that run this after the middleware must not set it twice.
            request.META["CSRF_COOKIE_NEEDS_UPDATE"] = False
        return response

    # ------------------------------------------------------------ checks
    def _origin_verified(self, request: Any) -> bool:
        request_origin = request.META["HTTP_ORIGIN"]
        try:
            good_host = request.get_host()
        except DisallowedHost:
            pass
        else:
            good_origin = f"{'https' if request.is_secure() else 'http'}://{good_host}"
            if request_origin == good_origin:
                return True
        if request_origin in self.allowed_origins_exact:
            return True
        try:
            parsed = urlsplit(request_origin)
        except ValueError:
            return False
        return any(
            is_same_domain(parsed.netloc, host)
            for host in self.allowed_origin_subdomains.get(parsed.scheme, ())
        )

    def _check_referer(self, request: Any) -> None:
        referer = request.META.get("HTTP_REFERER")
        if referer is None:
            raise RejectRequest(REASON_NO_REFERER)
        try:
            parsed = urlsplit(referer)
        except ValueError:
            raise RejectRequest(REASON_MALFORMED_REFERER) from None
        if not parsed.scheme or not parsed.netloc:
            raise RejectRequest(REASON_MALFORMED_REFERER)
        if parsed.scheme != "https":
            raise RejectRequest(REASON_INSECURE_REFERER)
        if any(is_same_domain(parsed.netloc, host) for host in self.csrf_trusted_origins_hosts):
            return
        # The cookie's domain may span subdomains that are then trusted as referers.
        good_referer = (
            settings.SESSION_COOKIE_DOMAIN
            if settings.CSRF_USE_SESSIONS
            else settings.CSRF_COOKIE_DOMAIN
        )
        if good_referer is None:
            try:
                good_referer = request.get_host()
            except DisallowedHost:
                raise RejectRequest(REASON_BAD_REFERER % parsed.geturl()) from None
        else:
            server_port = request.get_port()
            if server_port not in ("443", "80"):
                good_referer = f"{good_referer}:{server_port}"
        if not is_same_domain(parsed.netloc, good_referer):
            raise RejectRequest(REASON_BAD_REFERER % parsed.geturl())

    def _bad_token_message(self, reason: str, token_source: str) -> str:
        if token_source != "POST":
            header_name = HttpHeaders.parse_header_name(token_source)
            token_source = f"the {header_name!r} HTTP header"
        return f"CSRF token from {token_source} {reason}."

    def _check_token(self, request: Any) -> None:
        try:
            csrf_secret = self._get_secret(request)
        except InvalidTokenFormat as exc:
            raise RejectRequest(f"CSRF cookie {exc.reason}.") from None
        if csrf_secret is None:
            raise RejectRequest(REASON_NO_CSRF_COOKIE)

        request_csrf_token = ""
        if request.method == "POST":
            try:
                request_csrf_token = request.POST.get("csrfmiddlewaretoken", "")
            except UnreadablePostError:
                # The client went away mid-body: fall through to the header, then reject.
                pass
        if request_csrf_token == "":
            header = settings.CSRF_HEADER_NAME
            if header not in request.META:
                raise RejectRequest(REASON_CSRF_TOKEN_MISSING)
            request_csrf_token = request.META[header]
            token_source = header
        else:
            token_source = "POST"

        try:
            _check_token_format(request_csrf_token)
        except InvalidTokenFormat as exc:
            raise RejectRequest(self._bad_token_message(exc.reason, token_source)) from None
        if not _does_token_match(request_csrf_token, csrf_secret):
            raise RejectRequest(self._bad_token_message(REASON_BAD_TOKEN, token_source))
