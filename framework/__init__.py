"""framework: a Django-shaped web framework built Apache-first.

The public API mirrors Django's under the name ``framework``; see README.md.
"""

from __future__ import annotations

__version__ = "0.1.0"
VERSION = (0, 1, 0, "alpha", 0)


def get_version() -> str:
    """Return the framework's version as a string."""
    return __version__


def setup(set_prefix: bool = True) -> None:
    """Configure logging and populate the app registry from settings.

    Call once per process before using models, as with ``django.setup()``.
    """
    from framework.apps import apps
    from framework.conf import settings
    from framework.utils.log import configure_logging

    configure_logging(settings.LOGGING_CONFIG, settings.LOGGING)
    if set_prefix:
        from framework.urls.base import set_script_prefix

        set_script_prefix("/" if settings.FORCE_SCRIPT_NAME is None else settings.FORCE_SCRIPT_NAME)
    apps.populate(settings.INSTALLED_APPS)
