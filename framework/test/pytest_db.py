"""The database machinery behind the pytest plugin's ``db`` and ``transactional_db``.

The test databases are created once per session, on first use (a session that
never touches them pays nothing). ``db`` runs a test inside atomic blocks rolled
back afterwards; ``transactional_db`` lets it commit and empties the tables after.
When the session uses ``live_server``, SQLite test databases are files in a
directory Apache's user can write, since Apache cannot see an in-memory database.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from typing import Any

from framework.db import connections, transaction


class TestDatabases:
    """The session's test databases: created by ``setup()``, dropped by ``teardown()``."""

    def __init__(
        self, keepdb: bool = False, for_live_server: bool = False, serialized_aliases: Any = ()
    ):
        self.keepdb = keepdb
        self.for_live_server = for_live_server
        self.serialized_aliases = set(serialized_aliases)
        self.old_config: list = []
        self.sqlite_dir: str | None = None

    def setup(self) -> None:
        from framework.test.databases import setup_databases

        if self.for_live_server:
            self._sqlite_files()
        serialized = self.serialized_aliases
        if "__all__" in serialized:
            serialized = set(connections)
        # Only the databases of unittest classes with serialized_rollback are serialised.
        self.old_config = setup_databases(
            verbosity=0, interactive=False, keepdb=self.keepdb, serialized_aliases=serialized
        )
        if self.sqlite_dir:
            for name in os.listdir(self.sqlite_dir):
                os.chmod(os.path.join(self.sqlite_dir, name), 0o666)

    def _sqlite_files(self) -> None:
        for alias in connections:
            conf = connections[alias].settings_dict
            if conf["ENGINE"] != "framework.db.backends.sqlite3":
                continue
            name = conf["TEST"].get("NAME")
            if name and name != ":memory:" and "mode=memory" not in str(name):
                continue
            if self.sqlite_dir is None:
                self.sqlite_dir = tempfile.mkdtemp(prefix="framework-testdb-", dir="/var/tmp")
                # Apache's daemon user writes the database and its journal here.
                os.chmod(self.sqlite_dir, 0o777)
            conf["TEST"]["NAME"] = os.path.join(self.sqlite_dir, f"test_{alias}.sqlite3")

    def teardown(self) -> None:
        from framework.test.databases import teardown_databases

        try:
            teardown_databases(self.old_config, verbosity=0, keepdb=self.keepdb)
        finally:
            if self.sqlite_dir:
                shutil.rmtree(self.sqlite_dir, ignore_errors=True)

    def aliases(self) -> list[str]:
        """The aliases that got a test database."""
        return [connection.alias for connection, _name, _created in self.old_config]


@contextlib.contextmanager
def rolled_back(aliases: list[str]) -> Iterator[None]:
    """Run the block inside an atomic block per alias, all rolled back at the end."""
    atomics = []
    try:
        for alias in aliases:
            atomic = transaction.atomic(using=alias)
            # Lets durable atomic blocks run inside the test, as in TestCase.
            atomic._from_testcase = True
            atomic.__enter__()
            atomics.append((alias, atomic))
        yield
    finally:
        for alias, atomic in reversed(atomics):
            connection = connections[alias]
            if connection.in_atomic_block:
                transaction.set_rollback(True, using=alias)
                atomic.__exit__(None, None, None)
            connection.queries_log.clear()


@contextlib.contextmanager
def flushed_after(aliases: list[str]) -> Iterator[None]:
    """Run the block in autocommit mode, then delete every row it left behind."""
    from framework.test.testcases import flush_tables

    try:
        yield
    finally:
        for alias in aliases:
            connection = connections[alias]
            if connection.in_atomic_block:
                # A test that left an atomic block open: end it so the flush runs.
                connection.atomic_blocks = []
                connection.savepoint_ids = []
                connection.in_atomic_block = False
                connection.needs_rollback = False
                connection.rollback()
                connection.set_autocommit(True)
            flush_tables(connection)
            connection.queries_log.clear()


class _AssertNumQueries:
    def __init__(self, pytest_fail: Any, num: int, connection: Any, exact: bool, info: Any):
        from framework.test.query_capture import CaptureQueriesContext

        self.fail = pytest_fail
        self.num = num
        self.exact = exact
        self.info = info
        self.context = CaptureQueriesContext(connection)

    def __enter__(self) -> Any:
        return self.context.__enter__()

    def __exit__(self, exc_type, exc_value, traceback) -> None:
        self.context.__exit__(exc_type, exc_value, traceback)
        if exc_type is not None:
            return
        executed = len(self.context)
        if executed == self.num or (not self.exact and executed <= self.num):
            return
        relation = "expected" if self.exact else "expected at most"
        lines = [f"{executed} queries executed, {self.num} {relation}"]
        if self.info:
            lines.append(str(self.info))
        lines.append("Queries:")
        lines += [f"{i}. {q['sql']}" for i, q in enumerate(self.context.captured_queries, 1)]
        self.fail("\n".join(lines), pytrace=False)


def assert_num_queries_factory(pytest_fail: Any, exact: bool = True) -> Any:
    """``assert_num_queries(num, connection=None, info=None)``: a context manager."""
    from framework.db import connection as default_connection

    def assert_num_queries(num: int, connection: Any = None, info: Any = None) -> Any:
        return _AssertNumQueries(pytest_fail, num, connection or default_connection, exact, info)

    return assert_num_queries
