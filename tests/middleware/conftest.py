"""Fixtures of the middleware tests."""

from __future__ import annotations

import pytest
import webob
import webtest

from framework.core.handlers.wsgi import WSGIHandler
from framework.urls import clear_script_prefix, set_urlconf


@pytest.fixture
def make_app(settings):
    """Return a factory: ``make_app(MIDDLEWARE=[...], **settings)`` -> webtest.TestApp."""
    settings.ROOT_URLCONF = "tests.middleware.urls"

    def factory(**overrides):
        for name, value in overrides.items():
            setattr(settings, name, value)
        return webtest.TestApp(WSGIHandler(), extra_environ={"HTTP_HOST": "testserver"})

    yield factory
    clear_script_prefix()
    set_urlconf(None)


@pytest.fixture
def raw(make_app):
    """Return ``raw(path, middleware, **blank_kwargs)`` -> the undecoded webob.Response.

    WebTest decompresses gzip bodies and drops Content-Encoding; these tests need
    the bytes as sent.
    """

    def call(path, middleware, **kwargs):
        handler = make_app(MIDDLEWARE=middleware).app
        request = webob.Request.blank(path, **kwargs)
        request.environ.setdefault("HTTP_HOST", "testserver")
        return request.get_response(handler)

    return call
