"""``get_wsgi_application()``: the entry point named by a project's wsgi.py."""

from __future__ import annotations

import ctypes
import os
import sys

import framework
from framework.core.handlers.wsgi import WSGIHandler

M_ARENA_MAX = -8  # mallopt() parameter number, from glibc's malloc.h


def get_wsgi_application() -> WSGIHandler:
    """Set the framework up and return the WSGI callable.

    The script prefix is set per request by the handler (from SCRIPT_NAME), so it is
    not set globally here. Inside mod_wsgi, the process's malloc arenas are limited to
    ``APACHE_MALLOC_ARENAS`` (see ``limit_malloc_arenas()``).
    """
    framework.setup(set_prefix=False)
    if under_mod_wsgi():
        from framework.conf import settings

        limit_malloc_arenas(settings.APACHE_MALLOC_ARENAS)
    return WSGIHandler()


def limit_malloc_arenas(arenas: int | None) -> bool:
    """Cap glibc's malloc arenas for this process (``mallopt(M_ARENA_MAX)``); return True
    if the cap was set.

    Nothing is done when ``arenas`` is None, when the MALLOC_ARENA_MAX environment
    variable already decides, or when the C library has no ``mallopt`` (not glibc). Arenas
    that threads already use stay; mod_wsgi loads the WSGI script before its threads have
    needed one of their own.
    """
    if arenas is None or "MALLOC_ARENA_MAX" in os.environ:
        return False
    if isinstance(arenas, bool) or not isinstance(arenas, int) or arenas < 1:
        from framework.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(
            f"APACHE_MALLOC_ARENAS must be a positive integer or None, not {arenas!r}."
        )
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return False
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    return mallopt(M_ARENA_MAX, arenas) == 1


def under_mod_wsgi() -> bool:
    """True inside a mod_wsgi interpreter (its built-in ``mod_wsgi`` module names the
    process group; the mod_wsgi package installed for mod_wsgi-express does not)."""
    return hasattr(sys.modules.get("mod_wsgi"), "process_group")
