"""PostgreSQL test databases: CREATE/DROP DATABASE through the 'postgres' database."""

from __future__ import annotations

import time

from framework.db.backends.base.creation import BaseDatabaseCreation


class DatabaseCreation(BaseDatabaseCreation):
    def _nodb_cursor(self):
        import psycopg2

        params = self.connection.get_connection_params()
        params["dbname"] = "postgres"
        conn = psycopg2.connect(**params)
        conn.autocommit = True
        return conn

    def _create_test_db(self, verbosity, autoclobber, keepdb) -> str:
        name = self._get_test_db_name()
        quoted = self.connection.ops.quote_name(name)
        conn = self._nodb_cursor()
        try:
            with conn.cursor() as cursor:
                cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
                exists = cursor.fetchone() is not None
                if exists and keepdb:
                    return name
                if exists:
                    if not autoclobber:
                        raise RuntimeError(
                            f"Test database {name!r} already exists; drop it or pass "
                            f"autoclobber=True."
                        )
                    cursor.execute(f"DROP DATABASE {quoted}")
                cursor.execute(f"CREATE DATABASE {quoted}")
        finally:
            conn.close()
        return name

    def _destroy_test_db(self, test_database_name, verbosity) -> None:
        conn = self._nodb_cursor()
        try:
            with conn.cursor() as cursor:
                cursor.execute(
                    f"DROP DATABASE IF EXISTS {self.connection.ops.quote_name(test_database_name)}"
                )
        finally:
            conn.close()

    def _clone_test_db(self, target_name) -> None:
        import psycopg2

        source = self.connection.ops.quote_name(self.connection.settings_dict["NAME"])
        target = self.connection.ops.quote_name(target_name)
        # A template database may have no other session: close ours first. The server
        # notices a closed session a moment later, hence the short retry.
        self.connection.close()
        conn = self._nodb_cursor()
        try:
            with conn.cursor() as cursor:
                cursor.execute(f"DROP DATABASE IF EXISTS {target}")
                for attempt in range(50):
                    try:
                        cursor.execute(f"CREATE DATABASE {target} WITH TEMPLATE {source}")
                        break
                    except psycopg2.errors.ObjectInUse:
                        if attempt == 49:
                            raise
                        time.sleep(0.1)
        finally:
            conn.close()
