"""``manage.py loaddata fixture [fixture ...]``: install fixtures into the database."""

from __future__ import annotations

import gzip
import os
from typing import Any

from framework.apps import apps
from framework.conf import settings
from framework.core import serializers
from framework.core.management.base import BaseCommand, CommandError, CommandParser
from framework.db import DEFAULT_DB_ALIAS, connections, router, transaction

_COMPRESSION = {None: open, "gz": gzip.open}


class Command(BaseCommand):
    help = "Installs the named fixture(s) in the database."
    missing_args_message = (
        "No database fixture specified. Please provide the path of at least one fixture in "
        "the command line."
    )
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("args", metavar="fixture", nargs="+", help="Fixture labels.")
        parser.add_argument(
            "--database",
            default=DEFAULT_DB_ALIAS,
            help="Nominates a specific database to load fixtures into. Defaults to the "
            '"default" database.',
        )
        parser.add_argument(
            "--app", dest="app_label", help="Only look for fixtures in the specified app."
        )
        parser.add_argument(
            "--ignorenonexistent",
            "-i",
            action="store_true",
            dest="ignore",
            help="Ignores entries in the serialized data for fields that do not currently "
            "exist on the model.",
        )
        parser.add_argument(
            "-e",
            "--exclude",
            action="append",
            default=[],
            help="An app_label or app_label.ModelName to exclude. Can be used multiple times.",
        )
        parser.add_argument("--format", help="Format of serialized data when reading from stdin.")

    def handle(self, *fixture_labels: str, **options: Any) -> None:
        self.using = options["database"]
        self.app_label = options["app_label"]
        self.verbosity = options["verbosity"]
        self.ignore = options["ignore"]
        self.format = options["format"]
        self.excluded_models, self.excluded_apps = self._excludes(options["exclude"])
        connection = connections[self.using]
        self.loaded_object_count = 0
        self.fixture_object_count = 0
        self.fixture_count = 0
        self.models: set = set()
        with transaction.atomic(using=self.using):
            with connection.constraint_checks_disabled():
                for label in fixture_labels:
                    for path, fmt, opener in self.find_fixtures(label):
                        self.load_file(path, fmt, opener)
            # Rows may reference each other in any order: check once all are in.
            table_names = [model._meta.db_table for model in self.models]
            try:
                connection.check_constraints(table_names=table_names)
            except Exception as exc:
                raise CommandError(f"Problem installing fixtures: {exc}") from exc
            if self.loaded_object_count > 0:
                sequence_sql = connection.ops.sequence_reset_sql(self.style, self.models)
                if sequence_sql:
                    with connection.cursor() as cursor:
                        for line in sequence_sql:
                            cursor.execute(line)
        if self.verbosity >= 1:
            if self.fixture_object_count == self.loaded_object_count:
                self.stdout.write(
                    f"Installed {self.loaded_object_count} object(s) from "
                    f"{self.fixture_count} fixture(s)"
                )
            else:
                self.stdout.write(
                    f"Installed {self.loaded_object_count} object(s) (of "
                    f"{self.fixture_object_count}) from {self.fixture_count} fixture(s)"
                )

    def _excludes(self, excludes: list[str]) -> tuple[set, set]:
        models, app_configs = set(), set()
        for exclude in excludes:
            if "." in exclude:
                try:
                    models.add(apps.get_model(exclude))
                except (LookupError, ValueError) as exc:
                    raise CommandError(f"Unknown model in excludes: {exclude}") from exc
            else:
                try:
                    app_configs.add(apps.get_app_config(exclude).label)
                except LookupError as exc:
                    raise CommandError(f"No installed app with label '{exclude}'.") from exc
        return models, app_configs

    @property
    def fixture_dirs(self) -> list[str]:
        """Each app's fixtures/ directory, FIXTURE_DIRS, then the current directory."""
        dirs = []
        fixture_dirs = [str(d) for d in getattr(settings, "FIXTURE_DIRS", ())]
        if len(fixture_dirs) != len(set(fixture_dirs)):
            raise CommandError("settings.FIXTURE_DIRS contains duplicates.")
        for app_config in apps.get_app_configs():
            if self.app_label and app_config.label != self.app_label:
                continue
            app_dir = os.path.join(app_config.path or "", "fixtures")
            if app_dir in fixture_dirs:
                raise CommandError(
                    f"'{app_dir}' is a default fixture directory for the '{app_config.label}' "
                    f"app and cannot be listed in settings.FIXTURE_DIRS."
                )
            if app_config.path and os.path.isdir(app_dir):
                dirs.append(app_dir)
        dirs.extend(fixture_dirs)
        dirs.append("")
        return [os.path.realpath(d) if d else d for d in dirs]

    def find_fixtures(self, fixture_label: str) -> list[tuple[str, str, Any]]:
        """(path, format, opener) of every file matching the label; CommandError if none."""
        name, fmt, compression = self.parse_name(fixture_label)
        formats = [fmt] if fmt else serializers.get_public_serializer_formats()
        compressions = [compression] if compression else list(_COMPRESSION)
        candidates = []
        if os.path.isabs(name) or os.sep in name:
            directories = [os.path.dirname(name)]
            name = os.path.basename(name)
        else:
            directories = self.fixture_dirs
        for directory in directories:
            for f in formats:
                for c in compressions:
                    filename = f"{name}.{f}" + (f".{c}" if c else "")
                    path = os.path.join(directory, filename) if directory else filename
                    if os.path.isfile(path) and path not in [p for p, _, _ in candidates]:
                        candidates.append((path, f, _COMPRESSION[c]))
        if not candidates:
            raise CommandError(f"No fixture named '{name}' found.")
        return candidates

    def parse_name(self, fixture_label: str) -> tuple[str, str | None, str | None]:
        parts = fixture_label.rsplit(".", 2)
        compression = None
        if len(parts) > 1 and parts[-1] in _COMPRESSION:
            compression = parts.pop()
        fmt = None
        if len(parts) > 1:
            if parts[-1] in serializers.get_public_serializer_formats():
                fmt = parts.pop()
            else:
                raise CommandError(
                    f"Problem installing fixture '{'.'.join(parts[:-1])}': {parts[-1]} is not a "
                    f"known serialization format."
                )
        return ".".join(parts), fmt, compression

    def load_file(self, path: str, fmt: str, opener: Any) -> None:
        if self.verbosity >= 2:
            self.stdout.write(f"Installing {fmt} fixture '{os.path.basename(path)}' from {path!r}.")
        with opener(path, "rt", encoding="utf-8") as fixture:
            self.fixture_count += 1
            objects_in_fixture = 0
            loaded_objects_in_fixture = 0
            try:
                for obj in serializers.deserialize(
                    fmt, fixture, using=self.using, ignorenonexistent=self.ignore
                ):
                    objects_in_fixture += 1
                    model = obj.object.__class__
                    if model in self.excluded_models or model._meta.app_label in self.excluded_apps:
                        continue
                    if router.allow_migrate_model(self.using, model):
                        loaded_objects_in_fixture += 1
                        self.models.add(model)
                        obj.save(using=self.using)
            except Exception as exc:
                raise CommandError(f"Problem installing fixture '{path}': {exc}") from exc
        self.loaded_object_count += loaded_objects_in_fixture
        self.fixture_object_count += objects_in_fixture
        if objects_in_fixture == 0:
            import warnings

            warnings.warn(
                f"No fixture data found for '{os.path.basename(path)}'. (File format may be invalid.)",
                RuntimeWarning,
                stacklevel=2,
            )
