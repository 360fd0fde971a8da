"""Database fixtures of the contrib tests: contenttypes, auth, sessions, sites + a test app.

``contrib_backends`` (package scope) installs the apps, creates their tables on SQLite
(in memory) and PostgreSQL (a throwaway database) and runs what ``migrate``'s
post-migrate step would (content types, permissions, the default site).
``contrib_db`` is parametrised over both backends; each test runs inside a
transaction that is rolled back. Re-export both in a package's conftest.py.
"""

from __future__ import annotations

import pytest

from framework.apps import apps
from tests.support import dual_db

CONTRIB_APPS = [
    "framework.contrib.contenttypes",
    "framework.contrib.auth",
    "framework.contrib.sessions",
    "framework.contrib.sites",
    "tests.contenttypes.testapp",
]
FAST_HASHERS = [
    "tests.auth.fast_hashers.FastPBKDF2",
    "tests.auth.fast_hashers.FastPBKDF2SHA1",
    "framework.contrib.auth.hashers.MD5PasswordHasher",
]


def migrate(wrapper) -> None:
    """Create every installed app's tables and run what migrate's post-migrate step would."""
    from framework.contrib.auth.management import create_permissions
    from framework.contrib.contenttypes.models import ContentType
    from framework.contrib.sites.management import create_default_site

    dual_db.create_models(wrapper, [ac.label for ac in apps.get_app_configs()])
    ContentType.objects.clear_cache()
    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0)
    create_default_site(apps.get_app_config("sites"), verbosity=0)


@pytest.fixture(scope="package")
def contrib_backends():
    """Install the contrib apps and migrate them on SQLite and (if reachable) PostgreSQL."""
    yield from _install_and_migrate()


@pytest.fixture(scope="module", name="contrib_backends")
def contrib_backends_per_module():
    """``contrib_backends`` for one module of a package whose conftest is not ours."""
    yield from _install_and_migrate()


def _install_and_migrate():
    try:
        with dual_db.installed_on_both(CONTRIB_APPS, migrate, "test_framework_contrib") as state:
            yield state
    finally:
        _disconnect_ready_receivers()


def _disconnect_ready_receivers() -> None:
    """Undo the signal connections the apps' ready() made, so later tests see none of them.

    A post_delete receiver, for one, would turn off fast deletes for every model.
    """
    from framework.contrib.auth.checks import check_user_model
    from framework.contrib.auth.signals import user_logged_in
    from framework.core.checks import registry
    from framework.db.models.signals import post_delete, post_migrate

    registry.registered_checks.discard(check_user_model)
    post_delete.disconnect(dispatch_uid="framework.auth.delete_object_grants")
    post_migrate.disconnect(dispatch_uid="framework.auth.create_permissions")
    post_migrate.disconnect(dispatch_uid="framework.contenttypes.create")
    user_logged_in.disconnect(dispatch_uid="update_last_login")


def use(state: dual_db.Backends, backend: str):
    """``dual_db.use()`` plus clearing the per-process caches both backends would share."""
    from framework.contrib.contenttypes.models import ContentType
    from framework.contrib.sites.models import SITE_CACHE

    wrapper = dual_db.use(state, backend)
    # Both backends answer to the alias "default": per-process caches must not mix them.
    ContentType.objects.clear_cache()
    SITE_CACHE.clear()
    return wrapper


@pytest.fixture(params=dual_db.BACKEND_PARAMS)
def contrib_db(request, contrib_backends, settings):
    """The default connection on one backend, inside a transaction rolled back afterwards."""
    wrapper = use(contrib_backends, request.param)
    # Cheap hashing: the tests create many users (the real cost is the hashers' tests').
    # Through the settings fixture: its overrides are undone in one LIFO list.
    settings.PASSWORD_HASHERS = FAST_HASHERS
    with dual_db.rolled_back(wrapper):
        yield wrapper
