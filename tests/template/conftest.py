"""Fixtures for the template tests: engines on the test directories, an installed app."""

from __future__ import annotations

from pathlib import Path

import pytest

from framework.apps import apps
from framework.http.request import HttpRequest
from framework.template.backends.base import get_app_template_dirs
from framework.template.backends.jinja2 import Jinja2

HERE = Path(__file__).parent
DIRS_A = HERE / "dirs_a"
DIRS_B = HERE / "dirs_b"
APP_TEMPLATES = HERE / "tplapp" / "templates"
BACKEND = "framework.template.backends.jinja2.Jinja2"


@pytest.fixture
def make_engine():
    """Build a Jinja2 engine from TEMPLATES-style keyword arguments."""

    def make(dirs=(DIRS_A,), app_dirs=False, name="jinja2", **options):
        return Jinja2({"NAME": name, "DIRS": list(dirs), "APP_DIRS": app_dirs, "OPTIONS": options})

    return make


@pytest.fixture
def engine(make_engine):
    return make_engine()


@pytest.fixture
def tplapp(settings):
    """Install tests.template.tplapp for one test."""
    apps.set_installed_apps(["tests.template.tplapp"])
    settings.INSTALLED_APPS = ["tests.template.tplapp"]
    get_app_template_dirs.cache_clear()
    yield
    apps.unset_installed_apps()
    get_app_template_dirs.cache_clear()


@pytest.fixture
def templates_setting(settings):
    """TEMPLATES with one Jinja2 engine on dirs_a then dirs_b."""
    settings.TEMPLATES = [{"BACKEND": BACKEND, "DIRS": [DIRS_A, DIRS_B]}]
    return settings


@pytest.fixture
def rf():
    """Build a bare GET request."""

    def make(path="/", **meta):
        request = HttpRequest()
        request.method = "GET"
        request.path = request.path_info = path
        request.META.update({"REMOTE_ADDR": "127.0.0.1", **meta})
        return request

    return make
