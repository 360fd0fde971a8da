"""``manage.py diffsettings``: the settings that differ from the defaults."""

from __future__ import annotations

from typing import Any

from framework.core.management.base import BaseCommand, CommandParser


def _module_to_dict(module: Any, omittable: Any = lambda name: False) -> dict[str, str]:
    return {
        name: repr(getattr(module, name))
        for name in dir(module)
        if name.isupper() and not name.startswith("_") and not omittable(name)
    }


class Command(BaseCommand):
    help = (
        "Displays differences between the current settings.py and the framework's default settings."
    )

    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--all",
            action="store_true",
            help='Display all settings, regardless of their value. In "hash" mode, default '
            'values are prefixed by "###".',
        )
        parser.add_argument(
            "--default",
            metavar="MODULE",
            help="The settings module to compare the current settings against. Leave empty "
            "to compare against the framework's default settings.",
        )
        parser.add_argument(
            "--output",
            default="hash",
            choices=("hash", "unified"),
            help="Selects the output format. 'hash' mode displays each changed setting, with "
            "the settings that don't appear in the defaults followed by ###. 'unified' mode "
            "prefixes the default setting with a minus sign, followed by the changed setting "
            "prefixed with a plus sign.",
        )

    def handle(self, **options: Any) -> str:
        import importlib

        from framework.conf import global_settings, settings

        # Read one setting first so that the settings module is loaded.
        settings.DEBUG  # noqa: B018
        user = _module_to_dict(settings._wrapped, omittable=lambda n: n == "SETTINGS_MODULE")
        default = (
            importlib.import_module(options["default"]) if options["default"] else global_settings
        )
        defaults = _module_to_dict(default)
        if options["output"] == "unified":
            return "\n".join(self._unified(user, defaults, options["all"]))
        return "\n".join(self._hash(user, defaults, options["all"]))

    def _hash(self, user: dict, defaults: dict, show_all: bool) -> list[str]:
        lines = []
        for key in sorted(user):
            if key not in defaults:
                lines.append(f"{key} = {user[key]}  ###")
            elif user[key] != defaults[key]:
                lines.append(f"{key} = {user[key]}")
            elif show_all:
                lines.append(f"### {key} = {user[key]}")
        return lines

    def _unified(self, user: dict, defaults: dict, show_all: bool) -> list[str]:
        lines = []
        for key in sorted(user):
            if key not in defaults:
                lines.append(self.style.SUCCESS(f"+ {key} = {user[key]}"))
            elif user[key] != defaults[key]:
                lines.append(self.style.ERROR(f"- {key} = {defaults[key]}"))
                lines.append(self.style.SUCCESS(f"+ {key} = {user[key]}"))
            elif show_all:
                lines.append(f"  {key} = {user[key]}")
        return lines
