"""Fixtures of the handler tests: a WebTest app around a fresh WSGIHandler."""

from __future__ import annotations

import logging

import pytest
import webtest

from framework.core.handlers.wsgi import WSGIHandler
from framework.urls import clear_script_prefix, set_urlconf
from tests.handlers import middleware


@pytest.fixture
def make_app(settings):
    """Return a factory: ``make_app(MIDDLEWARE=[...], DEBUG=True)`` -> webtest.TestApp.

    Settings are applied before the handler is built, so the middleware chain sees them.
    """
    settings.ROOT_URLCONF = "tests.handlers.urls"
    middleware.CALLS.clear()

    def factory(*, lint=True, **overrides):
        for name, value in overrides.items():
            setattr(settings, name, value)
        return webtest.TestApp(WSGIHandler(), lint=lint)

    yield factory
    clear_script_prefix()
    set_urlconf(None)


class _Records:
    """The log records of the running test phase (caplog switches lists per phase)."""

    def __init__(self, caplog):
        self._caplog = caplog

    def __iter__(self):
        return iter(self._caplog.records)


@pytest.fixture
def records(caplog):
    """Capture every framework log record, DEBUG and up."""
    caplog.set_level(logging.DEBUG, logger="framework")
    return _Records(caplog)
