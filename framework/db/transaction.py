"""Transactions: ``atomic`` (nested as savepoints), ``on_commit`` and the rollback flag."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import ContextDecorator, contextmanager
from typing import Any

from framework.db.connection_proxy import connections
from framework.db.utils import (
    DEFAULT_DB_ALIAS,
    DatabaseError,
    Error,
    ProgrammingError,
    TransactionManagementError,
)

__all__ = [
    "Atomic",
    "TransactionManagementError",
    "atomic",
    "commit",
    "get_autocommit",
    "get_connection",
    "get_rollback",
    "mark_for_rollback_on_error",
    "non_atomic_requests",
    "on_commit",
    "rollback",
    "savepoint",
    "savepoint_commit",
    "savepoint_rollback",
    "set_autocommit",
    "set_rollback",
    "ProgrammingError",
]


def get_connection(using: str | None = None):
    """Return the wrapper of an alias (the default one if None)."""
    return connections[using or DEFAULT_DB_ALIAS]


def get_autocommit(using: str | None = None) -> bool:
    """Whether the connection is in autocommit mode."""
    return get_connection(using).get_autocommit()


def set_autocommit(autocommit: bool, using: str | None = None) -> None:
    """Switch autocommit on or off."""
    get_connection(using).set_autocommit(autocommit)


def commit(using: str | None = None) -> None:
    """Commit the current transaction (forbidden inside atomic)."""
    get_connection(using).commit()


def rollback(using: str | None = None) -> None:
    """Roll back the current transaction (forbidden inside atomic)."""
    get_connection(using).rollback()


def savepoint(using: str | None = None) -> str | None:
    """Create a savepoint and return its id."""
    return get_connection(using).savepoint()


def savepoint_rollback(sid: str, using: str | None = None) -> None:
    """Roll back to a savepoint."""
    get_connection(using).savepoint_rollback(sid)


def savepoint_commit(sid: str, using: str | None = None) -> None:
    """Release a savepoint."""
    get_connection(using).savepoint_commit(sid)


def clean_savepoints(using: str | None = None) -> None:
    get_connection(using).clean_savepoints()


def get_rollback(using: str | None = None) -> bool:
    """Whether the innermost atomic block will roll back."""
    return get_connection(using).get_rollback()


def set_rollback(rollback: bool, using: str | None = None) -> None:
    """Force (or cancel) the rollback of the innermost atomic block on exit."""
    return get_connection(using).set_rollback(rollback)


@contextmanager
def mark_for_rollback_on_error(using: str | None = None):
    """Inside atomic, mark the transaction for rollback if the block raises."""
    try:
        yield
    except Exception as exc:
        flag_rollback_on_error(using, exc)
        raise


def flag_rollback_on_error(using: str | None, exc: Exception) -> None:
    """What mark_for_rollback_on_error() does when its block raises ``exc`` (for hot paths
    that use try/except instead of the context manager)."""
    connection = get_connection(using)
    if connection.in_atomic_block:
        connection.needs_rollback = True
        connection.rollback_exc = exc


def on_commit(func: Callable[[], Any], using: str | None = None, robust: bool = False) -> None:
    """Call ``func`` after the current transaction commits (now, under autocommit)."""
    get_connection(using).on_commit(func, robust)


class Atomic(ContextDecorator):
    """The block runs in a transaction; nested blocks use savepoints.

    On a clean exit the transaction commits (or the savepoint is released);
    on an exception it rolls back and the exception propagates.
    """

    def __init__(self, using: str | None, savepoint: bool, durable: bool):
        self.using = using
        self.savepoint = savepoint
        self.durable = durable
        self._from_testcase = False

    def __enter__(self):
        connection = get_connection(self.using)
        if (
            self.durable
            and connection.atomic_blocks
            and not connection.atomic_blocks[-1]._from_testcase
        ):
            raise RuntimeError(
                "A durable atomic block cannot be nested within another atomic block."
            )
        if not connection.in_atomic_block:
            connection.commit_on_exit = True
            connection.needs_rollback = False
            if not connection.get_autocommit():
                # Manual transaction management: the outer block is already open.
                connection.in_atomic_block = True
                connection.commit_on_exit = False
        if connection.in_atomic_block:
            if self.savepoint and not connection.needs_rollback:
                sid = connection.savepoint()
                connection.savepoint_ids.append(sid)
            else:
                connection.savepoint_ids.append(None)
        else:
            connection.set_autocommit(False, force_begin_transaction_with_broken_autocommit=True)
            connection.in_atomic_block = True
        connection.atomic_blocks.append(self)
        return self

    def __exit__(self, exc_type, exc_value, traceback):
        connection = get_connection(self.using)
        if connection.atomic_blocks:
            connection.atomic_blocks.pop()
        if connection.savepoint_ids:
            sid = connection.savepoint_ids.pop()
        else:
            # Leaving the outermost block: unset the flag first so commit() is allowed.
            connection.in_atomic_block = False
            sid = None
        try:
            if connection.closed_in_transaction:
                pass  # the server rolls back by itself; wait for the outermost block
            elif exc_type is None and not connection.needs_rollback:
                self._commit_block(connection, sid)
            else:
                self._rollback_block(connection, sid)
        finally:
            if not connection.in_atomic_block:
                if connection.closed_in_transaction:
                    connection.connection = None
                else:
                    connection.set_autocommit(True)
            elif not connection.savepoint_ids and not connection.commit_on_exit:
                if connection.closed_in_transaction:
                    connection.connection = None
                else:
                    connection.in_atomic_block = False
        return False

    @staticmethod
    def _commit_block(connection, sid) -> None:
        if connection.in_atomic_block:
            if sid is None:
                return
            try:
                connection.savepoint_commit(sid)
            except DatabaseError:
                try:
                    connection.savepoint_rollback(sid)
                    connection.savepoint_commit(sid)
                except Error:
                    connection.needs_rollback = True
                raise
            return
        try:
            connection.commit()
        except DatabaseError:
            try:
                connection.rollback()
            except Error:
                connection.close()
            raise

    @staticmethod
    def _rollback_block(connection, sid) -> None:
        # Set again below when no savepoint lets this level roll back on its own.
        connection.needs_rollback = False
        if connection.in_atomic_block:
            if sid is None:
                connection.needs_rollback = True
                return
            try:
                connection.savepoint_rollback(sid)
                connection.savepoint_commit(sid)
            except Error:
                connection.needs_rollback = True
            return
        try:
            connection.rollback()
        except Error:
            connection.close()


def atomic(using: Any = None, savepoint: bool = True, durable: bool = False):
    """``@atomic``, ``@atomic(using=...)`` or ``with atomic():``."""
    if callable(using):
        return Atomic(DEFAULT_DB_ALIAS, savepoint, durable)(using)
    return Atomic(using, savepoint, durable)


def _non_atomic_requests(view, using):
    try:
        view._non_atomic_requests.add(using)
    except AttributeError:
        view._non_atomic_requests = {using}
    return view


def non_atomic_requests(using: Any = None):
    """Exclude a view from ATOMIC_REQUESTS."""
    if callable(using):
        return _non_atomic_requests(using, DEFAULT_DB_ALIAS)
    return lambda view: _non_atomic_requests(view, using or DEFAULT_DB_ALIAS)
