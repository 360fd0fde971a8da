"""BaseDatabaseWrapper: one connection per alias and thread, transactions, savepoints."""

from __future__ import annotations

import collections
import logging
import threading
import time
from contextlib import contextmanager
from typing import Any

from framework.conf import settings
from framework.db.backends.utils import CursorDebugWrapper, CursorWrapper, translate_driver_error
from framework.db.utils import (
    KEEP_CURSOR_MAX_ROWS,
    DatabaseErrorWrapper,
    ProgrammingError,
    TransactionManagementError,
)

logger = logging.getLogger("framework.db.backends.base")

NO_DB_ALIAS = "__no_db__"
QUERIES_LOG_LIMIT = 9000


class BaseDatabaseWrapper:
    """Own a DB-API connection: open/close it, track autocommit and atomic blocks.

    Subclasses set ``vendor``, ``Database`` (the driver module) and the classes
    below, and implement ``get_connection_params``, ``get_new_connection``,
    ``init_connection_state``, ``create_cursor``, ``_set_autocommit`` and ``is_usable``.
    """

    vendor = "unknown"
    display_name = "unknown"
    Database: Any = None
    data_types: dict[str, str] = {}
    data_types_suffix: dict[str, str] = {}
    data_type_check_constraints: dict[str, str] = {}
    operators: dict[str, str] = {}
    pattern_esc = ""
    pattern_ops: dict[str, str] = {}

    client_class: Any = None
    creation_class: Any = None
    features_class: Any = None
    introspection_class: Any = None
    ops_class: Any = None
    SchemaEditorClass: Any = None

    queries_limit = QUERIES_LOG_LIMIT

    def __init__(self, settings_dict: dict, alias: str = "default"):
        self.connection: Any = None
        self.settings_dict = settings_dict
        self.alias = alias
        self.queries_log: collections.deque = collections.deque(maxlen=self.queries_limit)
        self.force_debug_cursor = False
        self.autocommit = False
        self.in_atomic_block = False
        self.savepoint_state = 0
        self.savepoint_ids: list[str | None] = []
        self.atomic_blocks: list = []
        self.commit_on_exit = True
        self.needs_rollback = False
        self.rollback_exc: BaseException | None = None
        self.close_at: float | None = None
        self.closed_in_transaction = False
        self.errors_occurred = False
        self.health_check_enabled = False
        self.health_check_done = False
        self.run_on_commit: list = []
        self.run_commit_hooks_on_set_autocommit_on = False
        self.execute_wrappers: list = []
        # One idle driver cursor kept for statement_cursor() (see there).
        self._spare_cursor: Any = None
        self._thread_ident = threading.get_ident()
        self.client = self.client_class(self) if self.client_class else None
        self.creation = self.creation_class(self)
        self.features = self.features_class(self)
        self.introspection = self.introspection_class(self)
        self.ops = self.ops_class(self)

    def __repr__(self) -> str:
        return f"<{type(self).__qualname__} vendor={self.vendor!r} alias={self.alias!r}>"

    # -- settings --

    @property
    def timezone_name(self) -> str:
        """The time zone the database stores naive datetimes in (UTC when USE_TZ)."""
        if not settings.USE_TZ:
            return settings.TIME_ZONE
        return self.settings_dict["TIME_ZONE"] or "UTC"

    @property
    def queries_logged(self) -> bool:
        return self.force_debug_cursor or settings.DEBUG

    @property
    def queries(self) -> list[dict]:
        """The statements run since the last reset_queries() (recorded when DEBUG)."""
        return list(self.queries_log)

    # -- connection life cycle --

    def get_connection_params(self) -> dict:
        raise NotImplementedError

    def get_new_connection(self, conn_params: dict):
        raise NotImplementedError

    def init_connection_state(self) -> None:
        pass

    def create_cursor(self, name: str | None = None):
        raise NotImplementedError

    def connect(self) -> None:
        """Open a new connection with the alias's settings."""
        self.check_settings()
        self.in_atomic_block = False
        self.savepoint_ids = []
        self.atomic_blocks = []
        self.needs_rollback = False
        max_age = self.settings_dict["CONN_MAX_AGE"]
        self.close_at = None if max_age is None else time.monotonic() + max_age
        self.closed_in_transaction = False
        self.errors_occurred = False
        self.health_check_enabled = self.settings_dict["CONN_HEALTH_CHECKS"]
        self.health_check_done = True
        with self.wrap_database_errors:
            self.connection = self.get_new_connection(self.get_connection_params())
        self.set_autocommit(self.settings_dict["AUTOCOMMIT"])
        self.init_connection_state()
        self.run_on_commit = []

    def check_settings(self) -> None:
        from framework.conf import settings
        from framework.core.exceptions import ImproperlyConfigured

        if self.settings_dict["TIME_ZONE"] is not None and not settings.USE_TZ:
            raise ImproperlyConfigured(
                f"Connection {self.alias!r} cannot set TIME_ZONE because USE_TZ is False."
            )

    def ensure_connection(self) -> None:
        """Open the connection if needed; check its health once per request if asked."""
        if self.connection is None:
            if self.in_atomic_block and self.closed_in_transaction:
                raise ProgrammingError(
                    "Cannot open a new connection in an atomic block: the connection was "
                    "closed inside it."
                )
            self.connect()
        elif self.health_check_enabled and not self.health_check_done:
            self.close_if_health_check_failed()

    def close_if_health_check_failed(self) -> None:
        if self.connection is None or not self.health_check_enabled or self.health_check_done:
            return
        if not self.is_usable():
            self.close()
            self.connect()
        self.health_check_done = True

    def is_usable(self) -> bool:
        raise NotImplementedError

    def close(self) -> None:
        """Close the connection (run pending on_commit hooks are discarded)."""
        self.validate_thread_sharing()
        self.run_on_commit = []
        self._spare_cursor = None
        if self.closed_in_transaction or self.connection is None:
            return
        try:
            with self.wrap_database_errors:
                self.connection.close()
        finally:
            if self.in_atomic_block:
                self.closed_in_transaction = True
                self.needs_rollback = True
            else:
                self.connection = None

    def close_if_unusable_or_obsolete(self) -> None:
        """Request boundary: close broken or expired connections, reset the health check."""
        if self.connection is None:
            return
        self.health_check_done = False
        # self.autocommit, not get_autocommit(): that would run the health check (and
        # reconnect) here, so a request needing no database would fail while it is down.
        if self.autocommit != self.settings_dict["AUTOCOMMIT"]:
            self.close()
            return
        if self.errors_occurred:
            if self.is_usable():
                self.errors_occurred = False
                self.health_check_done = True
            else:
                self.close()
                return
        if self.close_at is not None and time.monotonic() >= self.close_at:
            self.close()

    def validate_thread_sharing(self) -> None:
        pass

    # -- cursors --

    @property
    def wrap_database_errors(self) -> DatabaseErrorWrapper:
        # The wrapper holds no state but the connection: one per connection object serves
        # every cursor call (checked against self in case the connection was copied).
        wrapper = self.__dict__.get("_database_error_wrapper")
        if wrapper is None or wrapper.wrapper is not self:
            wrapper = self._database_error_wrapper = DatabaseErrorWrapper(self)
        return wrapper

    def _prepare_cursor(self, cursor):
        if self.queries_logged:
            return CursorDebugWrapper(cursor, self)
        return CursorWrapper(cursor, self)

    def cursor(self):
        """Return a new cursor (a context manager) on the connection, opening it if needed."""
        self.ensure_connection()
        with self.wrap_database_errors:
            return self._prepare_cursor(self.create_cursor())

    def chunked_cursor(self):
        return self.cursor()

    def statement_cursor(self):
        """A cursor for one statement whose results are read at once; hand it back with
        ``release_cursor()`` instead of closing it.

        Opening a driver cursor per statement costs more than a small UPDATE's own client
        work, so one idle cursor per connection is kept and reused. A nested or concurrent
        caller (an execute wrapper running its own query, a generator still reading) finds
        none idle and gets a new one; iterator() and server-side cursors never come here.
        Errors are translated and queries logged exactly as with ``cursor()``.
        """
        raw = self._spare_cursor
        # cursor() replaced on this object (a test refusing queries, a user's hook) is obeyed.
        if raw is not None and self.connection is not None and "cursor" not in self.__dict__:
            self._spare_cursor = None
            if self.health_check_enabled and not self.health_check_done:
                self.close_if_health_check_failed()
                if self.connection is not raw.connection:
                    return self.cursor()
            if self.queries_logged:
                return CursorDebugWrapper(raw, self)
            return CursorWrapper(raw, self)
        return self.cursor()

    def release_cursor(self, cursor) -> None:
        """Keep ``cursor`` (from statement_cursor()) for the next statement, or close it."""
        self._release_raw(cursor.cursor)

    def run_statement(self, sql: str, params: Any, fetch: bool = True) -> Any:
        """Execute one statement and return all its rows, or its row count if not ``fetch``.

        The ORM's cached statements (get(pk=), save()'s UPDATE) come here. When nothing
        needs the wrapped cursor (no execute_wrapper(), no query logging, no broken
        transaction, no pending health check) the spare driver cursor is used directly:
        statement_cursor(), the wrapper and release_cursor() would be five Python calls
        around a statement whose client side costs about as much. Errors are translated as
        the wrapper does.
        """
        raw = self._spare_cursor
        if (
            raw is None
            or self.execute_wrappers
            or self.needs_rollback
            or self.force_debug_cursor
            or settings.DEBUG
            or self.connection is None
            or "cursor" in self.__dict__
            or (self.health_check_enabled and not self.health_check_done)
        ):
            cursor = self.statement_cursor()
            result = None
            try:
                cursor.execute(sql, params)
                result = cursor.fetchall() if fetch else cursor.rowcount
            finally:
                big = fetch and result is not None and len(result) > KEEP_CURSOR_MAX_ROWS
                self._release_raw(cursor.cursor, keep=not big)
            return result
        self._spare_cursor = None
        try:
            raw.execute(sql, params)
            result = raw.fetchall() if fetch else raw.rowcount
        except Exception as exc:
            self._release_raw(raw)
            translate_driver_error(self, exc)
            raise
        if fetch and len(result) > KEEP_CURSOR_MAX_ROWS:
            self._release_raw(raw, keep=False)
        else:
            self._spare_cursor = raw
        return result

    def _release_raw(self, raw, keep: bool = True) -> None:
        if keep and self._spare_cursor is None and raw.connection is self.connection is not None:
            self._spare_cursor = raw
        else:
            try:
                raw.close()
            except self.Database.Error:
                pass

    @contextmanager
    def execute_wrapper(self, wrapper):
        """Install ``wrapper(execute, sql, params, many, context)`` around every query."""
        self.execute_wrappers.append(wrapper)
        try:
            yield
        finally:
            self.execute_wrappers.pop()

    # -- transactions --

    def _commit(self) -> None:
        if self.connection is not None:
            with self.wrap_database_errors:
                self.connection.commit()

    def _rollback(self) -> None:
        if self.connection is not None:
            with self.wrap_database_errors:
                self.connection.rollback()

    def commit(self) -> None:
        self.validate_no_atomic_block()
        self._commit()
        self.errors_occurred = False
        self.run_commit_hooks_on_set_autocommit_on = True

    def rollback(self) -> None:
        self.validate_no_atomic_block()
        self._rollback()
        self.errors_occurred = False
        self.needs_rollback = False
        self.run_on_commit = []

    def _start_transaction_under_autocommit(self) -> None:
        raise NotImplementedError

    def _savepoint(self, sid: str) -> None:
        with self.cursor() as cursor:
            cursor.execute(self.ops.savepoint_create_sql(sid))

    def _savepoint_rollback(self, sid: str) -> None:
        with self.cursor() as cursor:
            cursor.execute(self.ops.savepoint_rollback_sql(sid))

    def _savepoint_commit(self, sid: str) -> None:
        with self.cursor() as cursor:
            cursor.execute(self.ops.savepoint_commit_sql(sid))

    def _savepoint_allowed(self) -> bool:
        return self.features.uses_savepoints and not self.get_autocommit()

    def savepoint(self) -> str | None:
        """Create a savepoint inside a transaction and return its id (None if impossible)."""
        if not self._savepoint_allowed():
            return None
        thread_ident = threading.get_ident()
        self.savepoint_state += 1
        sid = f"s{thread_ident}_x{self.savepoint_state}"
        self._savepoint(sid)
        return sid

    def savepoint_rollback(self, sid: str) -> None:
        if not self._savepoint_allowed():
            return
        self._savepoint_rollback(sid)
        # Hooks registered after the savepoint are discarded with it.
        self.run_on_commit = [hook for hook in self.run_on_commit if sid not in hook[0]]

    def savepoint_commit(self, sid: str) -> None:
        if not self._savepoint_allowed():
            return
        self._savepoint_commit(sid)

    def clean_savepoints(self) -> None:
        self.savepoint_state = 0

    def _set_autocommit(self, autocommit: bool) -> None:
        raise NotImplementedError

    def get_autocommit(self) -> bool:
        self.ensure_connection()
        return self.autocommit

    def set_autocommit(
        self, autocommit: bool, force_begin_transaction_with_broken_autocommit: bool = False
    ) -> None:
        self.validate_no_atomic_block()
        self.close_if_health_check_failed()
        self.ensure_connection()
        start_under_autocommit = (
            force_begin_transaction_with_broken_autocommit
            and not autocommit
            and getattr(self.features, "autocommits_when_autocommit_is_off", False)
        )
        if start_under_autocommit:
            self._start_transaction_under_autocommit()
        else:
            self._set_autocommit(autocommit)
        self.autocommit = autocommit
        if autocommit and self.run_commit_hooks_on_set_autocommit_on:
            self.run_and_clear_commit_hooks()
            self.run_commit_hooks_on_set_autocommit_on = False

    def get_rollback(self) -> bool:
        if not self.in_atomic_block:
            raise TransactionManagementError(
                "The rollback flag doesn't work outside of an 'atomic' block."
            )
        return self.needs_rollback

    def set_rollback(self, rollback: bool) -> None:
        if not self.in_atomic_block:
            raise TransactionManagementError(
                "The rollback flag doesn't work outside of an 'atomic' block."
            )
        self.needs_rollback = rollback

    def validate_no_atomic_block(self) -> None:
        if self.in_atomic_block:
            raise TransactionManagementError("This is forbidden when an 'atomic' block is active.")

    def validate_no_broken_transaction(self) -> None:
        if self.needs_rollback:
            raise TransactionManagementError(
                "An error occurred in the current transaction. You can't execute queries "
                "until the end of the 'atomic' block."
            ) from self.rollback_exc

    def on_commit(self, func, robust: bool = False) -> None:
        if not callable(func):
            raise TypeError("on_commit()'s callback must be a callable.")
        if self.in_atomic_block:
            self.run_on_commit.append((set(self.savepoint_ids), func, robust))
        elif not self.get_autocommit():
            raise TransactionManagementError(
                "on_commit() cannot be used in manual transaction management"
            )
        else:
            self._run_hook(func, robust)

    def run_and_clear_commit_hooks(self) -> None:
        self.validate_no_atomic_block()
        current, self.run_on_commit = self.run_on_commit, []
        while current:
            _, func, robust = current.pop(0)
            self._run_hook(func, robust)

    @staticmethod
    def _run_hook(func, robust: bool) -> None:
        if not robust:
            func()
            return
        try:
            func()
        except Exception as exc:
            logger.exception("Error calling %r in on_commit() (%s).", func, exc)

    @contextmanager
    def constraint_checks_disabled(self):
        disabled = self.disable_constraint_checking()
        try:
            yield
        finally:
            if disabled:
                self.enable_constraint_checking()

    def disable_constraint_checking(self) -> bool:
        return False

    def enable_constraint_checking(self) -> None:
        pass

    def check_constraints(self, table_names=None) -> None:
        pass

    def schema_editor(self, *args, **kwargs):
        """Return a schema editor (a context manager) for this connection."""
        return self.SchemaEditorClass(self, *args, **kwargs)

    @contextmanager
    def temporary_connection(self):
        must_close = self.connection is None
        try:
            with self.cursor() as cursor:
                yield cursor
        finally:
            if must_close:
                self.close()
