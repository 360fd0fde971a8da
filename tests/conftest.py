"""Shared test set-up: the framework configured from tests.settings."""

from __future__ import annotations

import os

os.environ.setdefault("FRAMEWORK_SETTINGS_MODULE", "tests.settings")

import framework  # noqa: E402

framework.setup(set_prefix=False)
