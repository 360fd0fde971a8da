"""``autodiscover()``: import every installed app's ``admin`` module once."""

from __future__ import annotations

import importlib
import importlib.util


def autodiscover() -> None:
    """Import ``<app>.admin`` of every installed app that has one (errors propagate)."""
    from framework.apps import apps

    for app_config in apps.get_app_configs():
        name = f"{app_config.name}.admin"
        if importlib.util.find_spec(name) is not None:
            importlib.import_module(name)
