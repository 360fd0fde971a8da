"""System checks of the admin (Django's ids): configuration errors found at start-up."""

from __future__ import annotations

from typing import Any

from framework.core import checks

_registered = False


def check_dependencies(app_configs: Any = None, **kwargs: Any) -> list:
    """admin.E401-E410: the apps, middleware and templates the admin relies on."""
    from framework.apps import apps
    from framework.conf import settings

    if not apps.is_installed("framework.contrib.admin"):
        return []
    errors = []
    for app, code in (
        ("framework.contrib.contenttypes", "admin.E401"),
        ("framework.contrib.auth", "admin.E405"),
        ("framework.contrib.messages", "admin.E406"),
    ):
        if not apps.is_installed(app):
            errors.append(
                checks.Error(
                    f"'{app}' must be in INSTALLED_APPS in order to use the admin application.",
                    id=code,
                )
            )
    middleware = list(settings.MIDDLEWARE)
    for path, code in (
        ("framework.contrib.auth.middleware.AuthenticationMiddleware", "admin.E408"),
        ("framework.contrib.messages.middleware.MessageMiddleware", "admin.E409"),
        ("framework.contrib.sessions.middleware.SessionMiddleware", "admin.E410"),
    ):
        if path not in middleware:
            errors.append(
                checks.Error(
                    f"'{path}' must be in MIDDLEWARE in order to use the admin application.",
                    id=code,
                )
            )
    return errors


def check_admin_app(app_configs: Any = None, **kwargs: Any) -> list:
    """Run every registered ModelAdmin's own checks (``ModelAdmin.check()``)."""
    from framework.apps import apps
    from framework.contrib.admin.sites import all_sites

    if not apps.is_installed("framework.contrib.admin"):
        return []
    errors = []
    for site in all_sites:
        errors.extend(site.check(app_configs))
    return errors


def register_checks() -> None:
    """Register the admin's checks once per process."""
    global _registered
    if _registered:
        return
    _registered = True
    checks.register(check_dependencies, checks.Tags.admin)
    checks.register(check_admin_app, checks.Tags.admin)


def unregister_checks() -> None:
    """Remove the admin's checks from the registry (test suites that uninstall the admin)."""
    global _registered
    for check in (check_dependencies, check_admin_app):
        checks.registry.registered_checks.discard(check)
    _registered = False
