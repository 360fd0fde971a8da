"""XFrameOptionsMiddleware."""

from __future__ import annotations

from framework.http import HttpResponse
from framework.middleware.clickjacking import XFrameOptionsMiddleware

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


class PerPathXFrame(XFrameOptionsMiddleware):
    """Varies the value per request, as the documented override does."""

    def get_xframe_options_value(self, request, response):
        return "SAMEORIGIN" if request.path.startswith("/long") else "DENY"


def test_overridden_value_method_is_called_per_request(make_app):
    """A subclass's get_xframe_options_value() decides, request by request."""
    app = make_app(MIDDLEWARE=["tests.middleware.test_clickjacking.PerPathXFrame"])
    assert app.get("/long/").headers["X-Frame-Options"] == "SAMEORIGIN"
    assert app.get("/plain/").headers["X-Frame-Options"] == "DENY"
    assert app.get("/framed/").headers["X-Frame-Options"] == "SAMEORIGIN"


def test_exempt_response_gets_no_header():
    """A response marked xframe_options_exempt is left without the header."""
    middleware = XFrameOptionsMiddleware(lambda request: None)
    response = HttpResponse("page")
    response.xframe_options_exempt = True
    assert "X-Frame-Options" not in middleware.process_response(None, response)
    assert middleware.process_response(None, HttpResponse("page"))["X-Frame-Options"] == "DENY"
