"""A sample command whose output is SQL wrapped in a transaction."""

from framework.core.management.base import BaseCommand


class Command(BaseCommand):
    requires_system_checks = []
    output_transaction = True

    def handle(self, **options):
        return "SELECT 1;"
