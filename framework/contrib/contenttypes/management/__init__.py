"""Post-migrate step: ``create_contenttypes`` adds a ContentType for each new model."""

from __future__ import annotations

from typing import Any

from framework.apps import apps as global_apps
from framework.db import DEFAULT_DB_ALIAS, router


def get_contenttypes_and_models(app_config: Any, using: str, ContentType: type) -> tuple:
    """Return ``({model_name: ContentType}, {model_name: model})`` of one app."""
    if not router.allow_migrate_model(using, ContentType):
        return None, None
    ContentType.objects.clear_cache()
    content_types = {
        ct.model: ct for ct in ContentType.objects.using(using).filter(app_label=app_config.label)
    }
    app_models = {model._meta.model_name: model for model in app_config.get_models()}
    return content_types, app_models


def create_contenttypes(
    app_config: Any,
    verbosity: int = 2,
    interactive: bool = True,
    using: str = DEFAULT_DB_ALIAS,
    apps: Any = global_apps,
    **kwargs: Any,
) -> None:
    """Create the content types missing for the models of ``app_config`` (post_migrate)."""
    if not app_config.models_module:
        return
    try:
        app_config = apps.get_app_config(app_config.label)
        ContentType = apps.get_model("contenttypes", "ContentType")
    except LookupError:
        return
    content_types, app_models = get_contenttypes_and_models(app_config, using, ContentType)
    if not app_models:
        return
    missing = [
        ContentType(app_label=app_config.label, model=model_name)
        for model_name in app_models
        if model_name not in content_types
    ]
    if not missing:
        return
    ContentType.objects.using(using).bulk_create(missing)
    if verbosity >= 2:
        for ct in missing:
            print(f"Adding content type '{ct.app_label} | {ct.model}'")
