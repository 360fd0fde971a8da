"""Errors raised while loading, planning and applying migrations."""

from __future__ import annotations

from typing import Any


class AmbiguityError(Exception):
    """More than one migration matches a name prefix."""


class BadMigrationError(Exception):
    """A migration module has no usable ``Migration`` class."""


class CircularDependencyError(Exception):
    """The migration dependencies form a cycle."""


class InconsistentMigrationHistory(Exception):
    """An applied migration has a dependency that is not applied."""


class InvalidBasesError(ValueError):
    """A model state's bases cannot be resolved."""


class IrreversibleError(RuntimeError):
    """An operation cannot be reversed."""


class InvalidMigrationPlan(ValueError):
    """A migration plan mixes forwards and backwards steps or cannot be built."""


class MigrationSchemaMissing(Exception):
    """The ``framework_migrations`` table could not be created."""


class NodeNotFoundError(LookupError):
    """A migration dependency names a migration that does not exist."""

    def __init__(self, message: str, node: Any, origin: Any = None):
        self.message = message
        self.origin = origin
        self.node = node
        super().__init__(message)

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        return f"NodeNotFoundError({self.node!r})"
