"""``manage.py test --parallel N``: run a suite's test classes in N worker processes.

The suite is split by test class (a class's tests stay together, so its ``setUpClass``
runs once). Workers are forked after the test databases exist; worker ``k`` points every
alias at clone ``k`` of its test database (see ``setup_databases(parallel=...)``), takes
classes from a queue and sends back what happened to each test as plain data: outcomes,
and tracebacks as text. The parent replays that onto its own result, so the usual
``TextTestRunner`` output, counts and exit status are the same as without ``--parallel``.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import unittest
from typing import Any

__all__ = ["ParallelTestSuite", "ParallelTextTestResult", "RemoteTraceback", "partition_by_class"]


def partition_by_class(tests: list) -> list[list]:
    """Group ``tests`` by class, in order of each class's first test."""
    groups: dict[type, list] = {}
    for test in tests:
        groups.setdefault(type(test), []).append(test)
    return list(groups.values())


class RemoteTraceback(Exception):
    """A failure or error that happened in a worker; ``text`` is its formatted traceback."""

    def __init__(self, text: str):
        super().__init__(text)
        self.text = text


class ParallelTextTestResult(unittest.TextTestResult):
    """A TextTestResult that reports a worker's traceback text as it is."""

    def _exc_info_to_string(self, err: Any, test: Any) -> str:
        if isinstance(err[1], RemoteTraceback):
            return err[1].text
        return super()._exc_info_to_string(err, test)


class _RemoteSubTest(unittest.case._SubTest):
    # A subtest rebuilt in the parent from the description the worker sent.
    def __init__(self, test_case: Any, description: str):
        super().__init__(test_case, None, {})
        self._description = description

    def _subDescription(self) -> str:  # noqa: N802 - unittest's name
        return self._description


class _RecordingResult(unittest.TestResult):
    """Runs in a worker: records each event of its tests as picklable data."""

    def __init__(self, group: list, failfast: bool, buffer: bool):
        super().__init__()
        self.failfast = failfast
        self.buffer = buffer
        self.positions = {id(test): index for index, test in enumerate(group)}
        self.events: list[tuple] = []

    def _ref(self, test: Any) -> tuple:
        position = self.positions.get(id(test))
        # Class and module fixtures report errors on a stand-in "test": send its name.
        return ("test", position) if position is not None else ("holder", str(test))

    def _event(self, name: str, test: Any, *args: Any) -> None:
        self.events.append((name, self._ref(test), *args))

    def startTest(self, test: Any) -> None:  # noqa: N802 - unittest's names below
        super().startTest(test)
        self._event("startTest", test)

    def stopTest(self, test: Any) -> None:  # noqa: N802
        super().stopTest(test)
        self._event("stopTest", test)

    def addSuccess(self, test: Any) -> None:  # noqa: N802
        super().addSuccess(test)
        self._event("addSuccess", test)

    def addFailure(self, test: Any, err: Any) -> None:  # noqa: N802
        super().addFailure(test, err)
        self._event("addFailure", test, self.failures[-1][1])

    def addError(self, test: Any, err: Any) -> None:  # noqa: N802
        super().addError(test, err)
        self._event("addError", test, self.errors[-1][1])

    def addSkip(self, test: Any, reason: str) -> None:  # noqa: N802
        super().addSkip(test, reason)
        self._event("addSkip", test, str(reason))

    def addExpectedFailure(self, test: Any, err: Any) -> None:  # noqa: N802
        super().addExpectedFailure(test, err)
        self._event("addExpectedFailure", test, self.expectedFailures[-1][1])

    def addUnexpectedSuccess(self, test: Any) -> None:  # noqa: N802
        super().addUnexpectedSuccess(test)
        self._event("addUnexpectedSuccess", test)

    def addSubTest(self, test: Any, subtest: Any, err: Any) -> None:  # noqa: N802
        super().addSubTest(test, subtest, err)
        if err is None:
            self._event("addSubTest", test, subtest._subDescription(), None, None)
            return
        failed = issubclass(err[0], test.failureException)
        text = (self.failures if failed else self.errors)[-1][1]
        kind = "failure" if failed else "error"
        self._event("addSubTest", test, subtest._subDescription(), kind, text)


def _replay(result: unittest.TestResult, group: list, events: list[tuple]) -> None:
    """Report a worker's events on ``result`` as if the tests had run here."""
    holders: dict[str, Any] = {}
    for name, (kind, ref), *args in events:
        if kind == "test":
            test = group[ref]
        else:
            test = holders.setdefault(ref, unittest.suite._ErrorHolder(ref))
        if name in ("addFailure", "addError", "addExpectedFailure"):
            exc_type = AssertionError if name == "addFailure" else RemoteTraceback
            getattr(result, name)(test, (exc_type, RemoteTraceback(args[0]), None))
        elif name == "addSubTest":
            description, outcome, text = args
            subtest = _RemoteSubTest(test, description)
            err = None
            if outcome is not None:
                exc_type = test.failureException if outcome == "failure" else RemoteTraceback
                err = (exc_type, RemoteTraceback(text), None)
            result.addSubTest(test, subtest, err)
        else:
            getattr(result, name)(test, *args)


# Set in the parent just before the workers are forked; the workers inherit them.
_groups: list[list] = []
_worker_names: list[dict[str, str]] = []


def _setup_worker_connections(names: dict[str, str]) -> None:
    """Point each alias at this worker's clone of its test database."""
    from framework.conf import settings
    from framework.db import connections

    for alias in connections:
        connection = connections[alias]
        # A connection inherited from the parent must not be used (nor closed: closing a
        # PostgreSQL session would end the parent's). Forget it.
        connection.connection = None
        connection._spare_cursor = None
        if alias in names:
            connection.settings_dict["NAME"] = names[alias]
            if alias in settings.DATABASES:
                settings.DATABASES[alias]["NAME"] = names[alias]


def _close_worker_connections() -> None:
    from framework.db import connections

    for connection in connections.all(initialized_only=True):
        if connection.connection is not None:
            # Only our own connections are left; in-memory SQLite ones are not, so
            # the wrapper's close() keeping them open does not matter.
            connection._spare_cursor = None
            connection.connection.close()
            connection.connection = None


def _worker(number: int, tasks: Any, results: Any, stop: Any, failfast: bool, buffer: bool) -> None:
    """Run the classes taken from ``tasks`` until the sentinel (None) comes."""
    _setup_worker_connections(_worker_names[number - 1])
    try:
        while True:
            index = tasks.get()
            if index is None:
                break
            if stop.is_set():
                results.put((index, None))
                continue
            group = _groups[index]
            result = _RecordingResult(group, failfast, buffer)
            unittest.registerResult(result)
            unittest.TestSuite(group).run(result)
            if result.shouldStop:
                # --failfast (or Ctrl-C): no worker starts another class.
                stop.set()
            results.put((index, result.events))
    finally:
        _close_worker_connections()


class ParallelTestSuite(unittest.TestSuite):
    """A suite that runs its classes in ``processes`` forked workers.

    ``worker_names`` (one ``{alias: database name}`` per worker) must be set once the
    test databases and their clones exist.
    """

    def __init__(self, tests: list, processes: int, failfast: bool = False, buffer: bool = False):
        super().__init__(tests)
        self.groups = partition_by_class(list(tests))
        self.processes = min(processes, len(self.groups))
        self.failfast = failfast
        self.buffer = buffer
        self.worker_names: list[dict[str, str]] = [{} for _ in range(self.processes)]

    def run(self, result: unittest.TestResult, debug: bool = False) -> unittest.TestResult:
        global _groups, _worker_names

        from framework.db import connections

        # Forked workers must not share the parent's database sessions.
        connections.close_all()
        if "fork" not in multiprocessing.get_all_start_methods():
            raise RuntimeError(
                "--parallel needs the 'fork' start method, which this platform lacks; "
                "run the tests without --parallel."
            )
        context = multiprocessing.get_context("fork")
        tasks, results, stop = context.Queue(), context.Queue(), context.Event()
        _groups, _worker_names = self.groups, self.worker_names
        workers = [
            context.Process(
                target=_worker,
                args=(number, tasks, results, stop, self.failfast, self.buffer),
                name=f"test-worker-{number}",
                daemon=True,
            )
            for number in range(1, self.processes + 1)
        ]
        try:
            for worker in workers:
                worker.start()
            for index in range(len(self.groups)):
                tasks.put(index)
            for _ in workers:
                tasks.put(None)
            self._collect(result, results, stop, workers)
        finally:
            for worker in workers:
                worker.join(timeout=30)
                if worker.is_alive():
                    worker.kill()
                    worker.join()
            _groups, _worker_names = [], []
        return result

    def _collect(self, result: Any, results: Any, stop: Any, workers: list) -> None:
        pending = set(range(len(self.groups)))
        while pending:
            try:
                index, events = results.get(timeout=1)
            except queue.Empty:
                if any(worker.is_alive() for worker in workers):
                    continue
                break
            pending.discard(index)
            if events is None:
                continue
            _replay(result, self.groups[index], events)
            if result.shouldStop:
                stop.set()
        if pending and not stop.is_set():
            codes = ", ".join(str(worker.exitcode) for worker in workers)
            for index in sorted(pending):
                test = self.groups[index][0]
                message = (
                    f"A test worker process exited (exit codes: {codes}) before reporting "
                    f"the tests of {type(test).__module__}.{type(test).__qualname__}.\n"
                )
                result.startTest(test)
                result.addError(test, (RemoteTraceback, RemoteTraceback(message), None))
                result.stopTest(test)


def default_processes() -> int:
    """The number of workers of ``--parallel auto``: the CPU count."""
    return os.cpu_count() or 1
