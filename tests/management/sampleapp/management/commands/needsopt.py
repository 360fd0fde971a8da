"""A sample command with a required option."""

from framework.core.management.base import BaseCommand


class Command(BaseCommand):
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--level", required=True, type=int)

    def handle(self, **options):
        return f"level {options['level']}"
