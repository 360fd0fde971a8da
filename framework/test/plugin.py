"""The framework's pytest plugin (registered through the ``pytest11`` entry point).

Fixtures: ``settings`` (override settings for one test, restored afterwards).
The database, client, ``app`` (WebTest) and ``live_server`` fixtures arrive with the
test toolkit.
"""

from __future__ import annotations

from typing import Any

import pytest


class SettingsWrapper:
    """Set attributes to override settings for the current test; undone at teardown."""

    def __init__(self):
        self.__dict__["_overrides"] = []

    def __getattr__(self, name: str) -> Any:
        from framework.conf import settings

        return getattr(settings, name)

    def __setattr__(self, name: str, value: Any) -> None:
        from framework.test.utils import override_settings

        override = override_settings(**{name: value})
        override.enable()
        self._overrides.append(override)

    def __delattr__(self, name: str) -> None:
        from framework.conf import settings
        from framework.test.utils import override_settings

        override = override_settings()
        override.enable()
        delattr(settings, name)
        self._overrides.append(override)

    def finalize(self) -> None:
        for override in reversed(self._overrides):
            override.disable()
        self._overrides.clear()


@pytest.fixture
def settings():
    """Override settings by attribute assignment: ``settings.DEBUG = True``."""
    wrapper = SettingsWrapper()
    yield wrapper
    wrapper.finalize()
