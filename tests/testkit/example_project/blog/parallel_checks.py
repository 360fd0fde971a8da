"""Test classes run by the toolkit's tests with ``manage.py test --parallel 2``.

Each test appends "<pid> <database name>" to the file EXAMPLE_PARALLEL_LOG names. The two
Waiting classes each wait (in setUpClass) until two processes have written there, so the
run only passes when two workers really run at the same time.
"""

import os
import time

from blog.models import Post
from framework.db import connection
from framework.test import TestCase, TransactionTestCase


def log_worker():
    with open(os.environ["EXAMPLE_PARALLEL_LOG"], "a") as log:
        log.write(f"{os.getpid()} {connection.settings_dict['NAME']}\n")


def wait_for_two_processes(timeout=20.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with open(os.environ["EXAMPLE_PARALLEL_LOG"]) as log:
            if len({line.split()[0] for line in log if line.strip()}) >= 2:
                return
        time.sleep(0.05)
    raise AssertionError("only one test process ran")


class WaitForTheOtherWorker:
    """Two classes with this mixin pass only when they run in two processes at once."""

    title = ""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        log_worker()
        wait_for_two_processes()

    def test_isolated_rows(self):
        log_worker()
        Post.objects.create(title=self.title)
        self.assertEqual(Post.objects.count(), 1)


class WaitingA(WaitForTheOtherWorker, TestCase):
    title = "A"


class WaitingB(WaitForTheOtherWorker, TestCase):
    title = "B"


class Failing(TestCase):
    def test_fails_in_a_worker(self):
        log_worker()
        self.assertEqual(1, 2, "deliberate failure in a worker")

    def test_passes(self):
        self.assertEqual(Post.objects.count(), 0)


class Committing(TransactionTestCase):
    def test_commits_in_its_own_database(self):
        log_worker()
        Post.objects.create(title="committed")
        self.assertEqual(Post.objects.count(), 1)

    def test_skipped(self):
        self.skipTest("skipped in a worker")
