"""Operation: one change to the project state and the database schema."""

from __future__ import annotations

from typing import Any

from framework.db import router


class Operation:
    """Base of migration operations.

    An operation changes the in-memory project state (``state_forwards``) and the
    database (``database_forwards``/``database_backwards``). Its constructor arguments
    are remembered so the writer can print it back (``deconstruct``).
    """

    reversible = True
    reduces_to_sql = True
    atomic = False
    elidable = False
    serialization_expand_args: list[str] = []

    def __new__(cls, *args: Any, **kwargs: Any):
        self = object.__new__(cls)
        self._constructor_args = (args, kwargs)
        return self

    def deconstruct(self) -> tuple[str, tuple, dict]:
        """Return (class name, args, kwargs) to rebuild this operation."""
        return self.__class__.__name__, self._constructor_args[0], self._constructor_args[1]

    def state_forwards(self, app_label: str, state: Any) -> None:
        raise NotImplementedError(f"{type(self).__name__} must implement state_forwards().")

    def database_forwards(self, app_label, schema_editor, from_state, to_state) -> None:
        raise NotImplementedError(f"{type(self).__name__} must implement database_forwards().")

    def database_backwards(self, app_label, schema_editor, from_state, to_state) -> None:
        raise NotImplementedError(f"{type(self).__name__} must implement database_backwards().")

    def describe(self) -> str:
        """A human-readable one-line description."""
        return f"{self.__class__.__name__}: {self._constructor_args}"

    @property
    def migration_name_fragment(self) -> str | None:
        """A name fragment for ``Migration.suggest_name()``, or None."""
        return None

    def references_model(self, name: str, app_label: str) -> bool:
        """True if this operation may touch the model (conservative by default)."""
        return True

    def references_field(self, model_name: str, name: str, app_label: str) -> bool:
        return self.references_model(model_name, app_label)

    def allow_migrate_model(self, connection_alias: str, model: Any) -> bool:
        """True if the router lets this model be migrated on ``connection_alias``."""
        if not model._meta.can_migrate(connection_alias):
            return False
        return router.allow_migrate_model(connection_alias, model)

    def reduce(self, operation: Operation, app_label: str) -> bool | list:
        """Merge with a later operation: a list of replacements, True/False to step over."""
        if self.elidable:
            return [operation]
        if operation.elidable:
            return [self]
        return False

    def __repr__(self) -> str:
        args, kwargs = self._constructor_args
        parts = [repr(a) for a in args] + [f"{k}={v!r}" for k, v in sorted(kwargs.items())]
        return f"<{self.__class__.__name__} {', '.join(parts)}>"
