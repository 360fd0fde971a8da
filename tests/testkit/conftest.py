"""Test-toolkit tests: the client's URLs and templates; the example project is run in
subprocesses only (never collected here)."""

from __future__ import annotations

from pathlib import Path

import pytest

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
