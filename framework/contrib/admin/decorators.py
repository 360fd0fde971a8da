"""``@admin.register``, ``@admin.display`` and ``@admin.action``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def action(
    function: Callable | None = None,
    *,
    permissions: Any = None,
    description: str | None = None,
) -> Any:
    """Mark a function as an admin action: set ``allowed_permissions`` and ``short_description``."""

    def decorator(func: Callable) -> Callable:
        if permissions is not None:
            func.allowed_permissions = permissions
        if description is not None:
            func.short_description = description
        return func

    return decorator if function is None else decorator(function)


def display(
    function: Callable | None = None,
    *,
    boolean: bool | None = None,
    ordering: Any = None,
    description: str | None = None,
    empty_value: str | None = None,
) -> Any:
    """Set display attributes (``boolean``, ``admin_order_field``, ``short_description``...)."""

    def decorator(func: Callable) -> Callable:
        if boolean is not None and empty_value is not None:
            raise ValueError(
                "The boolean and empty_value arguments to the @display decorator are "
                "mutually exclusive: pass only one of them."
            )
        if boolean is not None:
            func.boolean = boolean
        if ordering is not None:
            func.admin_order_field = ordering
        if description is not None:
            func.short_description = description
        if empty_value is not None:
            func.empty_value_display = empty_value
        return func

    return decorator if function is None else decorator(function)


def register(*models: type, site: Any = None) -> Callable:
    """Register the decorated ModelAdmin class for ``models`` on ``site`` (default admin.site)."""
    from framework.contrib.admin.options import ModelAdmin
    from framework.contrib.admin.sites import AdminSite
    from framework.contrib.admin.sites import site as default_site

    def wrapper(admin_class: type) -> type:
        if not models:
            raise ValueError("At least one model must be passed to register.")
        admin_site = site or default_site
        if not isinstance(admin_site, AdminSite):
            raise ValueError(f"site must subclass AdminSite, got {admin_site!r}.")
        if not issubclass(admin_class, ModelAdmin):
            raise ValueError(
                f"Wrapped class must subclass ModelAdmin, got {admin_class.__name__!r}."
            )
        admin_site.register(models, admin_class=admin_class)
        return admin_class

    return wrapper
