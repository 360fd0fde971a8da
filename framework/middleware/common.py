"""``CommonMiddleware``: refused user agents, PREPEND_WWW, APPEND_SLASH, Content-Length."""

from __future__ import annotations

from typing import Any

from framework.conf import settings
from framework.core.exceptions import PermissionDenied
from framework.http import HttpResponsePermanentRedirect
from framework.middleware.base import MiddlewareMixin
from framework.urls import is_valid_path
from framework.utils.encoding import escape_uri_path, iri_to_uri


def escape_leading_slashes(url: str) -> str:
    """Escape a leading ``//`` so a path cannot become a scheme-relative URL."""
    if url.startswith("//"):
        return "/%2F" + url[2:]
    return url


class CommonMiddleware(MiddlewareMixin):
    """Refuse ``DISALLOWED_USER_AGENTS``, redirect for PREPEND_WWW and APPEND_SLASH,
    and set Content-Length on non-streaming responses.

    APPEND_SLASH redirects only when the path 404s and the slashed path resolves
    (and its view is not decorated with ``no_append_slash``).
    """

    response_redirect_class = HttpResponsePermanentRedirect

    def process_request(self, request: Any) -> Any:
        user_agent = request.META.get("HTTP_USER_AGENT")
        if user_agent is not None:
            for pattern in settings.DISALLOWED_USER_AGENTS:
                if pattern.search(user_agent):
                    raise PermissionDenied("Forbidden user agent")
        # Validates the Host header against ALLOWED_HOSTS on every request.
        host = request.get_host()
        if not settings.PREPEND_WWW or not host or host.startswith("www."):
            return None
        # Append the slash in the same redirect when it is needed anyway.
        if self.should_redirect_with_slash(request):
            path = self.get_full_path_with_slash(request)
        else:
            path = request.get_full_path()
        return self.response_redirect_class(f"{request.scheme}://www.{host}{path}")

    def should_redirect_with_slash(self, request: Any) -> bool:
        """Return True if the path lacks a slash, does not resolve, and path + '/' does."""
        path_info = request.path_info
        if not settings.APPEND_SLASH or path_info.endswith("/"):
            return False
        urlconf = getattr(request, "urlconf", None)
        if is_valid_path(path_info, urlconf):
            return False
        match = is_valid_path(f"{path_info}/", urlconf)
        if not match:
            return False
        view = getattr(match, "func", None)
        return getattr(view, "should_append_slash", True)

    def get_full_path_with_slash(self, request: Any) -> str:
        """Return the request's full path with a slash appended to the path part.

        Raises RuntimeError in DEBUG for POST/PUT/PATCH, whose body a redirect loses.
        """
        path = escape_uri_path(request.path)
        if not path.endswith("/"):
            path += "/"
        query = request.META.get("QUERY_STRING", "")
        if query:
            path = f"{path}?{iri_to_uri(query)}"
        new_path = escape_leading_slashes(path)
        if settings.DEBUG and request.method in ("POST", "PUT", "PATCH"):
            raise RuntimeError(
                f"You called this URL via {request.method}, but the URL doesn't end in a "
                f"slash and you have APPEND_SLASH set. The framework can't redirect to the "
                f"slash URL while maintaining {request.method} data. Change your form to "
                f"point to {request.get_host() + new_path} (note the trailing slash), or set "
                f"APPEND_SLASH=False in your settings."
            )
        return new_path

    def process_response(self, request: Any, response: Any) -> Any:
        if response.status_code == 404 and self.should_redirect_with_slash(request):
            response = self.response_redirect_class(self.get_full_path_with_slash(request))
        # response.headers is the framework's ResponseHeaders: its dict is keyed by the
        # lowercase name, read directly as XFrameOptionsMiddleware does.
        if not response.streaming and "content-length" not in response.headers._store:
            # Digits only: nothing for the header checks to find.
            response.headers.set_checked_default(
                "content-length", "Content-Length", str(len(response.content))
            )
        return response
