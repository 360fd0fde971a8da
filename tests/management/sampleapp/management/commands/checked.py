"""A sample command that runs the system checks first (the default)."""

from framework.core.management.base import BaseCommand


class Command(BaseCommand):
    def handle(self, **options):
        return "ran"
