"""``DiscoverRunner``: run unittest-style suites with test databases (``manage.py test``).

Labels are dotted module, class or method names, or directories; without labels the
tests are discovered from the current directory (files named ``test*.py``). With
``parallel`` > 1 the test classes run in that many worker processes, each on its own
clone of the test databases (framework.test.parallel).
"""

from __future__ import annotations

import os
import sys
import unittest
from argparse import ArgumentParser, ArgumentTypeError
from typing import Any

from framework.test.databases import (
    setup_databases,
    teardown_databases,
    worker_database_names,
)
from framework.test.environment import setup_test_environment, teardown_test_environment
from framework.test.parallel import ParallelTestSuite, ParallelTextTestResult, default_processes

__all__ = ["DiscoverRunner"]


class DiscoverRunner:
    """Build a unittest suite from labels, set up the environment and the test
    databases, run it and return the number of failures and errors."""

    test_suite = unittest.TestSuite
    test_runner = unittest.TextTestRunner
    test_loader = unittest.defaultTestLoader

    def __init__(
        self,
        pattern: str | None = None,
        top_level: str | None = None,
        verbosity: int = 1,
        interactive: bool = True,
        failfast: bool = False,
        keepdb: bool = False,
        reverse: bool = False,
        debug_mode: bool = False,
        debug_sql: bool = False,
        parallel: int | str = 1,
        tags: list[str] | None = None,
        exclude_tags: list[str] | None = None,
        buffer: bool = False,
        test_name_patterns: list[str] | None = None,
        durations: int | None = None,
        **kwargs: Any,
    ):
        self.pattern = pattern or "test*.py"
        self.top_level = top_level
        self.verbosity = verbosity
        self.interactive = interactive
        self.failfast = failfast
        self.keepdb = keepdb
        self.reverse = reverse
        self.debug_mode = debug_mode
        self.debug_sql = debug_sql
        # 0 or "auto": one worker process per CPU; 1: everything in this process.
        self.parallel = default_processes() if parallel in (0, "auto") else int(parallel)
        self.buffer = buffer
        self.test_name_patterns = (
            [p if "*" in p else f"*{p}*" for p in test_name_patterns]
            if test_name_patterns
            else None
        )

    @classmethod
    def add_arguments(cls, parser: ArgumentParser) -> None:
        """The runner's options of ``manage.py test``."""
        parser.add_argument(
            "-t", "--top-level-directory", dest="top_level", help="Top level of project."
        )
        parser.add_argument(
            "-p", "--pattern", default="test*.py", help="Test files pattern (default test*.py)."
        )
        parser.add_argument(
            "--keepdb", action="store_true", help="Preserves the test DB between runs."
        )
        parser.add_argument("-r", "--reverse", action="store_true", help="Run in reverse order.")
        parser.add_argument(
            "--debug-mode", action="store_true", help="Sets settings.DEBUG to True."
        )
        parser.add_argument(
            "-d", "--debug-sql", action="store_true", help="Prints logged SQL queries on failure."
        )
        parser.add_argument(
            "--parallel",
            nargs="?",
            const="auto",
            default=1,
            type=_parallel_type,
            metavar="N",
            help="Run the test classes in N worker processes, each with its own copy of the "
            "test databases (default 1: no workers). Without N, 0 or 'auto': one per CPU.",
        )
        parser.add_argument(
            "-k",
            action="append",
            dest="test_name_patterns",
            help="Only run test methods and classes that match the pattern or substring.",
        )
        parser.add_argument(
            "-b", "--buffer", action="store_true", help="Discard output from passing tests."
        )

    def setup_test_environment(self, **kwargs: Any) -> None:
        setup_test_environment(debug=self.debug_mode)
        unittest.installHandler()

    def teardown_test_environment(self, **kwargs: Any) -> None:
        unittest.removeHandler()
        teardown_test_environment()

    def load_tests_for_label(self, label: str, discover_kwargs: dict) -> unittest.TestSuite:
        """The tests named by one label: a path, or a dotted name of a module/class/test."""
        if not os.path.exists(os.path.abspath(label)):
            # An unimportable name becomes a failing test that says why.
            return self.test_loader.loadTestsFromName(label)
        path = os.path.abspath(label)
        if os.path.isfile(path):
            raise ValueError(
                f"Test label {label!r} is a file; give its dotted module name instead."
            )
        kwargs = dict(discover_kwargs)
        kwargs.setdefault("top_level_dir", self.top_level or _top_level_of(path))
        return self.test_loader.discover(start_dir=path, **kwargs)

    def build_suite(self, test_labels: list[str] | None = None, **kwargs: Any) -> Any:
        """The suite of ``test_labels`` (default: discovered from the current directory)."""
        if self.test_name_patterns:
            self.test_loader = unittest.TestLoader()
            self.test_loader.testNamePatterns = self.test_name_patterns
        discover_kwargs = {"pattern": self.pattern}
        if self.top_level:
            discover_kwargs["top_level_dir"] = self.top_level
        suite = self.test_suite()
        for label in test_labels or ["."]:
            suite.addTests(self.load_tests_for_label(label, discover_kwargs))
        tests = list(_iter_tests(suite))
        tests.sort(key=_run_order)
        if self.reverse:
            tests.reverse()
        if self.parallel > 1:
            parallel_suite = ParallelTestSuite(tests, self.parallel, self.failfast, self.buffer)
            # With a single test class there is nothing to share out.
            if parallel_suite.processes > 1:
                return parallel_suite
        return self.test_suite(tests)

    def get_databases(self, suite: Any) -> set[str]:
        """The aliases the suite's test classes declare in ``databases``."""
        from framework.db import connections

        aliases: set[str] = set()
        for test in _iter_tests(suite):
            declared = getattr(test, "databases", None) or ()
            aliases.update(connections if declared == "__all__" else declared)
        return aliases

    def get_serialized_databases(self, suite: Any) -> set[str]:
        """The aliases of the TransactionTestCases with ``serialized_rollback``."""
        from framework.db import connections

        aliases: set[str] = set()
        for test in _iter_tests(suite):
            if getattr(test, "serialized_rollback", False):
                declared = getattr(test, "databases", None) or ()
                aliases.update(connections if declared == "__all__" else declared)
        return aliases

    def setup_databases(self, **kwargs: Any) -> list:
        return setup_databases(
            self.verbosity,
            self.interactive,
            keepdb=self.keepdb,
            debug_sql=self.debug_sql,
            **kwargs,
        )

    def teardown_databases(self, old_config: list, **kwargs: Any) -> None:
        teardown_databases(
            old_config,
            verbosity=self.verbosity,
            keepdb=self.keepdb,
            parallel=kwargs.get("parallel", 0),
        )

    def run_checks(self, databases: set[str]) -> None:
        from framework.core.management import call_command

        call_command("check", verbosity=self.verbosity, databases=sorted(databases))

    def run_suite(self, suite: Any, **kwargs: Any) -> unittest.TestResult:
        options: dict[str, Any] = {}
        if isinstance(suite, ParallelTestSuite):
            options["resultclass"] = ParallelTextTestResult
        runner = self.test_runner(
            verbosity=self.verbosity, failfast=self.failfast, buffer=self.buffer, **options
        )
        return runner.run(suite)

    def suite_result(self, suite: Any, result: unittest.TestResult, **kwargs: Any) -> int:
        return len(result.failures) + len(result.errors) + len(result.unexpectedSuccesses)

    def run_tests(self, test_labels: list[str] | None, **kwargs: Any) -> int:
        """Run the tests of ``test_labels``; return the number of failed tests."""
        self.setup_test_environment()
        suite = self.build_suite(test_labels)
        databases = self.get_databases(suite)
        workers = suite.processes if isinstance(suite, ParallelTestSuite) else 0
        old_config = (
            self.setup_databases(
                aliases=databases,
                serialized_aliases=self.get_serialized_databases(suite),
                parallel=workers,
            )
            if databases
            else []
        )
        if workers:
            suite.worker_names = [
                worker_database_names(old_config, number) for number in range(1, workers + 1)
            ]
        try:
            self.run_checks(databases)
            result = self.run_suite(suite)
        finally:
            try:
                self.teardown_databases(old_config, parallel=workers)
            finally:
                self.teardown_test_environment()
        return self.suite_result(suite, result)


def _parallel_type(value: str) -> int | str:
    """``--parallel``'s value: a number of processes or "auto"."""
    if value == "auto":
        return value
    try:
        return int(value)
    except ValueError:
        raise ArgumentTypeError(f"{value!r} is not an integer or the string 'auto'") from None


def _iter_tests(suite: Any):
    for test in suite:
        if isinstance(test, unittest.TestSuite):
            yield from _iter_tests(test)
        else:
            yield test


def _run_order(test: Any) -> int:
    # As Django: TestCase first, then TransactionTestCase (which leaves empty
    # tables), then everything else.
    from framework.test.testcases import TestCase, TransactionTestCase

    if isinstance(test, TestCase):
        return 0
    if isinstance(test, TransactionTestCase):
        return 1
    return 2


def _top_level_of(path: str) -> str:
    # The first directory above ``path`` that is not a package is the import root.
    current = path
    while os.path.exists(os.path.join(current, "__init__.py")):
        current = os.path.dirname(current)
    if current not in sys.path:
        sys.path.insert(0, current)
    return current
