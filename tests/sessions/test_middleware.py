"""SessionMiddleware through the WSGI handler: when the cookie is set, deleted, and how."""

from __future__ import annotations

import os

import pytest


@pytest.fixture
def app(make_app, engine):
    """An app with SessionMiddleware on each backend."""
    return make_app()


def set_cookie_headers(response):
    return response.headers.getall("Set-Cookie")


def test_modified_session_sets_the_cookie(app, settings):
    """A modified session is saved and its key sent with Django's default attributes."""
    response = app.get("/set/?value=hello")
    (header,) = set_cookie_headers(response)
    assert header.startswith("sessionid=")
    for part in ("HttpOnly", "SameSite=Lax", "Path=/", f"Max-Age={settings.SESSION_COOKIE_AGE}"):
        assert part in header
    assert "expires=" in header
    assert "Secure" not in header
    assert response.headers["Vary"] == "Cookie"
    assert app.get("/get/").text == "hello"


def test_cookie_settings(make_app, engine):
    """SESSION_COOKIE_NAME/DOMAIN/PATH/SECURE/HTTPONLY/SAMESITE/AGE shape the cookie."""
    app = make_app(
        SESSION_COOKIE_NAME="sid",
        SESSION_COOKIE_DOMAIN=".example.com",
        SESSION_COOKIE_PATH="/app/",
        SESSION_COOKIE_SECURE=True,
        SESSION_COOKIE_HTTPONLY=False,
        SESSION_COOKIE_SAMESITE="Strict",
        SESSION_COOKIE_AGE=120,
    )
    (header,) = set_cookie_headers(app.get("/set/"))
    assert header.startswith("sid=")
    for part in ("Domain=.example.com", "Path=/app/", "Secure", "SameSite=Strict", "Max-Age=120"):
        assert part in header
    assert "HttpOnly" not in header


def test_untouched_session_sends_nothing(app):
    """A view that does not use the session gets no cookie and no Vary."""
    app.get("/set/")
    response = app.get("/untouched/")
    assert set_cookie_headers(response) == []
    assert "Vary" not in response.headers


def test_read_session_varies_on_cookie(app):
    """Reading the session adds Vary: Cookie but sets no cookie."""
    app.get("/set/")
    response = app.get("/get/")
    assert set_cookie_headers(response) == []
    assert response.headers["Vary"] == "Cookie"


def test_save_every_request(make_app, engine):
    """SESSION_SAVE_EVERY_REQUEST re-sends the cookie of an existing session on each request."""
    app = make_app(SESSION_SAVE_EVERY_REQUEST=True)
    app.get("/set/")
    assert len(set_cookie_headers(app.get("/untouched/"))) == 1


def test_save_every_request_creates_no_empty_session(make_app, engine):
    """SESSION_SAVE_EVERY_REQUEST does not create a session for a visitor without one."""
    app = make_app(SESSION_SAVE_EVERY_REQUEST=True)
    assert set_cookie_headers(app.get("/untouched/")) == []


def test_expire_at_browser_close_setting(make_app, engine):
    """SESSION_EXPIRE_AT_BROWSER_CLOSE gives a cookie without Max-Age or expires."""
    app = make_app(SESSION_EXPIRE_AT_BROWSER_CLOSE=True)
    (header,) = set_cookie_headers(app.get("/set/"))
    assert "Max-Age" not in header and "expires" not in header


def test_set_expiry_zero(app):
    """set_expiry(0) in the view gives a browser-session cookie."""
    (header,) = set_cookie_headers(app.get("/browser-close/"))
    assert "Max-Age" not in header and "expires" not in header


def test_flush_deletes_the_cookie(app):
    """Emptying a session that came with a cookie expires the cookie."""
    app.get("/set/")
    response = app.get("/flush/")
    (header,) = set_cookie_headers(response)
    assert header.startswith('sessionid=""') or header.startswith("sessionid=;")
    assert "Max-Age=0" in header and "expires=Thu, 01 Jan 1970 00:00:00 GMT" in header
    assert response.headers["Vary"] == "Cookie"
    assert app.get("/get/").text == "None"


def test_flush_without_cookie_sends_nothing(app):
    """Flushing a session the client never had deletes no cookie."""
    assert set_cookie_headers(app.get("/flush/")) == []


def test_cycle_key_keeps_the_data(app):
    """After cycle_key() the data is still there under the new cookie."""
    app.get("/set/?value=kept")
    app.get("/cycle/")
    assert app.get("/get/").text == "kept"


def test_server_error_does_not_save(app):
    """A 5xx response does not store the session it modified."""
    response = app.get("/error/", expect_errors=True)
    assert response.status_code == 500
    assert set_cookie_headers(response) == []


def test_tampered_cookie_gives_an_empty_session(app):
    """A forged or garbled session cookie gives an empty session (200), never a 500."""
    for value in ("garbage-but-long", "../../../../etc/passwd", "x" * 5000, "a:b:c"):
        app.set_cookie("sessionid", value)
        response = app.get("/get/")
        assert response.status_code == 200
        assert response.text == "None"


def test_tampered_signed_cookie_is_deleted(make_app, settings):
    """On the signed-cookie backend an edited cookie is refused and deleted."""
    settings.SESSION_ENGINE = "framework.contrib.sessions.backends.signed_cookies"
    app = make_app()
    app.get("/set/?value=admin")
    key = app.cookies["sessionid"]
    app.set_cookie("sessionid", key[:-1] + ("A" if key[-1] != "A" else "B"))
    response = app.get("/get/")
    assert response.text == "None"
    (header,) = set_cookie_headers(response)
    assert "Max-Age=0" in header


def test_session_deleted_meanwhile_is_a_400(make_app, settings, session_dir):
    """A session deleted by a concurrent request cannot be saved: 400, not 500."""
    settings.SESSION_ENGINE = "framework.contrib.sessions.backends.file"
    app = make_app()
    app.get("/set/")
    response = app.get("/deleted-meanwhile/", expect_errors=True)
    assert response.status_code == 400
    assert os.listdir(session_dir) == []


def test_unimportable_engine_is_a_configuration_error(settings):
    """A SESSION_ENGINE that does not import fails at start-up, naming the setting."""
    from framework.contrib.sessions.middleware import SessionMiddleware
    from framework.core.exceptions import ImproperlyConfigured

    settings.SESSION_ENGINE = "framework.contrib.sessions.backends.nope"
    with pytest.raises(ImproperlyConfigured, match="SESSION_ENGINE"):
        SessionMiddleware(lambda request: None)
