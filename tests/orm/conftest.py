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

import pytest

from framework.apps import apps
from tests.support import dual_db

TEST_APP = "tests.orm.models_app"


def _models_in_delete_order():
    return [
        m
        for m in apps.get_models(include_auto_created=True)
        if m._meta.app_label == "orm" and not m._meta.proxy
    ]


@pytest.fixture(scope="package")
def orm_backends():
    """Install the test app and build one connection wrapper per backend."""
    with dual_db.installed_on_both(
        [TEST_APP], lambda wrapper: dual_db.create_models(wrapper, ["orm"]), "test_framework_orm"
    ) as state:
        yield state


@pytest.fixture(params=dual_db.BACKEND_PARAMS)
def orm_db(request, orm_backends):
    """The default connection on one backend, inside a transaction rolled back afterwards."""
    with dual_db.rolled_back(dual_db.use(orm_backends, request.param)) as wrapper:
        yield wrapper


@pytest.fixture(params=dual_db.BACKEND_PARAMS)
def orm_tx(request, orm_backends):
    """The default connection on one backend, autocommit; tables emptied afterwards."""
    wrapper = dual_db.use(orm_backends, request.param)
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
