"""Fixtures of the model form tests: the app's tables on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from tests.generic_views import appdb


@pytest.fixture(scope="module")
def modelforms_backends():
    """Install the modelforms app and create its tables on both backends."""
    with appdb.installed(
        ["tests.forms.modelforms_app"], ["modelforms"], "test_framework_modelforms"
    ) as state:
        yield state


@pytest.fixture(params=appdb.BACKENDS)
def db(request, modelforms_backends):
    """The default connection on one backend, inside a transaction rolled back afterwards."""
    with appdb.using(modelforms_backends, request.param) as wrapper:
        yield wrapper
