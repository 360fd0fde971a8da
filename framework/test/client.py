"""``RequestFactory`` and ``Client``: requests made in-process, without a server.

The factory builds ``WSGIRequest`` objects to pass to views; the client runs them
through the whole handler (middleware, URL resolution, views) and returns the
response with ``templates``, ``context``, ``wsgi_request``, ``resolver_match``,
``redirect_chain`` and ``json()`` attached, keeping cookies across requests.
"""

from __future__ import annotations

import io
import json
import sys
from functools import partial
from http import HTTPStatus
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import unquote_to_bytes, urlencode, urljoin, urlsplit

from framework.core.serializers.json import FrameworkJSONEncoder
from framework.core.signals import got_request_exception
from framework.http import HttpHeaders
from framework.test.client_handler import ClientHandler, ContextList, record_templates
from framework.test.multipart import MULTIPART_CONTENT, encode_body, is_json_content_type
from framework.test.sessions import ClientSessionMixin

__all__ = ["Client", "RedirectCycleError", "RequestFactory"]

_REDIRECT_STATUSES = frozenset(
    {
        HTTPStatus.MOVED_PERMANENTLY,
        HTTPStatus.FOUND,
        HTTPStatus.SEE_OTHER,
        HTTPStatus.TEMPORARY_REDIRECT,
        HTTPStatus.PERMANENT_REDIRECT,
    }
)
_MAX_REDIRECTS = 20


class RedirectCycleError(Exception):
    """The test client followed a redirect loop (or more than 20 redirects)."""

    def __init__(self, message: str, last_response: Any):
        super().__init__(message)
        self.last_response = last_response
        self.redirect_chain = last_response.redirect_chain


class RequestFactory:
    """Build requests for views: ``rf.get("/path", {"q": 1})`` returns a WSGIRequest.

    ``headers`` and ``query_params`` given here apply to every request; ``defaults``
    are extra WSGI environ entries.
    """

    def __init__(
        self,
        *,
        json_encoder: type = FrameworkJSONEncoder,
        headers: dict[str, str] | None = None,
        query_params: dict[str, Any] | None = None,
        **defaults: Any,
    ):
        self.json_encoder = json_encoder
        self.defaults = defaults
        self.cookies: SimpleCookie = SimpleCookie()
        self.errors = io.BytesIO()
        if headers:
            self.defaults.update(HttpHeaders.to_wsgi_names(headers))
        if query_params:
            self.defaults["QUERY_STRING"] = urlencode(query_params, doseq=True)

    def _base_environ(self, **request: Any) -> dict[str, Any]:
        cookie = "; ".join(
            sorted(f"{morsel.key}={morsel.coded_value}" for morsel in self.cookies.values())
        )
        return {
            "HTTP_COOKIE": cookie,
            "PATH_INFO": "/",
            "REMOTE_ADDR": "127.0.0.1",
            "REQUEST_METHOD": "GET",
            "SCRIPT_NAME": "",
            "SERVER_NAME": "testserver",
            "SERVER_PORT": "80",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "wsgi.version": (1, 0),
            "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(b""),
            "wsgi.errors": self.errors,
            "wsgi.multiprocess": True,
            "wsgi.multithread": False,
            "wsgi.run_once": False,
            **self.defaults,
            **request,
        }

    def request(self, **request: Any) -> Any:
        """Build a WSGIRequest from environ entries."""
        from framework.core.handlers.wsgi import WSGIRequest

        return WSGIRequest(self._base_environ(**request))

    def generic(
        self,
        method: str,
        path: str,
        data: Any = "",
        content_type: str | None = "application/octet-stream",
        secure: bool = False,
        *,
        headers: dict[str, str] | None = None,
        query_params: dict[str, Any] | None = None,
        **extra: Any,
    ) -> Any:
        """Build a request of any method with a raw ``data`` body."""
        parsed = urlsplit(str(path))
        body = data if isinstance(data, bytes) else str(data).encode("utf-8")
        environ: dict[str, Any] = {
            "PATH_INFO": _wsgi_path(parsed.path),
            "REQUEST_METHOD": method.upper(),
            "SERVER_PORT": "443" if secure else "80",
            "wsgi.url_scheme": "https" if secure else "http",
        }
        if body:
            environ["CONTENT_LENGTH"] = str(len(body))
            environ["wsgi.input"] = io.BytesIO(body)
            if content_type is not None:
                environ["CONTENT_TYPE"] = content_type
        if headers:
            extra.update(HttpHeaders.to_wsgi_names(headers))
        if query_params:
            extra["QUERY_STRING"] = urlencode(query_params, doseq=True)
        environ.update(extra)
        if not environ.get("QUERY_STRING") and "QUERY_STRING" not in self.defaults:
            environ["QUERY_STRING"] = parsed.query.encode("utf-8").decode("iso-8859-1")
        return self.request(**environ)

    def _with_query(self, method, path, data, secure, headers, query_params, extra):
        if data and query_params:
            raise ValueError("query_params and data arguments are mutually exclusive.")
        query_params = data or query_params
        return self.generic(
            method, path, secure=secure, headers=headers, query_params=query_params, **extra
        )

    def get(self, path, data=None, secure=False, *, headers=None, query_params=None, **extra):
        """A GET request; ``data`` becomes the query string."""
        return self._with_query("GET", path, data, secure, headers, query_params, extra)

    def head(self, path, data=None, secure=False, *, headers=None, query_params=None, **extra):
        """A HEAD request; ``data`` becomes the query string."""
        return self._with_query("HEAD", path, data, secure, headers, query_params, extra)

    def trace(self, path, secure=False, *, headers=None, query_params=None, **extra):
        """A TRACE request."""
        return self.generic(
            "TRACE", path, secure=secure, headers=headers, query_params=query_params, **extra
        )

    def post(
        self,
        path,
        data=None,
        content_type=MULTIPART_CONTENT,
        secure=False,
        *,
        headers=None,
        query_params=None,
        **extra,
    ):
        """A POST request: ``data`` encoded as multipart form data, or as JSON when
        ``content_type`` is a JSON type and ``data`` a dict, list or tuple."""
        body = encode_body(data, content_type, self.json_encoder)
        return self.generic(
            "POST",
            path,
            body,
            content_type,
            secure=secure,
            headers=headers,
            query_params=query_params,
            **extra,
        )

    def _with_body(self, method, path, data, content_type, secure, headers, query_params, extra):
        if is_json_content_type(content_type):
            data = encode_body(data, content_type, self.json_encoder)
        return self.generic(
            method,
            path,
            data,
            content_type,
            secure=secure,
            headers=headers,
            query_params=query_params,
            **extra,
        )

    def options(
        self,
        path,
        data="",
        content_type="application/octet-stream",
        secure=False,
        *,
        headers=None,
        query_params=None,
        **extra,
    ):
        """An OPTIONS request with a raw body."""
        args = (path, data, content_type, secure, headers, query_params, extra)
        return self._with_body("OPTIONS", *args)

    def put(
        self,
        path,
        data="",
        content_type="application/octet-stream",
        secure=False,
        *,
        headers=None,
        query_params=None,
        **extra,
    ):
        """A PUT request with a raw (or JSON-encoded) body."""
        return self._with_body(
            "PUT", path, data, content_type, secure, headers, query_params, extra
        )

    def patch(
        self,
        path,
        data="",
        content_type="application/octet-stream",
        secure=False,
        *,
        headers=None,
        query_params=None,
        **extra,
    ):
        """A PATCH request with a raw (or JSON-encoded) body."""
        args = (path, data, content_type, secure, headers, query_params, extra)
        return self._with_body("PATCH", *args)

    def delete(
        self,
        path,
        data="",
        content_type="application/octet-stream",
        secure=False,
        *,
        headers=None,
        query_params=None,
        **extra,
    ):
        """A DELETE request with a raw (or JSON-encoded) body."""
        args = (path, data, content_type, secure, headers, query_params, extra)
        return self._with_body("DELETE", *args)


def _wsgi_path(path: str) -> str:
    # PEP 3333: PATH_INFO is the unquoted bytes, carried in a latin-1 str.
    return unquote_to_bytes(path or "/").decode("iso-8859-1")


class Client(ClientSessionMixin, RequestFactory):
    """The test client: run requests through the project and inspect the responses.

    ``enforce_csrf_checks=False`` (the default) lets unsafe requests through the CSRF
    middleware, as a browser holding the token would; ``raise_request_exception``
    re-raises a view's exception instead of returning the 500 response.
    """

    def __init__(
        self,
        enforce_csrf_checks: bool = False,
        raise_request_exception: bool = True,
        *,
        headers: dict[str, str] | None = None,
        query_params: dict[str, Any] | None = None,
        **defaults: Any,
    ):
        super().__init__(headers=headers, query_params=query_params, **defaults)
        self.handler = ClientHandler(enforce_csrf_checks)
        self.raise_request_exception = raise_request_exception
        self.exc_info: tuple | None = None

    def request(self, **request: Any) -> Any:
        """Run one request through the handler and return the decorated response."""
        environ = self._base_environ(**request)
        self.exc_info = None
        got_request_exception.connect(self._store_exc_info)
        try:
            with record_templates() as recorded:
                response = self.handler(environ)
        finally:
            got_request_exception.disconnect(self._store_exc_info)
        if self.exc_info is not None and self.raise_request_exception:
            _, exc_value, _ = self.exc_info
            self.exc_info = None
            raise exc_value
        response.client = self
        response.request = request
        response.templates = recorded.templates
        response.context = _single_or_list(recorded.contexts)
        response.json = partial(_parse_json, response)
        response.resolver_match = response.wsgi_request.resolver_match
        self._store_cookies(response)
        return response

    def _store_exc_info(self, **kwargs: Any) -> None:
        self.exc_info = sys.exc_info()

    def _store_cookies(self, response: Any) -> None:
        for key, morsel in response.cookies.items():
            if morsel["max-age"] == 0 or morsel["max-age"] == "0":
                self.cookies.pop(key, None)
            else:
                self.cookies[key] = morsel

    def _request_and_follow(self, method, follow, path, *args, **kwargs):
        response = getattr(super(), method)(path, *args, **kwargs)
        if follow:
            response = self._follow_redirects(response, *args[:1], **kwargs)
        return response

    def get(self, path, data=None, follow=False, secure=False, **kwargs):
        """GET ``path``; ``follow=True`` follows redirects (``redirect_chain``)."""
        return self._request_and_follow("get", follow, path, data, secure=secure, **kwargs)

    def head(self, path, data=None, follow=False, secure=False, **kwargs):
        """HEAD ``path``."""
        return self._request_and_follow("head", follow, path, data, secure=secure, **kwargs)

    def post(
        self, path, data=None, content_type=MULTIPART_CONTENT, follow=False, secure=False, **kw
    ):
        """POST ``data`` to ``path`` (multipart form data unless ``content_type`` says)."""
        return self._request_and_follow(
            "post", follow, path, data, content_type, secure=secure, **kw
        )

    def options(
        self,
        path,
        data="",
        content_type="application/octet-stream",
        follow=False,
        secure=False,
        **kw,
    ):
        """OPTIONS ``path``."""
        return self._request_and_follow(
            "options", follow, path, data, content_type, secure=secure, **kw
        )

    def put(
        self,
        path,
        data="",
        content_type="application/octet-stream",
        follow=False,
        secure=False,
        **kw,
    ):
        """PUT ``data`` to ``path``."""
        return self._request_and_follow(
            "put", follow, path, data, content_type, secure=secure, **kw
        )

    def patch(
        self,
        path,
        data="",
        content_type="application/octet-stream",
        follow=False,
        secure=False,
        **kw,
    ):
        """PATCH ``path`` with ``data``."""
        return self._request_and_follow(
            "patch", follow, path, data, content_type, secure=secure, **kw
        )

    def delete(
        self,
        path,
        data="",
        content_type="application/octet-stream",
        follow=False,
        secure=False,
        **kw,
    ):
        """DELETE ``path``."""
        return self._request_and_follow(
            "delete", follow, path, data, content_type, secure=secure, **kw
        )

    def trace(self, path, follow=False, secure=False, **kwargs):
        """TRACE ``path``."""
        response = RequestFactory.trace(self, path, secure=secure, **kwargs)
        if follow:
            response = self._follow_redirects(response, **kwargs)
        return response

    def _follow_redirects(self, response: Any, data: Any = "", **extra: Any) -> Any:
        """Follow redirects as a browser would: 307/308 repeat the method and body,
        other redirects become GET (HEAD stays HEAD)."""
        chain: list[tuple[str, int]] = []
        while response.status_code in _REDIRECT_STATUSES:
            url = response.url if hasattr(response, "url") else response["Location"]
            chain.append((url, response.status_code))
            request = response.request
            current = urljoin(_request_url(request), url)
            parts = urlsplit(current)
            kwargs: dict[str, Any] = {"secure": parts.scheme == "https", **extra}
            if parts.hostname and parts.hostname != request.get("SERVER_NAME", "testserver"):
                kwargs["SERVER_NAME"] = parts.hostname
            if parts.port:
                kwargs["SERVER_PORT"] = str(parts.port)
            path = parts.path or "/"
            if parts.query:
                path += "?" + parts.query
            kwargs.pop("query_params", None)
            method = request["REQUEST_METHOD"]
            if response.status_code in (HTTPStatus.TEMPORARY_REDIRECT, 308):
                body = request["wsgi.input"]
                body.seek(0)
                response = RequestFactory.generic(
                    self,
                    method,
                    path,
                    body.read(),
                    request.get("CONTENT_TYPE"),
                    **kwargs,
                )
            elif method == "HEAD":
                response = RequestFactory.head(self, path, **kwargs)
            else:
                response = RequestFactory.get(self, path, **kwargs)
            response.redirect_chain = chain
            if chain[-1] in chain[:-1] or len(chain) > _MAX_REDIRECTS:
                raise RedirectCycleError("Redirect loop detected.", last_response=response)
        response.redirect_chain = chain
        return response


def _request_url(request: dict) -> str:
    scheme = request.get("wsgi.url_scheme", "http")
    host = request.get("SERVER_NAME", "testserver")
    port = request.get("SERVER_PORT", "80")
    if (scheme, port) not in (("http", "80"), ("https", "443")):
        host = f"{host}:{port}"
    return f"{scheme}://{host}{request.get('PATH_INFO', '/')}"


def _single_or_list(contexts: list) -> Any:
    if not contexts:
        return None
    if len(contexts) == 1:
        return contexts[0]
    return ContextList(contexts)


def _parse_json(response: Any, **extra: Any) -> Any:
    if not hasattr(response, "_json"):
        content_type = response.get("Content-Type")
        if not is_json_content_type(content_type):
            raise ValueError(f'Content-Type header is "{content_type}", not "application/json"')
        response._json = json.loads(response.content.decode(response.charset), **extra)
    return response._json
