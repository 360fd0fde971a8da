"""Authentication backends: ``ModelBackend`` (+ ``AllowAllUsersModelBackend``),
``RemoteUserBackend`` and ``ObjectPermissionBackend`` (per-object grants).

A backend answers ``authenticate(request, **credentials)`` and ``get_user(user_id)``,
and optionally the permission questions (``has_perm``, ``get_all_permissions`` ...).
Permission sets are cached on the user object, so they live as long as the request.
"""

from __future__ import annotations

from typing import Any

from framework.contrib.auth.api import get_user_model
from framework.db.models import Exists, OuterRef, Q

__all__ = [
    "AllowAllUsersModelBackend",
    "AllowAllUsersRemoteUserBackend",
    "BaseBackend",
    "ModelBackend",
    "ObjectPermissionBackend",
    "RemoteUserBackend",
]


class BaseBackend:
    """A backend that authenticates nobody and grants nothing."""

    def authenticate(self, request: Any, **kwargs: Any) -> Any:
        return None

    def get_user(self, user_id: Any) -> Any:
        return None

    def get_user_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        return set()

    def get_group_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        return set()

    def get_all_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        return {
            *self.get_user_permissions(user_obj, obj=obj),
            *self.get_group_permissions(user_obj, obj=obj),
        }

    def has_perm(self, user_obj: Any, perm: str, obj: Any = None) -> bool:
        return perm in self.get_all_permissions(user_obj, obj=obj)


class ModelBackend(BaseBackend):
    """Username and password against the user model; permissions from the database.

    Inactive users cannot log in (``user_can_authenticate``) and have no permissions.
    """

    def authenticate(
        self, request: Any, username: str | None = None, password: str | None = None, **kwargs
    ) -> Any:
        UserModel = get_user_model()
        if username is None:
            username = kwargs.get(UserModel.USERNAME_FIELD)
        if username is None or password is None:
            return None
        try:
            user = UserModel._default_manager.get_by_natural_key(username)
        except UserModel.DoesNotExist:
            # Hash anyway, so that timing does not tell a missing user from a wrong password.
            UserModel().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None

    def user_can_authenticate(self, user: Any) -> bool:
        """False for users with ``is_active=False``."""
        return getattr(user, "is_active", True)

    def _get_user_permissions(self, user_obj: Any) -> Any:
        return user_obj.user_permissions.all()

    def _get_group_permissions(self, user_obj: Any) -> Any:
        from framework.contrib.auth.models import Permission

        return Permission.objects.filter(group__user=user_obj)

    def _get_permissions(self, user_obj: Any, obj: Any, from_name: str) -> set[str]:
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        cache_name = f"_{from_name}_perm_cache"
        if not hasattr(user_obj, cache_name):
            if user_obj.is_superuser:
                from framework.contrib.auth.models import Permission

                perms = Permission.objects.all()
            else:
                perms = getattr(self, f"_get_{from_name}_permissions")(user_obj)
            rows = perms.values_list("content_type__app_label", "codename").order_by()
            setattr(user_obj, cache_name, {f"{app}.{codename}" for app, codename in rows})
        return getattr(user_obj, cache_name)

    def get_user_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        """The "app.codename" permissions granted to ``user_obj`` directly."""
        return self._get_permissions(user_obj, obj, "user")

    def get_group_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        """The "app.codename" permissions ``user_obj`` has through groups."""
        return self._get_permissions(user_obj, obj, "group")

    def get_all_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        """Every global permission of ``user_obj`` (cached on the user object)."""
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            user_obj._perm_cache = super().get_all_permissions(user_obj)
        return user_obj._perm_cache

    def has_perm(self, user_obj: Any, perm: str, obj: Any = None) -> bool:
        return user_obj.is_active and super().has_perm(user_obj, perm, obj=obj)

    def has_module_perms(self, user_obj: Any, app_label: str) -> bool:
        """True if ``user_obj`` has any permission in ``app_label``."""
        return user_obj.is_active and any(
            perm[: perm.index(".")] == app_label for perm in self.get_all_permissions(user_obj)
        )

    def with_perm(
        self, perm: Any, is_active: bool = True, include_superusers: bool = True, obj: Any = None
    ) -> Any:
        """The users with the global permission ``perm`` ("app.codename" or a Permission)."""
        from framework.contrib.auth.models import Permission

        if isinstance(perm, str):
            try:
                app_label, codename = perm.split(".")
            except ValueError:
                raise ValueError(
                    f"Permission name should be in the form app_label.permission_codename, "
                    f"got {perm!r}."
                ) from None
        elif not isinstance(perm, Permission):
            raise TypeError(
                f"The `perm` argument must be a string or a permission instance, got {perm!r}."
            )
        else:
            app_label, codename = perm.content_type.app_label, perm.codename
        UserModel = get_user_model()
        if obj is not None:
            return UserModel._default_manager.none()
        permission_q = Q(group__user=OuterRef("pk")) | Q(user=OuterRef("pk"))
        permission_q &= Q(codename=codename, content_type__app_label=app_label)
        user_q = Exists(Permission.objects.filter(permission_q))
        if include_superusers:
            user_q |= Q(is_superuser=True)
        if is_active is not None:
            user_q &= Q(is_active=is_active)
        return UserModel._default_manager.filter(user_q)

    def get_user(self, user_id: Any) -> Any:
        UserModel = get_user_model()
        try:
            user = UserModel._default_manager.get(pk=user_id)
        except UserModel.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None


class AllowAllUsersModelBackend(ModelBackend):
    """ModelBackend that lets inactive users log in too."""

    def user_can_authenticate(self, user: Any) -> bool:
        return True


class RemoteUserBackend(ModelBackend):
    """Trust the user name a front-end server authenticated (``REMOTE_USER``).

    Unknown users are created (``create_unknown_user``) with an unusable password.
    """

    create_unknown_user = True

    def authenticate(self, request: Any, remote_user: str | None = None) -> Any:
        if not remote_user:
            return None
        UserModel = get_user_model()
        username = self.clean_username(remote_user)
        created = False
        if self.create_unknown_user:
            user, created = UserModel._default_manager.get_or_create(
                **{UserModel.USERNAME_FIELD: username}
            )
            if created:
                user.set_unusable_password()
                user.save(update_fields=["password"])
        else:
            try:
                user = UserModel._default_manager.get_by_natural_key(username)
            except UserModel.DoesNotExist:
                return None
        user = self.configure_user(request, user, created=created)
        return user if self.user_can_authenticate(user) else None

    def clean_username(self, username: str) -> str:
        """Adjust the remote user name (strip a realm, ...) before the lookup."""
        return username

    def configure_user(self, request: Any, user: Any, created: bool = True) -> Any:
        """Hook to set up a user after authentication; returns the user."""
        return user


class AllowAllUsersRemoteUserBackend(RemoteUserBackend):
    """RemoteUserBackend that lets inactive users log in too."""

    def user_can_authenticate(self, user: Any) -> bool:
        return True


class ObjectPermissionBackend(BaseBackend):
    """Per-object permissions from UserObjectPermission / GroupObjectPermission rows.

    Answers only when ``obj`` is given (global permissions are ModelBackend's). The
    permissions of each object are read once per user object (two queries) and cached
    on it, so repeated checks in one request cost nothing.
    """

    def authenticate(self, request: Any, **kwargs: Any) -> Any:
        return None

    def _object_perms(self, user_obj: Any, obj: Any) -> tuple[set[str], set[str]]:
        if obj is None or user_obj.is_anonymous or not user_obj.is_active or obj.pk is None:
            return set(), set()
        from framework.contrib.auth.models import GroupObjectPermission, UserObjectPermission
        from framework.contrib.contenttypes.models import ContentType

        ct = ContentType.objects.get_for_model(obj)
        key = (ct.pk, str(obj.pk))
        cache = user_obj.__dict__.setdefault("_objperm_cache", {})
        if key not in cache:
            fields = ("permission__content_type__app_label", "permission__codename")
            user_rows = UserObjectPermission.objects.filter(
                user=user_obj, content_type=ct, object_pk=key[1]
            ).values_list(*fields)
            group_rows = GroupObjectPermission.objects.filter(
                group__user=user_obj, content_type=ct, object_pk=key[1]
            ).values_list(*fields)
            cache[key] = (
                {f"{app}.{codename}" for app, codename in user_rows},
                {f"{app}.{codename}" for app, codename in group_rows},
            )
        return cache[key]

    def get_user_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        """The "app.codename" permissions granted to ``user_obj`` on ``obj`` directly."""
        return set(self._object_perms(user_obj, obj)[0])

    def get_group_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        """The "app.codename" permissions ``user_obj``'s groups have on ``obj``."""
        return set(self._object_perms(user_obj, obj)[1])

    def has_perm(self, user_obj: Any, perm: str, obj: Any = None) -> bool:
        if obj is None:
            return False
        if "." not in perm:
            perm = f"{obj._meta.app_label}.{perm}"
        user_perms, group_perms = self._object_perms(user_obj, obj)
        return perm in user_perms or perm in group_perms
