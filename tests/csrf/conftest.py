"""Fixtures of the CSRF tests: WebTest apps around WSGIHandler with chosen settings."""

from __future__ import annotations

import pytest
import webtest

from framework.core.handlers.wsgi import WSGIHandler
from framework.urls import clear_script_prefix, set_urlconf

CSRF_MIDDLEWARE = "framework.middleware.csrf.CsrfViewMiddleware"
SESSION_MIDDLEWARE = "framework.contrib.sessions.middleware.SessionMiddleware"


@pytest.fixture
def make_app(settings):
    """Return ``make_app(https=False, **settings)`` -> a webtest.TestApp (CSRF middleware on)."""
    settings.ROOT_URLCONF = "tests.csrf.urls"
    settings.MIDDLEWARE = [CSRF_MIDDLEWARE]

    def factory(https=False, **overrides):
        for name, value in overrides.items():
            setattr(settings, name, value)
        environ = {"HTTP_HOST": "testserver"}
        if https:
            environ["wsgi.url_scheme"] = "https"
            environ["HTTPS"] = "on"
            environ["SERVER_PORT"] = "443"
        return webtest.TestApp(WSGIHandler(), extra_environ=environ)

    yield factory
    clear_script_prefix()
    set_urlconf(None)


@pytest.fixture
def app(make_app):
    """A plain-HTTP app with only CsrfViewMiddleware."""
    return make_app()
