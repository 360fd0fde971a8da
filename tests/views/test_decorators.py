"""View decorators: methods, conditional requests, cache, gzip, clickjacking."""

from __future__ import annotations

import gzip

import pytest
import webob

from framework.core.handlers.wsgi import WSGIHandler
from framework.http import HttpResponse
from framework.utils.http import http_date
from framework.views.decorators.cache import never_cache
from framework.views.decorators.common import no_append_slash
from tests.views import views

LAST_MODIFIED_HTTP = http_date(views.LAST_MODIFIED.timestamp())


def test_require_http_methods(make_app, caplog):
    """Listed methods pass; others get a 405 naming the allowed ones, logged."""
    app = make_app()
    assert app.get("/get-or-put/").text == "GET"
    assert app.put("/get-or-put/").text == "PUT"
    response = app.post("/get-or-put/", status=405)
    assert response.headers["Allow"] == "GET, PUT"
    assert "Method Not Allowed (POST): /get-or-put/" in caplog.text


def test_require_get_post_safe(make_app):
    """require_GET, require_POST and require_safe allow what their names say."""
    app = make_app()
    app.get("/only-get/")
    app.post("/only-get/", status=405)
    app.post("/only-post/")
    app.get("/only-post/", status=405)
    app.get("/only-safe/")
    app.head("/only-safe/")
    app.post("/only-safe/", status=405)


def test_etag_adds_header_and_answers_304(make_app):
    """@etag sets a quoted ETag; a matching If-None-Match gets 304 without the view body."""
    app = make_app()
    response = app.get("/etag/")
    assert response.headers["ETag"] == '"v1"'
    not_modified = app.get("/etag/", headers={"If-None-Match": '"v1"'}, status=304)
    assert not_modified.body == b""
    assert not_modified.headers["ETag"] == '"v1"' or "ETag" not in not_modified.headers
    assert app.get("/etag/", headers={"If-None-Match": '"other"'}).text == "etagged body"


def test_etag_weak_comparison_for_if_none_match(make_app):
    """If-None-Match compares weakly: W/"v1" matches "v1"."""
    make_app().get("/etag/", headers={"If-None-Match": 'W/"v1"'}, status=304)


def test_if_match_failure_is_412(make_app):
    """A failing If-Match is 412 Precondition Failed."""
    make_app().put("/etag/", headers={"If-Match": '"nope"'}, status=412)


def test_if_none_match_on_unsafe_method_is_412(make_app):
    """A matching If-None-Match on PUT is 412, not 304."""
    make_app().put("/etag/", headers={"If-None-Match": '"v1"'}, status=412)


def test_last_modified(make_app):
    """@last_modified sets Last-Modified; If-Modified-Since at or after it gets 304."""
    app = make_app()
    response = app.get("/dated/")
    assert response.headers["Last-Modified"] == LAST_MODIFIED_HTTP
    app.get("/dated/", headers={"If-Modified-Since": LAST_MODIFIED_HTTP}, status=304)
    older = http_date(views.LAST_MODIFIED.timestamp() - 60)
    assert app.get("/dated/", headers={"If-Modified-Since": older}).text == "dated body"


def test_if_unmodified_since_failure_is_412(make_app):
    """If-Unmodified-Since before Last-Modified is 412."""
    older = http_date(views.LAST_MODIFIED.timestamp() - 60)
    make_app().get("/dated/", headers={"If-Unmodified-Since": older}, status=412)


def test_invalid_dates_are_ignored(make_app):
    """An unparsable If-Modified-Since is ignored: the view answers."""
    response = make_app().get("/dated/", headers={"If-Modified-Since": "yesterday-ish"})
    assert response.text == "dated body"


def test_condition_both(make_app):
    """condition() with both functions sets both headers; If-None-Match takes precedence."""
    app = make_app()
    response = app.get("/both/")
    assert response.headers["ETag"] == '"v2"'
    assert response.headers["Last-Modified"] == LAST_MODIFIED_HTTP
    older = http_date(views.LAST_MODIFIED.timestamp() - 60)
    # ETag does not match, so the (passing) If-Modified-Since is not consulted.
    headers = {"If-None-Match": '"other"', "If-Modified-Since": older}
    assert app.get("/both/", headers=headers).text == "both body"


def test_never_cache(make_app):
    """never_cache sets Expires in the past-or-now and no-cache, no-store, private."""
    response = make_app().get("/uncached/")
    directives = {d.strip() for d in response.headers["Cache-Control"].split(",")}
    assert directives == {"max-age=0", "no-cache", "no-store", "must-revalidate", "private"}
    assert "Expires" in response.headers


def test_cache_control(make_app):
    """cache_control patches Cache-Control with the keyword arguments."""
    response = make_app().get("/cached/")
    directives = {d.strip() for d in response.headers["Cache-Control"].split(",")}
    assert directives == {"max-age=3600", "public"}


def test_cache_decorators_refuse_non_requests():
    """Decorating a method without method_decorator gives a clear TypeError."""

    class Thing:
        @never_cache
        def view(self, request):
            return HttpResponse()

    with pytest.raises(TypeError, match="never_cache didn't receive an HttpRequest"):
        Thing().view(object())


def test_gzip_page(make_app):
    """gzip_page compresses for clients accepting gzip, and varies on Accept-Encoding."""
    make_app()
    # WebTest decompresses bodies itself, so look at the raw WSGI response.
    handler = WSGIHandler()
    response = webob.Request.blank("/gzipped/", headers={"Accept-Encoding": "gzip"}).get_response(
        handler
    )
    assert response.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(response.body).decode() == views.BIG_TEXT
    plain = webob.Request.blank("/gzipped/").get_response(handler)
    assert "Content-Encoding" not in plain.headers
    assert plain.headers["Vary"] == "Accept-Encoding"
    assert plain.text == views.BIG_TEXT


def test_xframe_decorators(make_app):
    """xframe_options_deny/sameorigin set the header; exempt keeps the middleware off."""
    app = make_app(MIDDLEWARE=["framework.middleware.clickjacking.XFrameOptionsMiddleware"])
    assert app.get("/frame-deny/").headers["X-Frame-Options"] == "DENY"
    assert app.get("/frame-sameorigin/").headers["X-Frame-Options"] == "SAMEORIGIN"
    assert "X-Frame-Options" not in app.get("/frame-exempt/").headers
    assert app.get("/greet/").headers["X-Frame-Options"] == "DENY"


def test_no_append_slash_marks_view():
    """no_append_slash sets should_append_slash = False on the view."""

    @no_append_slash
    def view(request):
        return HttpResponse()

    assert view.should_append_slash is False
