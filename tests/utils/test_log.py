"""configure_logging(): the default configuration without logging.config, same outcome."""

from __future__ import annotations

from tests.support.probes import run_python_json

# Loggers and handlers as a project has them before setup(): a handler of its own on the
# root, a disabled third-party logger, framework children with their own level/handlers.
PROBE = """
import json, logging, sys, warnings

root_handler = logging.StreamHandler(sys.stdout)
logging.root.addHandler(root_handler)
logging.getLogger("thirdparty").disabled = True
child = logging.getLogger("framework.request")
child.setLevel(logging.DEBUG)
child.addHandler(logging.NullHandler())
child.propagate = False
logging.getLogger("framework.db.backends").setLevel(logging.ERROR)
old_framework_handler = logging.NullHandler()
logging.getLogger("framework").addHandler(old_framework_handler)

if sys.argv[1] == "dictConfig":
    import logging.config

    from framework.utils.log import DEFAULT_LOGGING

    logging.captureWarnings(True)
    logging.config.dictConfig(DEFAULT_LOGGING)
else:
    from framework.utils.log import configure_logging

    configure_logging("logging.config.dictConfig", {})


def describe(logger):
    return {
        "level": logger.level,
        "disabled": logger.disabled,
        "propagate": logger.propagate,
        "handlers": [
            [type(h).__name__, h.name, h.level, getattr(h, "stream", None) is sys.stderr,
             h.formatter and h.formatter._fmt, h.formatter and type(h.formatter._style).__name__]
            for h in logger.handlers
        ],
    }


manager = logging.root.manager
print(json.dumps({
    "loggers": {
        name: describe(logger) if isinstance(logger, logging.Logger) else "placeholder"
        for name, logger in sorted(manager.loggerDict.items())
        if name == "thirdparty" or name.startswith("framework")
    },
    "root": describe(logging.root),
    "registered_handlers": sorted(logging._handlers),
    "handler_list": len(logging._handlerList),
    "warnings_captured": warnings.showwarning is logging._showwarning,
    "logging_config_imported": "logging.config" in sys.modules,
}))
"""


def test_default_logging_matches_dict_config() -> None:
    """Loggers, handlers and the handler registry end up as dictConfig(DEFAULT_LOGGING) leaves them."""
    expected = run_python_json(PROBE, "dictConfig")
    actual = run_python_json(PROBE, "configure_logging")
    assert expected.pop("logging_config_imported") is True
    assert actual.pop("logging_config_imported") is False
    assert actual == expected
    framework = actual["loggers"]["framework"]
    assert framework["level"] == 20
    assert framework["handlers"] == [
        [
            "StreamHandler",
            "console",
            20,
            True,
            "[{asctime}] {levelname} {name}: {message}",
            "StrFormatStyle",
        ]
    ]
    assert actual["loggers"]["framework.request"] == {
        "level": 0,
        "disabled": False,
        "propagate": True,
        "handlers": [],
    }
    assert actual["loggers"]["thirdparty"]["disabled"] is False


def test_logging_setting_is_applied_over_the_defaults() -> None:
    """A LOGGING setting still goes through dictConfig after the defaults."""
    probe = """
import json, logging, sys
from framework.utils.log import configure_logging

configure_logging("logging.config.dictConfig", {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"null": {"class": "logging.NullHandler"}},
    "loggers": {"framework.db": {"handlers": ["null"], "level": "DEBUG", "propagate": False}},
})
db = logging.getLogger("framework.db")
print(json.dumps({
    "db": [db.level, db.propagate, [type(h).__name__ for h in db.handlers]],
    "framework": [type(h).__name__ for h in logging.getLogger("framework").handlers],
}))
"""
    assert run_python_json(probe) == {
        "db": [10, False, ["NullHandler"]],
        "framework": ["StreamHandler"],
    }
