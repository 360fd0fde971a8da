"""One set-up for the suites whose every test runs on SQLite and on PostgreSQL.

``installed_on_both()`` installs test apps, builds an in-memory SQLite connection and (when
the server answers) one to a throwaway PostgreSQL database, lets the caller create the
tables on each, and undoes all of it afterwards. ``use()`` swaps one of them in as the
``default`` alias and ``rolled_back()`` runs a test inside a transaction that is rolled
back. ``BACKEND_PARAMS`` parametrises a fixture over both backends (the PostgreSQL case
carries the ``postgresql`` marker). With CI=true an unreachable PostgreSQL fails the test
instead of skipping it.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest

from framework.apps import apps
from framework.db import connections, transaction
from framework.db.backends.postgresql.base import DatabaseWrapper as PgWrapper
from framework.db.backends.sqlite3.base import DatabaseWrapper as SqliteWrapper
from framework.db.utils import ConnectionHandler
from tests.support import postgres
from tests.support.services import unavailable

BACKENDS = ["sqlite", "postgresql"]
BACKEND_PARAMS = [
    pytest.param(b, marks=[pytest.mark.postgresql] if b == "postgresql" else []) for b in BACKENDS
]


class Backends:
    """The connection wrapper of each reachable backend, and why PostgreSQL is missing."""

    def __init__(self):
        self.wrappers: dict = {}
        self.pg_name: str | None = None
        self.pg_error: str | None = None


def settings_dict(conf: dict) -> dict:
    """A DATABASES entry completed with the defaults, as ConnectionHandler would."""
    return ConnectionHandler.configure_settings({"default": conf})["default"]


def create_models(wrapper, app_labels: list[str]) -> None:
    """Create the tables of the managed, concrete models of ``app_labels``."""
    with wrapper.schema_editor() as editor:
        for label in app_labels:
            for model in apps.get_app_config(label).get_models():
                if model._meta.managed and not model._meta.proxy and not model._meta.swapped:
                    editor.create_model(model)


@contextmanager
def both_backends(create: Callable[[object], None], db_prefix: str) -> Iterator[Backends]:
    """Call ``create(wrapper)`` on a fresh SQLite and (if reachable) PostgreSQL database.

    Each wrapper is the ``default`` alias while ``create`` runs; afterwards the connections
    are closed, the PostgreSQL database dropped and ``default`` restored.
    """
    saved_settings = connections._settings
    saved_default = getattr(connections._local, "default", None)
    state = Backends()
    try:
        sqlite = SqliteWrapper(
            settings_dict({"ENGINE": "framework.db.backends.sqlite3", "NAME": ":memory:"}),
            "default",
        )
        connections["default"] = sqlite
        create(sqlite)
        state.wrappers["sqlite"] = sqlite
        try:
            postgres.pg_dsn()
        except postgres.PostgresUnavailable as exc:
            state.pg_error = str(exc)
        else:
            state.pg_name = f"{db_prefix}_{os.getpid()}"
            postgres.create_database(state.pg_name)
            pg = PgWrapper(settings_dict(postgres.databases_entry(state.pg_name)), "default")
            connections["default"] = pg
            create(pg)
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
        restore_default(saved_settings, saved_default)


def restore_default(saved_settings, saved_default) -> None:
    """Put back the ``default`` connection and settings saved before a swap."""
    connections._settings = saved_settings
    if saved_default is not None:
        connections["default"] = saved_default
    elif hasattr(connections._local, "default"):
        del connections["default"]


@contextmanager
def installed_on_both(
    app_modules: list[str], create: Callable[[object], None], db_prefix: str
) -> Iterator[Backends]:
    """Install ``app_modules``, then ``both_backends(create, db_prefix)``; undo both after."""
    apps.set_installed_apps(app_modules)
    # Relation trees cached while other tests had other apps installed must be rebuilt.
    for model in apps.get_models(include_auto_created=True):
        model._meta._expire_cache()
    try:
        with both_backends(create, db_prefix) as state:
            yield state
    finally:
        apps.unset_installed_apps()


def use(state: Backends, backend: str):
    """Make ``backend``'s wrapper the ``default`` connection; return it."""
    if backend not in state.wrappers:
        unavailable(
            f"PostgreSQL unavailable: {state.pg_error}",
            ci_reason=f"PostgreSQL is required in CI: {state.pg_error}",
        )
    wrapper = state.wrappers[backend]
    connections["default"] = wrapper
    connections._settings = {**(connections._settings or {}), "default": wrapper.settings_dict}
    return wrapper


@contextmanager
def rolled_back(wrapper) -> Iterator[object]:
    """Run the body inside a transaction on ``wrapper`` that is rolled back afterwards."""
    atomic = transaction.atomic()
    atomic.__enter__()
    try:
        yield wrapper
    finally:
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)
        wrapper.queries_log.clear()
