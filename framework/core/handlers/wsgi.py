"""``WSGIHandler``: the WSGI application object.

Mount-point handling lives here and nowhere else: the script name (``SCRIPT_NAME``,
Apache's ``SCRIPT_URL``/``REDIRECT_URL`` after mod_rewrite, or ``FORCE_SCRIPT_NAME``)
and ``PATH_INFO`` are worked out once per request, written back into the environ in
their WSGI (latin-1) form, and the script prefix used by ``reverse()`` is set from them.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable
from typing import Any

from framework.conf import settings
from framework.core import signals
from framework.core.exceptions import BadRequest, SuspiciousOperation
from framework.core.handlers import base
from framework.http.wsgi import WSGIRequest as WSGIRequest
from framework.urls import set_script_prefix
from framework.utils.log import log_response

logger = logging.getLogger("framework.request")

_SLASHES_RE = re.compile(rb"/+")


def get_bytes_from_wsgi(environ: dict, key: str, default: str = "") -> bytes:
    """Return an environ value as the bytes the client sent (PEP 3333: latin-1 str)."""
    value = environ.get(key, default)
    try:
        return value.encode("latin-1")
    except UnicodeEncodeError:
        # A server (or test) that put already-decoded text into the environ.
        return value.encode("utf-8")


def get_str_from_wsgi(environ: dict, key: str, default: str = "") -> str:
    """Return an environ value decoded as UTF-8 (invalid bytes replaced)."""
    return get_bytes_from_wsgi(environ, key, default).decode("utf-8", errors="replace")


def get_script_name(environ: dict) -> str:
    """Return the path the application is mounted at (no trailing slash).

    ``FORCE_SCRIPT_NAME`` wins; after mod_rewrite Apache leaves the original URL in
    ``SCRIPT_URL``/``REDIRECT_URL``, from which the mount point is PATH_INFO's prefix.
    """
    if settings.FORCE_SCRIPT_NAME is not None:
        return settings.FORCE_SCRIPT_NAME
    if not (environ.get("SCRIPT_URL") or environ.get("REDIRECT_URL")):
        value = environ.get("SCRIPT_NAME", "")
        if type(value) is str and value.isascii():
            # No mod_rewrite in play and an ASCII mount point: the common case.
            return value
    script_url = get_bytes_from_wsgi(environ, "SCRIPT_URL") or get_bytes_from_wsgi(
        environ, "REDIRECT_URL"
    )
    if script_url:
        if b"//" in script_url:
            # mod_wsgi collapses repeated slashes in PATH_INFO, not in SCRIPT_URL.
            script_url = _SLASHES_RE.sub(b"/", script_url)
        path_info = get_bytes_from_wsgi(environ, "PATH_INFO")
        script_name = script_url.removesuffix(path_info) if path_info else script_url
    else:
        script_name = get_bytes_from_wsgi(environ, "SCRIPT_NAME")
    return script_name.decode("utf-8", errors="replace")


def get_path_info(environ: dict) -> str | None:
    """Return PATH_INFO decoded as UTF-8 (``"/"`` when empty), or None if it is not UTF-8."""
    value = environ.get("PATH_INFO", "/")
    if type(value) is str and value.isascii():
        # Latin-1 and UTF-8 agree on ASCII: nearly every path needs no conversion.
        return value or "/"
    raw = get_bytes_from_wsgi(environ, "PATH_INFO", "/")
    try:
        return raw.decode("utf-8") or "/"
    except UnicodeDecodeError:
        return None


def _to_wsgi(value: str) -> str:
    if value.isascii():
        return value
    return value.encode("utf-8").decode("latin-1")


class WSGIHandler(base.BaseHandler):
    """The WSGI application: ``application = WSGIHandler()``.

    The middleware chain is built in ``__init__``: create a new handler after changing
    ``MIDDLEWARE`` (tests do so under ``override_settings``).
    """

    request_class = WSGIRequest

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.load_middleware()

    def __repr__(self) -> str:
        return f"<{type(self).__name__} middleware={len(settings.MIDDLEWARE)}>"

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        script_name = get_script_name(environ)
        set_script_prefix(script_name)
        signals.request_started.send(sender=type(self), environ=environ)

        path_info = get_path_info(environ)
        if path_info is None:
            response = self._refuse(
                environ, BadRequest("The URL path is not valid UTF-8."), level="warning"
            )
        else:
            # _to_wsgi() written out for the ASCII case (nearly every request).
            environ["SCRIPT_NAME"] = script_name if script_name.isascii() else _to_wsgi(script_name)
            environ["PATH_INFO"] = path_info if path_info.isascii() else _to_wsgi(path_info)
            try:
                request = self.request_class(environ)
            except Exception as exc:
                response = self._refuse(environ, exc)
            else:
                response = self.get_response(request)

        # close() sends request_finished with this sender once the server is done.
        response._handler_class = type(self)
        status = f"{response.status_code} {response.reason_phrase}"
        headers = list(response.headers._store.values())
        cookies = response.__dict__.get("cookies")  # made only if a cookie was set
        if cookies:
            headers += [("Set-Cookie", cookie.OutputString()) for cookie in cookies.values()]
        start_response(status, headers)
        file_wrapper = environ.get("wsgi.file_wrapper")
        # Only a streaming response (FileResponse) can have a file to hand to the server.
        if (
            getattr(response, "streaming", False)
            and file_wrapper
            and getattr(response, "file_to_stream", None) is not None
        ):
            # The server (mod_wsgi: sendfile) closes the file; route that to the
            # response so request_finished is still sent.
            response.file_to_stream.close = response.close
            response = file_wrapper(response.file_to_stream, response.block_size)
        return response

    def _refuse(self, environ: dict, exc: Exception, level: str | None = None) -> Any:
        """Answer a request that cannot even be built: 400 if malformed, 500 otherwise."""
        from framework.views.defaults import bad_request, server_error

        path = get_str_from_wsgi(environ, "PATH_INFO", "/")
        if isinstance(exc, (BadRequest, SuspiciousOperation, UnicodeError, ValueError)):
            response = bad_request(None, exc)
            log_response(
                "Bad Request (%s): %s", exc, path, response=response, level=level, exception=exc
            )
        else:
            signals.got_request_exception.send(sender=type(self), request=None)
            response = server_error(None)
            log_response(
                "Internal Server Error (building the request): %s",
                path,
                response=response,
                exception=exc,
            )
        return response
