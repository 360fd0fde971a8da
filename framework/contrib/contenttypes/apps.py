"""The contenttypes application's configuration."""

from __future__ import annotations

from framework.apps import AppConfig
from framework.db.models.signals import post_migrate


class ContentTypesConfig(AppConfig):
    """``framework.contrib.contenttypes``: creates content types after ``migrate``."""

    name = "framework.contrib.contenttypes"
    label = "contenttypes"
    verbose_name = "Content Types"
    default_auto_field = "framework.db.models.AutoField"

    def ready(self) -> None:
        from framework.contrib.contenttypes.management import create_contenttypes

        post_migrate.connect(create_contenttypes, dispatch_uid="framework.contenttypes.create")
