"""Fixtures of the session tests: one per backend, and WebTest apps with SessionMiddleware."""

from __future__ import annotations

import pytest
import webtest

from framework.core.handlers.wsgi import WSGIHandler
from framework.urls import clear_script_prefix, set_urlconf

SIGNED = "framework.contrib.sessions.backends.signed_cookies"
FILE = "framework.contrib.sessions.backends.file"


@pytest.fixture
def session_dir(settings, tmp_path):
    """A fresh SESSION_FILE_PATH."""
    directory = tmp_path / "sessions"
    directory.mkdir()
    settings.SESSION_FILE_PATH = str(directory)
    return directory


@pytest.fixture(params=[SIGNED, FILE], ids=["signed_cookies", "file"])
def engine(request, settings, session_dir):
    """The dotted path of each session backend, set as SESSION_ENGINE."""
    settings.SESSION_ENGINE = request.param
    return request.param


@pytest.fixture
def SessionStore(engine):
    from importlib import import_module

    return import_module(engine).SessionStore


@pytest.fixture
def make_app(settings, session_dir):
    """Return ``make_app(**settings)`` -> webtest.TestApp with SessionMiddleware."""
    settings.ROOT_URLCONF = "tests.sessions.urls"
    settings.MIDDLEWARE = ["framework.contrib.sessions.middleware.SessionMiddleware"]

    def factory(**overrides):
        for name, value in overrides.items():
            setattr(settings, name, value)
        return webtest.TestApp(WSGIHandler(), extra_environ={"HTTP_HOST": "testserver"})

    yield factory
    clear_script_prefix()
    set_urlconf(None)
