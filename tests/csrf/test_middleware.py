"""CsrfViewMiddleware through the WSGI handler: what is refused, with which reason, and what passes."""

from __future__ import annotations

import logging

import pytest

from framework.middleware.csrf import (
    REASON_BAD_ORIGIN,
    REASON_BAD_REFERER,
    REASON_CSRF_TOKEN_MISSING,
    REASON_INSECURE_REFERER,
    REASON_MALFORMED_REFERER,
    REASON_NO_CSRF_COOKIE,
    REASON_NO_REFERER,
    _mask_cipher_secret,
    _unmask_cipher_token,
)

# WebTest's WSGI lint warns about the unknown method that these tests send on purpose.
pytestmark = pytest.mark.filterwarnings("ignore:Unknown REQUEST_METHOD")

UNSAFE_METHODS = ["POST", "PUT", "PATCH", "DELETE", "FROBNICATE"]
SAFE_METHODS = ["GET", "HEAD", "OPTIONS", "TRACE"]
OTHER_SECRET = "A" * 16 + "b" * 16
POST_INCORRECT = "CSRF token from POST incorrect."
HEADER_INCORRECT = "CSRF token from the 'X-Csrftoken' HTTP header incorrect."


def fetch_token(app):
    """GET a page that renders a token; return the masked token (the cookie is in app)."""
    return app.get("/token/").text


def send(app, method, token=None, *, headers=None, cookie=None):
    """Send ``method`` to /accept/ with ``token`` (POST field for POST, header otherwise)."""
    headers = dict(headers or {})
    if cookie is not None:
        app.set_cookie("csrftoken", cookie)
    if method == "POST" and token is not None:
        return app.post(
            "/accept/", {"csrfmiddlewaretoken": token}, headers=headers, expect_errors=True
        )
    if token is not None:
        headers["X-CSRFToken"] = token
    return request(app, method, headers=headers)


def request(app, method, path="/accept/", headers=None):
    """``app.request()`` with the app's extra_environ (which it does not apply itself)."""
    return app.request(
        path,
        method=method,
        headers=headers or {},
        environ=dict(app.extra_environ),
        expect_errors=True,
    )


def incorrect(method):
    return POST_INCORRECT if method == "POST" else HEADER_INCORRECT


@pytest.fixture
def reasons(caplog):
    """Return a function giving the reasons logged on framework.security.csrf so far."""
    caplog.set_level(logging.WARNING, logger="framework.security.csrf")

    def logged():
        return [
            record.args[0] for record in caplog.records if record.name == "framework.security.csrf"
        ]

    return logged


@pytest.mark.parametrize("method", UNSAFE_METHODS)
class TestRejected:
    """Every unsafe method, unknown ones included, is refused with a 403 and Django's reason."""

    def test_no_cookie(self, app, method, reasons):
        """Without a CSRF cookie: 'CSRF cookie not set.'"""
        response = send(app, method, _mask_cipher_secret(OTHER_SECRET))
        assert response.status_code == 403
        assert reasons() == [REASON_NO_CSRF_COOKIE]

    def test_no_token(self, app, method, reasons):
        """With the cookie but no token in the body or header: 'CSRF token missing.'"""
        fetch_token(app)
        response = send(app, method)
        assert response.status_code == 403
        assert reasons() == [REASON_CSRF_TOKEN_MISSING]

    def test_wrong_token(self, app, method, reasons):
        """A well-formed token of another secret is incorrect."""
        fetch_token(app)
        response = send(app, method, _mask_cipher_secret(OTHER_SECRET))
        assert response.status_code == 403
        assert reasons() == [incorrect(method)]

    def test_token_of_another_cookie(self, make_app, method, reasons):
        """A token obtained by another client (another cookie) does not match this cookie."""
        other_client, this_client = make_app(), make_app()
        stolen = fetch_token(other_client)
        fetch_token(this_client)
        assert other_client.cookies["csrftoken"] != this_client.cookies["csrftoken"]
        response = send(this_client, method, stolen)
        assert response.status_code == 403
        assert reasons() == [incorrect(method)]

    def test_unmasked_token_of_another_secret(self, app, method, reasons):
        """An unmasked 32-character token is compared as the secret itself: another one fails."""
        fetch_token(app)
        response = send(app, method, OTHER_SECRET)
        assert response.status_code == 403
        assert reasons() == [incorrect(method)]

    def test_token_of_wrong_length(self, app, method, reasons):
        """A token neither 32 nor 64 characters long: 'has incorrect length'."""
        fetch_token(app)
        response = send(app, method, "abc")
        assert response.status_code == 403
        assert reasons() == [incorrect(method).replace("incorrect.", "has incorrect length.")]

    def test_token_with_invalid_characters(self, app, method, reasons):
        """A token with characters outside [a-zA-Z0-9]: 'has invalid characters'."""
        fetch_token(app)
        response = send(app, method, "!" * 64)
        assert response.status_code == 403
        expected = incorrect(method).replace("incorrect.", "has invalid characters.")
        assert reasons() == [expected]

    def test_malformed_cookie(self, app, method, reasons):
        """A cookie that is no secret: 'CSRF cookie has incorrect length.'"""
        response = send(app, method, _mask_cipher_secret(OTHER_SECRET), cookie="short")
        assert response.status_code == 403
        assert reasons() == ["CSRF cookie has incorrect length."]

    def test_bad_origin(self, app, method, reasons):
        """An Origin that is neither this host nor trusted is refused even with a good token."""
        token = fetch_token(app)
        response = send(app, method, token, headers={"Origin": "http://evil.example"})
        assert response.status_code == 403
        assert reasons() == [REASON_BAD_ORIGIN % "http://evil.example"]

    def test_origin_with_other_scheme(self, app, method, reasons):
        """The Origin must match the scheme too: https://testserver is not http://testserver."""
        token = fetch_token(app)
        response = send(app, method, token, headers={"Origin": "https://testserver"})
        assert response.status_code == 403
        assert reasons() == [REASON_BAD_ORIGIN % "https://testserver"]

    def test_https_without_referer(self, make_app, method, reasons):
        """Over HTTPS without Origin, a missing Referer is refused."""
        app = make_app(https=True)
        token = fetch_token(app)
        response = send(app, method, token)
        assert response.status_code == 403
        assert reasons() == [REASON_NO_REFERER]

    def test_https_with_foreign_referer(self, make_app, method, reasons):
        """Over HTTPS, a Referer from another site is refused."""
        app = make_app(https=True)
        token = fetch_token(app)
        response = send(app, method, token, headers={"Referer": "https://evil.example/form"})
        assert response.status_code == 403
        assert reasons() == [REASON_BAD_REFERER % "https://evil.example/form"]

    def test_https_with_insecure_referer(self, make_app, method, reasons):
        """Over HTTPS, an http:// Referer (even of this host) is refused."""
        app = make_app(https=True)
        token = fetch_token(app)
        response = send(app, method, token, headers={"Referer": "http://testserver/form"})
        assert response.status_code == 403
        assert reasons() == [REASON_INSECURE_REFERER]

    def test_https_with_malformed_referer(self, make_app, method, reasons):
        """Over HTTPS, a Referer without scheme or host is refused."""
        app = make_app(https=True)
        token = fetch_token(app)
        response = send(app, method, token, headers={"Referer": "//"})
        assert response.status_code == 403
        assert reasons() == [REASON_MALFORMED_REFERER]

    def test_untrusted_subdomain_origin(self, make_app, method, reasons):
        """A wildcard trusted origin trusts its subdomains for its own scheme only."""
        app = make_app(CSRF_TRUSTED_ORIGINS=["https://*.example.com"])
        token = fetch_token(app)
        response = send(app, method, token, headers={"Origin": "http://sub.example.com"})
        assert response.status_code == 403
        assert reasons() == [REASON_BAD_ORIGIN % "http://sub.example.com"]


@pytest.mark.parametrize("method", UNSAFE_METHODS)
class TestAccepted:
    """Requests with the right token, from the right origin, reach the view."""

    def test_masked_token(self, app, method, reasons):
        """The masked token of the page is accepted (POST field for POST, header otherwise)."""
        token = fetch_token(app)
        response = send(app, method, token)
        assert response.status_code == 200
        assert response.text == f"accepted {method}"
        assert reasons() == []

    def test_header_token(self, app, method):
        """The X-CSRFToken header works for every method, POST included."""
        token = fetch_token(app)
        response = request(app, method, headers={"X-CSRFToken": token})
        assert response.status_code == 200

    def test_custom_header_name(self, make_app, method):
        """CSRF_HEADER_NAME names the header that carries the token."""
        app = make_app(CSRF_HEADER_NAME="HTTP_X_XSRF_TOKEN")
        token = fetch_token(app)
        response = request(app, method, headers={"X-XSRF-Token": token})
        assert response.status_code == 200

    def test_unmasked_own_secret(self, app, method):
        """The unmasked secret itself is accepted, as in Django (old clients send it)."""
        fetch_token(app)
        response = send(app, method, app.cookies["csrftoken"])
        assert response.status_code == 200

    def test_same_origin(self, app, method):
        """An Origin equal to this site's scheme and host passes the origin check."""
        token = fetch_token(app)
        response = send(app, method, token, headers={"Origin": "http://testserver"})
        assert response.status_code == 200

    def test_https_same_site_referer(self, make_app, method):
        """Over HTTPS, a Referer from this host is accepted."""
        app = make_app(https=True)
        token = fetch_token(app)
        response = send(app, method, token, headers={"Referer": "https://testserver/form/"})
        assert response.status_code == 200

    def test_trusted_exact_origin(self, make_app, method):
        """An origin listed in CSRF_TRUSTED_ORIGINS is accepted."""
        app = make_app(CSRF_TRUSTED_ORIGINS=["https://front.example.org"])
        token = fetch_token(app)
        response = send(app, method, token, headers={"Origin": "https://front.example.org"})
        assert response.status_code == 200

    def test_trusted_wildcard_origin(self, make_app, method):
        """``https://*.example.com`` trusts https://a.b.example.com."""
        app = make_app(CSRF_TRUSTED_ORIGINS=["https://*.example.com"])
        token = fetch_token(app)
        response = send(app, method, token, headers={"Origin": "https://a.b.example.com"})
        assert response.status_code == 200

    def test_trusted_referer_over_https(self, make_app, method):
        """Over HTTPS, a Referer whose host is a trusted origin (wildcard) is accepted."""
        app = make_app(https=True, CSRF_TRUSTED_ORIGINS=["https://*.example.com"])
        token = fetch_token(app)
        response = send(app, method, token, headers={"Referer": "https://app.example.com/x"})
        assert response.status_code == 200

    def test_referer_within_cookie_domain(self, make_app, method):
        """Over HTTPS, CSRF_COOKIE_DOMAIN ``.testserver`` trusts referers from its subdomains."""
        app = make_app(https=True, CSRF_COOKIE_DOMAIN=".testserver")
        token = fetch_token(app)
        # WebTest will not send a cookie set for another domain: set it for this host.
        secret = app.cookies["csrftoken"]
        app.reset()
        response = send(
            app, method, token, headers={"Referer": "https://www.testserver/"}, cookie=secret
        )
        assert response.status_code == 200


@pytest.mark.parametrize("method", SAFE_METHODS)
def test_safe_methods_need_no_token(app, method):
    """GET, HEAD, OPTIONS and TRACE pass without cookie or token."""
    response = request(app, method)
    assert response.status_code == 200


def test_exempt_view_accepts_post_without_token(app):
    """A view marked @csrf_exempt is not checked by the middleware."""
    assert app.post("/exempt/").text == "exempt"


def test_failure_page_hides_reason_without_debug(app):
    """The built-in 403 page says that CSRF failed; the reason is shown only with DEBUG."""
    response = send(app, "POST", _mask_cipher_secret(OTHER_SECRET))
    assert response.status_code == 403
    assert "CSRF verification failed. Request aborted." in response.text
    assert "CSRF cookie not set." not in response.text
    assert "Reason given for failure" not in response.text
    assert "More information is available with DEBUG=True." in response.text


def test_failure_page_shows_reason_with_debug(make_app):
    """With DEBUG the built-in page gives the reason and the help list."""
    app = make_app(DEBUG=True)
    response = send(app, "POST", _mask_cipher_secret(OTHER_SECRET))
    assert response.status_code == 403
    assert "Reason given for failure" in response.text
    assert "CSRF cookie not set." in response.text
    assert "{{ csrf_input }}" in response.text


def test_failure_page_escapes_reason(make_app):
    """The Origin echoed in the reason is HTML-escaped."""
    app = make_app(DEBUG=True)
    token = fetch_token(app)
    response = send(app, "POST", token, headers={"Origin": "http://<script>x"})
    assert response.status_code == 403
    assert "<script>x" not in response.text
    assert "&lt;script&gt;x" in response.text


def test_custom_failure_view(make_app):
    """CSRF_FAILURE_VIEW names the view that answers a rejected request, with the reason."""
    app = make_app(CSRF_FAILURE_VIEW="tests.csrf.views.failure_view")
    response = send(app, "DELETE")
    assert response.status_code == 403
    assert response.text == "custom failure: CSRF cookie not set."


def test_rejection_is_logged_as_warning(app, caplog):
    """A rejection logs 'Forbidden (<reason>): <path>' at WARNING on framework.security.csrf."""
    caplog.set_level(logging.WARNING, logger="framework.security.csrf")
    send(app, "POST", _mask_cipher_secret(OTHER_SECRET))
    (record,) = [r for r in caplog.records if r.name == "framework.security.csrf"]
    assert record.levelno == logging.WARNING
    assert record.getMessage() == "Forbidden (CSRF cookie not set.): /accept/"
    assert record.status_code == 403


def test_malformed_multipart_post_is_a_400_not_a_500(app):
    """A broken multipart body while looking for the token gives a client error."""
    fetch_token(app)
    response = app.post(
        "/accept/",
        params=b"--xyz\r\nbroken",
        content_type="multipart/form-data; boundary=xyz",
        expect_errors=True,
    )
    assert 400 <= response.status_code < 500


class TestTokens:
    """get_token() masks, rotate_token() renews, the cookie follows the settings."""

    def test_masking_round_trip(self):
        """A masked token unmasks to its secret, and two maskings differ."""
        first, second = _mask_cipher_secret(OTHER_SECRET), _mask_cipher_secret(OTHER_SECRET)
        assert len(first) == 64 and first != second
        assert _unmask_cipher_token(first) == _unmask_cipher_token(second) == OTHER_SECRET

    def test_each_token_differs_and_all_work(self, app):
        """Two pages get two different tokens of one cookie; both are accepted."""
        first, second = fetch_token(app), fetch_token(app)
        assert first != second
        assert _unmask_cipher_token(first) == app.cookies["csrftoken"]
        assert send(app, "POST", first).status_code == 200
        assert send(app, "POST", second).status_code == 200

    def test_cookie_is_kept(self, app):
        """A client that has a cookie keeps its secret on later pages."""
        fetch_token(app)
        secret = app.cookies["csrftoken"]
        fetch_token(app)
        assert app.cookies["csrftoken"] == secret

    def test_no_cookie_without_token(self, app):
        """A page that renders no token sets no cookie."""
        response = app.get("/accept/")
        assert "Set-Cookie" not in response.headers

    def test_cookie_attributes(self, make_app):
        """The cookie follows the CSRF_COOKIE_* settings, and the response varies on Cookie."""
        app = make_app(
            CSRF_COOKIE_NAME="xsrf",
            CSRF_COOKIE_SECURE=True,
            CSRF_COOKIE_HTTPONLY=True,
            CSRF_COOKIE_SAMESITE="Strict",
            CSRF_COOKIE_PATH="/app/",
            CSRF_COOKIE_AGE=3600,
        )
        response = app.get("/token/")
        header = response.headers["Set-Cookie"]
        assert header.startswith("xsrf=")
        for part in ("Secure", "HttpOnly", "SameSite=Strict", "Path=/app/", "Max-Age=3600"):
            assert part in header
        assert "Cookie" in response.headers["Vary"]

    def test_rotate_token(self, app):
        """rotate_token() gives a new secret; tokens of the old one are then refused."""
        old_token = fetch_token(app)
        old_secret = app.cookies["csrftoken"]
        new_token = app.get("/rotate/").text
        assert app.cookies["csrftoken"] != old_secret
        assert _unmask_cipher_token(new_token) == app.cookies["csrftoken"]
        assert send(app, "POST", old_token).status_code == 403
        assert send(app, "POST", new_token).status_code == 200

    def test_malformed_cookie_is_replaced(self, app):
        """A malformed cookie is replaced by a fresh secret on the next page with a token."""
        app.set_cookie("csrftoken", "not-a-secret")
        token = app.get("/token/").text
        assert app.cookies["csrftoken"] != "not-a-secret"
        assert _unmask_cipher_token(token) == app.cookies["csrftoken"]
