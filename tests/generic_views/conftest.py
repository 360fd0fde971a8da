"""Fixtures of the generic view tests: the test app's tables and a WebTest app."""

from __future__ import annotations

from pathlib import Path

import pytest
import webtest

from framework.core.handlers.wsgi import WSGIHandler
from framework.urls import clear_script_prefix, clear_url_caches, set_urlconf
from tests.generic_views import appdb

HERE = Path(__file__).parent


@pytest.fixture(scope="package")
def gv_backends():
    """Install the generic views test app and create its tables on both backends."""
    with appdb.installed(
        ["tests.generic_views.models_app"], ["generic_views"], "test_framework_generic_views"
    ) as state:
        yield state


@pytest.fixture(params=appdb.BACKENDS)
def db(request, gv_backends):
    """The default connection on one backend, inside a transaction rolled back afterwards."""
    with appdb.using(gv_backends, request.param) as wrapper:
        yield wrapper


@pytest.fixture
def m(db):
    """The test models."""
    from tests.generic_views.models_app import models

    return models


@pytest.fixture
def app(db, settings):
    """A WebTest app serving tests.generic_views.urls with the test templates."""
    settings.ROOT_URLCONF = "tests.generic_views.urls"
    settings.TEMPLATES = [
        {
            "BACKEND": "framework.template.backends.jinja2.Jinja2",
            "DIRS": [str(HERE / "templates")],
            "APP_DIRS": False,
            "OPTIONS": {},
        }
    ]
    yield webtest.TestApp(WSGIHandler(), extra_environ={"HTTP_HOST": "testserver"})
    clear_script_prefix()
    set_urlconf(None)
    clear_url_caches()
