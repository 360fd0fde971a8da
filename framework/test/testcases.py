"""The unittest classes: SimpleTestCase, TransactionTestCase and TestCase.

- ``SimpleTestCase``: no database; queries to an alias not in ``databases`` fail
  with an error naming the attribute to set.
- ``TransactionTestCase``: the tables of ``databases`` are emptied after each test.
  ``available_apps`` restricts the app registry (and the flush) to the apps named;
  ``serialized_rollback`` brings back, before each test, the rows the test databases held
  once built (data migrations' rows), as setup_databases() serialised them.
- ``TestCase``: each test runs in a transaction rolled back afterwards; the class
  runs in one too, holding the data of ``setUpTestData`` (deep-copied per test).
"""

from __future__ import annotations

import contextlib
import copy
import logging
import sys
import unittest
from collections import Counter
from collections.abc import Iterator
from typing import Any

from framework.apps import apps
from framework.core.exceptions import ImproperlyConfigured
from framework.db import DEFAULT_DB_ALIAS, connections, transaction
from framework.test.assertions import SimpleAssertionsMixin
from framework.test.client import Client
from framework.test.environment import _mail_module
from framework.test.query_capture import CaptureQueriesContext
from framework.test.utils import modify_settings, override_settings

__all__ = [
    "SimpleTestCase",
    "TestCase",
    "TestData",
    "TransactionTestCase",
    "skipIfDBFeature",
    "skipUnlessDBFeature",
]

logger = logging.getLogger("framework.test")
_UNSET = object()

_BLOCKED_METHODS = ("connect", "cursor", "chunked_cursor", "ensure_connection")


class DatabaseOperationForbidden(AssertionError):
    """A test queried a database that its class did not declare in ``databases``."""


class _DatabaseFailure:
    def __init__(self, wrapped: Any, message: str):
        self.wrapped = wrapped
        self.message = message

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        raise DatabaseOperationForbidden(self.message)


class SimpleTestCase(SimpleAssertionsMixin, unittest.TestCase):
    """A test case without database access; the ``client`` attribute is a test Client."""

    client_class = Client
    databases: Any = frozenset()
    _overridden_settings: dict = {}
    _modified_settings: list = []

    @classmethod
    def setUpClass(cls) -> None:  # noqa: N802 - unittest's name
        super().setUpClass()
        if cls._overridden_settings:
            cls._cls_overridden = override_settings(**cls._overridden_settings)
            cls._cls_overridden.enable()
            cls.addClassCleanup(cls._cls_overridden.disable)
        if cls._modified_settings:
            cls._cls_modified = modify_settings(cls._modified_settings)
            cls._cls_modified.enable()
            cls.addClassCleanup(cls._cls_modified.disable)
        cls._add_databases_failures()
        cls.addClassCleanup(cls._remove_databases_failures)

    @classmethod
    def _validate_databases(cls) -> frozenset:
        if cls.databases == "__all__":
            return frozenset(connections)
        for alias in cls.databases:
            if alias not in connections:
                raise ImproperlyConfigured(
                    f"{cls.__module__}.{cls.__qualname__}.databases refers to {alias!r} "
                    f"which is not defined in settings.DATABASES "
                    f"(defined: {', '.join(map(repr, connections))})."
                )
        return frozenset(cls.databases)

    @classmethod
    def _add_databases_failures(cls) -> None:
        cls.databases = cls._validate_databases()
        cls._blocked: list[tuple[Any, str]] = []
        for alias in connections:
            if alias in cls.databases:
                continue
            connection = connections[alias]
            message = (
                f"Database queries to {alias!r} are not allowed in this test: "
                f"{cls.__module__}.{cls.__qualname__} is a SimpleTestCase (or does not list "
                f"the alias). Subclass TestCase or TransactionTestCase for test isolation, "
                f"or add {alias!r} to {cls.__qualname__}.databases."
            )
            for name in _BLOCKED_METHODS:
                setattr(connection, name, _DatabaseFailure(getattr(connection, name), message))
            cls._blocked.append((connection, alias))

    @classmethod
    def _remove_databases_failures(cls) -> None:
        for connection, _alias in getattr(cls, "_blocked", []):
            for name in _BLOCKED_METHODS:
                if isinstance(connection.__dict__.get(name), _DatabaseFailure):
                    delattr(connection, name)
        cls._blocked = []

    def run(self, result: Any = None) -> Any:
        """Run the test wrapped in _pre_setup()/_post_teardown() (their errors reported)."""
        skipped = getattr(self.__class__, "__unittest_skip__", False) or getattr(
            getattr(self, self._testMethodName), "__unittest_skip__", False
        )
        if skipped:
            return super().run(result)
        if result is None:
            result = self.defaultTestResult()
        try:
            self._pre_setup()
        except Exception:
            result.addError(self, sys.exc_info())
            return result
        try:
            return super().run(result)
        finally:
            try:
                self._post_teardown()
            except Exception:
                result.addError(self, sys.exc_info())

    def debug(self) -> None:
        """Run the test without collecting the result (errors propagate)."""
        self._pre_setup()
        super().debug()
        self._post_teardown()

    def _pre_setup(self) -> None:
        self.client = self.client_class()
        mail = _mail_module()
        if mail is not None and hasattr(mail, "outbox"):
            mail.outbox = []

    def _post_teardown(self) -> None:
        pass

    def settings(self, **kwargs: Any) -> override_settings:
        """Override settings for a ``with`` block."""
        return override_settings(**kwargs)

    def modify_settings(self, **kwargs: Any) -> modify_settings:
        """Append/prepend/remove items of list settings for a ``with`` block."""
        return modify_settings(**kwargs)


class TransactionTestCase(SimpleTestCase):
    """Tests that may commit: the tables of ``databases`` are emptied after each test."""

    databases: Any = frozenset({DEFAULT_DB_ALIAS})
    fixtures: list[str] | None = None
    reset_sequences = False
    available_apps: list[str] | None = None
    serialized_rollback = False

    @classmethod
    def _databases_names(cls, include_mirrors: bool = True) -> list[str]:
        return [
            alias
            for alias in connections
            if alias in cls.databases
            and (include_mirrors or not connections[alias].settings_dict["TEST"]["MIRROR"])
        ]

    def _pre_setup(self) -> None:
        super()._pre_setup()
        if self.available_apps is not None:
            apps.set_available_apps(self.available_apps)
        try:
            if self.available_apps is not None:
                # The flush after the previous test removed content types, permissions...:
                # create those of the available apps again, as migrate would.
                for alias in self._databases_names(include_mirrors=False):
                    _emit_post_migrate(alias)
            self._fixture_setup()
        except Exception:
            if self.available_apps is not None:
                apps.unset_available_apps()
            raise

    def _fixture_setup(self) -> None:
        for alias in self._databases_names(include_mirrors=False):
            connection = connections[alias]
            if self.serialized_rollback and hasattr(connection, "_test_serialized_contents"):
                self._restore_serialized(connection)
            if self.fixtures:
                load_fixtures(self.fixtures, alias)

    def _restore_serialized(self, connection: Any) -> None:
        from framework.test.databases import restore_db

        # The serialised rows belong to every installed app, whatever available_apps says.
        if self.available_apps is not None:
            apps.unset_available_apps()
        try:
            flush_tables(connection, inhibit_post_migrate=True)
            restore_db(connection, connection._test_serialized_contents)
        finally:
            if self.available_apps is not None:
                apps.set_available_apps(self.available_apps)

    def _post_teardown(self) -> None:
        try:
            self._fixture_teardown()
            super()._post_teardown()
        finally:
            try:
                if self.available_apps is not None:
                    apps.unset_available_apps()
            finally:
                for alias in self._databases_names():
                    connections[alias].queries_log.clear()

    def _fixture_teardown(self) -> None:
        for alias in self._databases_names(include_mirrors=False):
            connection = connections[alias]
            # post_migrate would create rows of apps outside available_apps, or rows that
            # the serialised contents will bring back anyway.
            inhibit = self.available_apps is not None or (
                self.serialized_rollback and hasattr(connection, "_test_serialized_contents")
            )
            flush_tables(
                connection, reset_sequences=self.reset_sequences, inhibit_post_migrate=inhibit
            )

    def assertNumQueries(  # noqa: N802 - unittest naming
        self, num: int, func: Any = None, *args: Any, using: str = DEFAULT_DB_ALIAS, **kwargs: Any
    ) -> Any:
        """Assert that ``func(*args, **kwargs)`` (or the ``with`` block) runs ``num`` queries."""
        context = _AssertNumQueriesContext(self, num, connections[using])
        if func is None:
            return context
        with context:
            func(*args, **kwargs)
        return None

    def assertQuerySetEqual(  # noqa: N802
        self,
        qs: Any,
        values: Any,
        transform: Any = None,
        ordered: bool = True,
        msg: str | None = None,
    ) -> None:
        """Assert the QuerySet (or iterable) ``qs``, mapped by ``transform``, equals
        ``values``; with ``ordered=False`` the order does not matter."""
        values = list(values)
        items = list(qs) if transform is None else [transform(item) for item in qs]
        if not ordered:
            self.assertDictEqual(Counter(items), Counter(values), msg=msg)
            return
        if len(values) > 1 and hasattr(qs, "ordered") and not qs.ordered:
            raise ValueError(
                "Trying to compare non-ordered queryset against more than one ordered value."
            )
        self.assertEqual(items, values, msg=msg)


class _AssertNumQueriesContext(CaptureQueriesContext):
    def __init__(self, test_case: Any, num: int, connection: Any):
        self.test_case = test_case
        self.num = num
        super().__init__(connection)

    def __exit__(self, exc_type, exc_value, traceback):
        super().__exit__(exc_type, exc_value, traceback)
        if exc_type is not None:
            return
        executed = len(self)
        queries = "\n".join(
            f"{index}. {query['sql']}" for index, query in enumerate(self.captured_queries, 1)
        )
        self.test_case.assertEqual(
            executed,
            self.num,
            f"{executed} != {self.num} : {executed} queries executed, {self.num} expected\n"
            f"Captured queries were:\n{queries}",
        )


class TestData:
    """A class attribute set by setUpTestData: each test gets its own deep copy."""

    memo_attr = "_testdata_memo"

    def __init__(self, name: str, data: Any):
        self.name = name
        self.data = data

    def __get__(self, instance: Any, owner: Any) -> Any:
        if instance is None:
            return self.data
        memo = instance.__dict__.setdefault(self.memo_attr, {})
        data = copy.deepcopy(self.data, memo)
        setattr(instance, self.name, data)
        return data

    def __repr__(self) -> str:
        return f"<TestData: name={self.name!r}, data={self.data!r}>"


class TestCase(TransactionTestCase):
    """Each test runs inside a transaction that is rolled back (fast isolation).

    ``setUpTestData()`` runs once per class inside the class's transaction; the
    attributes it sets are deep-copied for each test, so tests may modify them.
    """

    @classmethod
    def setUpClass(cls) -> None:  # noqa: N802
        super().setUpClass()
        cls._cls_atomics = cls._enter_atomics()
        try:
            if cls.fixtures:
                for alias in cls._databases_names(include_mirrors=False):
                    load_fixtures(cls.fixtures, alias)
            before = dict(vars(cls))
            cls.setUpTestData()
            for name, value in list(vars(cls).items()):
                if before.get(name, _UNSET) is not value and not isinstance(value, TestData):
                    setattr(cls, name, TestData(name, value))
        except Exception:
            cls._rollback_atomics(cls._cls_atomics)
            raise

    @classmethod
    def tearDownClass(cls) -> None:  # noqa: N802
        cls._rollback_atomics(cls._cls_atomics)
        for alias in cls._databases_names():
            connections[alias].queries_log.clear()
        super().tearDownClass()

    @classmethod
    def setUpTestData(cls) -> None:  # noqa: N802
        """Create the class's shared data (runs once, inside the class transaction)."""

    @classmethod
    def _enter_atomics(cls) -> dict[str, Any]:
        atomics = {}
        for alias in cls._databases_names():
            atomic = transaction.atomic(using=alias)
            atomic._from_testcase = True
            atomic.__enter__()
            atomics[alias] = atomic
        return atomics

    @classmethod
    def _rollback_atomics(cls, atomics: dict[str, Any]) -> None:
        for alias, atomic in reversed(list(atomics.items())):
            transaction.set_rollback(True, using=alias)
            atomic.__exit__(None, None, None)

    def _fixture_setup(self) -> None:
        # The class's transaction holds the fixtures and setUpTestData's rows.
        self.atomics = self._enter_atomics()

    def _fixture_teardown(self) -> None:
        try:
            for alias in reversed(self._databases_names()):
                connection = connections[alias]
                if connection.needs_rollback is False and connection.in_atomic_block:
                    # Deferred constraints are checked here, as at a real commit.
                    with contextlib.suppress(NotImplementedError):
                        connection.check_constraints()
        finally:
            self._rollback_atomics(self.atomics)

    @classmethod
    @contextlib.contextmanager
    def captureOnCommitCallbacks(  # noqa: N802
        cls, *, using: str = DEFAULT_DB_ALIAS, execute: bool = False
    ) -> Iterator[list]:
        """Collect the on_commit() callbacks registered in the block (run them with
        ``execute=True``; callbacks they register are run too)."""
        callbacks: list = []
        connection = connections[using]
        start = len(connection.run_on_commit)
        try:
            yield callbacks
        finally:
            while True:
                count = len(connection.run_on_commit)
                for _sids, func, robust in connection.run_on_commit[start:]:
                    callbacks.append(func)
                    if execute:
                        _run_callback(func, robust)
                if count == len(connection.run_on_commit):
                    break
                start = count


def _run_callback(func: Any, robust: bool) -> None:
    if not robust:
        func()
        return
    try:
        func()
    except Exception:
        logger.exception("Error calling %r in on_commit() (robust=True).", func)


def _feature_decorator(names: tuple[str, ...], skip_if_true: bool) -> Any:
    def decorator(test_item: Any) -> Any:
        def condition(test_case: Any) -> tuple[bool, str]:
            aliases = getattr(test_case, "databases", {DEFAULT_DB_ALIAS}) or {DEFAULT_DB_ALIAS}
            if aliases == "__all__":
                aliases = list(connections)
            for alias in aliases:
                features = connections[alias].features
                values = [getattr(features, name, False) for name in names]
                if skip_if_true and any(values):
                    return True, f"Database has feature(s) {', '.join(names)}"
                if not skip_if_true and not all(values):
                    return True, f"Database doesn't support feature(s): {', '.join(names)}"
            return False, ""

        if isinstance(test_item, type):
            original = test_item.setUpClass.__func__

            @classmethod
            def setUpClass(cls):  # noqa: N802
                skip, reason = condition(cls)
                if skip:
                    raise unittest.SkipTest(reason)
                original(cls)

            test_item.setUpClass = setUpClass
            return test_item

        import functools

        @functools.wraps(test_item)
        def wrapper(test_case, *args, **kwargs):
            skip, reason = condition(test_case)
            if skip:
                raise unittest.SkipTest(reason)
            return test_item(test_case, *args, **kwargs)

        return wrapper

    return decorator


def skipIfDBFeature(*features: str) -> Any:  # noqa: N802 - Django's name
    """Skip the test (or class) if any database of the test has any of ``features``."""
    return _feature_decorator(features, skip_if_true=True)


def skipUnlessDBFeature(*features: str) -> Any:  # noqa: N802
    """Skip the test (or class) unless its databases have all ``features``."""
    return _feature_decorator(features, skip_if_true=False)


def flush_tables(
    connection: Any, reset_sequences: bool = False, inhibit_post_migrate: bool = False
) -> None:
    """Delete every row of the installed models' tables on ``connection``, then send
    ``post_migrate`` (as ``manage.py flush`` does, unless ``inhibit_post_migrate``) so
    that content types, permissions and other rows created by migrations exist again
    for the next test."""
    tables = connection.introspection.django_table_names(only_existing=True, include_views=False)
    if not tables:
        return
    statements = connection.ops.sql_flush(
        None, tables, reset_sequences=reset_sequences, allow_cascade=True
    )
    with connection.constraint_checks_disabled():
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
    if not inhibit_post_migrate:
        _emit_post_migrate(connection.alias)


def _emit_post_migrate(alias: str) -> None:
    try:
        from framework.core.management.sql import emit_post_migrate_signal
    except ImportError:
        return
    emit_post_migrate_signal(0, False, alias)


def load_fixtures(fixtures: list[str], alias: str) -> None:
    """Load ``fixtures`` into ``alias`` with the loaddata command."""
    import importlib.util

    if importlib.util.find_spec("framework.core.management.commands.loaddata") is None:
        raise NotImplementedError(
            f"Test fixtures {fixtures!r} need the loaddata command, which the framework does "
            f"not provide yet; create the data in setUpTestData() instead."
        )
    from framework.core.management import call_command

    call_command("loaddata", *fixtures, verbosity=0, database=alias)
