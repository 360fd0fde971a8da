"""CSRF_USE_SESSIONS: the secret lives in request.session (signed-cookie engine here)."""

from __future__ import annotations

import pytest
import webtest

from framework.core.exceptions import ImproperlyConfigured
from framework.core.handlers.wsgi import WSGIRequest
from framework.middleware.csrf import (
    CSRF_SESSION_KEY,
    REASON_CSRF_TOKEN_MISSING,
    REASON_NO_CSRF_COOKIE,
    CsrfViewMiddleware,
    _unmask_cipher_token,
)
from tests.csrf.conftest import CSRF_MIDDLEWARE, SESSION_MIDDLEWARE

SIGNED = "framework.contrib.sessions.backends.signed_cookies"


@pytest.fixture
def session_app(make_app):
    return make_app(
        MIDDLEWARE=[SESSION_MIDDLEWARE, CSRF_MIDDLEWARE],
        SESSION_ENGINE=SIGNED,
        CSRF_USE_SESSIONS=True,
    )


def _session_data(app):
    from framework.core import signing

    return signing.loads(
        app.cookies["sessionid"], salt="framework.contrib.sessions.backends.signed_cookies"
    )


def test_secret_is_stored_in_the_session(session_app):
    """No csrftoken cookie is set; the secret is in the (signed cookie) session."""
    token = session_app.get("/token/").text
    assert "csrftoken" not in session_app.cookies
    assert _session_data(session_app)[CSRF_SESSION_KEY] == _unmask_cipher_token(token)


def test_token_from_session_is_accepted(session_app):
    """A POST with the page's token passes."""
    token = session_app.get("/token/").text
    response = session_app.post("/accept/", {"csrfmiddlewaretoken": token})
    assert response.text == "accepted POST"


def test_token_header_from_session_is_accepted_for_delete(session_app):
    """DELETE with the token in the header passes."""
    token = session_app.get("/session-token/").text
    response = session_app.delete("/accept/", headers={"X-CSRFToken": token})
    assert response.text == "accepted DELETE"


def test_no_session_means_no_secret(session_app, caplog):
    """Without a session, the reason is 'CSRF cookie not set.'."""
    response = session_app.post("/accept/", expect_errors=True)
    assert response.status_code == 403
    assert [r.args[0] for r in caplog.records if r.name == "framework.security.csrf"] == [
        REASON_NO_CSRF_COOKIE
    ]


def test_session_without_token_is_refused(session_app, caplog):
    """With the secret in the session but no token: 'CSRF token missing.'"""
    session_app.get("/token/")
    response = session_app.put("/accept/", expect_errors=True)
    assert response.status_code == 403
    assert [r.args[0] for r in caplog.records if r.name == "framework.security.csrf"] == [
        REASON_CSRF_TOKEN_MISSING
    ]


def test_token_of_another_session_is_refused(make_app):
    """A token from one session does not pass with another session."""
    apps = [
        make_app(
            MIDDLEWARE=[SESSION_MIDDLEWARE, CSRF_MIDDLEWARE],
            SESSION_ENGINE=SIGNED,
            CSRF_USE_SESSIONS=True,
        )
        for _ in range(2)
    ]
    stolen = apps[0].get("/token/").text
    apps[1].get("/token/")
    response = apps[1].post("/accept/", {"csrfmiddlewaretoken": stolen}, expect_errors=True)
    assert response.status_code == 403


def test_tampered_session_cookie_is_refused(session_app):
    """Editing the signed session cookie voids the session and so the secret."""
    token = session_app.get("/token/").text
    session_app.set_cookie("sessionid", session_app.cookies["sessionid"] + "x")
    response = session_app.post("/accept/", {"csrfmiddlewaretoken": token}, expect_errors=True)
    assert response.status_code == 403


def test_rotate_token_updates_the_session(session_app):
    """rotate_token() stores a new secret in the session; the old token then fails."""
    old = session_app.get("/token/").text
    new = session_app.get("/rotate/").text
    assert _session_data(session_app)[CSRF_SESSION_KEY] == _unmask_cipher_token(new)
    assert (
        session_app.post("/accept/", {"csrfmiddlewaretoken": old}, expect_errors=True).status_code
        == 403
    )
    assert session_app.post("/accept/", {"csrfmiddlewaretoken": new}).status_code == 200


def test_missing_session_middleware_is_a_configuration_error(settings):
    """CSRF_USE_SESSIONS without SessionMiddleware raises ImproperlyConfigured naming the fix."""
    settings.CSRF_USE_SESSIONS = True
    request = WSGIRequest(webtest.TestRequest.blank("/", method="POST").environ)
    middleware = CsrfViewMiddleware(lambda request: None)
    with pytest.raises(ImproperlyConfigured, match="SessionMiddleware must appear before"):
        middleware.process_request(request)
