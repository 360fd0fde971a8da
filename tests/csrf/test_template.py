"""The template layer's ``csrf_input``/``csrf_token`` use get_token()."""

from __future__ import annotations

import webtest

from framework.core.handlers.wsgi import WSGIRequest
from framework.middleware.csrf import _unmask_cipher_token
from framework.template.csrf import CsrfInput, CsrfToken


def test_csrf_input_renders_a_masked_token():
    """csrf_input is a hidden field whose value unmasks to the request's new secret."""
    request = WSGIRequest(webtest.TestRequest.blank("/").environ)
    html = CsrfInput(request).__html__()
    assert html.startswith('<input type="hidden" name="csrfmiddlewaretoken" value="')
    token = html.split('value="')[1].split('"')[0]
    assert _unmask_cipher_token(token) == request.META["CSRF_COOKIE"]
    assert request.META["CSRF_COOKIE_NEEDS_UPDATE"] is True


def test_csrf_token_is_lazy():
    """csrf_token creates no secret until a template prints it."""
    request = WSGIRequest(webtest.TestRequest.blank("/").environ)
    token = CsrfToken(request)
    assert "CSRF_COOKIE" not in request.META
    assert len(str(token)) == 64
    assert "CSRF_COOKIE" in request.META


def test_junk_secret_in_meta_is_replaced():
    """A CSRF_COOKIE that is not a secret (set by other code) is replaced, not crashed on."""
    request = WSGIRequest(webtest.TestRequest.blank("/").environ)
    request.META["CSRF_COOKIE"] = '"><script>'
    token = str(CsrfToken(request))
    assert _unmask_cipher_token(token) == request.META["CSRF_COOKIE"]
    assert request.META["CSRF_COOKIE"] != '"><script>'
