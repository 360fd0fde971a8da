"""Install test apps and create their tables on SQLite and PostgreSQL (until migrations land).

Shared by tests/forms (model forms), tests/generic_views and tests/polls; it
follows tests/orm/conftest.py: one connection wrapper per backend, swapped in
as the ``default`` alias, each test inside a transaction rolled back afterwards.
With CI=true an unreachable PostgreSQL fails the test instead of skipping it.
"""

from __future__ import annotations

import os
from contextlib import contextmanager

import pytest

from framework.apps import apps
from framework.core import signals
from framework.db import close_old_connections, connections, transaction
from framework.db.backends.postgresql.base import DatabaseWrapper as PgWrapper
from framework.db.backends.sqlite3.base import DatabaseWrapper as SqliteWrapper
from framework.db.models.signals import post_delete
from framework.db.utils import ConnectionHandler
from tests.support import postgres
from tests.support.services import unavailable

BACKENDS = [
    pytest.param("sqlite"),
    pytest.param("postgresql", marks=[pytest.mark.postgresql]),
]


def _settings_dict(conf: dict) -> dict:
    return ConnectionHandler.configure_settings({"default": conf})["default"]


def _create_tables(wrapper, labels: list[str]) -> None:
    with wrapper.schema_editor() as editor:
        for label in labels:
            for model in apps.get_app_config(label).get_models():
                if model._meta.managed and not model._meta.proxy:
                    editor.create_model(model)


class Backends:
    """The connection wrapper of each reachable backend, and why PostgreSQL is missing."""

    def __init__(self):
        self.wrappers: dict = {}
        self.pg_name: str | None = None
        self.pg_error: str | None = None


@contextmanager
def installed(app_modules: list[str], labels: list[str], db_prefix: str):
    """Install ``app_modules`` and create their tables on SQLite and (if reachable) PostgreSQL."""
    apps.set_installed_apps(app_modules)
    _clear_app_caches()
    saved_settings = connections._settings
    saved_default = getattr(connections._local, "default", None)
    state = Backends()
    try:
        sqlite = SqliteWrapper(
            _settings_dict({"ENGINE": "framework.db.backends.sqlite3", "NAME": ":memory:"}),
            "default",
        )
        connections["default"] = sqlite
        _create_tables(sqlite, labels)
        state.wrappers["sqlite"] = sqlite
        try:
            postgres.pg_dsn()
        except postgres.PostgresUnavailable as exc:
            state.pg_error = str(exc)
        else:
            state.pg_name = f"{db_prefix}_{os.getpid()}"
            postgres.create_database(state.pg_name)
            pg = PgWrapper(_settings_dict(postgres.databases_entry(state.pg_name)), "default")
            connections["default"] = pg
            _create_tables(pg, labels)
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
        _clear_app_caches()


def _clear_app_caches() -> None:
    # set_installed_apps() sends no setting_changed: drop what was derived from the apps.
    from framework.forms.renderers import get_default_renderer
    from framework.template.backends.base import get_app_template_dirs

    get_app_template_dirs.cache_clear()
    get_default_renderer.cache_clear()


@contextmanager
def using(state: Backends, backend: str):
    """Make ``backend`` the default connection inside a transaction rolled back afterwards."""
    if backend not in state.wrappers:
        unavailable(
            f"PostgreSQL unavailable: {state.pg_error}",
            ci_reason=f"PostgreSQL is required in CI: {state.pg_error}",
        )
    wrapper = state.wrappers[backend]
    connections["default"] = wrapper
    connections._settings = {**(connections._settings or {}), "default": wrapper.settings_dict}
    # Request boundaries would close a connection that is inside the test's
    # transaction (as Django's TestCase does, stop that while the test runs).
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    grants_receiver = _suspend_auth_grants_receiver()
    atomic = transaction.atomic()
    atomic.__enter__()
    try:
        yield wrapper
    finally:
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)
        wrapper.queries_log.clear()
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)
        if grants_receiver is not None:
            post_delete.connect(grants_receiver, weak=False, dispatch_uid=_GRANTS_UID)


_GRANTS_UID = "framework.auth.delete_object_grants"


def _suspend_auth_grants_receiver():
    """Disconnect auth's post_delete receiver (left connected by earlier tests that
    installed auth); it queries auth tables these apps do not have. Returns it, or None."""
    try:
        from framework.contrib.auth.object_grants import delete_object_grants
    except ImportError:
        return None
    if post_delete.disconnect(dispatch_uid=_GRANTS_UID):
        return delete_object_grants
    return None
