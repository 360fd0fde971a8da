"""PostgreSQL DDL."""

from __future__ import annotations

from typing import Any

from framework.db.backends.base.schema import BaseDatabaseSchemaEditor


class DatabaseSchemaEditor(BaseDatabaseSchemaEditor):
    sql_alter_column_type = "ALTER COLUMN %(column)s TYPE %(type)s USING %(column)s::%(type)s"
    sql_delete_index = "DROP INDEX IF EXISTS %(name)s"

    def quote_value(self, value: Any) -> str:
        import psycopg2.extensions

        adapted = psycopg2.extensions.adapt(value)
        if hasattr(adapted, "encoding"):
            adapted.encoding = "utf8"
        return adapted.getquoted().decode()

    def execute(self, sql: str, params: Any = ()) -> None:
        # psycopg2 interpolates %s even without params when a tuple is given; pass None.
        super().execute(sql, params or None)
