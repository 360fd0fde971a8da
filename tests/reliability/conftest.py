"""Fixtures of the reliability suite: one served site shared by the tests, the results."""

from __future__ import annotations

import pytest

from tests.reliability.cluster import throwaway_cluster
from tests.reliability.results import Results
from tests.reliability.site import Site, problems, require, served_site


@pytest.fixture(scope="session")
def results():
    """Figures recorded by the tests, written to test-artifacts/reliability.json at the end."""
    collected = Results()
    yield collected
    collected.write()


@pytest.fixture(scope="session")
def cluster():
    """The suite's own PostgreSQL server (not the machine's shared one)."""
    require(problems())
    with throwaway_cluster() as running:
        yield running


@pytest.fixture(scope="session")
def site(cluster) -> Site:
    """The demo plus the write endpoints under Apache (2 daemons x 10 threads, queue
    timeout 45 s as in production) on PostgreSQL."""
    with served_site(cluster) as running:
        yield running
