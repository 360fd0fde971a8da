"""``framework-admin startproject NAME [DIRECTORY]``: create a project."""

from __future__ import annotations

from typing import Any

from framework.core.management.templates import TemplateCommand
from framework.core.management.utils import get_insecure_secret_key


class Command(TemplateCommand):
    help = (
        "Creates a project directory structure for the given project name in the current "
        "directory or optionally in the given directory."
    )
    missing_args_message = "You must provide a project name."

    def handle(self, **options: Any) -> None:
        name = options.pop("name")
        target = options.pop("directory")
        options["extra_context"] = {"secret_key": get_insecure_secret_key()}
        super().handle("project", name, target, **options)
