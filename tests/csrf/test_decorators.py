"""The CSRF view decorators, without the middleware."""

from __future__ import annotations

import asyncio

import pytest

from framework.middleware.csrf import _mask_cipher_secret, _unmask_cipher_token
from framework.views.decorators.csrf import csrf_exempt


@pytest.fixture
def bare(make_app):
    """An app without any middleware: only the decorators protect views."""
    return make_app(MIDDLEWARE=[])


def test_csrf_exempt_marks_the_view():
    """csrf_exempt keeps the view's name and sets ``csrf_exempt = True``."""

    def view(request):
        return "response"

    wrapped = csrf_exempt(view)
    assert wrapped.csrf_exempt is True
    assert wrapped.__name__ == "view"
    assert wrapped(None) == "response"


def test_csrf_exempt_keeps_coroutine_functions():
    """An async view stays a coroutine function when exempted."""

    async def view(request):
        return "async response"

    wrapped = csrf_exempt(view)
    assert asyncio.iscoroutinefunction(wrapped)
    assert wrapped.csrf_exempt is True
    assert asyncio.run(wrapped(None)) == "async response"


def test_csrf_protect_rejects_without_middleware(bare):
    """@csrf_protect checks the request like the middleware: no cookie -> 403."""
    response = bare.post("/protected/", expect_errors=True)
    assert response.status_code == 403
    assert "CSRF verification failed" in response.text


def test_csrf_protect_accepts_a_valid_token(bare):
    """@csrf_protect lets a request with its cookie's token through, and sets the cookie."""
    token = bare.get("/protected-token/").text
    assert _unmask_cipher_token(token) == bare.cookies["csrftoken"]
    response = bare.post("/protected/", {"csrfmiddlewaretoken": token})
    assert response.text == "protected"


def test_csrf_protect_with_middleware_checks_once(app):
    """Behind the middleware too, a protected view works with a valid token."""
    token = app.get("/token/").text
    assert app.post("/protected/", {"csrfmiddlewaretoken": token}).text == "protected"
    assert app.post("/protected/", expect_errors=True).status_code == 403


def test_requires_csrf_token_never_rejects(bare):
    """@requires_csrf_token gives the view a token and a cookie, even on a bad POST."""
    response = bare.post("/requires/", {"csrfmiddlewaretoken": _mask_cipher_secret("x" * 32)})
    assert response.status_code == 200
    assert _unmask_cipher_token(response.text) == bare.cookies["csrftoken"]


def test_ensure_csrf_cookie_sets_the_cookie(bare):
    """@ensure_csrf_cookie sends the cookie even when the page renders no token."""
    response = bare.get("/ensure/")
    assert response.text == "no token in this page"
    assert len(bare.cookies["csrftoken"]) == 32
    assert "Cookie" in response.headers["Vary"]


def test_ensure_csrf_cookie_does_not_reject(bare):
    """@ensure_csrf_cookie is no protection: a POST without a token reaches the view."""
    assert bare.post("/ensure/").status_code == 200


def test_ensure_csrf_cookie_under_middleware_sets_one_cookie(app):
    """Middleware plus decorator send the cookie once."""
    response = app.get("/ensure/")
    assert len(response.headers.getall("Set-Cookie")) == 1
