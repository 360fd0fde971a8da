"""A sample LabelCommand."""

from framework.core.management.base import LabelCommand


class Command(LabelCommand):
    requires_system_checks = []

    def handle_label(self, label, **options):
        return f"label={label}"
