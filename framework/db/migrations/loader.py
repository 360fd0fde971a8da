"""MigrationLoader: read migration modules from disk and build the graph."""

from __future__ import annotations

import pkgutil
import sys
from importlib import import_module, invalidate_caches, reload
from typing import Any

from framework.apps import apps as global_apps
from framework.conf import settings
from framework.db.migrations.exceptions import (
    AmbiguityError,
    BadMigrationError,
    InconsistentMigrationHistory,
    NodeNotFoundError,
)
from framework.db.migrations.graph import MigrationGraph
from framework.db.migrations.recorder import MigrationRecorder

MIGRATIONS_MODULE_NAME = "migrations"


class MigrationLoader:
    """Load every app's migrations and, given a connection, what it has applied.

    ``disk_migrations`` maps (app_label, name) to Migration instances, ``graph`` is the
    dependency graph with squashed migrations resolved against ``applied_migrations``.
    """

    def __init__(
        self,
        connection: Any,
        load: bool = True,
        ignore_no_migrations: bool = False,
        replace_migrations: bool = True,
    ):
        self.connection = connection
        self.disk_migrations: dict = {}
        self.applied_migrations: dict = {}
        self.ignore_no_migrations = ignore_no_migrations
        self.replace_migrations = replace_migrations
        if load:
            self.build_graph()

    @classmethod
    def migrations_module(cls, app_label: str) -> tuple[str | None, bool]:
        """(module path, explicit?) of an app's migrations; (None, True) if disabled."""
        if app_label in settings.MIGRATION_MODULES:
            return settings.MIGRATION_MODULES[app_label], True
        app_package_name = global_apps.get_app_config(app_label).name
        return f"{app_package_name}.{MIGRATIONS_MODULE_NAME}", False

    def load_disk(self) -> None:
        """Import every app's migration modules."""
        self.disk_migrations = {}
        self.unmigrated_apps: set[str] = set()
        self.migrated_apps: set[str] = set()
        invalidate_caches()
        for app_config in global_apps.get_app_configs():
            module_name, explicit = self.migrations_module(app_config.label)
            if module_name is None:
                self.unmigrated_apps.add(app_config.label)
                continue
            was_loaded = module_name in sys.modules
            try:
                module = import_module(module_name)
            except ModuleNotFoundError as exc:
                if (explicit and self.ignore_no_migrations) or (
                    not explicit and exc.name is not None and module_name.startswith(exc.name)
                ):
                    self.unmigrated_apps.add(app_config.label)
                    continue
                raise
            else:
                if not hasattr(module, "__path__"):
                    self.unmigrated_apps.add(app_config.label)
                    continue
                if getattr(module, "__file__", None) is None and not hasattr(module, "__path__"):
                    self.unmigrated_apps.add(app_config.label)
                    continue
                if was_loaded:
                    # New files may have been written since (makemigrations, tests).
                    module = reload(module)
            self.migrated_apps.add(app_config.label)
            migration_names = {
                name
                for _, name, is_pkg in pkgutil.iter_modules(module.__path__)
                if not is_pkg and name[0] not in "_~"
            }
            for migration_name in sorted(migration_names):
                migration_path = f"{module_name}.{migration_name}"
                try:
                    if migration_path in sys.modules:
                        migration_module = reload(sys.modules[migration_path])
                    else:
                        migration_module = import_module(migration_path)
                except ImportError as exc:
                    if "bad magic number" in str(exc):
                        raise ImportError(
                            f"Couldn't import {migration_path!r} as it appears to be a stale "
                            f".pyc file."
                        ) from exc
                    raise
                if not hasattr(migration_module, "Migration"):
                    raise BadMigrationError(
                        f"Migration {migration_name} in app {app_config.label} has no "
                        f"Migration class"
                    )
                self.disk_migrations[app_config.label, migration_name] = migration_module.Migration(
                    migration_name, app_config.label
                )

    def get_migration(self, app_label: str, name_prefix: str) -> Any:
        return self.graph.nodes[app_label, name_prefix]

    def get_migration_by_prefix(self, app_label: str, name_prefix: str) -> Any:
        """The migration whose name starts with ``name_prefix``; KeyError/AmbiguityError."""
        results = [
            name
            for label, name in self.disk_migrations
            if label == app_label and name.startswith(name_prefix)
        ]
        if len(results) > 1:
            raise AmbiguityError(
                f"There is more than one migration for {app_label!r} with the prefix "
                f"{name_prefix!r}"
            )
        if not results:
            raise KeyError(
                f"There is no migration for {app_label!r} with the prefix {name_prefix!r}"
            )
        return self.disk_migrations[app_label, results[0]]

    def check_key(self, key: tuple, current_app: str) -> tuple | None:
        if (key[1] != "__first__" and key[1] != "__latest__") or key in self.graph:
            return key
        if key[0] == current_app:
            return None
        if key[0] in self.unmigrated_apps:
            return None
        if key[0] in self.migrated_apps:
            try:
                if key[1] == "__first__":
                    return self.graph.root_nodes(key[0])[0]
                return self.graph.leaf_nodes(key[0])[0]
            except IndexError:
                if self.ignore_no_migrations:
                    return None
                raise ValueError(
                    f"Dependency on app with no migrations: {key[0]} (run makemigrations {key[0]})"
                ) from None
        raise ValueError(
            f"Dependency on unknown app: {key[0]}. Add it to INSTALLED_APPS or remove the "
            f"dependency."
        )

    def add_internal_dependencies(self, key: tuple, migration: Any) -> None:
        for parent in migration.dependencies:
            if parent[0] == key[0] and parent[1] != "__first__":
                self.graph.add_dependency(migration, key, parent, skip_validation=True)

    def add_external_dependencies(self, key: tuple, migration: Any) -> None:
        for parent in migration.dependencies:
            if key[0] == parent[0]:
                continue
            parent = self.check_key(parent, key[0])
            if parent is not None:
                self.graph.add_dependency(migration, key, parent, skip_validation=True)
        for child in migration.run_before:
            child = self.check_key(child, key[0])
            if child is not None:
                self.graph.add_dependency(migration, child, key, skip_validation=True)

    def build_graph(self) -> None:
        """Load disk and database state and build the graph (squashes resolved)."""
        self.load_disk()
        if self.connection is None:
            self.applied_migrations = {}
        else:
            recorder = MigrationRecorder(self.connection)
            self.applied_migrations = recorder.applied_migrations()
        self.graph = MigrationGraph()
        self.replacements = {}
        for key, migration in self.disk_migrations.items():
            self.graph.add_node(key, migration)
            if migration.replaces:
                self.replacements[key] = migration
        for key, migration in self.disk_migrations.items():
            self.add_internal_dependencies(key, migration)
        for key, migration in self.disk_migrations.items():
            self.add_external_dependencies(key, migration)
        if self.replace_migrations:
            for key, migration in self.replacements.items():
                applied_statuses = [
                    (target in self.applied_migrations) for target in migration.replaces
                ]
                if all(applied_statuses):
                    self.applied_migrations[key] = migration
                else:
                    self.applied_migrations.pop(key, None)
                # A squash is used only when all or none of what it replaces is applied.
                if all(applied_statuses) or not any(applied_statuses):
                    self.graph.remove_replaced_nodes(key, migration.replaces)
                else:
                    self.graph.remove_replacement_node(key, migration.replaces)
        try:
            self.graph.validate_consistency()
        except NodeNotFoundError as exc:
            reverse_replacements: dict = {}
            for key, migration in self.replacements.items():
                for replaced in migration.replaces:
                    reverse_replacements.setdefault(replaced, set()).add(key)
            if exc.node in reverse_replacements:
                candidates = reverse_replacements.get(exc.node, set())
                is_replaced = any(c in self.graph.nodes for c in candidates)
                if not is_replaced:
                    tries = ", ".join(f"{app}.{name}" for app, name in candidates)
                    raise NodeNotFoundError(
                        f"Migration {exc.origin} depends on nonexistent node "
                        f"('{exc.node[0]}', '{exc.node[1]}'). Framework tried to replace "
                        f"migration {exc.node[0]}.{exc.node[1]} with any of [{tries}] but "
                        f"wasn't able to because some of the replaced migrations are already "
                        f"applied.",
                        exc.node,
                    ) from exc
            raise
        self.graph.ensure_not_cyclic()

    def check_consistent_history(self, connection: Any) -> None:
        """Raise InconsistentMigrationHistory if an applied migration misses a dependency."""
        recorder = MigrationRecorder(connection)
        applied = recorder.applied_migrations()
        for migration in applied:
            if migration not in self.graph.nodes:
                continue
            for parent in self.graph.node_map[migration].parents:
                if parent not in applied:
                    if parent in self.replacements:
                        if all(m in applied for m in self.replacements[parent].replaces):
                            continue
                    raise InconsistentMigrationHistory(
                        f"Migration {migration[0]}.{migration[1]} is applied before its "
                        f"dependency {parent[0]}.{parent[1]} on database "
                        f"{connection.alias!r}."
                    )

    def detect_conflicts(self) -> dict[str, list[str]]:
        """{app_label: [leaf names]} for apps with more than one leaf migration."""
        seen_apps: dict[str, set] = {}
        conflicting_apps = set()
        for app_label, migration_name in self.graph.leaf_nodes():
            if app_label in seen_apps:
                conflicting_apps.add(app_label)
            seen_apps.setdefault(app_label, set()).add(migration_name)
        return {app_label: sorted(seen_apps[app_label]) for app_label in sorted(conflicting_apps)}

    def project_state(self, nodes: Any = None, at_end: bool = True):
        """The ProjectState at ``nodes`` (default: the leaves) with unmigrated apps real."""
        return self.graph.make_state(nodes=nodes, at_end=at_end, real_apps=self.unmigrated_apps)

    def collect_sql(self, plan: list) -> list[str]:
        """The SQL ``plan`` would run (for sqlmigrate)."""
        statements = []
        state = None
        for migration, backwards in plan:
            with self.connection.schema_editor(
                collect_sql=True, atomic=migration.atomic
            ) as schema_editor:
                if state is None:
                    state = self.project_state((migration.app_label, migration.name), at_end=False)
                if not backwards:
                    state = migration.apply(state, schema_editor, collect_sql=True)
                else:
                    state = migration.unapply(state, schema_editor, collect_sql=True)
            statements.extend(schema_editor.collected_sql)
        return statements
