"""Test databases: created for every alias of DATABASES before the tests, dropped after.

Each alias gets ``TEST["NAME"]`` or ``test_<NAME>`` (SQLite: an in-memory database
unless ``TEST["NAME"]`` names a file). The schema comes from the migrations when the
``migrate`` command exists and an installed app has migrations, otherwise straight
from the models with the schema editor (what Django calls "run_syncdb").
"""

from __future__ import annotations

import importlib.util
from typing import Any

from framework.db import connections

__all__ = ["create_test_db", "setup_databases", "teardown_databases"]


def _migrate_command_available() -> bool:
    return importlib.util.find_spec("framework.core.management.commands.migrate") is not None


def _apps_with_migrations() -> list[str]:
    from framework.apps import apps
    from framework.conf import settings

    modules = getattr(settings, "MIGRATION_MODULES", {}) or {}
    labels = []
    for app_config in apps.get_app_configs():
        module = modules.get(app_config.label, f"{app_config.name}.migrations")
        if module is None:
            continue
        try:
            found = importlib.util.find_spec(module) is not None
        except ModuleNotFoundError:
            found = False
        if found:
            labels.append(app_config.label)
    return labels


def build_schema(connection: Any, verbosity: int = 0) -> None:
    """Create the tables of ``connection``: by migrating, or from the models."""
    if _migrate_command_available() and _apps_with_migrations():
        from framework.core.management import call_command

        call_command(
            "migrate",
            database=connection.alias,
            run_syncdb=True,
            interactive=False,
            verbosity=max(verbosity - 1, 0),
        )
    else:
        connection.creation.create_tables()


def create_test_db(
    connection: Any, verbosity: int = 1, keepdb: bool = False, autoclobber: bool = True
) -> str:
    """Create the test database of ``connection``, switch to it, build the schema."""
    test = connection.settings_dict["TEST"]
    migrate = test.get("MIGRATE", True)
    # The backend's creation would build tables from the models; we choose below.
    test["MIGRATE"] = False
    try:
        name = connection.creation.create_test_db(
            verbosity=verbosity, autoclobber=autoclobber, keepdb=keepdb
        )
    finally:
        test["MIGRATE"] = migrate
    if migrate is not False:
        build_schema(connection, verbosity)
    return name


def setup_databases(
    verbosity: int = 1,
    interactive: bool = False,
    time_keeper: Any = None,
    keepdb: bool = False,
    debug_sql: bool = False,
    parallel: int = 0,
    aliases: Any = None,
    serialized_aliases: Any = None,
    **kwargs: Any,
) -> list[tuple[Any, str, bool]]:
    """Create a test database for each alias (or each of ``aliases``).

    Returns the old configuration to hand to ``teardown_databases()``. Mirrors
    (``TEST["MIRROR"]``) point at their primary's test database instead.
    """
    old_config: list[tuple[Any, str, bool]] = []
    mirrors: list[tuple[str, str]] = []
    for alias in connections:
        if aliases is not None and alias not in aliases:
            continue
        connection = connections[alias]
        if connection.settings_dict["ENGINE"] == "framework.db.backends.dummy":
            continue
        mirror = connection.settings_dict["TEST"].get("MIRROR")
        if mirror:
            mirrors.append((alias, mirror))
            continue
        old_name = connection.settings_dict["NAME"]
        create_test_db(connection, verbosity, keepdb, autoclobber=not interactive)
        old_config.append((connection, old_name, True))
    for alias, mirror in mirrors:
        connection = connections[alias]
        old_config.append((connection, connection.settings_dict["NAME"], False))
        connection.close()
        connection.settings_dict["NAME"] = connections[mirror].settings_dict["NAME"]
    if debug_sql:
        for connection, _, _ in old_config:
            connection.force_debug_cursor = True
    return old_config


def teardown_databases(
    old_config: list[tuple[Any, str, bool]],
    verbosity: int = 1,
    parallel: int = 0,
    keepdb: bool = False,
) -> None:
    """Drop the test databases made by setup_databases() (kept with ``keepdb``)."""
    for connection, old_name, destroy in reversed(old_config):
        if destroy:
            connection.creation.destroy_test_db(old_name, verbosity, keepdb)
        else:
            connection.close()
            connection.settings_dict["NAME"] = old_name
