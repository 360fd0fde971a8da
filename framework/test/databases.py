"""Test databases: created for every alias of DATABASES before the tests, dropped after.

Each alias gets ``TEST["NAME"]`` or ``test_<NAME>`` (SQLite: an in-memory database
unless ``TEST["NAME"]`` names a file). The schema comes from the migrations when the
``migrate`` command exists and an installed app has migrations, otherwise straight
from the models with the schema editor (what Django calls "run_syncdb").

Once built, each database's rows are serialised (``connection._test_serialized_contents``)
for the TransactionTestCases with ``serialized_rollback``; with ``parallel`` workers, each
worker gets its own clone of every test database (suffix "1", "2", ...).
"""

from __future__ import annotations

import importlib.util
from typing import Any

from framework.db import connections

__all__ = [
    "create_test_db",
    "restore_db",
    "serialize_db",
    "setup_databases",
    "teardown_databases",
    "worker_database_names",
]


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


def _serialized_models(connection: Any) -> list:
    from framework.apps import apps
    from framework.conf import settings
    from framework.db import router

    skipped = set(getattr(settings, "TEST_NON_SERIALIZED_APPS", ()) or ())
    existing = set(connection.introspection.table_names())
    found = []
    for app_config in apps.get_app_configs():
        if app_config.name in skipped or app_config.label in skipped:
            continue
        for model in router.get_migratable_models(app_config, connection.alias):
            meta = model._meta
            if meta.managed and not meta.proxy and meta.db_table in existing:
                found.append(model)
    return found


def serialize_db(connection: Any) -> str:
    """The rows of every installed model on ``connection``, as JSON (see restore_db())."""
    from framework.core import serializers

    def rows():
        for model in _serialized_models(connection):
            yield from model._base_manager.using(connection.alias).order_by("pk").iterator()

    return serializers.serialize("json", rows())


def restore_db(connection: Any, data: str) -> None:
    """Insert the rows written by serialize_db() into ``connection``'s (empty) tables."""
    from framework.core import serializers
    from framework.db import transaction

    restored: dict[str, Any] = {}
    # Rows may point at rows restored later: foreign keys are checked at the end.
    with connection.constraint_checks_disabled():
        with transaction.atomic(using=connection.alias):
            for obj in serializers.deserialize("json", data, using=connection.alias):
                obj.save(using=connection.alias)
                restored[obj.object._meta.label] = type(obj.object)
            tables = [model._meta.db_table for model in restored.values()]
            connection.check_constraints(table_names=tables)
    # Rows came with their primary keys: move the sequences past them.
    statements = connection.ops.sequence_reset_sql(None, list(restored.values()))
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
    from framework.apps import apps

    if apps.is_installed("framework.contrib.contenttypes"):
        # Its cache may hold the ids of content types made after a previous flush.
        from framework.contrib.contenttypes.models import ContentType

        ContentType.objects.clear_cache()


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
    (``TEST["MIRROR"]``) point at their primary's test database instead. The contents of
    each database in ``serialized_aliases`` (default: all) are kept for serialized_rollback
    unless its ``TEST["SERIALIZE"]`` is False. With ``parallel`` > 1, each database is
    cloned once per worker.
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
        serialize = serialized_aliases is None or alias in serialized_aliases
        if serialize and connection.settings_dict["TEST"].get("SERIALIZE", True) is not False:
            connection._test_serialized_contents = serialize_db(connection)
    for alias, mirror in mirrors:
        connection = connections[alias]
        old_config.append((connection, connection.settings_dict["NAME"], False))
        connection.close()
        connection.settings_dict["NAME"] = connections[mirror].settings_dict["NAME"]
    if parallel > 1:
        # A template database must have no other session (PostgreSQL).
        connections.close_all()
        for connection, _, destroy in old_config:
            if destroy:
                for index in range(1, parallel + 1):
                    connection.creation.clone_test_db(str(index), verbosity)
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
    """Drop the test databases made by setup_databases() (kept with ``keepdb``; the
    workers' clones are always dropped: the next run clones afresh)."""
    for connection, old_name, destroy in reversed(old_config):
        if destroy and parallel > 1:
            connection.close()
            for index in range(1, parallel + 1):
                connection.creation.destroy_test_db(verbosity=verbosity, suffix=str(index))
        if destroy:
            connection.creation.destroy_test_db(old_name, verbosity, keepdb)
        else:
            connection.close()
            connection.settings_dict["NAME"] = old_name


def worker_database_names(old_config: list[tuple[Any, str, bool]], worker: int) -> dict:
    """``{alias: database name}`` that worker number ``worker`` (from 1) uses."""
    names = {}
    for connection, _, destroy in old_config:
        if destroy:
            clone = connection.creation.get_test_db_clone_settings(str(worker))
            names[connection.alias] = clone["NAME"]
    for connection, _, destroy in old_config:
        mirror = connection.settings_dict["TEST"].get("MIRROR")
        if not destroy and mirror in names:
            names[connection.alias] = names[mirror]
    return names
