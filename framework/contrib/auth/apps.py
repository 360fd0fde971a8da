"""The auth application's configuration: signal wiring done once at start-up."""

from __future__ import annotations

from framework.apps import AppConfig
from framework.db.models.signals import post_delete, post_migrate


class AuthConfig(AppConfig):
    """``framework.contrib.auth``: users, groups, permissions, object permissions."""

    name = "framework.contrib.auth"
    label = "auth"
    verbose_name = "Authentication and Authorization"
    default_auto_field = "framework.db.models.AutoField"

    def ready(self) -> None:
        from framework.contrib.auth.api import get_user_model
        from framework.contrib.auth.checks import register_checks
        from framework.contrib.auth.management import create_permissions
        from framework.contrib.auth.models import update_last_login
        from framework.contrib.auth.object_grants import delete_object_grants
        from framework.contrib.auth.signals import user_logged_in

        register_checks()
        post_migrate.connect(create_permissions, dispatch_uid="framework.auth.create_permissions")
        post_delete.connect(
            delete_object_grants, weak=False, dispatch_uid="framework.auth.delete_object_grants"
        )
        last_login_field = getattr(get_user_model(), "last_login", None)
        # Custom user models without last_login do not get it updated.
        if last_login_field is not None:
            user_logged_in.connect(update_last_login, dispatch_uid="update_last_login")
