"""Finding management commands: the framework's, each installed app's, and entry points.

Commands come from three places, later ones overriding earlier ones by name:
``framework/core/management/commands/*.py``, distributions that register a command
module under the ``framework.commands`` entry-point group (this is how
``framework_apache`` provides ``runserver`` without the core importing it), and each
installed app's ``<app>/management/commands/*.py`` (the first app listed wins).
"""

from __future__ import annotations

import functools
import importlib
import os
import pkgutil
from importlib.metadata import EntryPoint, entry_points
from typing import Any

from framework.core.exceptions import AppRegistryNotReady, ImproperlyConfigured
from framework.core.signals import setting_changed

ENTRY_POINT_GROUP = "framework.commands"
CORE_APP = "framework.core"


def find_commands(management_dir: str) -> list[str]:
    """Names of the command modules in ``<management_dir>/commands`` (no leading _)."""
    command_dir = os.path.join(management_dir, "commands")
    return [
        name
        for _, name, is_pkg in pkgutil.iter_modules([command_dir])
        if not is_pkg and not name.startswith("_")
    ]


@functools.cache
def entry_point_commands() -> dict[str, EntryPoint]:
    """Command name -> entry point, from the ``framework.commands`` group."""
    return {ep.name: ep for ep in entry_points(group=ENTRY_POINT_GROUP)}


def _entry_point_app(ep: EntryPoint) -> str:
    return ep.value.partition(":")[0].strip().split(".")[0]


@functools.cache
def get_commands() -> dict[str, str]:
    """Command name -> the app (or package) providing it.

    Without usable settings only the framework's own and entry-point commands are listed.
    """
    from framework.conf import settings

    commands = dict.fromkeys(find_commands(os.path.dirname(__file__)), CORE_APP)
    for name, ep in entry_point_commands().items():
        commands[name] = _entry_point_app(ep)
    if not settings.configured:
        return commands
    from framework.apps import apps

    try:
        app_configs = list(apps.get_app_configs())
    except AppRegistryNotReady:
        return commands
    for app_config in reversed(app_configs):
        if app_config.path is None:
            continue
        path = os.path.join(app_config.path, "management")
        commands.update(dict.fromkeys(find_commands(path), app_config.name))
    return commands


def load_command_class(app_name: str, name: str) -> Any:
    """Import the command module of ``name`` provided by ``app_name``; return a Command."""
    ep = entry_point_commands().get(name)
    if ep is not None and _entry_point_app(ep) == app_name:
        loaded = ep.load()
        command_class = getattr(loaded, "Command", loaded)
        return command_class()
    if app_name == CORE_APP:
        module_name = f"framework.core.management.commands.{name}"
    else:
        module_name = f"{app_name}.management.commands.{name}"
    module = importlib.import_module(module_name)
    try:
        return module.Command()
    except AttributeError:
        raise ImproperlyConfigured(
            f"The command module {module_name!r} must define a class named Command "
            f"(a subclass of BaseCommand)."
        ) from None


def _reset_commands(*, setting: str, **kwargs: Any) -> None:
    if setting == "INSTALLED_APPS":
        get_commands.cache_clear()


setting_changed.connect(_reset_commands)
