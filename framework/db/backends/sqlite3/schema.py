"""SQLite DDL: inline foreign keys, table rebuilds where ALTER TABLE cannot help."""

from __future__ import annotations

import datetime
import decimal
import uuid
from typing import Any

from framework.db.backends.base.schema import BaseDatabaseSchemaEditor


class DatabaseSchemaEditor(BaseDatabaseSchemaEditor):
    sql_delete_table = "DROP TABLE %(table)s"
    sql_create_inline_fk = "REFERENCES %(to_table)s (%(to_column)s)%(deferrable)s"
    sql_create_unique = "CREATE UNIQUE INDEX %(name)s ON %(table)s (%(columns)s)"
    sql_delete_unique = "DROP INDEX %(name)s"
    sql_delete_column = "ALTER TABLE %(table)s DROP COLUMN %(column)s"

    def __enter__(self):
        # Foreign key checks can only be switched off outside a transaction.
        if not self.connection.in_atomic_block:
            self._fk_disabled = self.connection.disable_constraint_checking()
        else:
            self._fk_disabled = False
        return super().__enter__()

    def __exit__(self, exc_type, exc_value, traceback):
        try:
            super().__exit__(exc_type, exc_value, traceback)
        finally:
            if self._fk_disabled:
                self.connection.enable_constraint_checking()

    def quote_value(self, value: Any) -> str:
        if value is None:
            return "NULL"
        if isinstance(value, bool):
            return str(int(value))
        if isinstance(value, (int, float, decimal.Decimal)):
            return str(value)
        if isinstance(value, (bytes, bytearray, memoryview)):
            return "X'" + bytes(value).hex() + "'"
        if isinstance(value, uuid.UUID):
            value = value.hex
        if isinstance(value, (datetime.date, datetime.time, datetime.timedelta)):
            value = str(value)
        return "'" + str(value).replace("'", "''") + "'"

    def _remake_table(self, model, alter_field=None) -> None:
        """Rebuild a table from the model's current fields (SQLite's ALTER is limited)."""
        old_field, new_field = alter_field
        table = model._meta.db_table
        temp = f"new__{table}"
        fields = [new_field if f is old_field or f.name == old_field.name else f
                  for f in model._meta.local_fields]
        definitions = []
        for field in fields:
            definition, _ = self.column_sql(model, field)
            if definition is None:
                continue
            if self._field_should_have_fk(field):
                definition += " " + self.sql_create_inline_fk % {
                    "to_table": self.quote_name(field.target_field.model._meta.db_table),
                    "to_column": self.quote_name(field.target_field.column),
                    "deferrable": self.connection.ops.deferrable_sql(),
                }
            definitions.append(f"{self.quote_name(field.column)} {definition}")
        self.execute(self.sql_create_table % {
            "table": self.quote_name(temp), "definition": ", ".join(definitions)})
        new_cols = ", ".join(self.quote_name(f.column) for f in fields if f.column)
        old_cols = ", ".join(
            self.quote_name(old_field.column if f is new_field else f.column)
            for f in fields if f.column)
        self.execute(f"INSERT INTO {self.quote_name(temp)} ({new_cols}) "
                     f"SELECT {old_cols} FROM {self.quote_name(table)}")
        self.execute(self.sql_delete_table % {"table": self.quote_name(table)})
        self.execute(self.sql_rename_table % {
            "old_table": self.quote_name(temp), "new_table": self.quote_name(table)})
        for field in fields:
            sql = self._field_index_sql(model, field)
            if sql:
                self.execute(sql)

    def alter_field(self, model, old_field, new_field, strict: bool = False) -> None:
        """Rename in place when only the column name changes; otherwise rebuild the table."""
        old_type = old_field.db_parameters(connection=self.connection)["type"]
        new_type = new_field.db_parameters(connection=self.connection)["type"]
        if (old_type == new_type and old_field.null == new_field.null
                and old_field.unique == new_field.unique
                and old_field.primary_key == new_field.primary_key):
            super().alter_field(model, old_field, new_field, strict)
            return
        self._remake_table(model, alter_field=(old_field, new_field))

    def add_constraint(self, model, constraint) -> None:
        sql = constraint.create_sql(model, self)
        if sql:
            self.execute(sql)
