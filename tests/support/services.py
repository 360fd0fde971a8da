"""The one rule for a missing service or tool: a skip locally, a failure in CI."""

from __future__ import annotations

import os
from typing import NoReturn

import pytest


def unavailable(reason: str, ci_reason: str | None = None) -> NoReturn:
    """Skip the test because ``reason``; under CI fail instead (nothing may hide in CI).

    Any CI value but empty, 0, false or no counts: CI systems set it to true, 1 or True.
    """
    if os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no"):
        pytest.fail(ci_reason or reason)
    pytest.skip(reason)
