"""The framework's pytest plugin (registered through the ``pytest11`` entry point).

Settings: ``--ds mysite.settings``, the ``ds`` ini option
(``[tool.pytest.ini_options] ds = "mysite.settings"``) or FRAMEWORK_SETTINGS_MODULE
name the settings module; the plugin then calls ``framework.setup()`` and sets up
the test environment. When settings are already configured (a conftest did it, as
the framework's own suite does) the plugin leaves them alone.

Fixtures: ``settings``, ``db``, ``transactional_db``, ``assert_num_queries``,
``assert_max_num_queries``, ``client``, ``rf``, ``mailoutbox``, ``app`` (WebTest) and
``live_server`` (real Apache). The test databases are created on first use, once
per session (``--keepdb`` keeps them between runs); unittest-style TestCase
classes of ``framework.test`` get them too.
"""

from __future__ import annotations

import os
import sys
from typing import Any

import pytest

_configured_by_plugin = False


def pytest_addoption(parser: Any) -> None:
    group = parser.getgroup("framework")
    group.addoption(
        "--ds",
        dest="ds",
        default=None,
        help="The settings module of the project (overrides the ds ini option and "
        "FRAMEWORK_SETTINGS_MODULE).",
    )
    group.addoption(
        "--keepdb",
        dest="framework_keepdb",
        action="store_true",
        default=False,
        help="Keep the test databases between runs (created only when missing).",
    )
    parser.addini("ds", "The settings module of the project (e.g. mysite.settings).")


@pytest.hookimpl(tryfirst=True)
def pytest_load_initial_conftests(early_config: Any, parser: Any, args: list[str]) -> None:
    global _configured_by_plugin
    options = parser.parse_known_args(args)
    ds = options.ds or early_config.getini("ds") or os.environ.get("FRAMEWORK_SETTINGS_MODULE")
    if not ds or "framework.conf" in sys.modules and _settings_configured():
        return
    from_env = not (options.ds or early_config.getini("ds"))
    rootdir = str(early_config.rootpath)
    if rootdir not in sys.path:
        sys.path.insert(0, rootdir)
    os.environ["FRAMEWORK_SETTINGS_MODULE"] = ds
    import framework
    from framework.core.exceptions import ImproperlyConfigured

    try:
        framework.setup()
    except (ImportError, ImproperlyConfigured) as exc:
        if from_env:
            # Only the environment named it: a conftest may still make it importable.
            return
        raise pytest.UsageError(
            f"Cannot import the settings module {ds!r} named by --ds or the ds ini option: {exc}"
        ) from exc
    _configured_by_plugin = True


def _settings_configured() -> bool:
    from framework.conf import settings

    return settings.configured


def pytest_collection_modifyitems(session: Any, config: Any, items: list) -> None:
    from framework.test.testcases import TransactionTestCase

    config._framework_needs_db = any(
        isinstance(getattr(item, "cls", None), type) and issubclass(item.cls, TransactionTestCase)
        for item in items
    )
    config._framework_live_server = any(
        "live_server" in getattr(item, "fixturenames", ()) for item in items
    )
    # The databases whose rows setup_databases() keeps for serialized_rollback.
    config._framework_serialized_aliases = {
        alias
        for item in items
        if getattr(getattr(item, "cls", None), "serialized_rollback", False) is True
        for alias in (item.cls.databases if item.cls.databases != "__all__" else ["__all__"])
    }


# -- session set-up ---------------------------------------------------------------


@pytest.fixture(scope="session")
def framework_test_environment():
    """setup_test_environment() for the session (locmem email, template recording)."""
    from framework.test import environment

    if environment._saved is not None:
        yield
        return
    environment.setup_test_environment()
    try:
        yield
    finally:
        environment.teardown_test_environment()


@pytest.fixture(scope="session", autouse=True)
def _framework_session(request):
    # Cheap unless the plugin configured the settings or unittest classes need a DB.
    if _configured_by_plugin:
        request.getfixturevalue("framework_test_environment")
    if getattr(request.config, "_framework_needs_db", False):
        request.getfixturevalue("framework_db_setup")
    yield


@pytest.fixture(scope="session")
def framework_db_setup(request):
    """Create the test databases once for the session; drop them at the end."""
    from framework.test.pytest_db import TestDatabases

    databases = TestDatabases(
        keepdb=request.config.getoption("framework_keepdb"),
        for_live_server=getattr(request.config, "_framework_live_server", False),
        serialized_aliases=getattr(request.config, "_framework_serialized_aliases", set()),
    )
    databases.setup()
    try:
        yield databases
    finally:
        databases.teardown()


# -- database fixtures ------------------------------------------------------------


@pytest.fixture
def db(framework_db_setup):
    """Database access for the test, inside a transaction rolled back afterwards."""
    from framework.test.pytest_db import rolled_back

    with rolled_back(framework_db_setup.aliases()):
        yield


@pytest.fixture
def transactional_db(framework_db_setup):
    """Database access with real commits; every table is emptied afterwards."""
    from framework.test.pytest_db import flushed_after

    with flushed_after(framework_db_setup.aliases()):
        yield


@pytest.fixture
def assert_num_queries():
    """``with assert_num_queries(3): ...`` fails unless the block runs exactly 3 queries."""
    from framework.test.pytest_db import assert_num_queries_factory

    return assert_num_queries_factory(pytest.fail, exact=True)


@pytest.fixture
def assert_max_num_queries():
    """``with assert_max_num_queries(3): ...`` fails if the block runs more than 3 queries."""
    from framework.test.pytest_db import assert_num_queries_factory

    return assert_num_queries_factory(pytest.fail, exact=False)


# -- HTTP fixtures ----------------------------------------------------------------


@pytest.fixture
def client(framework_test_environment):
    """A framework.test.Client (responses carry templates, context, json() ...)."""
    from framework.test.client import Client

    return Client()


@pytest.fixture
def mailoutbox(framework_test_environment):
    """The locmem email outbox (``framework.core.mail.outbox``), emptied for the test."""
    from framework.core import mail

    mail.outbox = []
    return mail.outbox


@pytest.fixture
def rf():
    """A framework.test.RequestFactory."""
    from framework.test.client import RequestFactory

    return RequestFactory()


@pytest.fixture
def app(framework_test_environment):
    """A webtest.TestApp around the project's WSGI handler, with ``app.login(user)``."""
    from framework.test.pytest_web import connections_kept_open, make_test_app

    with connections_kept_open():
        yield make_test_app()


@pytest.fixture(scope="session")
def _live_server_process(framework_db_setup):
    from framework.test.pytest_web import LiveServer

    server = LiveServer()
    try:
        server.start()
    except RuntimeError as exc:
        pytest.fail(str(exc), pytrace=False)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def live_server(_live_server_process, transactional_db):
    """The project served by real Apache (mod_wsgi-express) on 127.0.0.1; ``live_server.url``.

    Data the test creates is committed (transactional_db) so that Apache sees it.
    """
    return _live_server_process


# -- settings ---------------------------------------------------------------------


class SettingsWrapper:
    """Set attributes to override settings for the current test; undone at teardown."""

    def __init__(self):
        self.__dict__["_overrides"] = []

    def __getattr__(self, name: str) -> Any:
        from framework.conf import settings

        return getattr(settings, name)

    def __setattr__(self, name: str, value: Any) -> None:
        from framework.test.utils import override_settings

        override = override_settings(**{name: value})
        override.enable()
        self._overrides.append(override)

    def __delattr__(self, name: str) -> None:
        from framework.conf import settings
        from framework.test.utils import override_settings

        override = override_settings()
        override.enable()
        delattr(settings, name)
        self._overrides.append(override)

    def finalize(self) -> None:
        for override in reversed(self._overrides):
            override.disable()
        self._overrides.clear()


@pytest.fixture
def settings():
    """Override settings by attribute assignment: ``settings.DEBUG = True``."""
    wrapper = SettingsWrapper()
    yield wrapper
    wrapper.finalize()
