"""CommonMiddleware: user agents, PREPEND_WWW, APPEND_SLASH, Content-Length."""

from __future__ import annotations

import re

import pytest

from framework.middleware.common import CommonMiddleware, escape_leading_slashes
from tests.handlers.support import make_request

COMMON = ["framework.middleware.common.CommonMiddleware"]


def test_append_slash_redirects_when_slashed_path_resolves(make_app):
    """/plain 404s but /plain/ resolves: a 301 to /plain/, keeping the query string."""
    app = make_app(MIDDLEWARE=COMMON)
    assert app.get("/plain", status=301).headers["Location"] == "/plain/"
    assert app.get("/plain?a=1&b=%20", status=301).headers["Location"] == "/plain/?a=1&b=%20"


def test_append_slash_no_redirect_when_slashed_path_does_not_resolve(make_app):
    """No redirect when the slashed path does not resolve either."""
    make_app(MIDDLEWARE=COMMON).get("/nothing", status=404)


def test_append_slash_respects_no_append_slash(make_app):
    """A view decorated with no_append_slash is never redirected to."""
    make_app(MIDDLEWARE=COMMON).get("/no-slash-view", status=404)


def test_append_slash_disabled(make_app):
    """APPEND_SLASH = False turns the redirect off."""
    make_app(MIDDLEWARE=COMMON, APPEND_SLASH=False).get("/plain", status=404)


def test_append_slash_keeps_script_prefix(make_app):
    """The redirect target keeps the mount point."""
    app = make_app(MIDDLEWARE=COMMON)
    response = app.get("/plain", extra_environ={"SCRIPT_NAME": "/site"}, status=301)
    assert response.headers["Location"] == "/site/plain/"


def test_append_slash_post_in_debug_is_runtime_error(make_app):
    """In DEBUG a POST that would need the slash redirect raises Django's RuntimeError."""
    app = make_app(MIDDLEWARE=COMMON, DEBUG=True)
    response = app.post("/plain", {"a": "1"}, status=500, headers={"Accept": "text/plain"})
    assert (
        "You called this URL via POST, but the URL doesn't end in a slash and you have "
        "APPEND_SLASH set." in response.text
    )
    assert "testserver/plain/ (note the trailing slash)" in response.text


def test_append_slash_post_without_debug_redirects(make_app):
    """Without DEBUG the POST gets the redirect (its data is lost, as in Django)."""
    make_app(MIDDLEWARE=COMMON).post("/plain", {"a": "1"}, status=301)


def test_runtime_error_message_direct(settings):
    """get_full_path_with_slash raises for PUT/PATCH too, naming the method and URL."""
    settings.DEBUG = True
    middleware = CommonMiddleware(lambda r: None)
    for method in ("PUT", "PATCH"):
        request = make_request("/plain", method=method)
        with pytest.raises(RuntimeError, match=f"via {method}.*note the trailing slash"):
            middleware.get_full_path_with_slash(request)


def test_prepend_www(make_app):
    """PREPEND_WWW redirects to www. and appends the slash in the same redirect."""
    app = make_app(MIDDLEWARE=COMMON, PREPEND_WWW=True)
    assert app.get("/plain/", status=301).headers["Location"] == "http://www.testserver/plain/"
    assert app.get("/plain", status=301).headers["Location"] == "http://www.testserver/plain/"


def test_prepend_www_leaves_www_alone(make_app):
    """A host already starting with www. is not redirected."""
    app = make_app(MIDDLEWARE=COMMON, PREPEND_WWW=True, ALLOWED_HOSTS=["www.testserver"])
    assert app.get("/plain/", headers={"Host": "www.testserver"}).text == "plain"


def test_disallowed_user_agents(make_app):
    """A User-Agent matching DISALLOWED_USER_AGENTS gets a 403."""
    app = make_app(MIDDLEWARE=COMMON, DISALLOWED_USER_AGENTS=[re.compile(r"evilbot")])
    app.get("/plain/", headers={"User-Agent": "Mozilla evilbot/1.0"}, status=403)
    assert app.get("/plain/", headers={"User-Agent": "Mozilla/5.0"}).text == "plain"


def test_content_length_added(raw):
    """Non-streaming responses get Content-Length; streaming ones do not."""
    response = raw("/plain/", COMMON)
    assert response.headers["Content-Length"] == "5"
    streamed = raw("/stream/", COMMON)
    assert "Content-Length" not in streamed.headers


def test_escape_leading_slashes():
    """A path starting with // cannot turn into a scheme-relative URL."""
    assert escape_leading_slashes("//evil.example/x/") == "/%2Fevil.example/x/"
    assert escape_leading_slashes("/fine/") == "/fine/"


def test_double_slash_redirect_is_not_scheme_relative(settings):
    """The slash redirect for //host/path stays on this site."""
    settings.ROOT_URLCONF = "tests.middleware.urls_double"
    middleware = CommonMiddleware(lambda r: None)
    request = make_request("//evil.example/x")
    assert middleware.get_full_path_with_slash(request) == "/%2Fevil.example/x/"
