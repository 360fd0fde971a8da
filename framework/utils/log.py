"""Logging set-up from the LOGGING setting."""

from __future__ import annotations

import logging
import logging.config
from typing import Any

from framework.utils.module_loading import import_string

# The framework's own defaults: errors from request handling go to stderr (Apache's
# error_log under mod_wsgi); the "framework" logger tree is what users tune.
DEFAULT_LOGGING: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "[{asctime}] {levelname} {name}: {message}", "style": "{"},
    },
    "handlers": {
        "console": {"level": "INFO", "class": "logging.StreamHandler", "formatter": "plain"},
    },
    "loggers": {
        "framework": {"handlers": ["console"], "level": "INFO"},
    },
}


def configure_logging(logging_config: str | None, logging_settings: dict) -> None:
    """Apply the framework's default logging, then the LOGGING setting over it."""
    if not logging_config:
        return
    logging.captureWarnings(True)
    configurator = import_string(logging_config)
    configurator(DEFAULT_LOGGING)
    if logging_settings:
        configurator(logging_settings)
