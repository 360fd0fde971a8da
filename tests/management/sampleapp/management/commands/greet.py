"""A sample command with a positional argument and options of every kind."""

from framework.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Greets someone."
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("name")
        parser.add_argument("--shout", action="store_true")
        parser.add_argument("--times", type=int, default=1)
        parser.add_argument("--punctuation", "-p", dest="mark", default=".")

    def handle(self, name, **options):
        text = f"Hello {name}{options['mark']}"
        if options["shout"]:
            text = text.upper()
        self.stdout.write("\n".join([text] * options["times"]))
        return None
