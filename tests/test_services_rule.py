"""tests/support/services.unavailable(): a skip locally, a failure whenever CI is set."""

from __future__ import annotations

import pytest

from tests.support.services import unavailable


@pytest.mark.parametrize("value", ["true", "1", "True", "yes"])
def test_a_missing_service_fails_under_ci(monkeypatch, value):
    monkeypatch.setenv("CI", value)
    with pytest.raises(pytest.fail.Exception, match="no service"):
        unavailable("no service")


@pytest.mark.parametrize("value", [None, "", "0", "false", "False", "no"])
def test_a_missing_service_is_skipped_outside_ci(monkeypatch, value):
    if value is None:
        monkeypatch.delenv("CI", raising=False)
    else:
        monkeypatch.setenv("CI", value)
    with pytest.raises(pytest.skip.Exception, match="no service"):
        unavailable("no service")
