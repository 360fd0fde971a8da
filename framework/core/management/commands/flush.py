"""``manage.py flush``: empty every table of the installed models (the schema stays)."""

from __future__ import annotations

from typing import Any

from framework.core.management.base import BaseCommand, CommandError, CommandParser
from framework.core.management.sql import emit_post_migrate_signal, sql_flush
from framework.db import DEFAULT_DB_ALIAS, connections, transaction


class Command(BaseCommand):
    help = (
        "Removes ALL DATA from the database, including data added during migrations. Does not "
        'achieve a "fresh install" state.'
    )
    stealth_options = ("reset_sequences", "allow_cascade", "inhibit_post_migrate")
    requires_system_checks: list[str] = []

    #: Reads the confirmation (tests and tools may set a callable).
    prompt_input: Any = None

    def add_arguments(self, parser: CommandParser) -> None:
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
            help='Nominates a database to flush. Defaults to the "default" database.',
        )

    def handle(self, **options: Any) -> None:
        database = options["database"]
        connection = connections[database]
        verbosity = options["verbosity"]
        interactive = options["interactive"]
        reset_sequences = options.get("reset_sequences", True)
        allow_cascade = options.get("allow_cascade", False)
        inhibit_post_migrate = options.get("inhibit_post_migrate", False)
        sql_list = sql_flush(
            self.style, connection, reset_sequences=reset_sequences, allow_cascade=allow_cascade
        )
        if interactive:
            ask = self.prompt_input or input
            confirm = ask(
                "You have requested a flush of the database.\n"
                "This will IRREVERSIBLY DESTROY all data currently in the "
                f"{connection.settings_dict['NAME']!r} database,\n"
                "and return each table to an empty state.\n"
                "Are you sure you want to do this?\n\n"
                "    Type 'yes' to continue, or 'no' to cancel: "
            )
        else:
            confirm = "yes"
        if confirm != "yes":
            self.stdout.write("Flush cancelled.")
            return
        try:
            with transaction.atomic(using=database, savepoint=connection.features.can_rollback_ddl):
                with connection.cursor() as cursor:
                    for sql in sql_list:
                        cursor.execute(sql)
        except Exception as exc:
            raise CommandError(
                f"Database {connection.settings_dict['NAME']} couldn't be flushed. Possible "
                f"reasons:\n  * The database isn't running or isn't configured correctly.\n"
                f"  * At least one of the expected database tables doesn't exist.\n"
                f"  * The SQL was invalid.\nHint: Look at the output of 'manage.py sqlflush'. "
                f"That's the SQL this command wasn't able to run.\nThe error was: {exc}"
            ) from exc
        if sql_list and not inhibit_post_migrate:
            # Re-create what post_migrate handlers add (permissions, default site, ...).
            emit_post_migrate_signal(verbosity, interactive, database)
