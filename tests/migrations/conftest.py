"""Migration test set-up: throwaway apps on sys.path and a clean database per test.

``mig_db`` is parametrised over SQLite (a fresh in-memory database per test) and
PostgreSQL (one database per test package, its ``public`` schema recreated before each
test). Both are swapped in as the ``default`` alias, as the ORM suite does.

``make_app(models_source)`` writes a uniquely named app package (``models.py`` and,
optionally, migration files) into a temporary directory on sys.path and installs it
with ``apps.set_installed_apps``; ``app.write_models()`` changes the models and
reloads the registry. Everything is removed afterwards, so test models never leak.
"""

from __future__ import annotations

import importlib
import itertools
import os
import sys
import textwrap

import pytest

from framework.apps import apps
from framework.db import connections
from framework.db.backends.postgresql.base import DatabaseWrapper as PgWrapper
from framework.db.backends.sqlite3.base import DatabaseWrapper as SqliteWrapper
from tests.support import postgres
from tests.support.dual_db import settings_dict as _settings_dict
from tests.support.services import unavailable

_counter = itertools.count()


class _PgServer:
    def __init__(self):
        self.name: str | None = None
        self.error: str | None = None


@pytest.fixture(scope="package")
def pg_server():
    """One PostgreSQL database for the package (or the reason there is none)."""
    state = _PgServer()
    try:
        postgres.pg_dsn()
    except postgres.PostgresUnavailable as exc:
        state.error = str(exc)
        yield state
        return
    state.name = f"test_framework_mig_{os.getpid()}"
    postgres.create_database(state.name)
    try:
        yield state
    finally:
        postgres.drop_database(state.name)


def _install(wrapper):
    saved_local = getattr(connections._local, "default", None)
    saved_settings = connections._settings
    connections["default"] = wrapper
    connections._settings = {**(connections._settings or {}), "default": wrapper.settings_dict}
    return saved_local, saved_settings


def _restore(saved_local, saved_settings):
    connections._settings = saved_settings
    if saved_local is not None:
        connections["default"] = saved_local
    elif hasattr(connections._local, "default"):
        del connections["default"]


@pytest.fixture(
    params=[
        "sqlite",
        pytest.param("postgresql", marks=pytest.mark.postgresql),
    ]
)
def mig_db(request, pg_server):
    """An empty database as the ``default`` connection, on each backend."""
    if request.param == "sqlite":
        wrapper = SqliteWrapper(
            _settings_dict({"ENGINE": "framework.db.backends.sqlite3", "NAME": ":memory:"}),
            "default",
        )
    else:
        if pg_server.name is None:
            unavailable(
                f"PostgreSQL unavailable: {pg_server.error}",
                ci_reason=f"PostgreSQL is required in CI: {pg_server.error}",
            )
        wrapper = PgWrapper(_settings_dict(postgres.databases_entry(pg_server.name)), "default")
        with wrapper.cursor() as cursor:
            cursor.execute("DROP SCHEMA public CASCADE")
            cursor.execute("CREATE SCHEMA public")
    saved = _install(wrapper)
    try:
        yield wrapper
    finally:
        wrapper.close()
        _restore(*saved)


class TestApp:
    """A throwaway installed app: its package directory, label and helpers."""

    def __init__(self, root, name: str, installed: list[str]):
        self.installed = installed
        self.root = root
        self.name = name
        self.label = name
        self.path = root / name
        self.migrations_path = self.path / "migrations"

    def write_models(self, source: str) -> None:
        """Replace models.py and reload the app registry with the new models."""
        (self.path / "models.py").write_text(
            "from framework.db import models\n\n" + textwrap.dedent(source)
        )
        self.reload()

    def reload(self) -> None:
        """Re-import every installed test app, so relations point at the new classes."""
        for name in self.installed:
            apps.all_models.pop(name, None)
            for module in [m for m in sys.modules if m == name or m.startswith(name + ".")]:
                if ".migrations" not in module:
                    del sys.modules[module]
        importlib.invalidate_caches()
        apps.unset_installed_apps()
        apps.set_installed_apps(list(self.installed))

    def write_migration(self, name: str, source: str) -> None:
        """Write migrations/<name>.py (creating the package)."""
        self.migrations_path.mkdir(exist_ok=True)
        (self.migrations_path / "__init__.py").touch()
        (self.migrations_path / f"{name}.py").write_text(textwrap.dedent(source))
        importlib.invalidate_caches()

    def migration_files(self) -> list[str]:
        if not self.migrations_path.exists():
            return []
        return sorted(
            p.name for p in self.migrations_path.iterdir() if p.suffix == ".py" and p.stem[0] != "_"
        )

    def read_migration(self, name: str) -> str:
        return (self.migrations_path / name).read_text()


@pytest.fixture
def make_app(tmp_path):
    """Factory: ``make_app(models_source, migrations=True)`` installs a new test app."""
    created: list[TestApp] = []
    names: list[str] = []
    sys.path.insert(0, str(tmp_path))
    saved_bytecode = sys.dont_write_bytecode
    # Rewritten files of the same size within a second must not be read from stale .pyc.
    sys.dont_write_bytecode = True
    installed = False

    def factory(models_source: str = "", migrations: bool = True) -> TestApp:
        nonlocal installed
        name = f"migapp{os.getpid()}x{next(_counter)}"
        app = TestApp(tmp_path, name, names)
        app.path.mkdir()
        (app.path / "__init__.py").touch()
        (app.path / "models.py").write_text(
            "from framework.db import models\n\n" + textwrap.dedent(models_source)
        )
        if migrations:
            app.migrations_path.mkdir()
            (app.migrations_path / "__init__.py").touch()
        importlib.invalidate_caches()
        names.append(name)
        if installed:
            apps.unset_installed_apps()
        apps.set_installed_apps(list(names))
        installed = True
        created.append(app)
        return app

    try:
        yield factory
    finally:
        if installed:
            apps.unset_installed_apps()
        for app in created:
            apps.all_models.pop(app.label, None)
            for module in [m for m in sys.modules if m == app.name or m.startswith(app.name + ".")]:
                del sys.modules[module]
        sys.path.remove(str(tmp_path))
        sys.dont_write_bytecode = saved_bytecode
        apps.clear_cache()
