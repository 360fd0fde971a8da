"""ConditionalGetMiddleware."""

from __future__ import annotations

CONDITIONAL = ["framework.middleware.http.ConditionalGetMiddleware"]


def test_etag_added_and_matched(make_app):
    """An ETag is computed from the body; a matching If-None-Match gets a 304."""
    app = make_app(MIDDLEWARE=CONDITIONAL)
    etag = app.get("/plain/").headers["ETag"]
    assert etag.startswith('"') and etag.endswith('"')
    response = app.get("/plain/", headers={"If-None-Match": etag}, status=304)
    assert response.body == b""
    assert response.headers["ETag"] == etag


def test_no_etag_for_no_store(make_app):
    """Cache-Control: no-store responses get no ETag."""
    app = make_app(MIDDLEWARE=CONDITIONAL)
    assert "ETag" not in app.get("/no-store/").headers


def test_last_modified(make_app):
    """Last-Modified with a matching If-Modified-Since gets a 304."""
    app = make_app(MIDDLEWARE=CONDITIONAL)
    since = "Tue, 02 Jan 2024 03:04:05 GMT"
    app.get("/dated/", headers={"If-Modified-Since": since}, status=304)
    earlier = "Mon, 01 Jan 2024 00:00:00 GMT"
    assert app.get("/dated/", headers={"If-Modified-Since": earlier}).text == "dated"


def test_only_get(make_app):
    """POST responses are never turned into 304s."""
    app = make_app(MIDDLEWARE=CONDITIONAL)
    etag = app.get("/plain/").headers["ETag"]
    assert app.post("/plain/", headers={"If-None-Match": etag}).text == "plain"


def test_non_2xx_untouched(make_app):
    """Error responses are passed through."""
    app = make_app(MIDDLEWARE=CONDITIONAL)
    app.get("/explicit-404/", headers={"If-None-Match": "*"}, status=404)


def test_if_match_failure_is_412(make_app):
    """A GET with a non-matching If-Match is 412."""
    app = make_app(MIDDLEWARE=CONDITIONAL)
    app.get("/plain/", headers={"If-Match": '"nope"'}, status=412)
