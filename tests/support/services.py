"""The one rule for a missing service or tool: a skip locally, a failure in CI."""

from __future__ import annotations

import os
from typing import NoReturn

import pytest


def unavailable(reason: str, ci_reason: str | None = None) -> NoReturn:
    """Skip the test because ``reason``; under CI=true fail instead (nothing may hide in CI)."""
    if os.environ.get("CI") == "true":
        pytest.fail(ci_reason or reason)
    pytest.skip(reason)
