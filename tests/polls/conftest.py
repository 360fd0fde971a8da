"""Fixtures of the polls tutorial tests: the app's tables and a WebTest app per URLconf."""

from __future__ import annotations

import pytest
import webtest

from framework.core.handlers.wsgi import WSGIHandler
from framework.urls import clear_script_prefix, clear_url_caches, set_urlconf
from tests.generic_views import appdb


@pytest.fixture(scope="package")
def polls_backends():
    """Install the polls app and create its tables on both backends."""
    with appdb.installed(["tests.polls.polls_app"], ["polls"], "test_framework_polls") as state:
        yield state


@pytest.fixture(params=appdb.BACKENDS)
def db(request, polls_backends):
    """The default connection on one backend, inside a transaction rolled back afterwards."""
    with appdb.using(polls_backends, request.param) as wrapper:
        yield wrapper


@pytest.fixture(
    params=["tests.polls.urls", "tests.polls.urls_functions"], ids=["generic", "functions"]
)
def app(request, db, settings):
    """The tutorial project behind WebTest: CSRF on, app templates, one of the two URLconfs."""
    settings.ROOT_URLCONF = request.param
    settings.MIDDLEWARE = [
        "framework.middleware.common.CommonMiddleware",
        "framework.middleware.csrf.CsrfViewMiddleware",
    ]
    settings.TEMPLATES = [
        {
            "BACKEND": "framework.template.backends.jinja2.Jinja2",
            "DIRS": [],
            "APP_DIRS": True,
            "OPTIONS": {},
        }
    ]
    yield webtest.TestApp(WSGIHandler(), extra_environ={"HTTP_HOST": "testserver"})
    clear_script_prefix()
    set_urlconf(None)
    clear_url_caches()
