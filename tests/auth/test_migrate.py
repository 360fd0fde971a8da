"""``migrate`` applies the contrib apps' initial migrations on SQLite and PostgreSQL, and
the post-migrate steps create content types, permissions and the default site."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import postgres
from tests.support.services import unavailable

ROOT = Path(__file__).resolve().parents[2]


def _migrate(database: dict) -> dict:
    env = {**os.environ, "FRAMEWORK_TEST_MIGRATE_DB": json.dumps(database)}
    env.pop("FRAMEWORK_SETTINGS_MODULE", None)
    result = subprocess.run(
        [sys.executable, "-m", "tests.auth.migrate_project"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def _check(created: dict) -> None:
    assert {"contenttype", "permission", "group", "user", "session", "site"} <= set(
        created["content_types"]
    )
    assert {"userobjectpermission", "groupobjectpermission"} <= set(created["content_types"])
    assert created["user_perms"] == ["add_user", "change_user", "delete_user", "view_user"]
    # 8 models x 4 default permissions, created once although migrate ran twice.
    assert created["permissions"] == 32
    assert created["sites"] == ["example.com"]
    assert created["users"] == 1


def test_migrate_on_sqlite(tmp_path):
    """The initial migrations build working tables on SQLite."""
    _check(_migrate({"ENGINE": "framework.db.backends.sqlite3", "NAME": str(tmp_path / "db")}))


@pytest.mark.postgresql
def test_migrate_on_postgresql():
    """The initial migrations build working tables on PostgreSQL."""
    try:
        postgres.pg_dsn()
    except postgres.PostgresUnavailable as exc:
        unavailable(str(exc), ci_reason=f"PostgreSQL is required in CI: {exc}")
    name = f"test_framework_migrate_{os.getpid()}"
    postgres.create_database(name)
    try:
        _check(_migrate(postgres.databases_entry(name)))
    finally:
        postgres.drop_database(name)
