"""Migration: one step of schema history, a list of operations with dependencies."""

from __future__ import annotations

import contextlib
import re
from typing import Any

from framework.db.migrations.utils import get_migration_name_timestamp


class Migration:
    """A migration file's ``Migration`` class: operations plus their dependencies.

    ``dependencies`` lists ``(app_label, migration_name)`` pairs that must be applied
    first; ``replaces`` names the migrations a squashed migration stands for.
    """

    operations: list = []
    dependencies: list = []
    run_before: list = []
    replaces: list = []
    initial: bool | None = None
    atomic = True

    def __init__(self, name: str, app_label: str):
        self.name = name
        self.app_label = app_label
        # Copy the class lists so instances never share (and mutate) them.
        self.operations = list(self.__class__.operations)
        self.dependencies = list(self.__class__.dependencies)
        self.run_before = list(self.__class__.run_before)
        self.replaces = list(self.__class__.replaces)

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, Migration)
            and self.name == other.name
            and self.app_label == other.app_label
        )

    def __repr__(self) -> str:
        return f"<Migration {self.app_label}.{self.name}>"

    def __str__(self) -> str:
        return f"{self.app_label}.{self.name}"

    def __hash__(self) -> int:
        return hash(f"{self.app_label}.{self.name}")

    def mutate_state(self, project_state, preserve: bool = True):
        """Return the project state after this migration (a copy unless preserve=False)."""
        new_state = project_state.clone() if preserve else project_state
        for operation in self.operations:
            operation.state_forwards(self.app_label, new_state)
        return new_state

    def apply(self, project_state, schema_editor, collect_sql: bool = False):
        """Run the operations forwards; return the resulting project state."""
        for index, operation in enumerate(self.operations, 1):
            if collect_sql:
                schema_editor.collected_sql.append("--")
                schema_editor.collected_sql.append(f"-- {operation.describe()}")
                schema_editor.collected_sql.append("--")
                if not operation.reduces_to_sql:
                    schema_editor.collected_sql.append("-- THIS OPERATION CANNOT BE WRITTEN AS SQL")
                    continue
                collected = len(schema_editor.collected_sql)
            old_state = project_state.clone()
            operation.state_forwards(self.app_label, project_state)
            try:
                with _operation_atomic(schema_editor, operation):
                    operation.database_forwards(
                        self.app_label, schema_editor, old_state, project_state
                    )
            except Exception as exc:
                exc.add_note(self._failure_note(index, operation, "applying"))
                raise
            if collect_sql and collected == len(schema_editor.collected_sql):
                schema_editor.collected_sql.append("-- (no-op)")
        return project_state

    def unapply(self, project_state, schema_editor, collect_sql: bool = False):
        """Run the operations backwards; return the state before this migration."""
        to_run = []
        new_state = project_state
        for operation in self.operations:
            if not operation.reversible:
                from framework.db.migrations.exceptions import IrreversibleError

                raise IrreversibleError(
                    f"Operation {operation} in {self} is not reversible; give it a reverse "
                    f"(reverse_sql / reverse_code) or migrate to a later migration."
                )
            new_state = new_state.clone()
            old_state = new_state.clone()
            operation.state_forwards(self.app_label, new_state)
            to_run.insert(0, (operation, old_state, new_state))
        for index, (operation, to_state, from_state) in enumerate(to_run, 1):
            if collect_sql:
                schema_editor.collected_sql.append("--")
                schema_editor.collected_sql.append(f"-- {operation.describe()}")
                schema_editor.collected_sql.append("--")
                if not operation.reduces_to_sql:
                    schema_editor.collected_sql.append("-- THIS OPERATION CANNOT BE WRITTEN AS SQL")
                    continue
            try:
                with _operation_atomic(schema_editor, operation):
                    operation.database_backwards(
                        self.app_label, schema_editor, from_state, to_state
                    )
            except Exception as exc:
                position = len(self.operations) - index + 1
                exc.add_note(self._failure_note(position, operation, "unapplying"))
                raise
        return project_state

    def _failure_note(self, index: int, operation: Any, verb: str) -> str:
        return f"While {verb} migration {self}, operation {index} ({operation.describe()})."

    def suggest_name(self) -> str:
        """A file name fragment describing the operations ('initial', 'author_age', ...)."""
        if self.initial:
            return "initial"
        fragments = [op.migration_name_fragment for op in self.operations]
        name = None
        if fragments and all(fragments):
            name = fragments[0]
            for fragment in fragments[1:]:
                longer = f"{name}_{fragment}"
                if len(longer) > 52:
                    name = f"{name}_and_more"
                    break
                name = longer
        if name is None:
            name = f"auto_{get_migration_name_timestamp()}"
        return re.sub(r"\W+", "_", name).strip("_") or "auto"


def _operation_atomic(schema_editor: Any, operation: Any):
    """A transaction for an atomic operation (RunPython(atomic=True)) in a non-atomic migration."""
    if operation.atomic and not getattr(schema_editor, "atomic_migration", True):
        from framework.db.transaction import atomic

        return atomic(schema_editor.connection.alias)
    return contextlib.nullcontext()


class SwappableTuple(tuple):
    """A dependency tuple that remembers the setting it came from (AUTH_USER_MODEL)."""

    setting: str

    def __new__(cls, value: tuple, setting: str):
        self = tuple.__new__(cls, value)
        self.setting = setting
        return self


def swappable_dependency(value: str) -> SwappableTuple:
    """Depend on the first migration of the app holding a swappable model ('app.Model')."""
    return SwappableTuple((value.split(".", 1)[0], "__first__"), value)
