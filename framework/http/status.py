"""Responses for specific status codes: redirects, 304, 400, 403, 404, 405, 410, 500."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

from framework.core.exceptions import DisallowedRedirect
from framework.http.response import HttpResponse
from framework.utils.encoding import iri_to_uri


class HttpResponseRedirectBase(HttpResponse):
    """A redirect to ``redirect_to``; schemes other than http, https and ftp are refused."""

    allowed_schemes = ["http", "https", "ftp"]

    def __init__(self, redirect_to: Any, *args: Any, preserve_request: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        # iri_to_uri percent-encodes CR/LF, so a redirect target cannot split the response.
        self["Location"] = iri_to_uri(redirect_to)
        parsed = urlsplit(str(redirect_to))
        if preserve_request:
            self.status_code = self.status_code_preserve_request
        if parsed.scheme and parsed.scheme not in self.allowed_schemes:
            raise DisallowedRedirect(
                f"Unsafe redirect to URL with protocol {parsed.scheme!r}: only "
                f"{', '.join(self.allowed_schemes)} are allowed."
            )

    url = property(lambda self: self["Location"])

    def __repr__(self) -> str:
        return (
            f"<{type(self).__name__} status_code={self.status_code}{self._content_type_for_repr}, "
            f'url="{self.url}">'
        )


class HttpResponseRedirect(HttpResponseRedirectBase):
    """302 Found (307 with ``preserve_request=True``)."""

    status_code = 302
    status_code_preserve_request = 307


class HttpResponsePermanentRedirect(HttpResponseRedirectBase):
    """301 Moved Permanently (308 with ``preserve_request=True``)."""

    status_code = 301
    status_code_preserve_request = 308


class HttpResponseNotModified(HttpResponse):
    """304 Not Modified: no content, no Content-Type."""

    status_code = 304

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        del self["content-type"]

    @HttpResponse.content.setter
    def content(self, value: Any) -> None:
        if value:
            raise AttributeError("You cannot set content to a 304 (Not Modified) response")
        self._container = []


class HttpResponseBadRequest(HttpResponse):
    """400 Bad Request."""

    status_code = 400


class HttpResponseNotFound(HttpResponse):
    """404 Not Found."""

    status_code = 404


class HttpResponseForbidden(HttpResponse):
    """403 Forbidden."""

    status_code = 403


class HttpResponseNotAllowed(HttpResponse):
    """405 Method Not Allowed, with the ``Allow`` header listing ``permitted_methods``."""

    status_code = 405

    def __init__(self, permitted_methods: Iterable[str], *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self["Allow"] = ", ".join(permitted_methods)

    def __repr__(self) -> str:
        return (
            f"<{type(self).__name__} [{self['Allow']}] status_code={self.status_code}"
            f"{self._content_type_for_repr}>"
        )


class HttpResponseGone(HttpResponse):
    """410 Gone."""

    status_code = 410


class HttpResponseServerError(HttpResponse):
    """500 Internal Server Error."""

    status_code = 500
