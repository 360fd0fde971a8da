"""Shared test set-up: the framework configured from tests.settings."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("FRAMEWORK_SETTINGS_MODULE", "tests.settings")

import framework  # noqa: E402

framework.setup(set_prefix=False)


def _current_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


@pytest.fixture(autouse=True)
def _umask_unchanged():
    """No test may leave the process umask changed: Apache's www-data could then not read
    the files that later tests create (the symptom is a 403 from every e2e server)."""
    before = _current_umask()
    yield
    after = _current_umask()
    if after != before:
        os.umask(before)
        pytest.fail(f"the process umask changed from {before:#o} to {after:#o} during this test")
