"""``manage.py createcachetable`` on SQLite and PostgreSQL."""

from __future__ import annotations

import io

import pytest

from framework.core.management import call_command
from framework.db import connections

DB_BACKEND = "framework.core.cache.backends.db.DatabaseCache"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgresql)])
def database(request, use_database, settings):
    """The default connection on each database; the command's table dropped afterwards."""
    wrapper = use_database(request.param)
    settings.CACHES = {
        "default": {"BACKEND": "framework.core.cache.backends.locmem.LocMemCache"},
        "db": {"BACKEND": DB_BACKEND, "LOCATION": "cmd_cache_table"},
    }
    yield wrapper
    with wrapper.cursor() as cursor:
        for table in ("cmd_cache_table", "named_table"):
            if table in wrapper.introspection.table_names(cursor):
                cursor.execute(f"DROP TABLE {wrapper.ops.quote_name(table)}")


def run(*args, **options) -> str:
    out = io.StringIO()
    call_command("createcachetable", *args, stdout=out, **options)
    return out.getvalue()


def test_creates_the_tables_of_caches(database):
    """The command creates the table of each DatabaseCache in CACHES; the cache then works."""
    from framework.core.cache import caches

    run()
    assert "cmd_cache_table" in connections["default"].introspection.table_names()
    caches["db"].set("k", {"v": 1})
    assert caches["db"].get("k") == {"v": 1}


def test_existing_table_is_reported(database):
    """Running it twice says the table exists instead of failing."""
    run()
    assert "Cache table 'cmd_cache_table' already exists." in run()


def test_dry_run_prints_sql(database):
    """--dry-run prints the CREATE statements and creates nothing."""
    output = run(dry_run=True)
    assert "CREATE TABLE" in output and "cmd_cache_table" in output
    assert "cmd_cache_table" not in connections["default"].introspection.table_names()


def test_named_tables(database):
    """Table names given as arguments are created instead of those of CACHES."""
    run("named_table", verbosity=2)
    names = connections["default"].introspection.table_names()
    assert "named_table" in names and "cmd_cache_table" not in names
