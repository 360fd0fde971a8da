"""ORM test set-up: install the test app, create its tables on SQLite and PostgreSQL.

Every behaviour test takes the ``orm_db`` fixture, parametrised over both backends.
Both connections are built once per test package and swapped in as the ``default``
alias (``connections["default"] = wrapper``); each test runs inside a transaction
that is rolled back, so tests see empty tables and leave nothing behind.
``orm_tx`` runs a test outside that transaction (for commit/on_commit behaviour)
and empties the tables afterwards.

PostgreSQL: the server comes from tests/support/postgres.py (FRAMEWORK_TEST_PG or the
local defaults); a database named test_framework_orm_<pid> is created and dropped.
With CI=true an unreachable server fails the run instead of skipping.
"""

from __future__ import annotations

import os

import pytest

from framework.apps import apps
from framework.db import connections, transaction
from framework.db.backends.postgresql.base import DatabaseWrapper as PgWrapper
from framework.db.backends.sqlite3.base import DatabaseWrapper as SqliteWrapper
from framework.db.utils import ConnectionHandler
from tests.support import postgres
from tests.support.services import unavailable

TEST_APP = "tests.orm.models_app"
BACKENDS = ["sqlite", "postgresql"]


def _settings_dict(conf: dict) -> dict:
    return ConnectionHandler.configure_settings({"default": conf})["default"]


def _create_tables(wrapper) -> None:
    with wrapper.schema_editor() as editor:
        for model in apps.get_app_config("orm").get_models():
            if model._meta.managed and not model._meta.proxy:
                editor.create_model(model)


def _models_in_delete_order():
    return [
        m
        for m in apps.get_models(include_auto_created=True)
        if m._meta.app_label == "orm" and not m._meta.proxy
    ]


class _Backends:
    def __init__(self):
        self.wrappers: dict = {}
        self.pg_name: str | None = None
        self.pg_error: str | None = None


@pytest.fixture(scope="package")
def orm_backends():
    """Install the test app and build one connection wrapper per backend."""
    apps.set_installed_apps([TEST_APP])
    saved_settings = connections._settings
    saved_default = getattr(connections._local, "default", None)
    state = _Backends()
    sqlite = SqliteWrapper(
        _settings_dict({"ENGINE": "framework.db.backends.sqlite3", "NAME": ":memory:"}), "default"
    )
    connections["default"] = sqlite
    _create_tables(sqlite)
    state.wrappers["sqlite"] = sqlite
    try:
        postgres.pg_dsn()
    except postgres.PostgresUnavailable as exc:
        state.pg_error = str(exc)
    else:
        state.pg_name = f"test_framework_orm_{os.getpid()}"
        postgres.create_database(state.pg_name)
        pg = PgWrapper(_settings_dict(postgres.databases_entry(state.pg_name)), "default")
        connections["default"] = pg
        _create_tables(pg)
        state.wrappers["postgresql"] = pg
    try:
        yield state
    finally:
        for wrapper in state.wrappers.values():
            wrapper.in_atomic_block = False
            if wrapper.connection is not None:
                wrapper.connection.close()
                wrapper.connection = None
        if state.pg_name:
            postgres.drop_database(state.pg_name)
        connections._settings = saved_settings
        if saved_default is not None:
            connections["default"] = saved_default
        elif hasattr(connections._local, "default"):
            del connections["default"]
        apps.unset_installed_apps()


def _use(state: _Backends, backend: str):
    if backend not in state.wrappers:
        unavailable(
            f"PostgreSQL unavailable: {state.pg_error}",
            ci_reason=f"PostgreSQL is required in CI: {state.pg_error}",
        )
    wrapper = state.wrappers[backend]
    connections["default"] = wrapper
    if connections._settings is None:
        connections._settings = {}
    connections._settings = {**connections._settings, "default": wrapper.settings_dict}
    return wrapper


@pytest.fixture(
    params=[
        pytest.param(b, marks=[pytest.mark.postgresql] if b == "postgresql" else [])
        for b in BACKENDS
    ]
)
def orm_db(request, orm_backends):
    """The default connection on one backend, inside a transaction rolled back afterwards."""
    wrapper = _use(orm_backends, request.param)
    atomic = transaction.atomic()
    atomic.__enter__()
    try:
        yield wrapper
    finally:
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)
        wrapper.queries_log.clear()


@pytest.fixture(
    params=[
        pytest.param(b, marks=[pytest.mark.postgresql] if b == "postgresql" else [])
        for b in BACKENDS
    ]
)
def orm_tx(request, orm_backends):
    """The default connection on one backend, autocommit; tables emptied afterwards."""
    wrapper = _use(orm_backends, request.param)
    try:
        yield wrapper
    finally:
        if wrapper.in_atomic_block:
            wrapper.in_atomic_block = False
            wrapper.atomic_blocks = []
            wrapper.savepoint_ids = []
            wrapper.needs_rollback = False
            wrapper.rollback()
            wrapper.set_autocommit(True)
        tables = [m._meta.db_table for m in _models_in_delete_order()]
        with wrapper.constraint_checks_disabled():
            with wrapper.cursor() as cursor:
                for sql in wrapper.ops.sql_flush(
                    None, tables, reset_sequences=False, allow_cascade=True
                ):
                    cursor.execute(sql)
