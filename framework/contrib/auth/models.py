"""Users, groups and permissions (``auth.User``, ``Group``, ``Permission``, ``AnonymousUser``).

Object-level grants (``UserObjectPermission``, ``GroupObjectPermission``) live in
``object_permissions`` and are re-exported here so that they are part of the app.
"""

from __future__ import annotations

from typing import Any

from framework.contrib.auth.api import get_backends
from framework.contrib.auth.base_user import AbstractBaseUser, BaseUserManager, now
from framework.contrib.auth.validators import UnicodeUsernameValidator
from framework.contrib.contenttypes.models import ContentType
from framework.core.exceptions import PermissionDenied
from framework.db import models
from framework.utils.deferred import lazy_module

hashers = lazy_module("framework.contrib.auth.hashers")  # with the first user created

__all__ = [
    "AbstractUser",
    "AnonymousUser",
    "Group",
    "GroupManager",
    "Permission",
    "PermissionManager",
    "PermissionsMixin",
    "User",
    "UserManager",
    "update_last_login",
]


def update_last_login(sender: Any, user: Any, **kwargs: Any) -> None:
    """Set ``user.last_login`` to now (a ``user_logged_in`` receiver)."""
    user.last_login = now()
    user.save(update_fields=["last_login"])


class PermissionManager(models.Manager):
    use_in_migrations = True

    def get_by_natural_key(self, codename: str, app_label: str, model: str) -> Permission:
        return self.get(
            codename=codename,
            content_type=ContentType.objects.db_manager(self.db).get_by_natural_key(
                app_label, model
            ),
        )


class Permission(models.Model):
    """A named right on one model: ``add``, ``change``, ``delete``, ``view`` or a custom one."""

    name = models.CharField("name", max_length=255)
    content_type = models.ForeignKey(ContentType, models.CASCADE, verbose_name="content type")
    codename = models.CharField("codename", max_length=100)

    objects = PermissionManager()

    class Meta:
        app_label = "auth"
        verbose_name = "permission"
        verbose_name_plural = "permissions"
        unique_together = [["content_type", "codename"]]
        ordering = ["content_type__app_label", "content_type__model", "codename"]

    def __str__(self) -> str:
        return f"{self.content_type} | {self.name}"

    def natural_key(self) -> tuple:
        return (self.codename, *self.content_type.natural_key())


class GroupManager(models.Manager):
    use_in_migrations = True

    def get_by_natural_key(self, name: str) -> Group:
        return self.get(name=name)


class Group(models.Model):
    """A named set of permissions given to every user in the group."""

    name = models.CharField("name", max_length=150, unique=True)
    permissions = models.ManyToManyField(Permission, verbose_name="permissions", blank=True)

    objects = GroupManager()

    class Meta:
        app_label = "auth"
        verbose_name = "group"
        verbose_name_plural = "groups"

    def __str__(self) -> str:
        return self.name

    def natural_key(self) -> tuple[str]:
        return (self.name,)


class UserManager(BaseUserManager):
    """``create_user()`` and ``create_superuser()`` for AbstractUser-style models."""

    use_in_migrations = True

    def _create_user(self, username: str, email: str | None, password: str | None, **extra):
        if not username:
            raise ValueError("The given username must be set")
        email = self.normalize_email(email)
        username = self.model.normalize_username(username)
        user = self.model(username=username, email=email, **extra)
        user.password = hashers.make_password(password)
        user.save(using=self._db)
        return user

    def create_user(
        self, username: str, email: str | None = None, password: str | None = None, **extra: Any
    ) -> Any:
        """Create and save a user; no password gives an unusable one."""
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(username, email, password, **extra)

    def create_superuser(
        self, username: str, email: str | None = None, password: str | None = None, **extra: Any
    ) -> Any:
        """Create and save a user with is_staff and is_superuser set."""
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        if extra.get("is_staff") is not True:
            raise ValueError("Superuser must have is_staff=True.")
        if extra.get("is_superuser") is not True:
            raise ValueError("Superuser must have is_superuser=True.")
        return self._create_user(username, email, password, **extra)

    def with_perm(
        self,
        perm: Any,
        is_active: bool = True,
        include_superusers: bool = True,
        backend: str | None = None,
        obj: Any = None,
    ) -> Any:
        """The users having ``perm`` according to ``backend`` (the only one if unset)."""
        from framework.contrib.auth.api import load_backend

        if backend is None:
            backends = get_backends(return_tuples=True)
            if len(backends) != 1:
                raise ValueError(
                    "You have multiple authentication backends configured and therefore must "
                    "provide the `backend` argument."
                )
            backend_obj = backends[0][0]
        elif not isinstance(backend, str):
            raise TypeError(f"backend must be a dotted import path string (got {backend!r}).")
        else:
            backend_obj = load_backend(backend)
        if hasattr(backend_obj, "with_perm"):
            return backend_obj.with_perm(
                perm, is_active=is_active, include_superusers=include_superusers, obj=obj
            )
        return self.none()


def _user_get_permissions(user: Any, obj: Any, from_name: str) -> set[str]:
    permissions: set[str] = set()
    name = f"get_{from_name}_permissions"
    for backend in get_backends():
        if hasattr(backend, name):
            permissions.update(getattr(backend, name)(user, obj))
    return permissions


def _user_has_perm(user: Any, perm: str, obj: Any) -> bool:
    for backend in get_backends():
        if not hasattr(backend, "has_perm"):
            continue
        try:
            if backend.has_perm(user, perm, obj):
                return True
        except PermissionDenied:
            return False
    return False


def _user_has_module_perms(user: Any, app_label: str) -> bool:
    for backend in get_backends():
        if not hasattr(backend, "has_module_perms"):
            continue
        try:
            if backend.has_module_perms(user, app_label):
                return True
        except PermissionDenied:
            return False
    return False


class PermissionsMixin(models.Model):
    """``is_superuser``, groups and permissions, answered by the authentication backends."""

    is_superuser = models.BooleanField(
        "superuser status",
        default=False,
        help_text="Designates that this user has all permissions without explicitly "
        "assigning them.",
    )
    groups = models.ManyToManyField(
        Group,
        verbose_name="groups",
        blank=True,
        help_text="The groups this user belongs to. A user will get all permissions granted "
        "to each of their groups.",
        related_name="user_set",
        related_query_name="user",
    )
    user_permissions = models.ManyToManyField(
        Permission,
        verbose_name="user permissions",
        blank=True,
        help_text="Specific permissions for this user.",
        related_name="user_set",
        related_query_name="user",
    )

    class Meta:
        abstract = True

    def get_user_permissions(self, obj: Any = None) -> set[str]:
        """The "app.codename" names granted to the user directly."""
        return _user_get_permissions(self, obj, "user")

    def get_group_permissions(self, obj: Any = None) -> set[str]:
        """The "app.codename" names granted through the user's groups."""
        return _user_get_permissions(self, obj, "group")

    def get_all_permissions(self, obj: Any = None) -> set[str]:
        """Every "app.codename" the user has (on ``obj`` if given)."""
        return _user_get_permissions(self, obj, "all")

    def has_perm(self, perm: str, obj: Any = None) -> bool:
        """True if the user has ``perm`` ("app.codename"), on ``obj`` if given.

        Active superusers have every permission; inactive users none (unless a
        backend says otherwise).
        """
        if self.is_active and self.is_superuser:
            return True
        return _user_has_perm(self, perm, obj)

    def has_perms(self, perm_list: Any, obj: Any = None) -> bool:
        """True if the user has every permission of ``perm_list``."""
        if isinstance(perm_list, str) or not hasattr(perm_list, "__iter__"):
            raise ValueError("perm_list must be an iterable of permissions.")
        return all(self.has_perm(perm, obj) for perm in perm_list)

    def has_module_perms(self, app_label: str) -> bool:
        """True if the user has any permission in the app ``app_label``."""
        if self.is_active and self.is_superuser:
            return True
        return _user_has_module_perms(self, app_label)


class AbstractUser(AbstractBaseUser, PermissionsMixin):
    """The full-featured user: username, names, e-mail, staff and active flags."""

    username_validator = UnicodeUsernameValidator()

    username = models.CharField(
        "username",
        max_length=150,
        unique=True,
        help_text="Required. 150 characters or fewer. Letters, digits and @/./+/-/_ only.",
        validators=[username_validator],
        error_messages={"unique": "A user with that username already exists."},
    )
    first_name = models.CharField("first name", max_length=150, blank=True)
    last_name = models.CharField("last name", max_length=150, blank=True)
    email = models.EmailField("email address", blank=True)
    is_staff = models.BooleanField(
        "staff status",
        default=False,
        help_text="Designates whether the user can log into this admin site.",
    )
    is_active = models.BooleanField(
        "active",
        default=True,
        help_text="Designates whether this user should be treated as active. Unselect this "
        "instead of deleting accounts.",
    )
    date_joined = models.DateTimeField("date joined", default=now)

    objects = UserManager()

    EMAIL_FIELD = "email"
    USERNAME_FIELD = "username"
    REQUIRED_FIELDS = ["email"]

    class Meta:
        abstract = True
        verbose_name = "user"
        verbose_name_plural = "users"

    def clean(self) -> None:
        super().clean()
        self.email = type(self).objects.normalize_email(self.email)

    def get_full_name(self) -> str:
        """First and last name, separated by a space."""
        return f"{self.first_name} {self.last_name}".strip()

    def get_short_name(self) -> str:
        """The first name."""
        return self.first_name

    def email_user(
        self, subject: str, message: str, from_email: str | None = None, **kwargs: Any
    ) -> None:
        """Send an e-mail to this user."""
        from framework.core.mail import send_mail

        send_mail(subject, message, from_email, [self.email], **kwargs)


class User(AbstractUser):
    """The default user model (swap it with AUTH_USER_MODEL)."""

    class Meta(AbstractUser.Meta):
        app_label = "auth"
        swappable = "AUTH_USER_MODEL"


class AnonymousUser:
    """The user of a request nobody is logged in to: no id, no permissions."""

    id = None
    pk = None
    username = ""
    is_staff = False
    is_active = False
    is_superuser = False
    _groups = None
    _user_permissions = None

    def __str__(self) -> str:
        return "AnonymousUser"

    def __repr__(self) -> str:
        return "<AnonymousUser>"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, self.__class__)

    def __hash__(self) -> int:
        return 1

    def __int__(self) -> int:
        raise TypeError(
            "Cannot cast AnonymousUser to int. Are you trying to use it in place of User?"
        )

    def save(self) -> None:
        raise NotImplementedError("AnonymousUser has no database row; use a real user.")

    def delete(self) -> None:
        raise NotImplementedError("AnonymousUser has no database row; use a real user.")

    def set_password(self, raw_password: str) -> None:
        raise NotImplementedError("AnonymousUser has no database row; use a real user.")

    def check_password(self, raw_password: str) -> bool:
        raise NotImplementedError("AnonymousUser has no database row; use a real user.")

    @property
    def groups(self) -> Any:
        return models.manager.EmptyManager(Group)

    @property
    def user_permissions(self) -> Any:
        return models.manager.EmptyManager(Permission)

    def get_user_permissions(self, obj: Any = None) -> set[str]:
        return _user_get_permissions(self, obj, "user")

    def get_group_permissions(self, obj: Any = None) -> set[str]:
        return set()

    def get_all_permissions(self, obj: Any = None) -> set[str]:
        return _user_get_permissions(self, obj, "all")

    def has_perm(self, perm: str, obj: Any = None) -> bool:
        return _user_has_perm(self, perm, obj=obj)

    def has_perms(self, perm_list: Any, obj: Any = None) -> bool:
        if isinstance(perm_list, str) or not hasattr(perm_list, "__iter__"):
            raise ValueError("perm_list must be an iterable of permissions.")
        return all(self.has_perm(perm, obj) for perm in perm_list)

    def has_module_perms(self, module: str) -> bool:
        return _user_has_module_perms(self, module)

    @property
    def is_anonymous(self) -> bool:
        return True

    @property
    def is_authenticated(self) -> bool:
        return False

    def get_username(self) -> str:
        return self.username


# Part of the app's models module: the object-level grants.
from framework.contrib.auth.object_permissions import (  # noqa: E402
    GroupObjectPermission as GroupObjectPermission,
)
from framework.contrib.auth.object_permissions import (  # noqa: E402
    UserObjectPermission as UserObjectPermission,
)
