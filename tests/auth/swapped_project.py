"""A project whose AUTH_USER_MODEL is swapped (run in a fresh process by test_swapped.py)."""

from __future__ import annotations

import json
import os

SECRET_KEY = "swapped-test"
USE_TZ = True
INSTALLED_APPS = [
    "framework.contrib.contenttypes",
    "framework.contrib.auth",
    "framework.contrib.sessions",
    "tests.auth.customuser",
]
AUTH_USER_MODEL = "customuser.EmailUser"
PASSWORD_HASHERS = ["tests.auth.fast_hashers.FastPBKDF2"]
DATABASES = {"default": {"ENGINE": "framework.db.backends.sqlite3", "NAME": ":memory:"}}


def main() -> None:
    os.environ["FRAMEWORK_SETTINGS_MODULE"] = "tests.auth.swapped_project"
    import framework

    framework.setup()
    from framework.apps import apps
    from framework.contrib.auth import authenticate, get_user_model
    from framework.contrib.auth.checks import check_user_model
    from framework.contrib.auth.models import User
    from framework.contrib.auth.shortcuts import assign_perm, get_objects_for_user
    from framework.db import connection
    from framework.test.utils import override_settings

    with connection.schema_editor() as editor:
        for model in apps.get_models():
            if not model._meta.swapped:
                editor.create_model(model)
    UserModel = get_user_model()
    user = UserModel.objects.create_user("Ann@EXAMPLE.com", "pw-1", full_name="Ann")
    try:
        User.objects.all()
        swapped_error = ""
    except AttributeError as exc:
        swapped_error = str(exc)
    from framework.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0)
    assign_perm("customuser.change_emailuser", user, user)
    with override_settings(
        AUTHENTICATION_BACKENDS=[
            "framework.contrib.auth.backends.ModelBackend",
            "framework.contrib.auth.backends.ObjectPermissionBackend",
        ]
    ):
        fresh = UserModel.objects.get(pk=user.pk)
        has_obj_perm = fresh.has_perm("customuser.change_emailuser", user)
        objects = [u.email for u in get_objects_for_user(fresh, "customuser.change_emailuser")]
    with override_settings(AUTH_USER_MODEL="customuser.BadUser"):
        bad_ids = sorted(e.id for e in check_user_model())
    print(
        json.dumps(
            {
                "model": UserModel._meta.label,
                "email": user.email,
                "authenticated": getattr(
                    authenticate(email="Ann@example.com", password="pw-1"), "email", None
                ),
                "wrong": authenticate(email="Ann@example.com", password="nope"),
                "swapped_error": swapped_error,
                "auth_user_swapped": User._meta.swapped,
                "checks_ok": check_user_model(),
                "bad_ids": bad_ids,
                "has_obj_perm": has_obj_perm,
                "objects": objects,
            }
        )
    )


if __name__ == "__main__":
    main()
