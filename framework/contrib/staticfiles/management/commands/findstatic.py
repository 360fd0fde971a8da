"""``manage.py findstatic``: where the finders find a static file."""

from __future__ import annotations

import os
from typing import Any

from framework.core.management.base import CommandParser, LabelCommand

from ... import finders


class Command(LabelCommand):
    """Find the absolute paths for the given static file(s)."""

    help = "Finds the absolute paths for the given static file(s)."
    label = "staticfile"

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--first",
            action="store_false",
            dest="all",
            help="Only return the first match for each static file.",
        )

    def handle_label(self, path: str, **options: Any) -> str | None:
        verbosity = options["verbosity"]
        result = finders.find(path, find_all=options["all"])
        searched = ""
        if verbosity >= 2:
            searched = "\nLooking in the following locations:\n  " + "\n  ".join(
                str(location) for location in finders.searched_locations
            )
        if result:
            matches = result if isinstance(result, list) else [result]
            matches = [os.path.realpath(match) for match in matches]
            if verbosity >= 1:
                return f"Found {path!r} here:\n  " + "\n  ".join(matches) + searched
            return "\n".join(matches)
        message = [f"No matching file found for {path!r}."]
        if verbosity >= 2:
            message.append(searched.lstrip("\n"))
        if verbosity >= 1:
            self.stderr.write("\n".join(message))
        return None
