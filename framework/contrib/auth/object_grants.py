"""Removing object grants when their object is deleted (a ``post_delete`` receiver)."""

from __future__ import annotations

from typing import Any

from framework.apps import apps as global_apps

# Models whose deletion never carries grants: the grant tables themselves and the
# models they point at through foreign keys (those cascade in the database anyway).
_SKIPPED = frozenset(
    {
        ("auth", "userobjectpermission"),
        ("auth", "groupobjectpermission"),
        ("auth", "permission"),
        ("contenttypes", "contenttype"),
        ("sessions", "session"),
    }
)


def delete_object_grants(sender: type, instance: Any, using: str, **kwargs: Any) -> None:
    """Delete the user and group grants on ``instance``: one DELETE per table, no SELECT."""
    opts = sender._meta
    if (opts.app_label, opts.model_name) in _SKIPPED or opts.auto_created or instance.pk is None:
        return
    # Models of other registries (historical models in migrations, the migration
    # recorder) have no content type; neither has anything while auth is not installed.
    if opts.apps is not global_apps or not global_apps.is_installed("framework.contrib.auth"):
        return
    from framework.contrib.auth.models import GroupObjectPermission, UserObjectPermission
    from framework.contrib.contenttypes.models import ContentType

    concrete = opts.concrete_model._meta
    try:
        # Cached per process: a deletion costs the two DELETEs only.
        ct = ContentType.objects.db_manager(using).get_by_natural_key(
            concrete.app_label, concrete.model_name
        )
    except ContentType.DoesNotExist:
        return
    object_pk = str(instance.pk)
    for model in (UserObjectPermission, GroupObjectPermission):
        model._base_manager.using(using).filter(content_type=ct, object_pk=object_pk)._raw_delete(
            using
        )
