"""System checks of the user model (Django's ids auth.E001-E003, auth.W004)."""

from __future__ import annotations

from typing import Any

from framework.apps import apps
from framework.conf import settings
from framework.core import checks


def check_user_model(app_configs: Any = None, **kwargs: Any) -> list:
    """REQUIRED_FIELDS is a list without USERNAME_FIELD, which must be unique."""
    if app_configs is None:
        try:
            cls = apps.get_model(settings.AUTH_USER_MODEL)
        except LookupError:
            # The registry changed since auth's ready() (tests swapping INSTALLED_APPS).
            return []
    else:
        app_label, model_name = settings.AUTH_USER_MODEL.split(".")
        for app_config in app_configs:
            if app_config.label == app_label:
                cls = app_config.get_model(model_name)
                break
        else:
            return []
    errors = []
    if not isinstance(cls.REQUIRED_FIELDS, (list, tuple)):
        errors.append(
            checks.Error(
                "'REQUIRED_FIELDS' must be a list or tuple.",
                obj=cls,
                id="auth.E001",
            )
        )
    if cls.USERNAME_FIELD in cls.REQUIRED_FIELDS:
        errors.append(
            checks.Error(
                "The field named as the 'USERNAME_FIELD' for a custom user model must not be "
                "included in 'REQUIRED_FIELDS'.",
                hint=(
                    f"The 'USERNAME_FIELD' is currently set to '{cls.USERNAME_FIELD}', you "
                    f"should remove '{cls.USERNAME_FIELD}' from the 'REQUIRED_FIELDS'."
                ),
                obj=cls,
                id="auth.E002",
            )
        )
    username_field = cls._meta.get_field(cls.USERNAME_FIELD)
    if not username_field.unique and not any(
        constraint.fields == (cls.USERNAME_FIELD,)
        for constraint in cls._meta.total_unique_constraints
    ):
        if settings.AUTHENTICATION_BACKENDS == ["framework.contrib.auth.backends.ModelBackend"]:
            errors.append(
                checks.Error(
                    f"'{cls._meta.object_name}.{cls.USERNAME_FIELD}' must be unique because it "
                    f"is named as the 'USERNAME_FIELD'.",
                    obj=cls,
                    id="auth.E003",
                )
            )
        else:
            errors.append(
                checks.Warning(
                    f"'{cls._meta.object_name}.{cls.USERNAME_FIELD}' is named as the "
                    f"'USERNAME_FIELD', but it is not unique.",
                    hint="Ensure that your authentication backend(s) can handle non-unique "
                    "usernames.",
                    obj=cls,
                    id="auth.W004",
                )
            )
    return errors


def register_checks() -> None:
    """Register the checks (called from the app's ``ready()``; idempotent)."""
    checks.register(check_user_model, checks.Tags.models)
