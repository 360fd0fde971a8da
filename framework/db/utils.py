"""PEP 249 errors, the error-wrapping context, the connection handler and the router."""

from __future__ import annotations

import importlib
import threading
from typing import Any

from framework.core.exceptions import ImproperlyConfigured
from framework.utils.module_loading import import_string

DEFAULT_DB_ALIAS = "default"
# Results up to this many rows leave their driver cursor for reuse (statement_cursor(),
# run_statement()): a cursor keeps its last result set, and a big one isn't kept alive.
KEEP_CURSOR_MAX_ROWS = 100


class Error(Exception):
    """Base of the PEP 249 errors raised by the framework's backends."""


class InterfaceError(Error):
    pass


class DatabaseError(Error):
    pass


class DataError(DatabaseError):
    pass


class OperationalError(DatabaseError):
    pass


class IntegrityError(DatabaseError):
    pass


class InternalError(DatabaseError):
    pass


class ProgrammingError(DatabaseError):
    pass


class NotSupportedError(DatabaseError):
    pass


class TransactionManagementError(ProgrammingError):
    """Misuse of transactions: a query in a broken atomic block, commit inside atomic."""


class ConnectionDoesNotExist(Exception):
    """A database alias that is not in DATABASES."""


_PEP249_NAMES = (
    "DataError",
    "OperationalError",
    "IntegrityError",
    "InternalError",
    "ProgrammingError",
    "NotSupportedError",
    "DatabaseError",
    "InterfaceError",
    "Error",
)


class DatabaseErrorWrapper:
    """Turn a driver's PEP 249 exception into the framework's class of the same name."""

    def __init__(self, wrapper: Any):
        self.wrapper = wrapper

    def __enter__(self) -> None:
        return None

    def __exit__(self, exc_type, exc_value, traceback) -> bool:
        if exc_type is None:
            return False
        database = self.wrapper.Database
        for name in _PEP249_NAMES:
            db_exc_type = getattr(database, name)
            if issubclass(exc_type, db_exc_type):
                ours = globals()[name]
                new = ours(*exc_value.args)
                if name not in ("DataError", "IntegrityError"):
                    self.wrapper.errors_occurred = True
                raise new.with_traceback(traceback) from exc_value
        return False

    def __call__(self, func):
        def inner(*args, **kwargs):
            with self:
                return func(*args, **kwargs)

        return inner


def load_backend(backend_name: str):
    """Import ``<backend_name>.base`` and return it; a clear error names the bad ENGINE."""
    try:
        return importlib.import_module(f"{backend_name}.base")
    except ImportError as exc:
        raise ImproperlyConfigured(
            f"{backend_name!r} isn't an available database backend or couldn't be imported "
            f"({exc}). Use 'framework.db.backends.sqlite3' or "
            f"'framework.db.backends.postgresql'."
        ) from exc


class ConnectionHandler:
    """``connections[alias]``: one wrapper per alias and per thread, built lazily."""

    def __init__(self, settings: dict | None = None):
        self._settings = settings
        self._local = threading.local()
        # Per thread: the wrappers all(initialized_only=True) returns, and the settings
        # they were filtered against (request boundaries ask three times per request).
        self._made = threading.local()

    @property
    def settings(self) -> dict:
        if self._settings is None:
            from framework.conf import settings

            self._settings = self.configure_settings(settings.DATABASES)
        return self._settings

    @staticmethod
    def configure_settings(databases: dict) -> dict:
        """Fill in the defaults of every DATABASES entry."""
        databases = {alias: dict(conf) for alias, conf in databases.items()}
        if databases == {}:
            databases[DEFAULT_DB_ALIAS] = {"ENGINE": "framework.db.backends.dummy"}
        elif DEFAULT_DB_ALIAS not in databases:
            raise ImproperlyConfigured(
                f"You must define a {DEFAULT_DB_ALIAS!r} database in DATABASES."
            )
        for conf in databases.values():
            conf.setdefault("ATOMIC_REQUESTS", False)
            conf.setdefault("AUTOCOMMIT", True)
            conf.setdefault("ENGINE", "framework.db.backends.dummy")
            conf.setdefault("CONN_MAX_AGE", 0)
            conf.setdefault("CONN_HEALTH_CHECKS", False)
            conf.setdefault("OPTIONS", {})
            conf.setdefault("TIME_ZONE", None)
            for key in ("NAME", "USER", "PASSWORD", "HOST", "PORT"):
                conf.setdefault(key, "")
            test = conf.setdefault("TEST", {})
            for key in ("CHARSET", "COLLATION", "MIGRATE", "MIRROR", "NAME"):
                test.setdefault(key, None if key != "MIGRATE" else True)
        return databases

    def create_connection(self, alias: str):
        conf = self.settings[alias]
        backend = load_backend(conf["ENGINE"])
        return backend.DatabaseWrapper(conf, alias)

    def __getitem__(self, alias: str):
        try:
            return getattr(self._local, alias)
        except AttributeError:
            if alias not in self.settings:
                raise ConnectionDoesNotExist(
                    f"The connection {alias!r} doesn't exist; add it to DATABASES."
                ) from None
        conn = self.create_connection(alias)
        self[alias] = conn
        return conn

    def __setitem__(self, alias: str, conn: Any) -> None:
        setattr(self._local, alias, conn)
        vars(self._made).clear()

    def __delitem__(self, alias: str) -> None:
        delattr(self._local, alias)
        vars(self._made).clear()

    def __iter__(self):
        return iter(self.settings)

    def __contains__(self, alias: str) -> bool:
        return alias in self.settings

    def all(self, initialized_only: bool = False) -> list:
        """Return the wrappers of every alias (only already-created ones if asked)."""
        if initialized_only:
            return list(self.initialized())
        return [self[alias] for alias in self]

    def initialized(self) -> list:
        """The wrappers this thread has created, as a list kept between calls: the request
        boundaries read it three times per request. Iterate it; do not change it."""
        made = vars(self._made)
        if made.get("settings") is not self._settings or self._settings is None:
            configured = self.settings
            made["conns"] = [
                conn for alias, conn in vars(self._local).items() if alias in configured
            ]
            made["settings"] = configured
        return made["conns"]

    def close_all(self) -> None:
        """Close every connection opened by this thread."""
        for conn in self.initialized():
            conn.close()

    def reset(self, settings: dict | None = None) -> None:
        """Close connections and re-read DATABASES (used when the setting changes)."""
        self.close_all()
        self._settings = self.configure_settings(settings) if settings is not None else None
        self._local = threading.local()
        self._made = threading.local()


class ConnectionRouter:
    """Ask each router of DATABASE_ROUTERS in turn; fall back to the instance's or default DB."""

    def __init__(self, routers: list | None = None):
        self._routers = routers
        self._instances: list | None = None
        # True once the routers are known to be none: the ORM's hot paths then take the
        # default alias without calling db_for_read()/db_for_write().
        self.without_routers = False

    @property
    def routers(self) -> list:
        """The router objects, each DATABASE_ROUTERS entry imported and instantiated once
        (as Django does); ``reset()`` (a DATABASE_ROUTERS change) builds them again."""
        instances = self._instances
        if instances is None:
            if self._routers is None:
                from framework.conf import settings

                self._routers = settings.DATABASE_ROUTERS
            instances = [import_string(r)() if isinstance(r, str) else r for r in self._routers]
            self._instances = instances
            self.without_routers = not instances
        return instances

    def reset(self) -> None:
        self._routers = None
        self._instances = None
        self.without_routers = False

    def _router_func(action: str):  # noqa: N805 - builds methods at class creation
        def _route_db(self, model, **hints):
            routers = self._instances
            for router in self.routers if routers is None else routers:
                method = getattr(router, action, None)
                if method is None:
                    continue
                chosen = method(model, **hints)
                if chosen:
                    return chosen
            instance = hints.get("instance")
            if instance is not None and instance._state.db:
                return instance._state.db
            return DEFAULT_DB_ALIAS

        return _route_db

    db_for_read = _router_func("db_for_read")
    db_for_write = _router_func("db_for_write")

    def allow_relation(self, obj1, obj2, **hints) -> bool:
        """True unless a router forbids a relation between the two instances."""
        for router in self.routers:
            method = getattr(router, "allow_relation", None)
            if method is None:
                continue
            allow = method(obj1, obj2, **hints)
            if allow is not None:
                return allow
        return obj1._state.db == obj2._state.db

    def allow_migrate(self, db: str, app_label: str, **hints) -> bool:
        """True unless a router forbids migrating app_label on db."""
        for router in self.routers:
            method = getattr(router, "allow_migrate", None)
            if method is None:
                continue
            allow = method(db, app_label, **hints)
            if allow is not None:
                return allow
        return True

    def allow_migrate_model(self, db: str, model) -> bool:
        if not model._meta.can_migrate(db):
            return False
        return self.allow_migrate(
            db, model._meta.app_label, model_name=model._meta.model_name, model=model
        )

    def get_migratable_models(self, app_config, db: str, include_auto_created: bool = False):
        models = app_config.get_models(include_auto_created=include_auto_created)
        return [m for m in models if self.allow_migrate_model(db, m)]
