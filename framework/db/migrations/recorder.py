"""MigrationRecorder: the ``framework_migrations`` table of applied migrations."""

from __future__ import annotations

from typing import Any

from framework.db.migrations.exceptions import MigrationSchemaMissing
from framework.utils.functional import classproperty

TABLE_NAME = "framework_migrations"


def _now():
    import datetime

    from framework.conf import settings

    now = datetime.datetime.now(datetime.UTC)
    return now if settings.USE_TZ else now.replace(tzinfo=None)


class MigrationRecorder:
    """Read and write which migrations are applied on one connection."""

    _migration_class: Any = None

    @classproperty
    def Migration(cls):  # noqa: N802 - Django's name for the model
        """The model of the history table, built once in a private app registry."""
        if cls._migration_class is None:
            from framework.apps.registry import Apps
            from framework.db import models

            class Migration(models.Model):
                app = models.CharField(max_length=255)
                name = models.CharField(max_length=255)
                applied = models.DateTimeField(default=_now)

                class Meta:
                    apps = Apps()
                    app_label = "migrations"
                    db_table = TABLE_NAME

                def __str__(self):
                    return f"Migration {self.name} for {self.app}"

            cls._migration_class = Migration
        return cls._migration_class

    def __init__(self, connection: Any):
        self.connection = connection

    @property
    def migration_qs(self):
        return self.Migration.objects.using(self.connection.alias)

    def has_table(self) -> bool:
        """True if the history table exists."""
        with self.connection.cursor() as cursor:
            tables = self.connection.introspection.table_names(cursor)
        return TABLE_NAME in tables

    def ensure_schema(self) -> None:
        """Create the history table if it does not exist yet."""
        if self.has_table():
            return
        try:
            with self.connection.schema_editor() as editor:
                editor.create_model(self.Migration)
        except Exception as exc:
            raise MigrationSchemaMissing(
                f"Unable to create the {TABLE_NAME} table ({exc})"
            ) from exc

    def applied_migrations(self) -> dict[tuple[str, str], Any]:
        """{(app_label, name): record} of the applied migrations."""
        if self.has_table():
            return {(m.app, m.name): m for m in self.migration_qs.order_by("id")}
        return {}

    def record_applied(self, app: str, name: str) -> None:
        self.ensure_schema()
        self.migration_qs.create(app=app, name=name)

    def record_unapplied(self, app: str, name: str) -> None:
        self.ensure_schema()
        self.migration_qs.filter(app=app, name=name).delete()

    def flush(self) -> None:
        """Forget every applied migration."""
        self.migration_qs.all().delete()
