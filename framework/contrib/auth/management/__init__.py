"""Post-migrate step ``create_permissions`` and helpers of the user commands."""

from __future__ import annotations

import unicodedata
from typing import Any

from framework.apps import apps as global_apps
from framework.contrib.auth.api import get_permission_codename
from framework.core import exceptions
from framework.db import DEFAULT_DB_ALIAS, router


def _get_all_permissions(opts: Any) -> list[tuple[str, str]]:
    """``(codename, name)`` of the default permissions plus ``Meta.permissions``."""
    builtin = [
        (get_permission_codename(action, opts), f"Can {action} {opts.verbose_name_raw}")
        for action in opts.default_permissions
    ]
    return builtin + list(opts.permissions)


def create_permissions(
    app_config: Any,
    verbosity: int = 2,
    interactive: bool = True,
    using: str = DEFAULT_DB_ALIAS,
    apps: Any = global_apps,
    **kwargs: Any,
) -> None:
    """Create the missing permissions of the models of ``app_config`` (post_migrate)."""
    if not app_config.models_module:
        return
    from framework.contrib.contenttypes.management import create_contenttypes

    create_contenttypes(
        app_config, verbosity=verbosity, interactive=interactive, using=using, apps=apps, **kwargs
    )
    app_label = app_config.label
    try:
        app_config = apps.get_app_config(app_label)
        ContentType = apps.get_model("contenttypes", "ContentType")
        Permission = apps.get_model("auth", "Permission")
    except LookupError:
        return
    if not router.allow_migrate_model(using, Permission):
        return
    searched = []
    ctypes = set()
    for klass in app_config.get_models():
        ctype = ContentType.objects.db_manager(using).get_for_model(klass, for_concrete_model=False)
        ctypes.add(ctype)
        for perm in _get_all_permissions(klass._meta):
            searched.append((ctype, perm))
    existing = set(
        Permission.objects.using(using)
        .filter(content_type__in=[ct.pk for ct in ctypes])
        .values_list("content_type", "codename")
    )
    new = [
        Permission(codename=codename, name=name, content_type=ct)
        for ct, (codename, name) in searched
        if (ct.pk, codename) not in existing
    ]
    Permission.objects.using(using).bulk_create(new)
    if verbosity >= 2:
        for perm in new:
            print(f"Adding permission '{perm}'")


def get_system_username() -> str:
    """The login name of the current OS user ('' if unknown)."""
    import getpass  # only createsuperuser asks

    try:
        return getpass.getuser()
    except (ImportError, KeyError, OSError):
        return ""


def get_default_username(check_db: bool = True, database: str = DEFAULT_DB_ALIAS) -> str:
    """A suggested superuser name: the OS user name if valid and free, else ''."""
    from framework.contrib.auth.api import get_user_model
    from framework.contrib.auth.models import User

    default_username = get_system_username()
    try:
        default_username = (
            unicodedata.normalize("NFKD", default_username)
            .encode("ascii", "ignore")
            .decode("ascii")
            .replace(" ", "")
            .lower()
        )
    except UnicodeDecodeError:
        return ""
    try:
        User._meta.get_field("username").run_validators(default_username)
    except exceptions.ValidationError:
        return ""
    UserModel = get_user_model()
    if check_db and default_username:
        try:
            UserModel._default_manager.db_manager(database).get_by_natural_key(default_username)
        except UserModel.DoesNotExist:
            pass
        else:
            return ""
    return default_username
