"""Build requests for calling views directly (to read an Http404's message)."""

from __future__ import annotations

import webob

from framework.http.wsgi import WSGIRequest


def request(path: str = "/", method: str = "GET", **kwargs) -> WSGIRequest:
    """A WSGIRequest for ``path`` (query string allowed)."""
    environ = webob.Request.blank(path, method=method, **kwargs).environ
    environ["HTTP_HOST"] = "testserver"
    return WSGIRequest(environ)


def view_instance(view_class, path: str = "/", **kwargs):
    """A view instance set up for a GET of ``path`` with URL ``kwargs``."""
    view = view_class()
    view.setup(request(path), **kwargs)
    return view
