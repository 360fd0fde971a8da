"""Fixtures of the view tests."""

from __future__ import annotations

from pathlib import Path

import pytest
import webtest

from framework.core.handlers.wsgi import WSGIHandler
from framework.urls import clear_script_prefix, set_urlconf

HERE = Path(__file__).parent


def templates_setting(*dirs: Path) -> list[dict]:
    """A TEMPLATES setting with one Jinja2 engine over ``dirs``."""
    return [
        {
            "BACKEND": "framework.template.backends.jinja2.Jinja2",
            "DIRS": [str(d) for d in dirs],
            "APP_DIRS": False,
            "OPTIONS": {},
        }
    ]


@pytest.fixture
def make_app(settings):
    """Return a factory building a webtest.TestApp after applying setting overrides."""
    settings.ROOT_URLCONF = "tests.views.urls"
    settings.TEMPLATES = templates_setting(HERE / "templates")

    def factory(**overrides):
        for name, value in overrides.items():
            setattr(settings, name, value)
        return webtest.TestApp(WSGIHandler())

    yield factory
    clear_script_prefix()
    set_urlconf(None)
