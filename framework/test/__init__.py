"""Testing tools: ``override_settings`` and the pytest plugin (more with the test toolkit)."""

from framework.test.utils import override_settings as override_settings
