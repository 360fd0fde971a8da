"""Fixtures of the reliability suite: one served site shared by the tests, the results."""

from __future__ import annotations

import pytest

from tests.reliability.results import Results
from tests.reliability.site import Site, served_site


@pytest.fixture(scope="session")
def results():
    """Figures recorded by the tests, written to test-artifacts/reliability.json at the end."""
    collected = Results()
    yield collected
    collected.write()


@pytest.fixture(scope="session")
def site() -> Site:
    """The demo plus the write endpoints under Apache (2 daemons x 10 threads) on PostgreSQL."""
    with served_site() as running:
        yield running
