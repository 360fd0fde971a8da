"""``manage.py optimizemigration app_label migration_name``: rewrite a migration, optimized."""

from __future__ import annotations

import sys
from typing import Any

from framework.apps import apps
from framework.core.management.base import BaseCommand, CommandError, CommandParser
from framework.db.migrations.exceptions import AmbiguityError
from framework.db.migrations.loader import MigrationLoader
from framework.db.migrations.optimizer import MigrationOptimizer
from framework.db.migrations.writer import MigrationWriter


class Command(BaseCommand):
    help = "Optimizes the operations for the named migration."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "app_label", help="App label of the application to optimize the migration for."
        )
        parser.add_argument("migration_name", help="Migration name to optimize the operations for.")
        parser.add_argument(
            "--check",
            action="store_true",
            help="Exit with a non-zero status if the migration can be optimized.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        verbosity = options["verbosity"]
        app_label = options["app_label"]
        migration_name = options["migration_name"]
        check = options["check"]
        try:
            apps.get_app_config(app_label)
        except LookupError as err:
            raise CommandError(str(err)) from None
        loader = MigrationLoader(None)
        if app_label not in loader.migrated_apps:
            raise CommandError(f"App '{app_label}' does not have migrations.")
        try:
            migration = loader.get_migration_by_prefix(app_label, migration_name)
        except AmbiguityError:
            raise CommandError(
                f"More than one migration matches '{migration_name}' in app '{app_label}'. "
                f"Please be more specific."
            ) from None
        except KeyError:
            raise CommandError(
                f"Cannot find a migration matching '{migration_name}' from app '{app_label}'."
            ) from None
        optimizer = MigrationOptimizer()
        new_operations = optimizer.optimize(migration.operations, migration.app_label)
        if len(migration.operations) == len(new_operations):
            if verbosity > 0:
                self.stdout.write("No optimizations possible.")
            return
        if verbosity > 0:
            self.stdout.write(
                f"Optimizing from {len(migration.operations)} operations to "
                f"{len(new_operations)} operations."
            )
        if check:
            sys.exit(1)
        migration.operations = new_operations
        writer = MigrationWriter(migration)
        with open(writer.path, "w", encoding="utf-8") as fh:
            fh.write(writer.as_string())
        if verbosity > 0:
            self.stdout.write(self.style.MIGRATE_HEADING(f"Optimized migration {writer.path}"))
