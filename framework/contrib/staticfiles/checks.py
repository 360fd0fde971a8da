"""System checks of the staticfiles app (staticfiles.E001-E005, W004)."""

from __future__ import annotations

from typing import Any

from framework.conf import settings
from framework.core import checks

# The finders and the storage layer are imported by the checks when they run, not when
# ready() registers them: a serving process never runs them.

__all__ = ["check_finders", "check_storages", "register_checks"]


def check_finders(app_configs: Any = None, **kwargs: Any) -> list:
    """Collect the messages of every finder's ``check()``."""
    from .finders import get_finders

    errors: list = []
    for finder in get_finders():
        try:
            errors.extend(finder.check())
        except NotImplementedError:
            pass
    return errors


def check_storages(app_configs: Any = None, **kwargs: Any) -> list:
    """staticfiles.E005: STORAGES must define the ``staticfiles`` alias."""
    from framework.core.files.storage.handler import STATICFILES_STORAGE_ALIAS

    if STATICFILES_STORAGE_ALIAS not in settings.STORAGES:
        return [
            checks.Error(
                f"The STORAGES setting must define a {STATICFILES_STORAGE_ALIAS!r} storage "
                f"(it has {sorted(settings.STORAGES)!r}).",
                hint="Add STORAGES['staticfiles'] = {'BACKEND': "
                "'framework.contrib.staticfiles.storage.StaticFilesStorage'}.",
                id="staticfiles.E005",
            )
        ]
    return []


def register_checks() -> None:
    """Register the checks (called from the app's ``ready()``; idempotent)."""
    checks.register(check_finders, checks.Tags.staticfiles)
    checks.register(check_storages, checks.Tags.staticfiles)
