"""``manage.py migrate [app_label] [migration_name]``: bring the database schema up to date."""

from __future__ import annotations

import sys
import time
from typing import Any

from framework.apps import apps
from framework.core.management.base import BaseCommand, CommandError, CommandParser
from framework.core.management.sql import emit_post_migrate_signal, emit_pre_migrate_signal
from framework.db import DEFAULT_DB_ALIAS, connections, router
from framework.db.migrations.autodetector import MigrationAutodetector
from framework.db.migrations.exceptions import AmbiguityError
from framework.db.migrations.executor import MigrationExecutor
from framework.db.migrations.state import ProjectState


class Command(BaseCommand):
    help = "Updates database schema. Manages both apps with migrations and those without."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--skip-checks", action="store_true", help="Skip system checks.")
        parser.add_argument(
            "app_label", nargs="?", help="App label of an application to synchronize the state."
        )
        parser.add_argument(
            "migration_name",
            nargs="?",
            help="Database state will be brought to the state after that migration. Use the "
            'name "zero" to unapply all migrations.',
        )
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="Tells the framework to NOT prompt the user for input of any kind.",
        )
        parser.add_argument(
            "--database",
            default=DEFAULT_DB_ALIAS,
            help='Nominates a database to synchronize. Defaults to the "default" database.',
        )
        parser.add_argument(
            "--fake",
            action="store_true",
            help="Mark migrations as run without actually running them.",
        )
        parser.add_argument(
            "--fake-initial",
            action="store_true",
            help="Detect if tables already exist and fake-apply initial migrations if so.",
        )
        parser.add_argument(
            "--plan",
            action="store_true",
            help="Shows a list of the migration actions that will be performed.",
        )
        parser.add_argument(
            "--run-syncdb", action="store_true", help="Creates tables for apps without migrations."
        )
        parser.add_argument(
            "--check",
            action="store_true",
            dest="check_unapplied",
            help="Exits with a non-zero status if unapplied migrations exist and does not "
            "actually apply migrations.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        database = options["database"]
        self.verbosity = options["verbosity"]
        self.interactive = options["interactive"]
        if not options.get("skip_checks"):
            self.check(databases=[database])
        try:
            connection = connections[database]
        except Exception as exc:
            raise CommandError(f"Unknown database {database!r}: {exc}") from exc
        executor = MigrationExecutor(connection, self.migration_progress_callback)
        executor.loader.check_consistent_history(connection)
        conflicts = executor.loader.detect_conflicts()
        if conflicts:
            name_str = "; ".join(f"{', '.join(names)} in {app}" for app, names in conflicts.items())
            raise CommandError(
                "Conflicting migrations detected; multiple leaf nodes in the migration graph: "
                f"({name_str}).\nTo fix them run 'python manage.py makemigrations --merge'"
            )
        targets, run_syncdb, target_app_labels_only = self._targets(executor, options)
        plan = executor.migration_plan(targets)
        if options["plan"]:
            self._print_plan(plan)
            return
        if options["check_unapplied"]:
            if plan:
                sys.exit(1)
            return
        if self.verbosity >= 1:
            self._print_header(executor, options, targets, run_syncdb, target_app_labels_only)
        pre_migrate_state = executor._create_project_state(with_applied_migrations=True)
        pre_migrate_apps = pre_migrate_state.apps
        emit_pre_migrate_signal(
            self.verbosity,
            self.interactive,
            connection.alias,
            stdout=self.stdout,
            apps=pre_migrate_apps,
            plan=plan,
        )
        if run_syncdb:
            if self.verbosity >= 1:
                self.stdout.write(
                    self.style.MIGRATE_HEADING("Synchronizing apps without migrations:")
                )
            if options["app_label"]:
                self.sync_apps(connection, [options["app_label"]])
            else:
                self.sync_apps(connection, executor.loader.unmigrated_apps)
        if self.verbosity >= 1:
            self.stdout.write(self.style.MIGRATE_HEADING("Running migrations:"))
        if not plan:
            if self.verbosity >= 1:
                self.stdout.write("  No migrations to apply.")
                self._warn_unmade_changes(executor)
            post_migrate_state = pre_migrate_state
        else:
            fake = options["fake"]
            fake_initial = options["fake_initial"]
            try:
                post_migrate_state = executor.migrate(
                    targets,
                    plan=plan,
                    state=pre_migrate_state.clone(),
                    fake=fake,
                    fake_initial=fake_initial,
                )
            except Exception as exc:
                if getattr(self, "_in_progress", False):
                    self.stdout.write(self.style.ERROR(" FAILED"))
                    self._in_progress = False
                notes = " ".join(getattr(exc, "__notes__", []))
                raise CommandError(
                    f"{notes or 'Migrating failed.'} {type(exc).__name__}: {exc}. The failed "
                    f"migration was rolled back and is not recorded as applied."
                    if connection.features.can_rollback_ddl
                    else f"{notes or 'Migrating failed.'} {type(exc).__name__}: {exc}."
                ) from exc
        post_migrate_state.clear_delayed_apps_cache()
        post_migrate_apps = post_migrate_state.apps
        emit_post_migrate_signal(
            self.verbosity,
            self.interactive,
            connection.alias,
            stdout=self.stdout,
            apps=post_migrate_apps,
            plan=plan,
        )

    def _targets(self, executor, options):
        run_syncdb = options["run_syncdb"]
        target_app_labels_only = True
        app_label = options["app_label"]
        migration_name = options["migration_name"]
        if app_label:
            try:
                apps.get_app_config(app_label)
            except LookupError as exc:
                raise CommandError(str(exc)) from None
            if run_syncdb:
                if app_label in executor.loader.migrated_apps:
                    raise CommandError(
                        f"Can't use run_syncdb with app '{app_label}' as it has migrations."
                    )
            elif app_label not in executor.loader.migrated_apps:
                raise CommandError(f"App '{app_label}' does not have migrations.")
        if app_label and migration_name:
            if migration_name == "zero":
                targets = [(app_label, None)]
            else:
                try:
                    migration = executor.loader.get_migration_by_prefix(app_label, migration_name)
                except AmbiguityError:
                    raise CommandError(
                        f"More than one migration matches '{migration_name}' in app "
                        f"'{app_label}'. Please be more specific."
                    ) from None
                except KeyError:
                    raise CommandError(
                        f"Cannot find a migration matching '{migration_name}' from app "
                        f"'{app_label}'."
                    ) from None
                target = (app_label, migration.name)
                if target not in executor.loader.graph.nodes:
                    for key, replacement in executor.loader.replacements.items():
                        if target in replacement.replaces and key in executor.loader.graph.nodes:
                            target = key
                            break
                targets = [target]
            target_app_labels_only = False
        elif app_label:
            targets = [key for key in executor.loader.graph.leaf_nodes() if key[0] == app_label]
        else:
            targets = executor.loader.graph.leaf_nodes()
        return targets, run_syncdb, target_app_labels_only

    def _print_header(self, executor, options, targets, run_syncdb, target_app_labels_only):
        self.stdout.write(self.style.MIGRATE_HEADING("Operations to perform:"))
        if run_syncdb:
            if options["app_label"]:
                self.stdout.write(
                    self.style.MIGRATE_LABEL(
                        f"  Synchronize unmigrated app: {options['app_label']}"
                    )
                )
            else:
                self.stdout.write(
                    self.style.MIGRATE_LABEL("  Synchronize unmigrated apps: ")
                    + ", ".join(sorted(executor.loader.unmigrated_apps))
                )
        if target_app_labels_only:
            self.stdout.write(
                self.style.MIGRATE_LABEL("  Apply all migrations: ")
                + (", ".join(sorted({a for a, n in targets})) or "(none)")
            )
        elif targets[0][1] is None:
            self.stdout.write(
                self.style.MIGRATE_LABEL("  Unapply all migrations: ") + str(targets[0][0])
            )
        else:
            self.stdout.write(
                self.style.MIGRATE_LABEL("  Target specific migration: ")
                + f"{targets[0][1]}, from {targets[0][0]}"
            )

    def _print_plan(self, plan: list) -> None:
        self.stdout.write("Planned operations:", self.style.MIGRATE_LABEL)
        if not plan:
            self.stdout.write("  No planned migration operations.")
            return
        for migration, backwards in plan:
            self.stdout.write(str(migration), self.style.MIGRATE_HEADING)
            for operation in migration.operations:
                message, is_error = self.describe_operation(operation, backwards)
                style = self.style.WARNING if is_error else None
                self.stdout.write("    " + message, style)

    @staticmethod
    def describe_operation(operation: Any, backwards: bool) -> tuple[str, bool]:
        """(text, irreversible?) describing one planned operation."""
        prefix = ""
        is_error = False
        if hasattr(operation, "code"):
            code = operation.reverse_code if backwards else operation.code
            action = (code.__doc__ or "") if code else None
        elif hasattr(operation, "sql"):
            action = operation.reverse_sql if backwards else operation.sql
        else:
            action = None
        if backwards:
            prefix = "Undo "
            if action is not None and not operation.reversible:
                action = "INVALID"
                is_error = True
            elif action is None and not operation.reversible:
                action = "IRREVERSIBLE"
                is_error = True
        if action is not None:
            action = str(action).replace("\n", "")
        if action:
            action = " -> " + action
        truncated = len(str(action or "")) > 100
        text = (
            prefix
            + operation.describe()
            + (str(action)[:97] + "..." if truncated else (action or ""))
        )
        return text, is_error

    def migration_progress_callback(self, action: str, migration: Any = None, fake: bool = False):
        """Print one line per migration: '  Applying app.0001_initial... OK (0.012s)'."""
        if self.verbosity < 1:
            return
        if action == "apply_start":
            self.start = time.monotonic()
            self.stdout.write(f"  Applying {migration}...", ending="")
            self.stdout.flush()
            self._in_progress = True
        elif action in ("apply_success", "unapply_success"):
            elapsed = f" ({time.monotonic() - self.start:.3f}s)"
            self._in_progress = False
            if fake:
                self.stdout.write(self.style.SUCCESS(" FAKED") + elapsed)
            else:
                self.stdout.write(self.style.SUCCESS(" OK") + elapsed)
        elif action == "unapply_start":
            self.start = time.monotonic()
            self.stdout.write(f"  Unapplying {migration}...", ending="")
            self.stdout.flush()
            self._in_progress = True

    def _warn_unmade_changes(self, executor) -> None:
        autodetector = MigrationAutodetector(
            executor.loader.project_state(), ProjectState.from_apps(apps)
        )
        changes = autodetector.changes(graph=executor.loader.graph)
        if changes:
            self.stdout.write(
                self.style.NOTICE(
                    f"  Your models in app(s): {', '.join(repr(a) for a in sorted(changes))} "
                    f"have changes that are not yet reflected in a migration, and so won't be "
                    f"applied."
                )
            )
            self.stdout.write(
                self.style.NOTICE(
                    "  Run 'manage.py makemigrations' to make new migrations, and then re-run "
                    "'manage.py migrate' to apply them."
                )
            )

    def sync_apps(self, connection, app_labels) -> None:
        """Create the tables of apps without migrations that do not exist yet."""
        with connection.cursor() as cursor:
            tables = set(connection.introspection.table_names(cursor))
        all_models = [
            (
                app_config.label,
                router.get_migratable_models(
                    app_config, connection.alias, include_auto_created=False
                ),
            )
            for app_config in apps.get_app_configs()
            if app_config.models_module is not None and app_config.label in app_labels
        ]

        def model_installed(model):
            opts = model._meta
            return not (
                (opts.auto_created and opts.auto_created._meta.db_table in tables)
                or opts.db_table in tables
            )

        manifest = {
            app_name: [m for m in model_list if model_installed(m)]
            for app_name, model_list in all_models
        }
        if self.verbosity >= 1:
            self.stdout.write("  Creating tables...")
        with connection.schema_editor() as editor:
            for app_name, model_list in manifest.items():
                for model in model_list:
                    if not model._meta.can_migrate(connection):
                        continue
                    if self.verbosity >= 3:
                        self.stdout.write(
                            f"    Processing {app_name}.{model._meta.object_name} model"
                        )
                    if self.verbosity >= 1:
                        self.stdout.write(f"    Creating table {model._meta.db_table}")
                    editor.create_model(model)
            if self.verbosity >= 1:
                self.stdout.write("    Running deferred SQL...")
