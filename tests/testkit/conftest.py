"""Test-toolkit tests: the client's URLs and templates; the example project is run in
subprocesses only (never collected here)."""

from __future__ import annotations

from pathlib import Path

import pytest

from framework.db import connections
from framework.db.backends.sqlite3.base import DatabaseWrapper as SqliteWrapper
from framework.db.utils import ConnectionHandler
from framework.test.environment import setup_test_environment, teardown_test_environment
from framework.test.utils import override_settings

collect_ignore_glob = ["example_project/*"]

TEMPLATES = [
    {
        "BACKEND": "framework.template.backends.jinja2.Jinja2",
        "DIRS": [str(Path(__file__).parent / "templates")],
        "APP_DIRS": False,
        "OPTIONS": {},
    }
]


@pytest.fixture
def testkit_site():
    """The test environment with ROOT_URLCONF=tests.testkit.urls and its templates."""
    setup_test_environment()
    try:
        with override_settings(ROOT_URLCONF="tests.testkit.urls", TEMPLATES=TEMPLATES):
            yield
    finally:
        teardown_test_environment()


@pytest.fixture
def sqlite_default():
    """A fresh in-memory SQLite connection as the ``default`` alias for this thread
    (other suites may leave ``default`` pointing anywhere); restored afterwards."""
    conf = ConnectionHandler.configure_settings(
        {"default": {"ENGINE": "framework.db.backends.sqlite3", "NAME": ":memory:"}}
    )["default"]
    saved = getattr(connections._local, "default", None)
    saved_settings = connections._settings
    wrapper = SqliteWrapper(conf, "default")
    connections["default"] = wrapper
    connections._settings = {**(saved_settings or {}), "default": conf}
    try:
        yield wrapper
    finally:
        if wrapper.connection is not None:
            wrapper.connection.close()
            wrapper.connection = None
        connections._settings = saved_settings
        if saved is not None:
            connections["default"] = saved
        else:
            del connections["default"]
