"""``manage.py startapp NAME [DIRECTORY]``: create an app."""

from __future__ import annotations

from typing import Any

from framework.core.management.templates import TemplateCommand


class Command(TemplateCommand):
    help = (
        "Creates an app directory structure for the given app name in the current directory "
        "or optionally in the given directory."
    )
    missing_args_message = "You must provide an application name."

    def handle(self, **options: Any) -> None:
        name = options.pop("name")
        target = options.pop("directory")
        super().handle("app", name, target, **options)
