"""Run ``migrate`` for the contrib apps in a fresh process (used by test_migrate.py).

The database comes from FRAMEWORK_TEST_MIGRATE_DB: a JSON DATABASES["default"] entry.
Prints one JSON line with what the post-migrate steps created.
"""

from __future__ import annotations

import json
import os

SECRET_KEY = "migrate-test"
USE_TZ = True
INSTALLED_APPS = [
    "framework.contrib.contenttypes",
    "framework.contrib.auth",
    "framework.contrib.sessions",
    "framework.contrib.sites",
]
DATABASES = {"default": json.loads(os.environ.get("FRAMEWORK_TEST_MIGRATE_DB", "{}") or "{}")}


def main() -> None:
    os.environ["FRAMEWORK_SETTINGS_MODULE"] = "tests.auth.migrate_project"
    import framework

    framework.setup()
    from framework.contrib.auth.models import Permission, User
    from framework.contrib.contenttypes.models import ContentType
    from framework.contrib.sites.models import Site
    from framework.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("migrate", verbosity=0)  # twice: the post-migrate steps are idempotent
    User.objects.create_user("migrated", "m@example.com", "pw")
    print(
        json.dumps(
            {
                "content_types": sorted(ContentType.objects.values_list("model", flat=True)),
                "user_perms": sorted(
                    Permission.objects.filter(content_type__model="user").values_list(
                        "codename", flat=True
                    )
                ),
                "permissions": Permission.objects.count(),
                "sites": [s.domain for s in Site.objects.all()],
                "users": User.objects.count(),
            }
        )
    )


if __name__ == "__main__":
    main()
