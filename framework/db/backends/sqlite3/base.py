"""SQLite backend: the standard library's sqlite3 module."""

from __future__ import annotations

import functools
import re
import sqlite3 as Database  # noqa: N812 - PEP 249 module, named as in every backend
from typing import Any

from framework.core.exceptions import ImproperlyConfigured
from framework.db.backends.base.base import BaseDatabaseWrapper
from framework.db.backends.sqlite3.creation import DatabaseCreation
from framework.db.backends.sqlite3.features import DatabaseFeatures
from framework.db.backends.sqlite3.functions import register_functions
from framework.db.backends.sqlite3.introspection import DatabaseIntrospection
from framework.db.backends.sqlite3.operations import DatabaseOperations
from framework.db.backends.sqlite3.schema import DatabaseSchemaEditor

_QMARK = re.compile(r"(?<!%)%s")


@functools.lru_cache(maxsize=1024)
def convert_query(query: str) -> str:
    """Turn the ORM's %s placeholders (and %% escapes) into sqlite's qmark style."""
    return _QMARK.sub("?", query).replace("%%", "%")


class SQLiteCursorWrapper(Database.Cursor):
    """A sqlite3 cursor that accepts %s placeholders like every other backend."""

    def execute(self, query: str, params: Any = None):
        if params is None:
            return super().execute(query)
        return super().execute(convert_query(query), params)

    def executemany(self, query: str, param_list: Any):
        return super().executemany(convert_query(query), param_list)


def is_in_memory_db(name: str) -> bool:
    return name == ":memory:" or "mode=memory" in str(name)


class DatabaseWrapper(BaseDatabaseWrapper):
    vendor = "sqlite"
    display_name = "SQLite"
    Database = Database
    data_types = {
        "AutoField": "integer",
        "BigAutoField": "integer",
        "SmallAutoField": "integer",
        "BinaryField": "BLOB",
        "BooleanField": "bool",
        "CharField": "varchar(%(max_length)s)",
        "DateField": "date",
        "DateTimeField": "datetime",
        "DecimalField": "decimal",
        "DurationField": "bigint",
        "FileField": "varchar(%(max_length)s)",
        "FilePathField": "varchar(%(max_length)s)",
        "FloatField": "real",
        "IntegerField": "integer",
        "BigIntegerField": "bigint",
        "IPAddressField": "char(15)",
        "GenericIPAddressField": "char(39)",
        "JSONField": "text",
        "OneToOneField": "integer",
        "PositiveBigIntegerField": "bigint unsigned",
        "PositiveIntegerField": "integer unsigned",
        "PositiveSmallIntegerField": "smallint unsigned",
        "SlugField": "varchar(%(max_length)s)",
        "SmallIntegerField": "smallint",
        "TextField": "text",
        "TimeField": "time",
        "UUIDField": "char(32)",
    }
    data_type_check_constraints = {
        "PositiveBigIntegerField": '"%(column)s" >= 0',
        "JSONField": '(JSON_VALID("%(column)s") OR "%(column)s" IS NULL)',
        "PositiveIntegerField": '"%(column)s" >= 0',
        "PositiveSmallIntegerField": '"%(column)s" >= 0',
    }
    data_types_suffix = {
        "AutoField": "AUTOINCREMENT",
        "BigAutoField": "AUTOINCREMENT",
        "SmallAutoField": "AUTOINCREMENT",
    }
    operators = {
        "exact": "= %s",
        "iexact": "LIKE %s ESCAPE '\\'",
        "contains": "LIKE %s ESCAPE '\\'",
        "icontains": "LIKE %s ESCAPE '\\'",
        "regex": "REGEXP %s",
        "iregex": "REGEXP '(?i)' || %s",
        "gt": "> %s",
        "gte": ">= %s",
        "lt": "< %s",
        "lte": "<= %s",
        "startswith": "LIKE %s ESCAPE '\\'",
        "endswith": "LIKE %s ESCAPE '\\'",
        "istartswith": "LIKE %s ESCAPE '\\'",
        "iendswith": "LIKE %s ESCAPE '\\'",
    }
    pattern_esc = r"REPLACE(REPLACE(REPLACE({}, '\', '\\'), '%%', '\%%'), '_', '\_')"
    pattern_ops = {
        "contains": r"LIKE '%%' || {} || '%%' ESCAPE '\'",
        "icontains": r"LIKE '%%' || UPPER({}) || '%%' ESCAPE '\'",
        "startswith": r"LIKE {} || '%%' ESCAPE '\'",
        "istartswith": r"LIKE UPPER({}) || '%%' ESCAPE '\'",
        "endswith": r"LIKE '%%' || {} ESCAPE '\'",
        "iendswith": r"LIKE '%%' || UPPER({}) ESCAPE '\'",
    }

    creation_class = DatabaseCreation
    features_class = DatabaseFeatures
    introspection_class = DatabaseIntrospection
    ops_class = DatabaseOperations
    SchemaEditorClass = DatabaseSchemaEditor

    def get_connection_params(self) -> dict:
        name = self.settings_dict["NAME"]
        if not name:
            raise ImproperlyConfigured(
                f"settings.DATABASES[{self.alias!r}] is missing NAME; give it a file path "
                f"or ':memory:'."
            )
        options = dict(self.settings_dict["OPTIONS"])
        options.pop("init_command", None)
        options.pop("transaction_mode", None)
        kwargs = {
            "database": str(name),
            "detect_types": 0,
            "check_same_thread": False,
            "uri": True,
            **options,
        }
        return kwargs

    def get_new_connection(self, conn_params: dict):
        conn = Database.connect(**conn_params)
        register_functions(conn)
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA legacy_alter_table = OFF")
        init_command = self.settings_dict["OPTIONS"].get("init_command")
        if init_command:
            for statement in init_command.split(";"):
                if statement.strip():
                    conn.execute(statement)
        return conn

    def create_cursor(self, name: str | None = None):
        return self.connection.cursor(factory=SQLiteCursorWrapper)

    def close(self) -> None:
        self.validate_thread_sharing()
        # Closing an in-memory database destroys it: keep it for the process.
        if not is_in_memory_db(self.settings_dict["NAME"]):
            super().close()

    def _set_autocommit(self, autocommit: bool) -> None:
        with self.wrap_database_errors:
            self.connection.isolation_level = None if autocommit else "DEFERRED"

    def _start_transaction_under_autocommit(self) -> None:
        mode = self.settings_dict["OPTIONS"].get("transaction_mode")
        self.cursor().execute(f"BEGIN {mode}" if mode else "BEGIN")

    def is_usable(self) -> bool:
        return True

    def _savepoint_allowed(self) -> bool:
        # Under isolation_level=None the module does not track transactions itself.
        return self.in_atomic_block

    def disable_constraint_checking(self) -> bool:
        with self.cursor() as cursor:
            cursor.execute("PRAGMA foreign_keys = OFF")
            cursor.execute("PRAGMA foreign_keys")
            enabled = cursor.fetchone()[0]
        return not bool(enabled)

    def enable_constraint_checking(self) -> None:
        with self.cursor() as cursor:
            cursor.execute("PRAGMA foreign_keys = ON")

    def check_constraints(self, table_names=None) -> None:
        from framework.db.utils import IntegrityError

        with self.cursor() as cursor:
            if table_names is None:
                rows = cursor.execute("PRAGMA foreign_key_check").fetchall()
            else:
                rows = []
                for table in table_names:
                    rows += cursor.execute(
                        f"PRAGMA foreign_key_check({self.ops.quote_name(table)})"
                    ).fetchall()
        if rows:
            table, rowid, parent, _ = rows[0]
            raise IntegrityError(
                f"The row in table {table!r} with rowid {rowid} has an invalid foreign key "
                f"to table {parent!r}."
            )
