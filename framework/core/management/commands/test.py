"""``manage.py test``: run the project's unittest-style tests with TEST_RUNNER."""

from __future__ import annotations

import sys
from typing import Any

from framework.conf import settings
from framework.core.management.base import BaseCommand, CommandParser
from framework.test.utils import get_runner


class Command(BaseCommand):
    help = "Discover and run tests in the specified modules or the current directory."

    # The runner runs the checks itself, once the test databases exist.
    requires_system_checks: list[str] = []
    test_runner: str | None = None

    def run_from_argv(self, argv: list[str]) -> None:
        # The runner's own options depend on --testrunner: find it before parsing.
        for index, arg in enumerate(argv):
            if arg == "--testrunner" and index + 1 < len(argv):
                self.test_runner = argv[index + 1]
            elif arg.startswith("--testrunner="):
                self.test_runner = arg.split("=", 1)[1]
        super().run_from_argv(argv)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "args",
            metavar="test_label",
            nargs="*",
            help="Module paths to test; can be modulename, modulename.TestCase or "
            "modulename.TestCase.test_method",
        )
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="Tells the framework to NOT prompt the user for input of any kind.",
        )
        parser.add_argument(
            "--failfast",
            action="store_true",
            help="Tells the framework to stop running the test suite after first failed test.",
        )
        parser.add_argument(
            "--testrunner",
            help="Tells the framework to use specified test runner class instead of the one "
            "specified by the TEST_RUNNER setting.",
        )
        runner_class = get_runner(settings, self.test_runner)
        if hasattr(runner_class, "add_arguments"):
            runner_class.add_arguments(parser)

    def handle(self, *test_labels: str, **options: Any) -> None:
        runner_class = get_runner(settings, options["testrunner"])
        runner = runner_class(**options)
        failures = runner.run_tests(list(test_labels))
        if failures:
            sys.exit(1)
