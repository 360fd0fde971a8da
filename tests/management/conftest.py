"""Fixtures for the management command tests."""

from __future__ import annotations

import pytest

from framework.apps import apps
from framework.core.management import get_commands


@pytest.fixture
def sample_app():
    """Install tests.management.sampleapp (its commands become available) for one test."""
    apps.set_installed_apps(["tests.management.sampleapp"])
    get_commands.cache_clear()
    yield apps.get_app_config("sampleapp")
    apps.unset_installed_apps()
    get_commands.cache_clear()
