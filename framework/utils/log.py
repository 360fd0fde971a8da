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


request_logger = logging.getLogger("framework.request")


def log_response(
    message: str,
    *args: Any,
    response: Any = None,
    request: Any = None,
    logger: logging.Logger = request_logger,
    level: str | None = None,
    exception: BaseException | None = None,
) -> None:
    """Log a 4xx/5xx response once: warning for 4xx, error for 5xx (with the exception).

    ``status_code`` and ``request`` travel in the record's ``extra``.
    """
    if getattr(response, "_has_been_logged", False):
        return
    if level is None:
        status = response.status_code
        level = "error" if status >= 500 else "warning" if status >= 400 else "info"
    getattr(logger, level)(
        message,
        *args,
        extra={"status_code": response.status_code, "request": request},
        exc_info=exception,
    )
    response._has_been_logged = True
