"""A sample command that fails with a chosen exit code."""

from framework.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Always fails."
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--code", type=int, default=1)

    def handle(self, **options):
        raise CommandError("the frobnicator is missing", returncode=options["code"])
