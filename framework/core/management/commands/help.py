"""``manage.py help [command]``: the list of commands, or one command's help."""

from __future__ import annotations

import sys
from typing import Any

from framework.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Lists the available commands, or shows the help of one command."

    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("args", metavar="command", nargs="?")
        parser.add_argument("--commands", action="store_true", help="List the command names only.")

    def handle(self, *args: Any, **options: Any) -> None:
        from framework.core.management.utility import ManagementUtility

        utility = ManagementUtility([sys.argv[0] if sys.argv else "manage.py"])
        if args:
            command = utility.fetch_command(args[0])
            parser = command.create_parser(utility.prog_name, args[0])
            self.stdout.write(parser.format_help(), ending="")
        else:
            self.stdout.write(utility.main_help_text(commands_only=options["commands"]))
