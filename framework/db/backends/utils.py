"""Cursor wrappers: error translation and, when DEBUG, query logging."""

from __future__ import annotations

import logging
import time
from typing import Any

logger = logging.getLogger("framework.db.backends")


class CursorWrapper:
    """A DB-API cursor whose driver errors surface as framework.db errors."""

    __slots__ = ("cursor", "db")

    def __init__(self, cursor: Any, db: Any):
        self.cursor = cursor
        self.db = db

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self.cursor, name)
        if name in ("fetchone", "fetchmany", "fetchall", "nextset"):
            return self.db.wrap_database_errors(attr)
        return attr

    # The fetch methods and execute() are spelled out, with try/except rather than
    # ``with db.wrap_database_errors``: that would be three Python calls per statement
    # (the property, __enter__, __exit__) on the hot path; try costs nothing until a raise.
    def fetchone(self):
        try:
            return self.cursor.fetchone()
        except Exception as exc:
            translate_driver_error(self.db, exc)
            raise

    def fetchmany(self, size: int | None = None):
        try:
            if size is None:
                return self.cursor.fetchmany()
            return self.cursor.fetchmany(size)
        except Exception as exc:
            translate_driver_error(self.db, exc)
            raise

    def fetchall(self):
        try:
            return self.cursor.fetchall()
        except Exception as exc:
            translate_driver_error(self.db, exc)
            raise

    @property
    def rowcount(self) -> int:
        return self.cursor.rowcount

    def close(self) -> None:
        return self.cursor.close()

    def __iter__(self):
        with self.db.wrap_database_errors:
            yield from self.cursor

    def __enter__(self):
        return self

    def __exit__(self, *exc_info) -> None:
        try:
            self.close()
        except self.db.Database.Error:
            pass

    def callproc(self, procname: str, params: Any = None):
        self.db.validate_no_broken_transaction()
        with self.db.wrap_database_errors:
            if params is None:
                return self.cursor.callproc(procname)
            return self.cursor.callproc(procname, params)

    def execute(self, sql: str, params: Any = None):
        db = self.db
        if db.execute_wrappers:
            return self._execute_with_wrappers(sql, params, many=False, executor=self._execute)
        # The common case, inlined: one call per statement on the hot path.
        if db.needs_rollback:
            db.validate_no_broken_transaction()
        try:
            if params is None:
                return self.cursor.execute(sql)
            return self.cursor.execute(sql, params)
        except Exception as exc:
            translate_driver_error(db, exc)
            raise

    def executemany(self, sql: str, param_list: Any):
        return self._execute_with_wrappers(sql, param_list, many=True, executor=self._executemany)

    def _execute_with_wrappers(self, sql, params, many, executor):
        wrappers = self.db.execute_wrappers
        if not wrappers:
            # No execute_wrapper() installed: nobody reads the context.
            return executor(sql, params, many, None)
        context = {"connection": self.db, "cursor": self}
        call = executor
        for wrapper in reversed(wrappers):
            call = _bind_wrapper(wrapper, call)
        return call(sql, params, many, context)

    def _execute(self, sql, params, many, context):
        self.db.validate_no_broken_transaction()
        with self.db.wrap_database_errors:
            if params is None:
                return self.cursor.execute(sql)
            return self.cursor.execute(sql, params)

    def _executemany(self, sql, param_list, many, context):
        self.db.validate_no_broken_transaction()
        with self.db.wrap_database_errors:
            return self.cursor.executemany(sql, param_list)


def translate_driver_error(db: Any, exc: Exception) -> None:
    """Raise the framework's class for a driver error (``db.wrap_database_errors``'s rule,
    marking the connection as having seen errors); return for any other exception."""
    db.wrap_database_errors.__exit__(type(exc), exc, exc.__traceback__)


def _bind_wrapper(wrapper, call):
    def bound(sql, params, many, context):
        return wrapper(lambda s, p, m, c: call(s, p, m, c), sql, params, many, context)

    return bound


class CursorDebugWrapper(CursorWrapper):
    """Also record each statement and its duration in ``connection.queries_log``."""

    __slots__ = ()

    def execute(self, sql: str, params: Any = None):
        start = time.monotonic()
        try:
            return super().execute(sql, params)
        finally:
            self._record(sql, params, start, many=False)

    def executemany(self, sql: str, param_list: Any):
        start = time.monotonic()
        try:
            return super().executemany(sql, param_list)
        finally:
            self._record(sql, param_list, start, many=True)

    def _record(self, sql, params, start, many):
        duration = time.monotonic() - start
        if many:
            try:
                times = len(params)
            except TypeError:
                times = "?"
            text = f"{times} times: {sql}"
        else:
            text = self.db.ops.last_executed_query(self.cursor, sql, params)
        self.db.queries_log.append({"sql": text, "time": f"{duration:.3f}"})
        logger.debug(
            "(%.3f) %s; args=%s; alias=%s",
            duration,
            sql,
            params,
            self.db.alias,
            extra={"duration": duration, "sql": sql, "params": params, "alias": self.db.alias},
        )
