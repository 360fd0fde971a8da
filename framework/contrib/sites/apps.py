"""The sites application's configuration."""

from __future__ import annotations

from framework.apps import AppConfig
from framework.db.models.signals import post_delete, post_migrate, pre_delete, pre_save


class SitesConfig(AppConfig):
    """``framework.contrib.sites``: creates the default site after ``migrate``."""

    name = "framework.contrib.sites"
    label = "sites"
    verbose_name = "Sites"
    default_auto_field = "framework.db.models.AutoField"

    def ready(self) -> None:
        from framework.contrib.sites.management import create_default_site
        from framework.contrib.sites.models import Site, clear_site_cache

        post_migrate.connect(create_default_site, sender=self)
        pre_save.connect(clear_site_cache, sender=Site)
        pre_delete.connect(clear_site_cache, sender=Site)
        post_delete.connect(clear_site_cache, sender=Site)
