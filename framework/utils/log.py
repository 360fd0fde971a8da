"""Logging set-up from the LOGGING setting."""

from __future__ import annotations

import copy
import logging
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


_DICT_CONFIG = "logging.config.dictConfig"
# _apply_default_logging() knows this configuration only; a changed DEFAULT_LOGGING goes
# through dictConfig.
_DEFAULT_LOGGING_AS_SHIPPED = copy.deepcopy(DEFAULT_LOGGING)


def configure_logging(logging_config: str | None, logging_settings: dict) -> None:
    """Apply the framework's default logging, then the LOGGING setting over it."""
    if not logging_config:
        return
    logging.captureWarnings(True)
    if logging_config == _DICT_CONFIG and DEFAULT_LOGGING == _DEFAULT_LOGGING_AS_SHIPPED:
        # logging.config pulls in logging.handlers, socket, socketserver, pickle and queue
        # (about 0.6 MiB per process): only a LOGGING setting needs it.
        _apply_default_logging()
        if logging_settings:
            import_string(_DICT_CONFIG)(logging_settings)
        return
    configurator = import_string(logging_config)
    configurator(DEFAULT_LOGGING)
    if logging_settings:
        configurator(logging_settings)


def _apply_default_logging() -> None:
    """Do what ``logging.config.dictConfig(DEFAULT_LOGGING)`` does, without importing it.

    As dictConfig does: existing handlers are flushed and closed, the "framework" logger
    gets the console handler, its existing child loggers are reset to pass their records
    up (level NOTSET, no handlers, propagate), and every other existing logger stays
    enabled. tests/utils/test_log.py compares the outcome with dictConfig's.
    """
    formatter_config = DEFAULT_LOGGING["formatters"]["plain"]
    handler_config = DEFAULT_LOGGING["handlers"]["console"]
    name = "framework"
    prefix = name + "."
    with logging._lock:  # type: ignore[attr-defined]
        logging._handlers.clear()  # type: ignore[attr-defined]
        logging.shutdown(logging._handlerList[:])  # type: ignore[attr-defined]
        del logging._handlerList[:]  # type: ignore[attr-defined]
        handler = logging.StreamHandler()
        handler.name = "console"
        handler.setFormatter(
            logging.Formatter(formatter_config["format"], style=formatter_config["style"])
        )
        handler.setLevel(handler_config["level"])
        for existing_name, existing in list(logging.root.manager.loggerDict.items()):
            if existing_name == name:
                continue
            if not existing_name.startswith(prefix):
                existing.disabled = False
            elif not isinstance(existing, logging.PlaceHolder):
                existing.setLevel(logging.NOTSET)
                existing.handlers = []
                existing.propagate = True
        logger = logging.getLogger(name)
        logger.setLevel(DEFAULT_LOGGING["loggers"][name]["level"])
        for old in logger.handlers[:]:
            logger.removeHandler(old)
        logger.addHandler(handler)
        logger.disabled = False


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
