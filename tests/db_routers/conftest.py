"""A primary and a replica as two separate databases, so that a read shows where it went.

On SQLite they are two files per test; on PostgreSQL two databases created once for the
package (test_framework_routers_<pid>_{p,r}) and emptied after each test. There is no
replication between them: rows written to one are not seen in the other, which is what
lets a test prove which alias answered. (Real streaming replication is exercised in
tests/e2e/test_multinode.py.)
"""

from __future__ import annotations

import os

import pytest

from framework.apps import apps
from framework.db import connections
from framework.db.pinning import unpin_primary
from tests.support import postgres
from tests.support.services import unavailable

APP = "tests.db_routers.models_app"
TABLES = ("db_routers_note_tags", "db_routers_note", "db_routers_tag")


def _sqlite(path) -> dict:
    return {"ENGINE": "framework.db.backends.sqlite3", "NAME": str(path)}


def _create_tables(alias: str) -> None:
    with connections[alias].schema_editor() as editor:
        for model in apps.get_app_config("db_routers").get_models():
            editor.create_model(model)


@pytest.fixture(scope="package")
def pg_pair():
    """Two PostgreSQL databases for the package (None with the reason when unreachable)."""
    try:
        postgres.pg_dsn()
    except postgres.PostgresUnavailable as exc:
        yield str(exc)
        return
    names = [f"test_framework_routers_{os.getpid()}_{s}" for s in ("p", "r")]
    for name in names:
        postgres.create_database(name)
    try:
        yield {
            "default": postgres.databases_entry(names[0]),
            "replica": postgres.databases_entry(names[1]),
        }
    finally:
        for name in names:
            postgres.drop_database(name)


@pytest.fixture(
    params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgresql)],
)
def primary_replica(request, tmp_path, settings):
    """DATABASES default + replica, PrimaryReplicaRouter, the app's tables on both."""
    apps.set_installed_apps([APP])
    if request.param == "sqlite":
        databases = {"default": _sqlite(tmp_path / "p.db"), "replica": _sqlite(tmp_path / "r.db")}
    else:
        databases = request.getfixturevalue("pg_pair")
        if isinstance(databases, str):
            apps.unset_installed_apps()
            unavailable(
                f"PostgreSQL unavailable: {databases}",
                ci_reason=f"PostgreSQL is required in CI: {databases}",
            )
    settings.DATABASES = databases
    settings.DATABASE_REPLICAS = ["replica"]
    settings.DATABASE_ROUTERS = ["framework.db.routers.PrimaryReplicaRouter"]
    try:
        for alias in ("default", "replica"):
            _create_tables(alias)
        unpin_primary()
        yield connections
    finally:
        unpin_primary()
        for alias in ("default", "replica"):
            if request.param == "postgresql":
                with connections[alias].cursor() as cursor:
                    cursor.execute("DROP TABLE IF EXISTS " + ", ".join(TABLES))
            connections[alias].close()
        apps.unset_installed_apps()


def insert(alias: str, title: str) -> None:
    """Insert a note with a raw cursor (no router, no signal, no pin)."""
    with connections[alias].cursor() as cursor:
        cursor.execute("INSERT INTO db_routers_note (title) VALUES (%s)", [title])
