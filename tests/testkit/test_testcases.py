"""SimpleTestCase's settings and database guards, TestData, decorators, the environment
and the runner's suite building (database behaviour is covered by the example project)."""

from __future__ import annotations

import unittest

import pytest

from framework import test as toolkit
from framework.apps import Apps, apps
from framework.conf import settings
from framework.test import (
    SimpleTestCase,
    modify_settings,
    override_settings,
    skipIfDBFeature,
    skipUnlessDBFeature,
)
from framework.test.environment import setup_test_environment, teardown_test_environment
from framework.test.runner import DiscoverRunner, _run_order
from framework.test.utils import get_runner, isolate_apps


def run(case_class, *names) -> unittest.TestResult:
    suite = unittest.TestSuite(case_class(name) for name in names)
    result = unittest.TestResult()
    suite.run(result)
    return result


def test_simple_test_case_refuses_database_queries(sqlite_default):
    """A query from a SimpleTestCase fails with a message naming `databases`."""
    seen = []

    class NoDb(SimpleTestCase):
        def test_query(self):
            from framework.db import connection

            with self.assertRaises(AssertionError) as info:
                connection.cursor()
            seen.append(str(info.exception))

    result = run(NoDb, "test_query")
    assert result.wasSuccessful(), result.errors + result.failures
    assert "add 'default' to " in seen[0] and "NoDb.databases" in seen[0]
    # Restored after the class.
    assert "cursor" not in vars(sqlite_default)


def test_unknown_alias_in_databases():
    """An alias missing from DATABASES is reported when the class is set up."""

    class Bad(SimpleTestCase):
        databases = {"other"}

        def test_nothing(self):
            pass

    result = run(Bad, "test_nothing")
    assert "Bad.databases refers to 'other'" in result.errors[0][1]


def test_override_settings_on_class_applies_to_setupclass():
    """override_settings on a SimpleTestCase class is active in setUpClass and tests,
    and gone afterwards; modify_settings appends and removes list items."""
    seen = {}

    @override_settings(TIME_ZONE="Europe/Paris")
    @modify_settings(ALLOWED_HOSTS={"append": "example.com", "remove": "localhost"})
    class Overridden(SimpleTestCase):
        @classmethod
        def setUpClass(cls):
            super().setUpClass()
            seen["class"] = settings.TIME_ZONE

        def test_values(self):
            seen["test"] = settings.TIME_ZONE
            seen["hosts"] = list(settings.ALLOWED_HOSTS)
            with self.settings(TIME_ZONE="Asia/Tokyo"):
                seen["block"] = settings.TIME_ZONE

    result = run(Overridden, "test_values")
    assert result.wasSuccessful(), result.errors + result.failures
    assert seen["class"] == seen["test"] == "Europe/Paris"
    assert seen["block"] == "Asia/Tokyo"
    assert "example.com" in seen["hosts"] and "localhost" not in seen["hosts"]
    assert settings.TIME_ZONE == "UTC"
    assert "localhost" in settings.ALLOWED_HOSTS


def test_modify_settings_as_context_manager_and_bad_action():
    """modify_settings prepends in a block; an unknown action is a ValueError."""
    with modify_settings(MIDDLEWARE={"prepend": "a.Middleware"}):
        assert settings.MIDDLEWARE[0] == "a.Middleware"
    assert "a.Middleware" not in settings.MIDDLEWARE
    with pytest.raises(ValueError, match="Unsupported action 'insert'"):
        with modify_settings(MIDDLEWARE={"insert": "x"}):
            pass


def test_isolate_apps_registers_models_in_a_new_registry():
    """Models defined under isolate_apps live in a separate registry (the model names it
    in Meta.apps; implicit registration needs the ORM to honour Options.default_apps)."""
    from framework.apps import apps as global_apps
    from framework.db import models

    with isolate_apps("tests.testkit") as apps:
        registry = apps

        class Gadget(models.Model):
            name = models.CharField(max_length=10)

            class Meta:
                app_label = "testkit"
                apps = registry

        assert apps.get_model("testkit", "Gadget") is Gadget
    assert Gadget._meta.apps is apps
    with pytest.raises(LookupError):
        global_apps.get_model("testkit", "Gadget")


def test_test_data_is_deep_copied_per_test():
    """TestData gives each test instance its own deep copy of the class attribute."""

    class Holder:
        data = toolkit.testcases.TestData("data", {"items": [1]})

    first, second = Holder(), Holder()
    first.data["items"].append(2)
    assert second.data == {"items": [1]}
    assert Holder.data == {"items": [1]}


def test_db_feature_skips(sqlite_default):
    """skipUnlessDBFeature/skipIfDBFeature skip according to the connection's features."""

    class Features(SimpleTestCase):
        databases = {"default"}

        @skipUnlessDBFeature("no_such_feature")
        def test_skipped(self):
            raise AssertionError("should not run")

        @skipIfDBFeature("no_such_feature")
        def test_runs(self):
            pass

    result = run(Features, "test_skipped", "test_runs")
    assert result.wasSuccessful(), result.errors + result.failures
    assert len(result.skipped) == 1
    assert "no_such_feature" in result.skipped[0][1]


def test_environment_setup_and_teardown():
    """setup_test_environment adds testserver, switches email to locmem and turns
    template instrumentation on; teardown restores; a second setup is refused."""
    from framework.template import signals

    hosts = list(settings.ALLOWED_HOSTS)
    setup_test_environment()
    try:
        assert settings.ALLOWED_HOSTS[-1] == "testserver"
        assert settings.EMAIL_BACKEND.endswith("locmem.EmailBackend")
        assert signals.instrumentation_enabled is True
        with pytest.raises(RuntimeError, match="already called"):
            setup_test_environment()
    finally:
        teardown_test_environment()
    assert settings.ALLOWED_HOSTS == hosts
    assert signals.instrumentation_enabled is False


def test_runner_orders_and_collects_databases():
    """build_suite puts TestCase first, then TransactionTestCase, then the rest, and
    get_databases unions the classes' `databases`."""

    class Plain(unittest.TestCase):
        def test_a(self):
            pass

    class Tx(toolkit.TransactionTestCase):
        def test_b(self):
            pass

    class Tc(toolkit.TestCase):
        def test_c(self):
            pass

    runner = DiscoverRunner(verbosity=0)
    runner.test_loader = unittest.TestLoader()
    suite = unittest.TestSuite([Plain("test_a"), Tx("test_b"), Tc("test_c")])
    ordered = sorted(suite, key=_run_order)
    assert [type(t).__name__ for t in ordered] == ["Tc", "Tx", "Plain"]
    assert runner.get_databases(suite) == {"default"}
    assert get_runner(settings) is DiscoverRunner


def test_runner_labels(tmp_path, monkeypatch):
    """A directory label is discovered; a dotted label that cannot be imported becomes
    a failing test that says why."""
    package = tmp_path / "pkg_testkit_labels"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "test_one.py").write_text(
        "import unittest\n\nclass T(unittest.TestCase):\n    def test_x(self):\n        pass\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    runner = DiscoverRunner(verbosity=0)
    suite = runner.build_suite([str(package)])
    assert suite.countTestCases() == 1
    broken = runner.build_suite(["no_such_module_for_testkit"])
    result = unittest.TestResult()
    broken.run(result)
    assert "no_such_module_for_testkit" in result.errors[0][1]


def test_assert_num_queries_counts_and_reports(sqlite_default):
    """assertNumQueries passes on the right count and lists the captured SQL otherwise."""
    from framework.db import connection

    messages = []

    class Queries(toolkit.TransactionTestCase):
        def test_count(self):
            with self.assertNumQueries(1):
                with connection.cursor() as cursor:
                    cursor.execute("SELECT 1")
            try:
                with self.assertNumQueries(2):
                    with connection.cursor() as cursor:
                        cursor.execute("SELECT 42")
            except AssertionError as exc:
                messages.append(str(exc))

    result = run(Queries, "test_count")
    assert result.wasSuccessful(), result.errors + result.failures
    assert "1 != 2 : 1 queries executed, 2 expected" in messages[0]
    assert "1. SELECT 42" in messages[0]


def test_capture_on_commit_callbacks_in_testcase(sqlite_default):
    """captureOnCommitCallbacks collects on_commit callbacks and runs them when asked,
    including callbacks registered by callbacks."""
    from framework.db import transaction

    calls = []

    class OnCommit(toolkit.TestCase):
        def test_capture(self):
            with self.captureOnCommitCallbacks() as callbacks:
                transaction.on_commit(lambda: calls.append("not run"))
            self.assertEqual(len(callbacks), 1)

            def first():
                calls.append("first")
                transaction.on_commit(lambda: calls.append("second"))

            with self.captureOnCommitCallbacks(execute=True) as callbacks:
                transaction.on_commit(first)
            self.assertEqual(len(callbacks), 2)

    result = run(OnCommit, "test_capture")
    assert result.wasSuccessful(), result.errors + result.failures
    assert calls == ["first", "second"]


def test_set_available_apps_restricts_the_registry_until_unset():
    """set_available_apps() keeps only the apps named; unset_available_apps() restores
    them all; an app that is not installed is a ValueError naming it."""
    registry = Apps(["tests.apps.app_one", "tests.apps.app_two"])
    registry.set_available_apps(["tests.apps.app_two"])
    assert [ac.label for ac in registry.get_app_configs()] == ["app_two"]
    assert not registry.is_installed("tests.apps.app_one")
    registry.unset_available_apps()
    assert [ac.label for ac in registry.get_app_configs()] == ["app_one", "app_two"]
    with pytest.raises(ValueError, match="extra apps: nothere.app"):
        registry.set_available_apps(["tests.apps.app_one", "nothere.app"])
    assert [ac.label for ac in registry.get_app_configs()] == ["app_one", "app_two"]


def test_transaction_test_case_available_apps_is_undone_even_when_setup_fails():
    """available_apps is the registry during the test and is undone afterwards, also
    when the set-up after it fails (the failure is reported as the test's error)."""
    seen = []

    class Restricted(toolkit.TransactionTestCase):
        databases = frozenset()
        available_apps = ["tests.apps.app_two"]

        def test_apps(self):
            seen.append([ac.label for ac in apps.get_app_configs()])

    class BrokenSetUp(Restricted):
        def _fixture_setup(self):
            raise RuntimeError("fixture set-up broke")

    apps.set_installed_apps(["tests.apps.app_one", "tests.apps.app_two"])
    try:
        result = run(Restricted, "test_apps")
        assert result.wasSuccessful(), result.errors + result.failures
        assert seen == [["app_two"]]
        assert [ac.label for ac in apps.get_app_configs()] == ["app_one", "app_two"]
        result = run(BrokenSetUp, "test_apps")
        assert "RuntimeError: fixture set-up broke" in result.errors[0][1]
        assert seen == [["app_two"]]
        assert [ac.label for ac in apps.get_app_configs()] == ["app_one", "app_two"]
    finally:
        apps.unset_installed_apps()
