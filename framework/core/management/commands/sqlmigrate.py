"""``manage.py sqlmigrate app_label migration_name``: print a migration's SQL."""

from __future__ import annotations

from typing import Any

from framework.apps import apps
from framework.core.management.base import BaseCommand, CommandError, CommandParser
from framework.db import DEFAULT_DB_ALIAS, connections
from framework.db.migrations.exceptions import AmbiguityError
from framework.db.migrations.loader import MigrationLoader


class Command(BaseCommand):
    help = "Prints the SQL statements for the named migration."
    output_transaction = True
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "app_label", help="App label of the application containing the migration."
        )
        parser.add_argument("migration_name", help="Migration name to print the SQL for.")
        parser.add_argument(
            "--database",
            default=DEFAULT_DB_ALIAS,
            help='Nominates a database to create SQL for. Defaults to the "default" database.',
        )
        parser.add_argument(
            "--backwards",
            action="store_true",
            help="Creates SQL to unapply the migration, rather than to apply it",
        )

    def execute(self, *args: Any, **options: Any) -> str | None:
        # sqlmigrate doesn't support coloring its output, but we need to force
        # no_color=True so that the BEGIN/COMMIT statements added by
        # output_transaction don't get colored either.
        options["no_color"] = True
        return super().execute(*args, **options)

    def handle(self, *args: Any, **options: Any) -> str:
        connection = connections[options["database"]]
        loader = MigrationLoader(connection, replace_migrations=False)
        app_label, migration_name = options["app_label"], options["migration_name"]
        try:
            apps.get_app_config(app_label)
        except LookupError as err:
            raise CommandError(str(err)) from None
        if app_label not in loader.migrated_apps:
            raise CommandError(f"App '{app_label}' does not have migrations")
        try:
            migration = loader.get_migration_by_prefix(app_label, migration_name)
        except AmbiguityError:
            raise CommandError(
                f"More than one migration matches '{migration_name}' in app '{app_label}'. "
                f"Please be more specific."
            ) from None
        except KeyError:
            raise CommandError(
                f"Cannot find a migration matching '{migration_name}' from app '{app_label}'. "
                f"Is it in INSTALLED_APPS?"
            ) from None
        target = (app_label, migration.name)
        self.output_transaction = migration.atomic and connection.features.can_rollback_ddl
        plan = [(loader.graph.nodes[target], options["backwards"])]
        sql_statements = loader.collect_sql(plan)
        if not sql_statements and options["verbosity"] >= 1:
            self.stderr.write("No operations found.")
        return "\n".join(sql_statements)
