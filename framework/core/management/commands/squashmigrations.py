"""``manage.py squashmigrations app_label [start] migration_name``: fold migrations into one."""

from __future__ import annotations

from typing import Any

from framework.apps import apps
from framework.conf import settings
from framework.core.management.base import BaseCommand, CommandError, CommandParser
from framework.db import DEFAULT_DB_ALIAS, connections
from framework.db.migrations.exceptions import AmbiguityError
from framework.db.migrations.loader import MigrationLoader
from framework.db.migrations.migration import Migration, SwappableTuple
from framework.db.migrations.optimizer import MigrationOptimizer
from framework.db.migrations.writer import MigrationWriter


class Command(BaseCommand):
    help = (
        "Squashes an existing set of migrations (from first until specified) into a single new one."
    )
    requires_system_checks: list[str] = []

    #: Answers the confirmation prompt (tests and tools may set a callable).
    prompt_input: Any = None

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "app_label", help="App label of the application to squash migrations for."
        )
        parser.add_argument(
            "start_migration_name",
            nargs="?",
            help="Migrations will be squashed starting from and including this migration.",
        )
        parser.add_argument(
            "migration_name",
            help="Migrations will be squashed until and including this migration.",
        )
        parser.add_argument(
            "--no-optimize",
            action="store_true",
            help="Do not try to optimize the squashed operations.",
        )
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="Tells the framework to NOT prompt the user for input of any kind.",
        )
        parser.add_argument("--squashed-name", help="Sets the name of the new squashed migration.")
        parser.add_argument(
            "--no-header",
            action="store_false",
            dest="include_header",
            help="Do not add a header comment to the new squashed migration.",
        )

    def handle(self, **options: Any) -> None:
        self.verbosity = options["verbosity"]
        self.interactive = options["interactive"]
        app_label = options["app_label"]
        start_migration_name = options["start_migration_name"]
        migration_name = options["migration_name"]
        no_optimize = options["no_optimize"]
        squashed_name = options["squashed_name"]
        include_header = options["include_header"]
        try:
            apps.get_app_config(app_label)
        except LookupError as err:
            raise CommandError(str(err)) from None
        loader = MigrationLoader(connections[DEFAULT_DB_ALIAS])
        if app_label not in loader.migrated_apps:
            raise CommandError(
                f"App '{app_label}' does not have migrations (so squashmigrations on it makes "
                f"no sense)"
            )
        migration = self.find_migration(loader, app_label, migration_name)
        migrations_to_squash = [
            loader.get_migration(al, mn)
            for al, mn in loader.graph.forwards_plan((migration.app_label, migration.name))
            if al == migration.app_label
        ]
        if start_migration_name:
            start_migration = self.find_migration(loader, app_label, start_migration_name)
            start = loader.get_migration(start_migration.app_label, start_migration.name)
            try:
                start_index = migrations_to_squash.index(start)
                migrations_to_squash = migrations_to_squash[start_index:]
            except ValueError:
                raise CommandError(
                    f"The migration '{start_migration}' cannot be found. Maybe it comes after "
                    f"the migration '{migration}'?\nHave a look at:\n  python manage.py "
                    f"showmigrations {app_label}\nto debug this issue."
                ) from None
        if self.verbosity > 0 or self.interactive:
            self.stdout.write(self.style.MIGRATE_HEADING("Will squash the following migrations:"))
            for migration_to_squash in migrations_to_squash:
                self.stdout.write(f" - {migration_to_squash.name}")
        if self.interactive:
            answer = None
            ask = self.prompt_input or input
            while not answer or answer not in "yn":
                answer = ask("Do you wish to proceed? [y/N] ")
                if not answer:
                    answer = "n"
                    break
                answer = answer[0].lower()
            if answer != "y":
                return

        operations = []
        dependencies = set()
        first_migration = True
        for smigration in migrations_to_squash:
            if smigration.replaces:
                raise CommandError(
                    "You cannot squash squashed migrations! Please transition it to a normal "
                    "migration first"
                )
            operations.extend(smigration.operations)
            for dependency in smigration.dependencies:
                if isinstance(dependency, SwappableTuple):
                    if settings.AUTH_USER_MODEL == dependency.setting:
                        dependencies.add(("__setting__", "AUTH_USER_MODEL"))
                    else:
                        dependencies.add(dependency)
                elif dependency[0] != smigration.app_label or first_migration:
                    dependencies.add(dependency)
            first_migration = False

        if no_optimize:
            if self.verbosity > 0:
                self.stdout.write(self.style.MIGRATE_HEADING("(Skipping optimization.)"))
            new_operations = operations
        else:
            if self.verbosity > 0:
                self.stdout.write(self.style.MIGRATE_HEADING("Optimizing..."))
            new_operations = MigrationOptimizer().optimize(operations, migration.app_label)
            if self.verbosity > 0:
                if len(new_operations) == len(operations):
                    self.stdout.write("  No optimizations possible.")
                else:
                    self.stdout.write(
                        f"  Optimized from {len(operations)} operations to "
                        f"{len(new_operations)} operations."
                    )

        replaces = []
        for migration_to_squash in migrations_to_squash:
            if migration_to_squash.replaces:
                replaces.extend(migration_to_squash.replaces)
            else:
                replaces.append((migration_to_squash.app_label, migration_to_squash.name))

        if start_migration_name:
            if squashed_name:
                name = f"{migrations_to_squash[0].name.split('_', 1)[0]}_{squashed_name}"
            else:
                name = f"{migrations_to_squash[0].name}_squashed_{migration.name}"
        elif squashed_name:
            name = f"0001_{squashed_name}"
        else:
            name = f"0001_squashed_{migration.name}"
        new_migration = Migration(name, app_label)
        new_migration.dependencies = sorted(dependencies, key=lambda d: (d[0], str(d[1])))
        new_migration.operations = new_operations
        new_migration.replaces = replaces
        new_migration.initial = not start_migration_name
        writer = MigrationWriter(new_migration, include_header)
        with open(writer.path, "w", encoding="utf-8") as fh:
            fh.write(writer.as_string())
        if self.verbosity > 0:
            self.stdout.write(
                self.style.MIGRATE_HEADING(f"Created new squashed migration {writer.path}")
                + "\n  You should commit this migration but leave the old ones in place;\n"
                "  the new migration will be used for new installs. Once you are sure\n"
                "  all instances of the codebase have applied the migrations you squashed,\n"
                "  you can delete them."
            )

    def find_migration(self, loader: MigrationLoader, app_label: str, name: str) -> Any:
        try:
            return loader.get_migration_by_prefix(app_label, name)
        except AmbiguityError:
            raise CommandError(
                f"More than one migration matches '{name}' in app '{app_label}'. Please be more "
                f"specific."
            ) from None
        except KeyError:
            raise CommandError(
                f"Cannot find a migration matching '{name}' from app '{app_label}'."
            ) from None
