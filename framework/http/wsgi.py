"""``WSGIRequest``: an HttpRequest built from a WSGI environ; ``LimitedStream``."""

from __future__ import annotations

import io
from typing import Any

from framework.http.cookie import parse_cookie
from framework.http.querydict import QueryDict
from framework.http.request import HttpRequest
from framework.utils.datastructures import MultiValueDict
from framework.utils.encoding import repercent_broken_unicode
from framework.utils.functional import cached_property


class LimitedStream(io.IOBase):
    """Wrap ``wsgi.input`` so that no read goes past ``limit`` bytes (CONTENT_LENGTH).

    Reading beyond the body could block on a keep-alive connection or read the
    next request.
    """

    def __init__(self, stream: Any, limit: int):
        self._read = stream.read
        self._readline = stream.readline
        self._pos = 0
        self.limit = limit

    def read(self, size: int | None = -1, /) -> bytes:
        """Read at most ``size`` bytes (all that is left for None or a negative size)."""
        pos, limit = self._pos, self.limit
        if pos >= limit:
            return b""
        if size is None or size < 0:
            size = limit - pos
        else:
            size = min(size, limit - pos)
        data = self._read(size)
        self._pos += len(data)
        return data

    def readline(self, size: int | None = -1, /) -> bytes:
        """Read one line, at most ``size`` bytes."""
        pos, limit = self._pos, self.limit
        if pos >= limit:
            return b""
        if size is None or size < 0:
            size = limit - pos
        else:
            size = min(size, limit - pos)
        line = self._readline(size)
        self._pos += len(line)
        return line

    def readable(self) -> bool:
        return True


def _bytes_from_wsgi(environ: dict, key: str, default: str) -> bytes:
    # PEP 3333 environ strings are latin-1 decoded bytes: get the bytes back.
    return environ.get(key, default).encode("iso-8859-1")


def _str_from_wsgi(environ: dict, key: str, default: str) -> str:
    # Headers are UTF-8 in practice; undecodable bytes become U+FFFD rather than fail.
    return _bytes_from_wsgi(environ, key, default).decode("utf-8", "replace")


def _path_from_wsgi(environ: dict, key: str) -> str:
    value = environ.get(key, "")
    if value.isascii():
        # ASCII is valid UTF-8 and has nothing to re-percent-encode: the common case.
        return value
    return repercent_broken_unicode(value.encode("iso-8859-1")).decode()


class WSGIRequest(HttpRequest):
    """The request a WSGI handler passes to views, built from ``environ``.

    ``SCRIPT_NAME``/``PATH_INFO`` are taken as the handler left them (the handler
    applies FORCE_SCRIPT_NAME); bytes that are not UTF-8 are percent-encoded.
    """

    def __init__(self, environ: dict):
        # _path_from_wsgi's ASCII case written out: this runs once per request.
        script_name = environ.get("SCRIPT_NAME", "")
        if not script_name.isascii():
            script_name = _path_from_wsgi(environ, "SCRIPT_NAME")
        path_info = environ.get("PATH_INFO", "")
        if not path_info.isascii():
            path_info = _path_from_wsgi(environ, "PATH_INFO")
        path_info = path_info or "/"
        self.environ = environ
        self.path_info = path_info
        # Join so that "/mount/" + "/page" does not give a double slash.
        self.path = f"{script_name.rstrip('/')}/{path_info.replace('/', '', 1)}"
        self.META = environ
        self.META["PATH_INFO"] = path_info
        self.META["SCRIPT_NAME"] = script_name
        self.method = environ["REQUEST_METHOD"].upper()
        self._set_content_type_params(environ)
        self._read_started = False
        self.resolver_match = None

    @cached_property
    def _stream(self) -> LimitedStream:
        # Built on first read: most requests (GET) never read a body.
        content_length = self.environ.get("CONTENT_LENGTH")
        try:
            content_length = max(0, int(content_length)) if content_length else 0
        except (ValueError, TypeError):
            content_length = 0
        return LimitedStream(self.environ["wsgi.input"], content_length)

    def _get_scheme(self) -> str:
        return self.environ.get("wsgi.url_scheme", "http")

    @cached_property
    def GET(self) -> QueryDict:
        """The query string parameters."""
        raw = _bytes_from_wsgi(self.environ, "QUERY_STRING", "")
        return QueryDict(raw, encoding=self._encoding)

    def _get_post(self) -> QueryDict:
        if not hasattr(self, "_post"):
            self._load_post_and_files()
        return self._post

    def _set_post(self, post: QueryDict) -> None:
        self._post = post

    POST = property(_get_post, _set_post, doc="The form data of a POST request.")

    @cached_property
    def COOKIES(self) -> dict[str, str]:
        """The cookies sent by the client (malformed ones skipped)."""
        raw = self.environ.get("HTTP_COOKIE")
        if not raw:
            return {}  # no Cookie header: most requests of an API, every first visit
        # Latin-1 and UTF-8 agree on ASCII: only other bytes need the round trip.
        return parse_cookie(
            raw if raw.isascii() else _str_from_wsgi(self.environ, "HTTP_COOKIE", "")
        )

    @property
    def FILES(self) -> MultiValueDict:
        """The uploaded files of a multipart POST."""
        if not hasattr(self, "_files"):
            self._load_post_and_files()
        return self._files
