"""``ConditionalGetMiddleware``: ETag and Last-Modified based 304 responses."""

from __future__ import annotations

import re
from typing import Any

from framework.middleware.base import MiddlewareMixin
from framework.utils.cache import get_conditional_response, set_response_etag
from framework.utils.http import parse_http_date_safe

_DELIMITER_RE = re.compile(r"\s*,\s*")


class ConditionalGetMiddleware(MiddlewareMixin):
    """Answer conditional GETs with 304 Not Modified (or 412) when they match.

    Adds an ETag to responses that lack one unless Cache-Control says ``no-store``.
    """

    def process_response(self, request: Any, response: Any) -> Any:
        # Unsafe methods are too late for a 412 here, and a HEAD body is empty so no
        # meaningful ETag can be computed from it.
        if request.method != "GET":
            return response
        if self.needs_etag(response) and "ETag" not in response.headers:
            set_response_etag(response)
        etag = response.headers.get("ETag")
        last_modified = response.headers.get("Last-Modified")
        last_modified = last_modified and parse_http_date_safe(last_modified)
        if etag or last_modified:
            return get_conditional_response(
                request, etag=etag, last_modified=last_modified, response=response
            )
        return response

    def needs_etag(self, response: Any) -> bool:
        """Return True unless Cache-Control forbids storing the response."""
        directives = _DELIMITER_RE.split(response.headers.get("Cache-Control", ""))
        return all(d.lower() != "no-store" for d in directives)
