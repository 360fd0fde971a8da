"""MigrationOptimizer: merge operations that cancel or combine (used by squash)."""

from __future__ import annotations

from typing import Any


class MigrationOptimizer:
    """Reduce a list of operations pairwise until nothing changes.

    Two operations merge when the first's ``reduce()`` returns a list; operations in
    between must allow it (their ``reduce()`` returns True for stepping over).
    """

    def optimize(self, operations: list, app_label: str) -> list:
        """Return the shortest equivalent list of ``operations``."""
        if app_label is None:
            raise TypeError("app_label must be a str.")
        self._iterations = 0
        while True:
            result = self.optimize_inner(operations, app_label)
            self._iterations += 1
            if len(result) == len(operations) and all(a is b for a, b in zip(result, operations)):
                return result
            operations = result

    def optimize_inner(self, operations: list, app_label: str) -> list:
        new_operations: list[Any] = []
        for i, operation in enumerate(operations):
            right = True
            for j, other in enumerate(operations[i + 1 :]):
                result = operation.reduce(other, app_label)
                if isinstance(result, list):
                    in_between = operations[i + 1 : i + j + 1]
                    if right:
                        new_operations.extend(in_between)
                        new_operations.extend(result)
                    elif all(op.reduce(other, app_label) is True for op in in_between):
                        new_operations.extend(result)
                        new_operations.extend(in_between)
                    else:
                        new_operations.append(operation)
                        break
                    new_operations.extend(operations[i + j + 2 :])
                    return new_operations
                if not result:
                    right = False
            else:
                new_operations.append(operation)
        return new_operations
