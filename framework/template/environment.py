"""The framework's Jinja2 environment: Jinja2's own plus the default globals and filters.

A project's ``OPTIONS["environment"]`` callable may build its environment with
``environment(**options)`` and add to it; the backend installs the defaults
into any environment it is given (without replacing names the project set).
"""

from __future__ import annotations

from typing import Any

import jinja2
import jinja2.filters

from framework.template.defaultfilters import DEFAULT_FILTERS
from framework.template.defaultglobals import DEFAULT_GLOBALS

__all__ = ["environment", "install_defaults"]


def install_defaults(env: jinja2.Environment) -> jinja2.Environment:
    """Add the framework's globals and filters to ``env``; return ``env``.

    Names the project already defined are kept; Jinja2's built-in ``urlize`` and
    ``filesizeformat`` give way to the Django-compatible ones.
    """
    for name, value in DEFAULT_GLOBALS.items():
        env.globals.setdefault(name, value)
    for name, function in DEFAULT_FILTERS.items():
        current = env.filters.get(name)
        if current is None or current is jinja2.filters.FILTERS.get(name):
            env.filters[name] = function
    return env


def environment(**options: Any) -> jinja2.Environment:
    """Return a ``jinja2.Environment(**options)`` with the framework's defaults installed."""
    return install_defaults(jinja2.Environment(**options))
