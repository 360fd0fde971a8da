"""MigrationExecutor: plan and apply migrations on one connection."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from framework.apps.registry import apps as global_apps
from framework.db import router
from framework.db.migrations.exceptions import InvalidMigrationPlan
from framework.db.migrations.loader import MigrationLoader
from framework.db.migrations.recorder import MigrationRecorder
from framework.db.migrations.state import ProjectState


class MigrationExecutor:
    """Bring a database to a set of target migrations, forwards or backwards."""

    def __init__(self, connection: Any, progress_callback: Callable | None = None):
        self.connection = connection
        self.loader = MigrationLoader(self.connection)
        self.recorder = MigrationRecorder(self.connection)
        self.progress_callback = progress_callback

    def migration_plan(self, targets: list, clean_start: bool = False) -> list[tuple[Any, bool]]:
        """[(migration, backwards?)] to reach ``targets`` ((app, name) or (app, None))."""
        plan = []
        applied = {} if clean_start else dict(self.loader.applied_migrations)
        for target in targets:
            if target[1] is None:
                # Unapply every migration of the app ("migrate app zero").
                for root in self.loader.graph.root_nodes():
                    if root[0] == target[0]:
                        for migration in self.loader.graph.backwards_plan(root):
                            if migration in applied:
                                plan.append((self.loader.graph.nodes[migration], True))
                                applied.pop(migration)
            elif target in applied:
                # Already applied: unapply what depends on it in its own app.
                next_in_app = sorted(
                    n for n in self.loader.graph.node_map[target].children if n[0] == target[0]
                )
                for node in next_in_app:
                    for migration in self.loader.graph.backwards_plan(node):
                        if migration in applied:
                            plan.append((self.loader.graph.nodes[migration], True))
                            applied.pop(migration)
            else:
                for migration in self.loader.graph.forwards_plan(target):
                    if migration not in applied:
                        plan.append((self.loader.graph.nodes[migration], False))
                        applied[migration] = self.loader.graph.nodes[migration]
        return plan

    def _create_project_state(self, with_applied_migrations: bool = False) -> ProjectState:
        state = ProjectState(real_apps=self.loader.unmigrated_apps)
        if with_applied_migrations:
            full_plan = self.migration_plan(self.loader.graph.leaf_nodes(), clean_start=True)
            applied = {
                self.loader.graph.nodes[key]
                for key in self.loader.applied_migrations
                if key in self.loader.graph.nodes
            }
            for migration, _ in full_plan:
                if migration in applied:
                    migration.mutate_state(state, preserve=False)
        return state

    def migrate(
        self,
        targets: list,
        plan: list | None = None,
        state: ProjectState | None = None,
        fake: bool = False,
        fake_initial: bool = False,
    ) -> ProjectState:
        """Migrate the database to ``targets``; return the resulting project state."""
        self.recorder.ensure_schema()
        if plan is None:
            plan = self.migration_plan(targets)
        full_plan = self.migration_plan(self.loader.graph.leaf_nodes(), clean_start=True)
        all_forwards = all(not backwards for _, backwards in plan)
        all_backwards = all(backwards for _, backwards in plan)
        if not plan:
            if state is None:
                state = self._create_project_state(with_applied_migrations=True)
        elif all_forwards == all_backwards:
            raise InvalidMigrationPlan(
                "Migration plans with both forwards and backwards migrations are not "
                "supported. Please split your migration process into separate plans of only "
                "forwards OR backwards migrations.",
                plan,
            )
        elif all_forwards:
            if state is None:
                state = self._create_project_state(with_applied_migrations=True)
            state = self._migrate_all_forwards(state, plan, full_plan, fake, fake_initial)
        else:
            state = self._migrate_all_backwards(plan, full_plan, fake)
        self.check_replacements()
        return state

    def _migrate_all_forwards(self, state, plan, full_plan, fake, fake_initial):
        migrations_to_run = {m[0] for m in plan}
        for migration, _ in full_plan:
            if not migrations_to_run:
                break
            if migration in migrations_to_run:
                if self.progress_callback:
                    self.progress_callback("render_start")
                state.apps  # noqa: B018 - render before timing the migration
                if self.progress_callback:
                    self.progress_callback("render_success")
                state = self.apply_migration(state, migration, fake=fake, fake_initial=fake_initial)
                migrations_to_run.remove(migration)
        return state

    def _migrate_all_backwards(self, plan, full_plan, fake):
        migrations_to_run = {m[0] for m in plan}
        states = {}
        state = self._create_project_state()
        applied_migrations = {
            self.loader.graph.nodes[key]
            for key in self.loader.applied_migrations
            if key in self.loader.graph.nodes
        }
        if self.progress_callback:
            self.progress_callback("render_start")
        for migration, _ in full_plan:
            if not migrations_to_run:
                break
            if migration in migrations_to_run:
                states[migration] = state
                state = migration.mutate_state(state, preserve=True)
                migrations_to_run.remove(migration)
            elif migration in applied_migrations:
                migration.mutate_state(state, preserve=False)
        if self.progress_callback:
            self.progress_callback("render_success")
        for migration, _ in plan:
            self.unapply_migration(states[migration], migration, fake=fake)
            applied_migrations.remove(migration)
        last_unapplied_migration = plan[-1][0]
        state = states[last_unapplied_migration]
        for index, (migration, _) in enumerate(full_plan):
            if migration == last_unapplied_migration:
                for later, _ in full_plan[index:]:
                    if later in applied_migrations:
                        later.mutate_state(state, preserve=False)
                break
        return state

    def apply_migration(self, state, migration, fake: bool = False, fake_initial: bool = False):
        """Apply one migration (in a transaction where possible) and record it."""
        migration_recorded = False
        if self.progress_callback:
            self.progress_callback("apply_start", migration, fake)
        if not fake:
            if fake_initial:
                applied, state = self.detect_soft_applied(state, migration)
                if applied:
                    fake = True
            if not fake:
                with self.connection.schema_editor(atomic=migration.atomic) as schema_editor:
                    state = migration.apply(state, schema_editor)
                    if not schema_editor.deferred_sql:
                        self.record_migration(migration)
                        migration_recorded = True
        if not migration_recorded:
            self.record_migration(migration)
        if self.progress_callback:
            self.progress_callback("apply_success", migration, fake)
        return state

    def record_migration(self, migration: Any) -> None:
        if migration.replaces:
            for app_label, name in migration.replaces:
                self.recorder.record_applied(app_label, name)
        else:
            self.recorder.record_applied(migration.app_label, migration.name)

    def unapply_migration(self, state, migration, fake: bool = False):
        """Unapply one migration and forget it."""
        if self.progress_callback:
            self.progress_callback("unapply_start", migration, fake)
        if not fake:
            with self.connection.schema_editor(atomic=migration.atomic) as schema_editor:
                state = migration.unapply(state, schema_editor)
                self._record_unapplied(migration)
        else:
            self._record_unapplied(migration)
        if self.progress_callback:
            self.progress_callback("unapply_success", migration, fake)
        return state

    def _record_unapplied(self, migration: Any) -> None:
        if migration.replaces:
            for app_label, name in migration.replaces:
                self.recorder.record_unapplied(app_label, name)
        self.recorder.record_unapplied(migration.app_label, migration.name)

    def check_replacements(self) -> None:
        """Record squashed migrations as applied once everything they replace is."""
        applied = self.recorder.applied_migrations()
        for key, migration in self.loader.replacements.items():
            all_applied = all(m in applied for m in migration.replaces)
            if all_applied and key not in applied:
                self.recorder.record_applied(*key)

    def detect_soft_applied(self, project_state, migration) -> tuple[bool, Any]:
        """(True, state) if an initial migration's tables and columns already exist."""

        def should_skip_detecting_model(migration, model):
            return (
                model._meta.proxy
                or not model._meta.managed
                or not router.allow_migrate(
                    self.connection.alias,
                    migration.app_label,
                    model_name=model._meta.model_name,
                )
            )

        from framework.db.migrations.operations import AddField, CreateModel

        if migration.initial is None:
            if any(app == migration.app_label for app, _ in migration.dependencies):
                return False, project_state
        elif migration.initial is False:
            return False, project_state
        if project_state is None:
            after_state = self.loader.project_state(
                (migration.app_label, migration.name), at_end=True
            )
        else:
            after_state = migration.mutate_state(project_state)
        apps = after_state.apps
        found_create_model_migration = False
        found_add_field_migration = False
        fold_identifier_case = getattr(self.connection.features, "ignores_table_name_case", False)
        with self.connection.cursor() as cursor:
            existing_table_names = set(self.connection.introspection.table_names(cursor))
            if fold_identifier_case:
                existing_table_names = {name.casefold() for name in existing_table_names}
        for operation in migration.operations:
            if isinstance(operation, CreateModel):
                model = apps.get_model(migration.app_label, operation.name)
                if model._meta.swapped:
                    model = global_apps.get_model(model._meta.swapped)
                if should_skip_detecting_model(migration, model):
                    continue
                db_table = model._meta.db_table
                if fold_identifier_case:
                    db_table = db_table.casefold()
                if db_table not in existing_table_names:
                    return False, project_state
                found_create_model_migration = True
            elif isinstance(operation, AddField):
                model = apps.get_model(migration.app_label, operation.model_name)
                if model._meta.swapped:
                    model = global_apps.get_model(model._meta.swapped)
                if should_skip_detecting_model(migration, model):
                    continue
                table = model._meta.db_table
                field = model._meta.get_field(operation.name)
                if field.many_to_many:
                    through_db_table = field.remote_field.through._meta.db_table
                    if fold_identifier_case:
                        through_db_table = through_db_table.casefold()
                    if through_db_table not in existing_table_names:
                        return False, project_state
                    found_add_field_migration = True
                    continue
                with self.connection.cursor() as cursor:
                    columns = self.connection.introspection.get_table_description(cursor, table)
                for column in columns:
                    field_column = field.column
                    column_name = column.name
                    if fold_identifier_case:
                        column_name = column_name.casefold()
                        field_column = field_column.casefold()
                    if column_name == field_column:
                        found_add_field_migration = True
                        break
                else:
                    return False, project_state
        return (found_create_model_migration or found_add_field_migration), after_state
