"""``manage.py makemigrations [app_label ...]``: write migrations for model changes."""

from __future__ import annotations

import os
import sys
from itertools import takewhile
from typing import Any

from framework.apps import apps
from framework.core.management.base import BaseCommand, CommandError, CommandParser
from framework.db import DEFAULT_DB_ALIAS, connections, router
from framework.db.migrations.autodetector import MigrationAutodetector
from framework.db.migrations.loader import MigrationLoader
from framework.db.migrations.migration import Migration
from framework.db.migrations.questioner import (
    InteractiveMigrationQuestioner,
    MigrationQuestioner,
    NonInteractiveMigrationQuestioner,
)
from framework.db.migrations.recorder import MigrationRecorder
from framework.db.migrations.state import ProjectState
from framework.db.migrations.utils import get_migration_name_timestamp
from framework.db.migrations.writer import MigrationWriter


class Command(BaseCommand):
    help = "Creates new migration(s) for apps."
    requires_system_checks: list[str] = []

    #: Answers prompts (tests and tools may set a callable returning one line).
    prompt_input: Any = None

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "args",
            metavar="app_label",
            nargs="*",
            help="Specify the app label(s) to create migrations for.",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Just show what migrations would be made; don't actually write them.",
        )
        parser.add_argument(
            "--merge", action="store_true", help="Enable fixing of migration conflicts."
        )
        parser.add_argument("--empty", action="store_true", help="Create an empty migration.")
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="Tells the framework to NOT prompt the user for input of any kind.",
        )
        parser.add_argument("-n", "--name", help="Use this name for migration file(s).")
        parser.add_argument(
            "--no-header",
            action="store_false",
            dest="include_header",
            help="Do not add header comments to new migration file(s).",
        )
        parser.add_argument(
            "--check",
            action="store_true",
            dest="check_changes",
            help="Exit with a non-zero status if model changes are missing migrations and don't "
            "actually write them.",
        )
        parser.add_argument(
            "--scriptable",
            action="store_true",
            dest="scriptable",
            help="Divert log output and input prompts to stderr, writing only paths of "
            "generated migration files to stdout.",
        )

    @property
    def log_output(self):
        return self.stderr if self.scriptable else self.stdout

    def log(self, msg: str) -> None:
        self.log_output.write(msg)

    def handle(self, *app_labels: str, **options: Any) -> None:
        self.written_files: list[str] = []
        self.verbosity = options["verbosity"]
        self.interactive = options["interactive"]
        self.dry_run = options["dry_run"]
        self.merge = options["merge"]
        self.empty = options["empty"]
        self.migration_name = options["name"]
        if self.migration_name and not self.migration_name.isidentifier():
            raise CommandError("The migration name must be a valid Python identifier.")
        self.include_header = options["include_header"]
        check_changes = options["check_changes"]
        self.scriptable = options["scriptable"]
        if check_changes:
            self.dry_run = True

        app_labels = set(app_labels)
        has_bad_labels = False
        for app_label in app_labels:
            try:
                apps.get_app_config(app_label)
            except LookupError as err:
                self.stderr.write(str(err))
                has_bad_labels = True
        if has_bad_labels:
            sys.exit(2)

        loader = MigrationLoader(None, ignore_no_migrations=True)
        self._check_consistent_history(loader)

        conflicts = loader.detect_conflicts()
        if app_labels:
            conflicts = {app: names for app, names in conflicts.items() if app in app_labels}
        if conflicts and not self.merge:
            name_str = "; ".join(f"{', '.join(names)} in {app}" for app, names in conflicts.items())
            raise CommandError(
                "Conflicting migrations detected; multiple leaf nodes in the migration graph: "
                f"({name_str}).\nTo fix them run 'python manage.py makemigrations --merge'"
            )
        if self.merge and not conflicts:
            self.log("No conflicts detected to merge.")
            return
        if self.merge and conflicts:
            return self.handle_merge(loader, conflicts)

        if self.interactive:
            questioner: MigrationQuestioner = InteractiveMigrationQuestioner(
                specified_apps=app_labels,
                dry_run=self.dry_run,
                prompt_output=self.log_output,
                prompt_input=self.prompt_input,
            )
        else:
            questioner = NonInteractiveMigrationQuestioner(
                specified_apps=app_labels,
                dry_run=self.dry_run,
                verbosity=self.verbosity,
                log=self.log,
            )
        autodetector = MigrationAutodetector(
            loader.project_state(), ProjectState.from_apps(apps), questioner
        )

        if self.empty:
            if not app_labels:
                raise CommandError("You must supply at least one app label when using --empty.")
            changes = self._empty_migrations(loader, app_labels)
            self.write_migration_files(changes)
            return

        changes = autodetector.changes(
            graph=loader.graph,
            trim_to_apps=app_labels or None,
            convert_apps=app_labels or None,
            migration_name=self.migration_name,
        )
        if not changes:
            if self.verbosity >= 1:
                if app_labels:
                    if len(app_labels) == 1:
                        self.log(f"No changes detected in app '{app_labels.pop()}'")
                    else:
                        self.log(f"No changes detected in apps '{', '.join(sorted(app_labels))}'")
                else:
                    self.log("No changes detected")
            return
        self.write_migration_files(changes)
        if check_changes:
            sys.exit(1)

    def _check_consistent_history(self, loader: MigrationLoader) -> None:
        aliases = [DEFAULT_DB_ALIAS]
        for alias in sorted(aliases):
            connection = connections[alias]
            if connection.settings_dict.get("ENGINE") == "framework.db.backends.dummy":
                continue
            if not any(
                router.allow_migrate(alias, app_label, model_name=model._meta.object_name)
                for app_label in {c.label for c in apps.get_app_configs()}
                for model in apps.get_app_config(app_label).get_models()
            ):
                continue
            try:
                if MigrationRecorder(connection).has_table():
                    loader.check_consistent_history(connection)
            except Exception as exc:
                from framework.db.migrations.exceptions import InconsistentMigrationHistory

                if isinstance(exc, InconsistentMigrationHistory):
                    raise
                import warnings

                warnings.warn(
                    f"Got an error checking a consistent migration history performed for "
                    f"database connection {alias!r}: {exc}",
                    RuntimeWarning,
                    stacklevel=2,
                )

    def _empty_migrations(self, loader: MigrationLoader, app_labels: set) -> dict:
        changes = {}
        for app_label in sorted(app_labels):
            leaves = loader.graph.leaf_nodes(app_label)
            migration = Migration("custom", app_label)
            if leaves:
                number = (MigrationAutodetector.parse_number(leaves[0][1]) or 0) + 1
                migration.dependencies = [leaves[0]]
            else:
                number = 1
                migration.initial = True
            name = self.migration_name or f"auto_{get_migration_name_timestamp()}"
            migration.name = f"{number:04d}_{name}"
            changes[app_label] = [migration]
        return changes

    def write_migration_files(self, changes: dict) -> None:
        """Write (or, with --dry-run, only describe) each new migration."""
        directory_created: dict = {}
        for app_label, app_migrations in changes.items():
            if self.verbosity >= 1:
                self.log(self.style.MIGRATE_HEADING(f"Migrations for '{app_label}':"))
            for migration in app_migrations:
                writer = MigrationWriter(migration, self.include_header)
                if self.verbosity >= 1:
                    migration_string = self._relative_path(writer.path)
                    self.log(f"  {self.style.MIGRATE_LABEL(migration_string)}")
                    for operation in migration.operations:
                        self.log(f"    - {operation.describe()}")
                    if self.scriptable:
                        self.stdout.write(migration_string)
                if not self.dry_run:
                    migrations_directory = os.path.dirname(writer.path)
                    if not directory_created.get(app_label):
                        os.makedirs(migrations_directory, exist_ok=True)
                        init_path = os.path.join(migrations_directory, "__init__.py")
                        if not os.path.isfile(init_path):
                            open(init_path, "w").close()
                        directory_created[app_label] = True
                    migration_string = writer.as_string()
                    with open(writer.path, "w", encoding="utf-8") as fh:
                        fh.write(migration_string)
                        self.written_files.append(writer.path)
                elif self.verbosity == 3:
                    self.log(
                        self.style.MIGRATE_HEADING(f"Full migrations file '{writer.filename}':")
                    )
                    self.log(writer.as_string())

    @staticmethod
    def _relative_path(path: str) -> str:
        try:
            relative = os.path.relpath(path)
        except ValueError:
            return path
        return path if relative.startswith("..") else relative

    def handle_merge(self, loader: MigrationLoader, conflicts: dict) -> None:
        """Write a merge migration depending on every leaf of each conflicting app."""
        if self.interactive:
            questioner: MigrationQuestioner = InteractiveMigrationQuestioner(
                prompt_output=self.log_output, prompt_input=self.prompt_input
            )
        else:
            questioner = MigrationQuestioner(defaults={"ask_merge": True})
        for app_label, migration_names in conflicts.items():
            merge_migrations = []
            for migration_name in migration_names:
                migration = loader.get_migration(app_label, migration_name)
                migration.ancestry = [
                    mig
                    for mig in loader.graph.forwards_plan((app_label, migration_name))
                    if mig[0] == migration.app_label
                ]
                merge_migrations.append(migration)

            def all_items_equal(seq):
                return all(item == seq[0] for item in seq[1:])

            merge_migrations_generations = zip(*(m.ancestry for m in merge_migrations))
            common_ancestor_count = sum(
                1 for _ in takewhile(all_items_equal, merge_migrations_generations)
            )
            if not common_ancestor_count:
                raise ValueError(f"Could not find common ancestor of {migration_names}")
            for migration in merge_migrations:
                migration.branch = migration.ancestry[common_ancestor_count:]
                migrations_ops = (
                    loader.get_migration(node_app, node_name).operations
                    for node_app, node_name in migration.branch
                )
                migration.merged_operations = sum(migrations_ops, [])
            if self.verbosity > 0:
                self.log(self.style.MIGRATE_HEADING(f"Merging {app_label}"))
                for migration in merge_migrations:
                    self.log(self.style.MIGRATE_LABEL(f"  Branch {migration.name}"))
                    for operation in migration.merged_operations:
                        self.log(f"    - {operation.describe()}")
            if questioner.ask_merge(app_label):
                numbers = [
                    MigrationAutodetector.parse_number(migration.name) or 0
                    for migration in merge_migrations
                ]
                biggest_number = max(numbers)
                if self.migration_name:
                    name = self.migration_name
                else:
                    leaf_names = "_".join(sorted(m.name for m in merge_migrations))
                    name = (
                        f"merge_{leaf_names}"
                        if len(leaf_names) <= 47
                        else f"merge_{get_migration_name_timestamp()}"
                    )
                new_migration = Migration(f"{biggest_number + 1:04d}_{name}", app_label)
                new_migration.dependencies = [(app_label, m.name) for m in merge_migrations]
                writer = MigrationWriter(new_migration, self.include_header)
                if not self.dry_run:
                    with open(writer.path, "w", encoding="utf-8") as fh:
                        fh.write(writer.as_string())
                    self.written_files.append(writer.path)
                    if self.verbosity > 0:
                        self.log(f"\nCreated new merge migration {writer.path}")
                        if self.scriptable:
                            self.stdout.write(writer.path)
                elif self.verbosity == 3:
                    self.log(
                        self.style.MIGRATE_HEADING(
                            f"Full merge migrations file '{writer.filename}':"
                        )
                    )
                    self.log(writer.as_string())
