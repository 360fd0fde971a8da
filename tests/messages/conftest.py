"""Fixtures of the message tests: a WebTest app with the message middleware."""

from __future__ import annotations

from pathlib import Path

import pytest
import webtest

from framework.core.handlers.wsgi import WSGIHandler

HERE = Path(__file__).parent
STORAGE = "framework.contrib.messages.storage."


@pytest.fixture
def make_app(settings):
    """A factory: ``make_app(MESSAGE_STORAGE=...)`` -> webtest.TestApp."""
    settings.ROOT_URLCONF = "tests.messages.urls"
    settings.MIDDLEWARE = [
        "tests.messages.sessions.DictSessionMiddleware",
        "framework.contrib.messages.middleware.MessageMiddleware",
    ]
    settings.TEMPLATES = [
        {
            "BACKEND": "framework.template.backends.jinja2.Jinja2",
            "DIRS": [str(HERE / "templates")],
            "APP_DIRS": False,
            "OPTIONS": {
                "context_processors": ["framework.contrib.messages.context_processors.messages"]
            },
        }
    ]

    def factory(**overrides):
        for name, value in overrides.items():
            setattr(settings, name, value)
        return webtest.TestApp(WSGIHandler())

    return factory
