"""SecurityMiddleware: HSTS, HTTPS redirect, nosniff, Referrer-Policy, COOP."""

from __future__ import annotations

from framework.http.response import BadHeaderError

SECURITY = ["framework.middleware.security.SecurityMiddleware"]
HTTPS = {"wsgi.url_scheme": "https"}


def test_default_headers(make_app):
    """By default: nosniff, Referrer-Policy and Cross-Origin-Opener-Policy same-origin."""
    headers = make_app(MIDDLEWARE=SECURITY).get("/plain/").headers
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "Strict-Transport-Security" not in headers


def test_headers_can_be_disabled(make_app):
    """Setting the options to False/None leaves the headers out."""
    app = make_app(
        MIDDLEWARE=SECURITY,
        SECURE_CONTENT_TYPE_NOSNIFF=False,
        SECURE_REFERRER_POLICY=None,
        SECURE_CROSS_ORIGIN_OPENER_POLICY=None,
    )
    headers = app.get("/plain/").headers
    for name in ("X-Content-Type-Options", "Referrer-Policy", "Cross-Origin-Opener-Policy"):
        assert name not in headers


def test_referrer_policy_list(make_app):
    """A list (or comma-separated string) of policies is sent comma-joined."""
    app = make_app(MIDDLEWARE=SECURITY, SECURE_REFERRER_POLICY=["no-referrer", "strict-origin"])
    assert app.get("/plain/").headers["Referrer-Policy"] == "no-referrer,strict-origin"


def test_hsts_only_on_secure_requests(make_app):
    """HSTS is sent over HTTPS only, with includeSubDomains and preload when set."""
    app = make_app(
        MIDDLEWARE=SECURITY,
        SECURE_HSTS_SECONDS=3600,
        SECURE_HSTS_INCLUDE_SUBDOMAINS=True,
        SECURE_HSTS_PRELOAD=True,
    )
    secure = app.get("/plain/", extra_environ=HTTPS)
    assert secure.headers["Strict-Transport-Security"] == (
        "max-age=3600; includeSubDomains; preload"
    )
    assert "Strict-Transport-Security" not in app.get("/plain/").headers


def test_hsts_via_proxy_header(make_app):
    """SECURE_PROXY_SSL_HEADER makes a proxied request count as secure."""
    app = make_app(
        MIDDLEWARE=SECURITY,
        SECURE_HSTS_SECONDS=60,
        SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https"),
    )
    response = app.get("/plain/", headers={"X-Forwarded-Proto": "https"})
    assert response.headers["Strict-Transport-Security"] == "max-age=60"


def test_ssl_redirect(make_app):
    """SECURE_SSL_REDIRECT sends plain-HTTP requests to https, keeping path and query."""
    app = make_app(MIDDLEWARE=SECURITY, SECURE_SSL_REDIRECT=True)
    response = app.get("/plain/?a=1", status=301)
    assert response.headers["Location"] == "https://testserver/plain/?a=1"
    assert app.get("/plain/", extra_environ=HTTPS).text == "plain"


def test_ssl_redirect_host(make_app):
    """SECURE_SSL_HOST replaces the host of the redirect."""
    app = make_app(MIDDLEWARE=SECURITY, SECURE_SSL_REDIRECT=True, SECURE_SSL_HOST="secure.example")
    response = app.get("/plain/", status=301)
    assert response.headers["Location"] == "https://secure.example/plain/"


def test_ssl_redirect_exempt(make_app):
    """Paths matching SECURE_REDIRECT_EXEMPT (without the leading slash) are not redirected."""
    app = make_app(
        MIDDLEWARE=SECURITY, SECURE_SSL_REDIRECT=True, SECURE_REDIRECT_EXEMPT=[r"^exempt/"]
    )
    assert app.get("/exempt/public").text == "plain"
    app.get("/plain/", status=301)


def test_existing_headers_are_kept(make_app):
    """Headers already set by the view are not overwritten."""
    app = make_app(MIDDLEWARE=SECURITY)
    assert app.get("/framed/").headers["X-Frame-Options"] == "SAMEORIGIN"


def test_constant_headers_are_checked_once_and_a_bad_setting_fails(make_app, caplog):
    """The constant headers pass the usual header checks (once per middleware): a policy
    with a line break is a logged BadHeaderError and a 500, never a split response."""
    app = make_app(MIDDLEWARE=SECURITY, SECURE_CROSS_ORIGIN_OPENER_POLICY="same-origin\r\nX: y")
    response = app.get("/plain/", status=500)
    assert "X" not in response.headers
    errors = [r.exc_info[1] for r in caplog.records if r.exc_info]
    assert errors and isinstance(errors[0], BadHeaderError) and "newlines" in str(errors[0])


def test_constant_headers_leave_a_views_own_value(make_app):
    """A header the view set already is not replaced."""
    headers = make_app(MIDDLEWARE=SECURITY).get("/referrer/").headers
    assert headers["Referrer-Policy"] == "no-referrer"
    assert headers["X-Content-Type-Options"] == "nosniff"
