"""The command-line entry point behind ``framework-admin`` and ``manage.py``."""

from __future__ import annotations

import difflib
import os
import sys
from collections import defaultdict

import framework
from framework.core.exceptions import ImproperlyConfigured
from framework.core.management.base import BaseCommand, CommandError, CommandParser
from framework.core.management.base import handle_default_options as _handle_default_options
from framework.core.management.color import color_style
from framework.core.management.discovery import CORE_APP, get_commands, load_command_class


class ManagementUtility:
    """Parse ``argv``, find the subcommand and run it."""

    def __init__(self, argv: list[str] | None = None):
        self.argv = list(argv if argv is not None else sys.argv)
        self.prog_name = os.path.basename(self.argv[0]) if self.argv else "framework-admin"
        if self.prog_name == "__main__.py":
            self.prog_name = "python -m framework"
        self.settings_exception: Exception | None = None

    def __repr__(self) -> str:
        return f"<ManagementUtility {self.prog_name!r}>"

    def main_help_text(self, commands_only: bool = False) -> str:
        """The top-level help: usage, then the available commands grouped by app."""
        commands = get_commands()
        if commands_only:
            return "\n".join(sorted(commands))
        style = color_style()
        lines = [
            "",
            f"Type '{self.prog_name} help <subcommand>' for help on a specific subcommand.",
            "",
            "Available subcommands:",
        ]
        by_app: dict[str, list[str]] = defaultdict(list)
        for name, app in commands.items():
            by_app["framework" if app == CORE_APP else app.rpartition(".")[2]].append(name)
        for app in sorted(by_app, key=lambda a: (a != "framework", a)):
            lines.append("")
            lines.append(style.NOTICE(f"[{app}]"))
            lines.extend(f"    {name}" for name in sorted(by_app[app]))
        if self.settings_exception is not None:
            lines.append(
                style.NOTICE(
                    "Note that only the framework's own commands are listed as settings are "
                    f"not properly configured (error: {self.settings_exception})."
                )
            )
        return "\n".join(lines)

    def fetch_command(self, subcommand: str) -> BaseCommand:
        """Return the Command for ``subcommand``; exit with a suggestion if there is none."""
        commands = get_commands()
        try:
            app_name = commands[subcommand]
        except KeyError:
            if os.environ.get("FRAMEWORK_SETTINGS_MODULE"):
                # Surface a settings error that hid the project's own commands.
                from framework.conf import settings

                settings.INSTALLED_APPS  # noqa: B018
            elif not _settings_configured():
                sys.stderr.write("No framework settings specified.\n")
            possible = difflib.get_close_matches(subcommand, commands)
            message = f"Unknown command: {subcommand!r}"
            if possible:
                message += f". Did you mean {possible[0]}?"
            sys.stderr.write(f"{message}\nType '{self.prog_name} help' for usage.\n")
            sys.exit(1)
        if isinstance(app_name, BaseCommand):
            return app_name
        return load_command_class(app_name, subcommand)

    def execute(self) -> None:
        """Run the subcommand named in argv (help when there is none)."""
        try:
            subcommand = self.argv[1]
        except IndexError:
            subcommand = "help"

        parser = CommandParser(
            prog=self.prog_name,
            usage="%(prog)s subcommand [options] [args]",
            add_help=False,
            allow_abbrev=False,
        )
        parser.add_argument("--settings")
        parser.add_argument("--pythonpath")
        parser.add_argument("args", nargs="*")
        try:
            options, _ = parser.parse_known_args(self.argv[2:])
            _handle_default_options(options)
        except CommandError:
            options = None  # the command's own parser reports bad options

        from framework.conf import settings

        try:
            settings.INSTALLED_APPS  # noqa: B018
        except (ImproperlyConfigured, ImportError) as exc:
            self.settings_exception = exc

        if settings.configured:
            framework.setup()

        if subcommand == "help":
            args = options.args if options is not None else []
            if "--commands" in self.argv[2:]:
                sys.stdout.write(self.main_help_text(commands_only=True) + "\n")
            elif not args:
                sys.stdout.write(self.main_help_text() + "\n")
            else:
                self.fetch_command(args[0]).print_help(self.prog_name, args[0])
        elif self.argv[1:] == ["--version"]:
            sys.stdout.write(framework.get_version() + "\n")
        elif self.argv[1:] in (["--help"], ["-h"]):
            sys.stdout.write(self.main_help_text() + "\n")
        else:
            self.fetch_command(subcommand).run_from_argv(self.argv)


def _settings_configured() -> bool:
    from framework.conf import settings

    return settings.configured


def execute_from_command_line(argv: list[str] | None = None) -> None:
    """Run a management command from the command line (``framework-admin``, ``manage.py``)."""
    ManagementUtility(argv).execute()
