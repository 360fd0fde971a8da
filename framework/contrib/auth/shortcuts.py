"""Object permissions with django-guardian's names: grant, revoke and query per object.

``assign_perm("app.change_doc", user, doc)`` grants on one object (``obj=None``: a
global permission; a QuerySet or list: many objects at once);
``get_objects_for_user(user, "app.change_doc")`` returns a QuerySet filtered in SQL
(subqueries, one query). ``ObjectPermissionBackend`` makes ``user.has_perm(perm, obj)``
read the same rows.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from framework.contrib.auth.api import get_user_model
from framework.contrib.auth.models import (
    Group,
    GroupObjectPermission,
    Permission,
    UserObjectPermission,
)
from framework.contrib.contenttypes.models import ContentType
from framework.core.exceptions import ImproperlyConfigured
from framework.db import models
from framework.db.models.functions.comparison import Cast

__all__ = [
    "WrongAppError",
    "assign_perm",
    "get_group_perms",
    "get_groups_with_perms",
    "get_objects_for_group",
    "get_objects_for_user",
    "get_perms",
    "get_user_perms",
    "get_users_with_perms",
    "remove_perm",
]

_INTEGER_PKS = {
    "AutoField",
    "BigAutoField",
    "SmallAutoField",
    "IntegerField",
    "BigIntegerField",
    "SmallIntegerField",
    "PositiveIntegerField",
    "PositiveBigIntegerField",
    "PositiveSmallIntegerField",
}


class WrongAppError(ValueError):
    """A permission's app label does not match the object's app."""


def _is_group(user_or_group: Any) -> bool:
    if isinstance(user_or_group, Group):
        return True
    if isinstance(user_or_group, get_user_model()):
        return False
    raise TypeError(
        f"Expected a user ({get_user_model().__name__}) or a Group, got {user_or_group!r}."
    )


def _is_many(obj: Any) -> bool:
    return isinstance(obj, (models.QuerySet, list, tuple, set))


def _model_of(obj: Any) -> type:
    if isinstance(obj, models.QuerySet):
        return obj.model
    if isinstance(obj, (list, tuple, set)):
        obj = next(iter(obj), None)
        if obj is None:
            raise ValueError("Cannot assign or remove permissions on an empty list of objects.")
    return type(obj)


def _get_permission(perm: Any, model: type | None) -> Permission:
    """The Permission for ``perm`` ("app.codename", "codename" or a Permission)."""
    if isinstance(perm, Permission):
        return perm
    app_label, _, codename = perm.rpartition(".")
    if model is not None:
        ct = ContentType.objects.get_for_model(model)
        if app_label and app_label != ct.app_label:
            raise WrongAppError(
                f"The permission {perm!r} is not of the app of {model.__name__} "
                f"({ct.app_label!r}); use '{ct.app_label}.{codename}'."
            )
        try:
            return Permission.objects.get(content_type=ct, codename=codename)
        except Permission.DoesNotExist:
            raise Permission.DoesNotExist(
                f"No permission {codename!r} for {ct.app_label}.{ct.model}; was migrate run, "
                f"and is the codename right?"
            ) from None
    if not app_label:
        raise ValueError(f"A global permission needs the form 'app_label.codename', got {perm!r}.")
    try:
        return Permission.objects.get(content_type__app_label=app_label, codename=codename)
    except Permission.DoesNotExist:
        raise Permission.DoesNotExist(f"No permission {perm!r}; was migrate run?") from None


def _forget_cached_perms(user_or_group: Any) -> None:
    for name in ("_perm_cache", "_user_perm_cache", "_group_perm_cache", "_objperm_cache"):
        user_or_group.__dict__.pop(name, None)


def assign_perm(perm: Any, user_or_group: Any, obj: Any = None) -> Any:
    """Grant ``perm`` to a user or group: globally, on ``obj``, or on each of many objects.

    Returns the Permission (global), the grant row (one object) or the list of new
    grant rows (many objects; existing grants are kept, not duplicated).
    """
    is_group = _is_group(user_or_group)
    _forget_cached_perms(user_or_group)
    if obj is None:
        permission = _get_permission(perm, None)
        (user_or_group.permissions if is_group else user_or_group.user_permissions).add(permission)
        return permission
    model = _model_of(obj)
    permission = _get_permission(perm, model)
    ct = ContentType.objects.get_for_model(model)
    grant_model = GroupObjectPermission if is_group else UserObjectPermission
    owner = {"group": user_or_group} if is_group else {"user": user_or_group}
    if not _is_many(obj):
        grant, _ = grant_model.objects.get_or_create(
            permission=permission, content_type=ct, object_pk=str(obj.pk), **owner
        )
        return grant
    if isinstance(obj, models.QuerySet):
        pks = [str(pk) for pk in obj.values_list("pk", flat=True)]
    else:
        pks = [str(o.pk) for o in obj]
    existing = set(
        grant_model.objects.filter(
            permission=permission, content_type=ct, object_pk__in=pks, **owner
        ).values_list("object_pk", flat=True)
    )
    new = [
        grant_model(permission=permission, content_type=ct, object_pk=pk, **owner)
        for pk in dict.fromkeys(pks)
        if pk not in existing
    ]
    return grant_model.objects.bulk_create(new)


def remove_perm(perm: Any, user_or_group: Any, obj: Any = None) -> None:
    """Revoke ``perm`` from a user or group: globally, on ``obj``, or on many objects."""
    is_group = _is_group(user_or_group)
    _forget_cached_perms(user_or_group)
    if obj is None:
        permission = _get_permission(perm, None)
        (user_or_group.permissions if is_group else user_or_group.user_permissions).remove(
            permission
        )
        return
    model = _model_of(obj)
    permission = _get_permission(perm, model)
    grant_model = GroupObjectPermission if is_group else UserObjectPermission
    owner = {"group": user_or_group} if is_group else {"user": user_or_group}
    if isinstance(obj, models.QuerySet):
        pks = [str(pk) for pk in obj.values_list("pk", flat=True)]
    elif _is_many(obj):
        pks = [str(o.pk) for o in obj]
    else:
        pks = [str(obj.pk)]
    grant_model.objects.filter(
        permission=permission,
        content_type=ContentType.objects.get_for_model(model),
        object_pk__in=pks,
        **owner,
    ).delete()


def _grants(grant_model: type, obj: Any, **owner: Any) -> Any:
    return grant_model.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_pk=str(obj.pk), **owner
    )


def get_user_perms(user: Any, obj: Any) -> Any:
    """The codenames granted to ``user`` directly on ``obj`` (a flat values list)."""
    return (
        _grants(UserObjectPermission, obj, user=user)
        .values_list("permission__codename", flat=True)
        .order_by()
    )


def get_group_perms(user_or_group: Any, obj: Any) -> Any:
    """The codenames granted on ``obj`` to a group, or to any group of a user."""
    owner = {"group": user_or_group} if _is_group(user_or_group) else {"group__user": user_or_group}
    return (
        _grants(GroupObjectPermission, obj, **owner)
        .values_list("permission__codename", flat=True)
        .order_by()
    )


def get_perms(user_or_group: Any, obj: Any) -> list[str]:
    """Every codename the user (directly or through groups) or group has on ``obj``.

    An active superuser gets every permission of the object's model.
    """
    if _is_group(user_or_group):
        return sorted(set(get_group_perms(user_or_group, obj)))
    user = user_or_group
    if not user.is_active:
        return []
    if user.is_superuser:
        ct = ContentType.objects.get_for_model(obj)
        return sorted(Permission.objects.filter(content_type=ct).values_list("codename", flat=True))
    return sorted({*get_user_perms(user, obj), *get_group_perms(user, obj)})


def _parse_perms(perms: Any, klass: Any) -> tuple[Any, ContentType, list[str]]:
    """(queryset, content type, codenames) for the perms and klass arguments."""
    if isinstance(perms, str):
        perms = [perms]
    perms = list(perms)
    app_labels = set()
    codenames = []
    for perm in perms:
        app_label, _, codename = perm.rpartition(".")
        if app_label:
            app_labels.add(app_label)
        codenames.append(codename)
    if len(app_labels) > 1:
        raise WrongAppError(
            f"Given perms must have the same app label, got {sorted(app_labels)!r}."
        )
    if klass is None:
        if not app_labels:
            raise WrongAppError(
                f"Cannot tell the model of {perms!r}: pass klass or use 'app_label.codename'."
            )
        cts = set(
            Permission.objects.filter(
                content_type__app_label=next(iter(app_labels)), codename__in=codenames
            ).values_list("content_type", flat=True)
        )
        if len(cts) != 1:
            raise WrongAppError(
                f"Cannot tell the model of {perms!r} (they match {len(cts)} models): pass klass."
            )
        ct = ContentType.objects.get_for_id(next(iter(cts)))
        queryset = ct.model_class()._default_manager.all()
    else:
        if isinstance(klass, models.QuerySet):
            queryset = klass
        elif isinstance(klass, models.Manager):
            queryset = klass.all()
        elif isinstance(klass, type) and issubclass(klass, models.Model):
            queryset = klass._default_manager.all()
        else:
            raise ImproperlyConfigured(
                f"klass must be a model, a manager or a QuerySet, got {klass!r}."
            )
        ct = ContentType.objects.get_for_model(queryset.model)
        if app_labels and app_labels != {ct.app_label}:
            raise WrongAppError(
                f"The perms {perms!r} are not of the app of {queryset.model.__name__} "
                f"({ct.app_label!r})."
            )
    return queryset, ct, list(dict.fromkeys(codenames))


class _UUIDText(Cast):
    """``object_pk`` (a UUID's canonical text) as the stored form of a UUIDField."""

    def as_sqlite(self, compiler: Any, connection: Any, **extra_context: Any) -> Any:
        # SQLite stores UUIDs as 32 hex digits, without the dashes of str(uuid).
        return self.as_sql(
            compiler, connection, template="REPLACE(%(expressions)s, '-', '')", **extra_context
        )


def _pk_values(grants: Any, model: type) -> Any:
    """``grants.values(object_pk)`` cast to the type of ``model``'s primary key."""
    pk = model._meta.pk
    internal = pk.target_field.get_internal_type() if pk.is_relation else pk.get_internal_type()
    if internal in _INTEGER_PKS:
        return grants.annotate(_obj_pk=Cast("object_pk", models.BigIntegerField())).values(
            "_obj_pk"
        )
    if internal == "UUIDField":
        return grants.annotate(_obj_pk=_UUIDText("object_pk", models.UUIDField())).values("_obj_pk")
    return grants.values("object_pk")


def _objects_with_grants(
    queryset: Any, ct: ContentType, codenames: list[str], any_perm: bool, **sources: Any
) -> Any:
    """Filter ``queryset`` to objects granted the codenames (any or all), in one query."""
    model = queryset.model

    def granted(codes: list[str]) -> models.Q:
        condition = models.Q()
        for grant_model, owner in sources.items():
            grants = UserObjectPermission if grant_model == "user" else GroupObjectPermission
            rows = grants.objects.filter(
                content_type=ct,
                permission__content_type=ct,
                permission__codename__in=codes,
                **owner,
            )
            condition |= models.Q(pk__in=_pk_values(rows, model))
        return condition

    if any_perm or len(codenames) == 1:
        return queryset.filter(granted(codenames))
    for codename in codenames:
        queryset = queryset.filter(granted([codename]))
    return queryset


def get_objects_for_user(
    user: Any,
    perms: Any,
    klass: Any = None,
    use_groups: bool = True,
    any_perm: bool = False,
    with_superuser: bool = True,
    accept_global_perms: bool = True,
) -> Any:
    """The objects on which ``user`` has ``perms`` (all of them, or any with ``any_perm``).

    ``perms`` is a codename or "app.codename", or a list of them (of one model);
    ``klass`` a model, manager or QuerySet (inferred from the perms if omitted).
    Returns a lazy QuerySet: the grants are checked in subqueries of one query.
    Superusers get everything (``with_superuser``); a global permission covers every
    object (``accept_global_perms``).
    """
    queryset, ct, codenames = _parse_perms(perms, klass)
    if user.is_anonymous or not user.is_active:
        return queryset.none()
    if with_superuser and user.is_superuser:
        return queryset
    if accept_global_perms:
        global_perms = {
            codename for codename in codenames if user.has_perm(f"{ct.app_label}.{codename}")
        }
        if global_perms and (any_perm or global_perms == set(codenames)):
            return queryset
        codenames = [c for c in codenames if c not in global_perms]
    sources: dict[str, dict] = {"user": {"user": user}}
    if use_groups:
        sources["group"] = {"group__user": user}
    return _objects_with_grants(queryset, ct, codenames, any_perm, **sources)


def get_objects_for_group(
    group: Group,
    perms: Any,
    klass: Any = None,
    any_perm: bool = False,
    accept_global_perms: bool = True,
) -> Any:
    """The objects on which ``group`` has ``perms`` (one query, like get_objects_for_user)."""
    queryset, ct, codenames = _parse_perms(perms, klass)
    if accept_global_perms:
        global_perms = set(
            group.permissions.filter(content_type=ct, codename__in=codenames).values_list(
                "codename", flat=True
            )
        )
        if global_perms and (any_perm or global_perms == set(codenames)):
            return queryset
        codenames = [c for c in codenames if c not in global_perms]
    return _objects_with_grants(queryset, ct, codenames, any_perm, group={"group": group})


def get_users_with_perms(
    obj: Any,
    attach_perms: bool = False,
    with_superusers: bool = False,
    with_group_users: bool = True,
    only_with_perms_in: Any = None,
) -> Any:
    """The users with any grant on ``obj`` (a QuerySet), or ``{user: [codenames]}``.

    ``with_group_users`` includes users whose group has a grant; ``with_superusers``
    adds every superuser; ``only_with_perms_in`` limits to those codenames.
    """
    ct = ContentType.objects.get_for_model(obj)
    object_pk = str(obj.pk)
    extra = {}
    if only_with_perms_in is not None:
        extra["permission__codename__in"] = [p.rpartition(".")[2] for p in only_with_perms_in]
    UserModel = get_user_model()
    user_grants = UserObjectPermission.objects.filter(content_type=ct, object_pk=object_pk, **extra)
    group_grants = GroupObjectPermission.objects.filter(
        content_type=ct, object_pk=object_pk, **extra
    )
    if not attach_perms:
        condition = models.Q(pk__in=user_grants.values("user"))
        if with_group_users:
            condition |= models.Q(groups__in=group_grants.values("group"))
        if with_superusers:
            condition |= models.Q(is_superuser=True)
        return UserModel._default_manager.filter(condition).distinct()
    perms: dict[Any, set[str]] = defaultdict(set)
    for user_id, codename in user_grants.values_list("user", "permission__codename"):
        perms[user_id].add(codename)
    if with_group_users:
        rows = group_grants.values_list("group__user", "permission__codename")
        for user_id, codename in rows:
            if user_id is not None:
                perms[user_id].add(codename)
    users = {u.pk: u for u in UserModel._default_manager.filter(pk__in=list(perms))}
    result = {users[pk]: sorted(codes) for pk, codes in perms.items() if pk in users}
    if with_superusers:
        all_codes = sorted(
            Permission.objects.filter(content_type=ct).values_list("codename", flat=True)
        )
        for user in UserModel._default_manager.filter(is_superuser=True):
            result[user] = all_codes
    return result


def get_groups_with_perms(obj: Any, attach_perms: bool = False) -> Any:
    """The groups with any grant on ``obj`` (a QuerySet), or ``{group: [codenames]}``."""
    grants = GroupObjectPermission.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_pk=str(obj.pk)
    )
    if not attach_perms:
        return Group.objects.filter(pk__in=grants.values("group")).distinct()
    perms: dict[Any, set[str]] = defaultdict(set)
    for group_id, codename in grants.values_list("group", "permission__codename"):
        perms[group_id].add(codename)
    groups = {g.pk: g for g in Group.objects.filter(pk__in=list(perms))}
    return {groups[pk]: sorted(codes) for pk, codes in perms.items()}
