"""Checks of one ModelAdmin's options (a subset of Django's admin.E0xx/E1xx ids)."""

from __future__ import annotations

from typing import Any

from framework.core import checks
from framework.core.exceptions import FieldDoesNotExist


def _error(admin: Any, msg: str, code: str) -> Any:
    return checks.Error(msg, obj=admin.__class__, id=code)


def check_model_admin(admin: Any) -> list:
    """Errors in ``list_display``, ``list_display_links``, ``search_fields``, ``ordering``."""
    errors: list = []
    model = getattr(admin, "model", None)
    if model is None:
        return errors
    opts = model._meta
    for index, item in enumerate(getattr(admin, "list_display", ()) or ()):
        if callable(item) or item == "__str__" or hasattr(admin, item) or hasattr(model, item):
            continue
        try:
            field = opts.get_field(item)
        except FieldDoesNotExist:
            errors.append(
                _error(
                    admin,
                    f"The value of 'list_display[{index}]' refers to {item!r}, which is not a "
                    f"callable or attribute of {admin.__class__.__name__!r}, or an attribute, "
                    f"method, or field on {opts.label!r}.",
                    "admin.E108",
                )
            )
            continue
        if getattr(field, "many_to_many", False) or getattr(field, "one_to_many", False):
            errors.append(
                _error(
                    admin,
                    f"The value of 'list_display[{index}]' must not be a many-to-many field or "
                    "a reverse foreign key.",
                    "admin.E109",
                )
            )
    links = getattr(admin, "list_display_links", ()) or ()
    if links:
        for index, item in enumerate(links):
            if item not in admin.list_display:
                errors.append(
                    _error(
                        admin,
                        f"The value of 'list_display_links[{index}]' refers to {item!r}, which "
                        "is not defined in 'list_display'.",
                        "admin.E111",
                    )
                )
    for index, item in enumerate(getattr(admin, "list_editable", ()) or ()):
        if item not in admin.list_display:
            errors.append(
                _error(
                    admin,
                    f"The value of 'list_editable[{index}]' refers to {item!r}, which is not "
                    "contained in 'list_display'.",
                    "admin.E122",
                )
            )
    for index, item in enumerate(getattr(admin, "ordering", None) or ()):
        name = item.lstrip("-")
        if name in ("?", "pk") or "__" in name or hasattr(item, "resolve_expression"):
            continue
        try:
            opts.get_field(name)
        except FieldDoesNotExist:
            errors.append(
                _error(
                    admin,
                    f"The value of 'ordering[{index}]' refers to {name!r}, which is not a field "
                    f"of {opts.label!r}.",
                    "admin.E033",
                )
            )
    return errors
