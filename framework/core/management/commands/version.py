"""``manage.py version``: print the framework's version."""

from __future__ import annotations

from typing import Any

import framework
from framework.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Prints the framework's version."

    requires_system_checks: list[str] = []

    def handle(self, *args: Any, **options: Any) -> str:
        return framework.get_version()
