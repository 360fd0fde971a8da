"""SQLite test databases: in memory (shared cache) or a file."""

from __future__ import annotations

import os
import sqlite3
import tempfile

from framework.db.backends.base.creation import BaseDatabaseCreation


class DatabaseCreation(BaseDatabaseCreation):
    @staticmethod
    def is_in_memory_db(name) -> bool:
        return name == ":memory:" or "mode=memory" in str(name)

    def _get_test_db_name(self) -> str:
        name = self.connection.settings_dict["TEST"].get("NAME") or ":memory:"
        if name == ":memory:":
            return f"file:memorydb_{self.connection.alias}?mode=memory&cache=shared"
        return name

    def _create_test_db(self, verbosity, autoclobber, keepdb) -> str:
        name = self._get_test_db_name()
        if not self.is_in_memory_db(name) and not keepdb and os.path.exists(name):
            os.remove(name)
        return name

    def _destroy_test_db(self, test_database_name, verbosity) -> None:
        if test_database_name and not self.is_in_memory_db(test_database_name):
            if os.path.exists(test_database_name):
                os.remove(test_database_name)

    def get_test_db_clone_settings(self, suffix: str) -> dict:
        name = str(self.connection.settings_dict["NAME"])
        if self.is_in_memory_db(name):
            # A worker process cannot share our memory: its clone is a file of its own.
            alias = self.connection.alias
            clone = os.path.join(
                tempfile.gettempdir(), f"framework_test_{alias}_{os.getpid()}_{suffix}.sqlite3"
            )
        else:
            root, ext = os.path.splitext(name)
            clone = f"{root}_{suffix}{ext}"
        return {**self.connection.settings_dict, "NAME": clone}

    def _clone_test_db(self, target_name) -> None:
        if os.path.exists(target_name):
            os.remove(target_name)
        self.connection.ensure_connection()
        target = sqlite3.connect(target_name)
        try:
            self.connection.connection.backup(target)
        finally:
            target.close()
