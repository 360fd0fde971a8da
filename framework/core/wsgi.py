"""``get_wsgi_application()``: the entry point named by a project's wsgi.py."""

from __future__ import annotations

import framework
from framework.core.handlers.wsgi import WSGIHandler


def get_wsgi_application() -> WSGIHandler:
    """Set the framework up and return the WSGI callable.

    The script prefix is set per request by the handler (from SCRIPT_NAME), so it is
    not set globally here.
    """
    framework.setup(set_prefix=False)
    return WSGIHandler()
