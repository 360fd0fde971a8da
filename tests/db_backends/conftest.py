"""Backend tests: a fresh connection per test on SQLite (memory) and PostgreSQL.

PostgreSQL tests share one database per session (test_framework_backends_<pid>),
created on the server found by tests/support/postgres.py and dropped at the end.
"""

from __future__ import annotations

import os

import pytest

from framework.db.backends.postgresql.base import DatabaseWrapper as PgWrapper
from framework.db.backends.sqlite3.base import DatabaseWrapper as SqliteWrapper
from framework.db.utils import ConnectionHandler
from tests.support import postgres
from tests.support.services import unavailable


def settings_dict(conf: dict) -> dict:
    return ConnectionHandler.configure_settings({"default": conf})["default"]


@pytest.fixture(scope="session")
def pg_database():
    try:
        postgres.pg_dsn()
    except postgres.PostgresUnavailable as exc:
        unavailable(str(exc), ci_reason=f"PostgreSQL is required in CI: {exc}")
    name = f"test_framework_backends_{os.getpid()}"
    postgres.create_database(name)
    yield postgres.databases_entry(name)
    postgres.drop_database(name)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgresql)])
def conn(request):
    """A new DatabaseWrapper registered as alias 'other' on one backend; closed afterwards."""
    if request.param == "sqlite":
        wrapper = SqliteWrapper(
            settings_dict({"ENGINE": "framework.db.backends.sqlite3", "NAME": ":memory:"}), "other"
        )
    else:
        entry = request.getfixturevalue("pg_database")
        wrapper = PgWrapper(settings_dict(dict(entry)), "other")
    from framework.db import connections

    saved = connections._settings
    connections._settings = {**connections.settings, "other": wrapper.settings_dict}
    connections["other"] = wrapper
    try:
        yield wrapper
    finally:
        if wrapper.vendor == "postgresql":
            wrapper.close()
            wrapper.in_atomic_block = False
            wrapper.needs_rollback = False
            with wrapper.cursor() as cursor:
                cursor.execute("DROP SCHEMA public CASCADE")
                cursor.execute("CREATE SCHEMA public")
        if wrapper.connection is not None:
            wrapper.connection.close()
            wrapper.connection = None
        if hasattr(connections._local, "other"):
            del connections["other"]
        connections._settings = saved
