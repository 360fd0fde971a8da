"""Database fixtures of the contrib tests: contenttypes, auth, sessions, sites + a test app.

``contrib_backends`` (package scope) installs the apps, creates their tables on SQLite
(in memory) and PostgreSQL (a throwaway database) and runs what ``migrate``'s
post-migrate step would (content types, permissions, the default site).
``contrib_db`` is parametrised over both backends; each test runs inside a
transaction that is rolled back. Re-export both in a package's conftest.py.
"""

from __future__ import annotations

import os

import pytest

from framework.apps import apps
from framework.db import connections, transaction
from framework.db.backends.postgresql.base import DatabaseWrapper as PgWrapper
from framework.db.backends.sqlite3.base import DatabaseWrapper as SqliteWrapper
from framework.db.utils import ConnectionHandler
from tests.support import postgres
from tests.support.services import unavailable

CONTRIB_APPS = [
    "framework.contrib.contenttypes",
    "framework.contrib.auth",
    "framework.contrib.sessions",
    "framework.contrib.sites",
    "tests.contenttypes.testapp",
]
BACKENDS = ["sqlite", "postgresql"]
FAST_HASHERS = [
    "tests.auth.fast_hashers.FastPBKDF2",
    "tests.auth.fast_hashers.FastPBKDF2SHA1",
    "framework.contrib.auth.hashers.MD5PasswordHasher",
]


def _settings_dict(conf: dict) -> dict:
    return ConnectionHandler.configure_settings({"default": conf})["default"]


def _migrate(wrapper) -> None:
    from framework.contrib.auth.management import create_permissions
    from framework.contrib.contenttypes.models import ContentType
    from framework.contrib.sites.management import create_default_site

    with wrapper.schema_editor() as editor:
        for app_config in apps.get_app_configs():
            for model in app_config.get_models():
                if model._meta.managed and not model._meta.proxy and not model._meta.swapped:
                    editor.create_model(model)
    ContentType.objects.clear_cache()
    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0)
    create_default_site(apps.get_app_config("sites"), verbosity=0)


class _Backends:
    def __init__(self):
        self.wrappers: dict = {}
        self.pg_name: str | None = None
        self.pg_error: str | None = None


@pytest.fixture(scope="package")
def contrib_backends():
    """Install the contrib apps and migrate them on SQLite and (if reachable) PostgreSQL."""
    yield from _install_and_migrate()


@pytest.fixture(scope="module", name="contrib_backends")
def contrib_backends_per_module():
    """``contrib_backends`` for one module of a package whose conftest is not ours."""
    yield from _install_and_migrate()


def _install_and_migrate():
    apps.set_installed_apps(CONTRIB_APPS)
    # Relation trees cached while other tests had other apps installed (a Site with
    # the reverse relations of another suite's models) must be rebuilt.
    for model in apps.get_models(include_auto_created=True):
        model._meta._expire_cache()
    saved_settings = connections._settings
    saved_default = getattr(connections._local, "default", None)
    state = _Backends()
    try:
        sqlite = SqliteWrapper(
            _settings_dict({"ENGINE": "framework.db.backends.sqlite3", "NAME": ":memory:"}),
            "default",
        )
        connections["default"] = sqlite
        _migrate(sqlite)
        state.wrappers["sqlite"] = sqlite
        try:
            postgres.pg_dsn()
        except postgres.PostgresUnavailable as exc:
            state.pg_error = str(exc)
        else:
            state.pg_name = f"test_framework_contrib_{os.getpid()}"
            postgres.create_database(state.pg_name)
            pg = PgWrapper(_settings_dict(postgres.databases_entry(state.pg_name)), "default")
            connections["default"] = pg
            _migrate(pg)
            state.wrappers["postgresql"] = pg
        yield state
    finally:
        for wrapper in state.wrappers.values():
            wrapper.in_atomic_block = False
            if wrapper.connection is not None:
                wrapper.connection.close()
                wrapper.connection = None
        if state.pg_name:
            postgres.drop_database(state.pg_name)
        connections._settings = saved_settings
        if saved_default is not None:
            connections["default"] = saved_default
        elif hasattr(connections._local, "default"):
            del connections["default"]
        apps.unset_installed_apps()
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


def _use(state: _Backends, backend: str):
    from framework.contrib.contenttypes.models import ContentType
    from framework.contrib.sites.models import SITE_CACHE

    if backend not in state.wrappers:
        unavailable(
            f"PostgreSQL unavailable: {state.pg_error}",
            ci_reason=f"PostgreSQL is required in CI: {state.pg_error}",
        )
    wrapper = state.wrappers[backend]
    connections["default"] = wrapper
    connections._settings = {**(connections._settings or {}), "default": wrapper.settings_dict}
    # Both backends answer to the alias "default": per-process caches must not mix them.
    ContentType.objects.clear_cache()
    SITE_CACHE.clear()
    return wrapper


@pytest.fixture(
    params=[
        pytest.param(b, marks=[pytest.mark.postgresql] if b == "postgresql" else [])
        for b in BACKENDS
    ]
)
def contrib_db(request, contrib_backends, settings):
    """The default connection on one backend, inside a transaction rolled back afterwards."""
    wrapper = _use(contrib_backends, request.param)
    # Cheap hashing: the tests create many users (the real cost is the hashers' tests').
    # Through the settings fixture: its overrides are undone in one LIFO list.
    settings.PASSWORD_HASHERS = FAST_HASHERS
    atomic = transaction.atomic()
    atomic.__enter__()
    try:
        yield wrapper
    finally:
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)
        wrapper.queries_log.clear()
