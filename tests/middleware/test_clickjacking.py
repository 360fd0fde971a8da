"""XFrameOptionsMiddleware."""

from __future__ import annotations

XFRAME = ["framework.middleware.clickjacking.XFrameOptionsMiddleware"]


def test_default_deny(make_app):
    """X-Frame-Options defaults to DENY."""
    assert make_app(MIDDLEWARE=XFRAME).get("/plain/").headers["X-Frame-Options"] == "DENY"


def test_setting_is_uppercased(make_app):
    """X_FRAME_OPTIONS is sent upper-cased."""
    app = make_app(MIDDLEWARE=XFRAME, X_FRAME_OPTIONS="sameorigin")
    assert app.get("/plain/").headers["X-Frame-Options"] == "SAMEORIGIN"


def test_view_header_kept(make_app):
    """A header set by the view wins."""
    app = make_app(MIDDLEWARE=XFRAME)
    assert app.get("/framed/").headers["X-Frame-Options"] == "SAMEORIGIN"


def test_error_pages_get_the_header(make_app):
    """Error responses are protected too."""
    response = make_app(MIDDLEWARE=XFRAME).get("/nothing/", status=404)
    assert response.headers["X-Frame-Options"] == "DENY"


def test_each_setting_value_is_sent(make_app):
    """Values checked once are remembered per value: a changed setting is sent as is."""
    for value in ("DENY", "SAMEORIGIN", "DENY"):
        app = make_app(MIDDLEWARE=XFRAME, X_FRAME_OPTIONS=value)
        assert app.get("/plain/").headers["X-Frame-Options"] == value
