"""The admin application's configuration: ``autodiscover()`` of ``<app>/admin.py`` at start-up."""

from __future__ import annotations

from framework.apps import AppConfig


class SimpleAdminConfig(AppConfig):
    """The admin without autodiscovery (Django's ``SimpleAdminConfig``)."""

    name = "framework.contrib.admin"
    label = "admin"
    verbose_name = "Administration"
    default_auto_field = "framework.db.models.AutoField"
    default_site = "framework.contrib.admin.sites.AdminSite"

    def ready(self) -> None:
        from framework.contrib.admin.checks import register_checks

        register_checks()


class AdminConfig(SimpleAdminConfig):
    """The default admin configuration: imports every installed app's ``admin`` module."""

    default = True

    def ready(self) -> None:
        super().ready()
        self.module.autodiscover()
        from framework.contrib.admin.useradmin import register_auth_admins

        register_auth_admins(self.module.site)
