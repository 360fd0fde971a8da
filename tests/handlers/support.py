"""Build WSGIRequests from WebOb's environ builder (RequestFactory arrives later)."""

from __future__ import annotations

import webob

from framework.core.handlers.wsgi import WSGIRequest


def make_request(path: str = "/", method: str = "GET", **kwargs) -> WSGIRequest:
    """Return a WSGIRequest for ``path``; kwargs go to ``webob.Request.blank``."""
    environ = webob.Request.blank(path, method=method, **kwargs).environ
    environ.setdefault("HTTP_HOST", "testserver")
    environ["SERVER_NAME"] = "testserver"
    return WSGIRequest(environ)
