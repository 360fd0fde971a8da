"""``manage.py dumpdata [app_label[.ModelName] ...]``: write the database contents as a fixture."""

from __future__ import annotations

from typing import Any

from framework.apps import apps
from framework.core import serializers
from framework.core.management.base import BaseCommand, CommandError, CommandParser
from framework.db import DEFAULT_DB_ALIAS, router


class Command(BaseCommand):
    help = (
        "Output the contents of the database as a fixture of the given format (using each "
        "model's default manager unless --all is specified)."
    )
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "args",
            metavar="app_label[.ModelName]",
            nargs="*",
            help="Restricts dumped data to the specified app_label or app_label.ModelName.",
        )
        parser.add_argument(
            "--format",
            default="json",
            help="Specifies the output serialization format for fixtures.",
        )
        parser.add_argument(
            "--indent",
            type=int,
            help="Specifies the indent level to use when pretty-printing output.",
        )
        parser.add_argument(
            "--database",
            default=DEFAULT_DB_ALIAS,
            help="Nominates a specific database to dump fixtures from. Defaults to the "
            '"default" database.',
        )
        parser.add_argument(
            "-e",
            "--exclude",
            action="append",
            default=[],
            help="An app_label or app_label.ModelName to exclude (use multiple --exclude to "
            "exclude multiple apps/models).",
        )
        parser.add_argument(
            "--natural-foreign",
            action="store_true",
            dest="use_natural_foreign_keys",
            help="Use natural foreign keys if they are available.",
        )
        parser.add_argument(
            "--natural-primary",
            action="store_true",
            dest="use_natural_primary_keys",
            help="Use natural primary keys if they are available.",
        )
        parser.add_argument(
            "-a",
            "--all",
            action="store_true",
            dest="use_base_manager",
            help="Use Framework's base manager to dump all models stored in the database, "
            "including those that would otherwise be filtered or modified by a custom manager.",
        )
        parser.add_argument(
            "--pks",
            dest="primary_keys",
            help="Only dump objects with given primary keys. Accepts a comma-separated list of keys. This option only works when you specify one model.",
        )
        parser.add_argument("-o", "--output", help="Specifies file to which the output is written.")

    def handle(self, *app_labels: str, **options: Any) -> None:
        format = options["format"]
        indent = options["indent"]
        using = options["database"]
        excludes = options["exclude"]
        output = options["output"]
        pks = options["primary_keys"]
        primary_keys = [pk.strip() for pk in pks.split(",")] if pks else []
        excluded_models, excluded_apps = set(), set()
        for exclude in excludes:
            if "." in exclude:
                try:
                    excluded_models.add(apps.get_model(exclude))
                except LookupError as exc:
                    raise CommandError(f"Unknown model in excludes: {exclude}") from exc
            else:
                try:
                    excluded_apps.add(apps.get_app_config(exclude))
                except LookupError as exc:
                    raise CommandError(f"No installed app with label '{exclude}'.") from exc
        models = self._models(app_labels, excluded_apps, excluded_models)
        if primary_keys and len(models) != 1:
            raise CommandError("You can only use --pks option with one model")
        if format not in serializers.get_public_serializer_formats():
            raise CommandError(f"Unknown serialization format: {format}")

        def objects():
            for model in models:
                if model._meta.proxy:
                    continue
                if not router.allow_migrate_model(using, model):
                    continue
                manager = (
                    model._base_manager if options["use_base_manager"] else model._default_manager
                )
                queryset = manager.using(using).order_by(model._meta.pk.name)
                if primary_keys:
                    queryset = queryset.filter(pk__in=primary_keys)
                yield from queryset.iterator()

        stream = open(output, "w", encoding="utf-8") if output else None
        try:
            serializers.serialize(
                format,
                objects(),
                indent=indent,
                use_natural_foreign_keys=options["use_natural_foreign_keys"],
                use_natural_primary_keys=options["use_natural_primary_keys"],
                stream=stream or self.stdout,
            )
        except Exception as exc:
            if options.get("traceback"):
                raise
            raise CommandError(f"Unable to serialize database: {exc}") from exc
        finally:
            if stream:
                stream.close()

    def _models(self, app_labels, excluded_apps, excluded_models) -> list:
        models: list = []
        if not app_labels:
            for app_config in apps.get_app_configs():
                if app_config in excluded_apps or app_config.models_module is None:
                    continue
                models.extend(m for m in app_config.get_models() if m not in excluded_models)
            return models
        for label in app_labels:
            app_label, _, model_label = label.partition(".")
            try:
                app_config = apps.get_app_config(app_label)
            except LookupError as exc:
                raise CommandError(str(exc)) from None
            if app_config in excluded_apps:
                continue
            if model_label:
                try:
                    model = app_config.get_model(model_label)
                except LookupError:
                    raise CommandError(f"Unknown model: {app_label}.{model_label}") from None
                if model not in models and model not in excluded_models:
                    models.append(model)
            else:
                for model in app_config.get_models():
                    if model not in models and model not in excluded_models:
                        models.append(model)
        return models
