"""``manage.py createcachetable``: create the tables of the database cache backends."""

from __future__ import annotations

from typing import Any

from framework.conf import settings
from framework.core.cache import caches
from framework.core.cache.backends.db import DatabaseCache, create_cache_table_sql
from framework.core.management.base import BaseCommand, CommandError, CommandParser
from framework.db import DEFAULT_DB_ALIAS, DatabaseError, connections, router, transaction


class Command(BaseCommand):
    help = "Creates the tables needed to use the SQL cache backend."

    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "args",
            metavar="table_name",
            nargs="*",
            help="Optional table names. Otherwise, settings.CACHES is used to find cache tables.",
        )
        parser.add_argument(
            "--database",
            default=DEFAULT_DB_ALIAS,
            help="Nominates a database onto which the cache tables will be installed. "
            'Defaults to the "default" database.',
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Does not create the table, just prints the SQL."
        )

    def handle(self, *tablenames: str, **options: Any) -> None:
        self.verbosity = options.get("verbosity", 1)
        db = options["database"]
        dry_run = options["dry_run"]
        if tablenames:
            for tablename in tablenames:
                self.create_table(db, tablename, dry_run)
            return
        for alias in settings.CACHES:
            cache = caches[alias]
            if isinstance(cache, DatabaseCache):
                self.create_table(db, cache._table, dry_run)

    def create_table(self, database: str, tablename: str, dry_run: bool) -> None:
        """Create ``tablename`` on ``database`` unless it exists or routers forbid it."""
        cache = DatabaseCache(tablename, {})
        if not router.allow_migrate_model(database, cache.cache_model_class):
            return
        connection = connections[database]
        if tablename in connection.introspection.table_names():
            if self.verbosity > 0:
                self.stdout.write(f"Cache table '{tablename}' already exists.")
            return
        statements = create_cache_table_sql(connection, tablename)
        if dry_run:
            for statement in statements:
                self.stdout.write(statement + ";")
            return
        with transaction.atomic(using=database, savepoint=connection.features.can_rollback_ddl):
            with connection.cursor() as cursor:
                for statement in statements:
                    try:
                        cursor.execute(statement)
                    except DatabaseError as exc:
                        raise CommandError(
                            f"Cache table '{tablename}' could not be created.\n"
                            f"The error was: {exc}."
                        ) from exc
        if self.verbosity > 1:
            self.stdout.write(f"Cache table '{tablename}' created.")
