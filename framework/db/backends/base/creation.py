"""BaseDatabaseCreation: create and destroy the test database of an alias."""

from __future__ import annotations

import sys
from typing import Any

TEST_DATABASE_PREFIX = "test_"


class BaseDatabaseCreation:
    """Test database life cycle, used by the test runner's setup_databases()."""

    def __init__(self, connection: Any):
        self.connection = connection

    def _get_test_db_name(self) -> str:
        test_name = self.connection.settings_dict["TEST"].get("NAME")
        if test_name:
            return test_name
        return TEST_DATABASE_PREFIX + self.connection.settings_dict["NAME"]

    def _log(self, msg: str) -> None:
        sys.stderr.write(msg + "\n")

    def create_test_db(
        self,
        verbosity: int = 1,
        autoclobber: bool = False,
        serialize: bool = False,
        keepdb: bool = False,
    ) -> str:
        """Create the test database, point the connection at it and create the tables."""
        test_database_name = self._get_test_db_name()
        if verbosity >= 1:
            self._log(f"Creating test database for alias {self.connection.alias!r}...")
        self._create_test_db(verbosity, autoclobber, keepdb)
        self.connection.close()
        self.connection.settings_dict["NAME"] = test_database_name
        from framework.conf import settings

        settings.DATABASES[self.connection.alias]["NAME"] = test_database_name
        if self.connection.settings_dict["TEST"].get("MIGRATE", True):
            self.create_tables()
        return test_database_name

    def create_tables(self) -> None:
        """Create every installed model's table (migrations take over when they exist)."""
        from framework.apps import apps
        from framework.db import router

        existing = set(self.connection.introspection.table_names())
        with self.connection.schema_editor() as editor:
            for app_config in apps.get_app_configs():
                for model in router.get_migratable_models(app_config, self.connection.alias):
                    meta = model._meta
                    if meta.managed and not meta.proxy and meta.db_table not in existing:
                        editor.create_model(model)

    def _create_test_db(self, verbosity: int, autoclobber: bool, keepdb: bool) -> str:
        raise NotImplementedError

    def destroy_test_db(
        self,
        old_database_name: str | None = None,
        verbosity: int = 1,
        keepdb: bool = False,
        suffix: str | None = None,
    ) -> None:
        """Drop the test database and point the connection back at the original;
        with ``suffix``, drop only that clone (made by clone_test_db())."""
        if suffix is not None:
            clone_name = self.get_test_db_clone_settings(suffix)["NAME"]
            if verbosity >= 1:
                self._log(f"Destroying test database clone {clone_name!r}...")
            self._destroy_test_db(clone_name, verbosity)
            return
        self.connection.close()
        test_database_name = self.connection.settings_dict["NAME"]
        if verbosity >= 1:
            self._log(f"Destroying test database for alias {self.connection.alias!r}...")
        if not keepdb:
            self._destroy_test_db(test_database_name, verbosity)
        if old_database_name is not None:
            from framework.conf import settings

            settings.DATABASES[self.connection.alias]["NAME"] = old_database_name
            self.connection.settings_dict["NAME"] = old_database_name

    def _destroy_test_db(self, test_database_name: str, verbosity: int) -> None:
        raise NotImplementedError

    def get_test_db_clone_settings(self, suffix: str) -> dict:
        """The settings of clone ``suffix`` of the test database (for parallel workers)."""
        return {
            **self.connection.settings_dict,
            "NAME": f"{self.connection.settings_dict['NAME']}_{suffix}",
        }

    def clone_test_db(self, suffix: str, verbosity: int = 1) -> None:
        """Copy the test database (schema and rows) to clone ``suffix``, replacing it."""
        if verbosity >= 1:
            self._log(f"Cloning test database for alias {self.connection.alias!r}...")
        self._clone_test_db(self.get_test_db_clone_settings(suffix)["NAME"])

    def _clone_test_db(self, target_name: str) -> None:
        raise NotImplementedError(
            f"{type(self.connection).__module__} cannot clone test databases, which "
            f"--parallel needs; run the tests without --parallel."
        )

    def test_db_signature(self) -> tuple:
        s = self.connection.settings_dict
        return (s["HOST"], s["PORT"], s["ENGINE"], self._get_test_db_name())
