"""``--parallel``, ``serialized_rollback`` and ``available_apps``.

The worker machinery is tested in-process on database-free test classes (workers are
forked); the database side runs the example project's ``manage.py test`` in a
subprocess on SQLite and on PostgreSQL, as tests/testkit/test_example_project.py does.
"""

from __future__ import annotations

import io
import os
import re
import unittest
from argparse import ArgumentParser

import pytest

from framework.test import SimpleTestCase
from framework.test.parallel import ParallelTestSuite, ParallelTextTestResult, partition_by_class
from framework.test.runner import DiscoverRunner
from tests.testkit.test_example_project import _count, _run, _test_db_exists
from tests.testkit.test_example_project import project as project  # the fixture

# -- the worker machinery, without databases --


class Outcomes(SimpleTestCase):
    __test__ = False  # run by the tests below, not collected by pytest

    def test_passes(self):
        pass

    def test_fails(self):
        self.assertEqual(1, 2, "deliberate failure")

    def test_errors(self):
        raise KeyError("deliberate error")

    def test_skipped(self):
        self.skipTest("deliberate skip")

    @unittest.expectedFailure
    def test_expected_failure(self):
        self.assertEqual(1, 2)

    def test_subtests(self):
        for value in (1, 2):
            with self.subTest(value=value):
                self.assertEqual(value, 1)


class Pids(SimpleTestCase):
    __test__ = False  # run by the tests below, not collected by pytest

    def test_pid(self):
        with open(os.environ["PARALLEL_TEST_LOG"], "a") as log:
            log.write(f"{os.getpid()}\n")


class BrokenSetUpClass(SimpleTestCase):
    __test__ = False  # run by the tests below, not collected by pytest

    @classmethod
    def setUpClass(cls):
        raise RuntimeError("setUpClass broke")

    def test_never_runs(self):
        pass


def _tests(case_class, *names):
    return [case_class(name) for name in names]


def _run_parallel(tests, processes=2):
    suite = ParallelTestSuite(tests, processes)
    runner = unittest.TextTestRunner(
        stream=io.StringIO(), verbosity=0, resultclass=ParallelTextTestResult
    )
    return suite, runner.run(suite)


def test_partition_keeps_a_class_together_in_first_seen_order():
    """Tests are grouped by class; the groups follow each class's first test."""
    a1, b1, a2 = Pids("test_pid"), Outcomes("test_passes"), Pids("test_pid")
    assert partition_by_class([a1, b1, a2]) == [[a1, a2], [b1]]


def test_workers_report_every_outcome_with_tracebacks(tmp_path, monkeypatch):
    """Failures, errors, skips, expected failures and subtests that happen in worker
    processes are reported by the parent's result with the worker's traceback text."""
    monkeypatch.setenv("PARALLEL_TEST_LOG", str(tmp_path / "pids"))
    names = [name for name in dir(Outcomes) if name.startswith("test_")]
    tests = _tests(Outcomes, *names) + _tests(Pids, "test_pid")
    suite, result = _run_parallel(tests)
    assert suite.processes == 2
    assert result.testsRun == 7
    failures = {test.id().rsplit(".", 1)[-1]: text for test, text in result.failures}
    assert "AssertionError: 1 != 2 : deliberate failure" in failures["test_fails"]
    assert (
        'File "' in failures["test_fails"] and "test_parallel_runner.py" in failures["test_fails"]
    )
    # The failing subtest is reported under its own description.
    assert any("(value=2)" in key for key in failures), failures
    assert len(result.errors) == 1 and "KeyError: 'deliberate error'" in result.errors[0][1]
    assert [reason for _, reason in result.skipped] == ["deliberate skip"]
    assert len(result.expectedFailures) == 1
    assert not result.wasSuccessful()
    # The Pids test ran in a worker, not here.
    assert int((tmp_path / "pids").read_text().split()[0]) != os.getpid()


def test_a_class_fixture_error_is_reported():
    """An error in setUpClass inside a worker is reported as the setUpClass error."""
    _, result = _run_parallel(
        _tests(BrokenSetUpClass, "test_never_runs") + _tests(Outcomes, "test_passes")
    )
    assert len(result.errors) == 1
    holder, text = result.errors[0]
    assert "setUpClass" in str(holder) and "BrokenSetUpClass" in str(holder)
    assert "RuntimeError: setUpClass broke" in text
    assert result.testsRun == 1


def test_failfast_stops_handing_out_classes(tmp_path, monkeypatch):
    """With failfast, no class starts after the first failure has been reported."""
    monkeypatch.setenv("PARALLEL_TEST_LOG", str(tmp_path / "pids"))
    tests = _tests(Outcomes, "test_fails")
    # One worker: the failing class runs first, every later class is skipped.
    later = [type(f"Later{n}", (Pids,), {}) for n in range(4)]
    tests += [case("test_pid") for case in later]
    suite = ParallelTestSuite(tests, 2, failfast=True)
    suite.processes = 1
    result = ParallelTextTestResult(io.StringIO(), False, 0)
    result.failfast = True
    suite.run(result)
    assert len(result.failures) == 1
    assert result.testsRun == 1
    assert not (tmp_path / "pids").exists()


def test_fewer_classes_than_processes_use_fewer_workers():
    """Workers are capped by the number of classes; one class runs in this process."""
    suite = ParallelTestSuite(_tests(Outcomes, "test_passes") + _tests(Pids, "test_pid"), 8)
    assert suite.processes == 2
    runner = DiscoverRunner(verbosity=0, parallel=4)
    single = runner.build_suite(["tests.testkit.test_parallel_runner.Outcomes.test_passes"])
    assert not isinstance(single, ParallelTestSuite)
    several = runner.build_suite(
        [
            "tests.testkit.test_parallel_runner.Outcomes.test_passes",
            "tests.testkit.test_parallel_runner.Pids",
        ]
    )
    assert isinstance(several, ParallelTestSuite) and several.processes == 2


def test_parallel_option_values():
    """--parallel N, --parallel (auto), --parallel auto and 0 (one per CPU); default 1."""
    parser = ArgumentParser()
    DiscoverRunner.add_arguments(parser)
    assert parser.parse_args([]).parallel == 1
    assert parser.parse_args(["--parallel", "3"]).parallel == 3
    assert parser.parse_args(["--parallel"]).parallel == "auto"
    assert parser.parse_args(["--parallel", "auto"]).parallel == "auto"
    with pytest.raises(SystemExit):
        parser.parse_args(["--parallel", "many"])
    cpus = os.cpu_count() or 1
    assert DiscoverRunner(parallel="auto").parallel == cpus
    assert DiscoverRunner(parallel=0).parallel == cpus
    assert DiscoverRunner().parallel == 1


# -- the example project, on SQLite and PostgreSQL --


def _clone_names(log: str) -> dict[int, str]:
    return {int(pid): name for pid, name in (line.split() for line in log.splitlines())}


def test_manage_py_test_parallel_uses_two_workers(project):
    """`manage.py test --parallel 2` runs the classes in two worker processes at once
    (two classes wait for each other), each on its own clone of the test database;
    the deliberate failure is reported with its traceback, the exit status is 1 and
    the clones are dropped."""
    path, env = project
    log = path / "parallel.log"
    log.write_text("")
    env = {**env, "EXAMPLE_PARALLEL_LOG": str(log)}
    result = _run(["manage.py", "test", "blog.parallel_checks", "--parallel", "2"], path, env)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert _count(r"Ran (\d+) tests?", result.stderr) == 6, output
    assert "FAILED (failures=1, skipped=1)" in result.stderr, output
    assert "AssertionError: 1 != 2 : deliberate failure in a worker" in result.stderr
    assert "parallel_checks.py" in result.stderr
    workers = _clone_names(log.read_text())
    assert len(workers) == 2, log.read_text()
    assert sorted(re.sub(r".*_(\d+)(\.sqlite3)?$", r"\1", n) for n in workers.values()) == [
        "1",
        "2",
    ]
    for name in workers.values():
        if name.endswith(".sqlite3"):
            assert not os.path.exists(name), f"clone {name} was not removed"
        else:
            assert not _test_db_exists(name), f"clone {name} was not dropped"


def test_manage_py_test_parallel_whole_suite_passes(project):
    """The example project's whole suite passes under --parallel (auto)."""
    path, env = project
    result = _run(["manage.py", "test", "--parallel", "2"], path, env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert _count(r"Ran (\d+) tests?", result.stderr) == 22, result.stderr
    assert "Cloning test database for alias 'default'" in result.stderr


def test_serialized_rollback_and_available_apps(project):
    """serialized_rollback brings back a data migration's row after a flush (and a
    plain TransactionTestCase does not); available_apps restricts the registry and the
    flush to the apps named, and the registry is whole again in the next test. The same
    classes pass under pytest and its plugin."""
    path, env = project
    result = _run(["manage.py", "test", "notes.rollback_checks", "-v", "2"], path, env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert _count(r"Ran (\d+) tests?", result.stderr) == 6, result.stderr
    assert "\nOK" in result.stderr
    result = _run(
        ["-m", "pytest", "-q", "-p", "no:randomly", "notes/rollback_checks.py"], path, env
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert _count(r"(\d+) passed", output) == 6, output
