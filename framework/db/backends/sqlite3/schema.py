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
    drop_default_after_add = False

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

    def _remake_table(
        self,
        model,
        alter_field=None,
        constraints=None,
        unique_together=None,
        delete_field=None,
        create_field=None,
    ) -> None:
        """Rebuild a table with a changed definition (SQLite's ALTER TABLE is limited).

        Creates ``new__<table>``, copies the rows, drops the old table and renames the
        new one, then recreates its indexes.
        """
        table = model._meta.db_table
        temp = f"new__{table}"
        fields = list(model._meta.local_fields)
        mapping = {f.column: f.column for f in fields if f.column}
        if alter_field is not None:
            old_field, new_field = alter_field
            fields = [
                new_field if f is old_field or f.name == old_field.name else f for f in fields
            ]
            if new_field not in fields:
                # The model class may not know the field yet (migrations pass states).
                fields.append(new_field)
            mapping.pop(old_field.column, None)
            if old_field.column and new_field.column:
                mapping[new_field.column] = old_field.column
        # SELECT expressions replacing a plain column copy (defaults for new NOT NULL data).
        expressions: dict[str, str] = {}
        if alter_field is not None and old_field.null and not new_field.null:
            default = self.effective_default(new_field)
            if default is not None and old_field.column:
                expressions[new_field.column] = (
                    f"coalesce({self.quote_name(old_field.column)}, {self.quote_value(default)})"
                )
        if create_field is not None:
            fields.append(create_field)
            default = self.effective_default(create_field)
            if default is not None and create_field.column:
                mapping[create_field.column] = create_field.column
                expressions[create_field.column] = self.quote_value(default)
        indexes = None
        if delete_field is not None:
            # Drop the column and anything (unique_together, Meta.indexes, constraints)
            # that names it: the old table's indexes go with it, these are not recreated.
            fields = [f for f in fields if f.name != delete_field.name]
            indexes = [i for i in model._meta.indexes if not _names_field(i, delete_field)]
            constraints = [
                c
                for c in (model._meta.constraints if constraints is None else constraints)
                if not _names_field(c, delete_field)
            ]
            mapping.pop(delete_field.column, None)
            unique_together = [
                u
                for u in (
                    model._meta.unique_together if unique_together is None else unique_together
                )
                if delete_field.name not in u
            ]
        queued = len(self.deferred_sql)
        sql, params = self.table_sql(
            model,
            fields=fields,
            db_table=temp,
            constraints=constraints,
            unique_together=unique_together,
            indexes=indexes,
        )
        # Index statements name the final table: run them right after the rename.
        index_sql = self.deferred_sql[queued:]
        del self.deferred_sql[queued:]
        self.execute(sql, params or None)
        new_cols = ", ".join(self.quote_name(c) for c in mapping)
        old_cols = ", ".join(
            expressions.get(new, self.quote_name(old)) for new, old in mapping.items()
        )
        self.execute(
            f"INSERT INTO {self.quote_name(temp)} ({new_cols}) "
            f"SELECT {old_cols} FROM {self.quote_name(table)}"
        )
        self.execute(self.sql_delete_table % {"table": self.quote_name(table)})
        self.execute(
            self.sql_rename_table
            % {"old_table": self.quote_name(temp), "new_table": self.quote_name(table)}
        )
        for statement in index_sql:
            self.execute(statement)

    def alter_field(self, model, old_field, new_field, strict: bool = False) -> None:
        """Rename in place when only the column name changes; otherwise rebuild the table."""
        old_type = old_field.db_parameters(connection=self.connection)["type"]
        new_type = new_field.db_parameters(connection=self.connection)["type"]
        if (
            old_type == new_type
            and old_field.null == new_field.null
            and old_field.unique == new_field.unique
            and old_field.primary_key == new_field.primary_key
            and not self._foreign_key_changed(old_field, new_field)
        ):
            super().alter_field(model, old_field, new_field, strict)
            return
        incoming = self._incoming_relations(model, old_field, new_field)
        self._remake_table(model, alter_field=(old_field, new_field))
        # Columns pointing at a key whose type changed follow it (a rebuild each).
        for rel_model, rel_field in incoming:
            self._remake_table(rel_model, alter_field=(rel_field, rel_field))

    def add_field(self, model, field) -> None:
        """ADD COLUMN where SQLite allows it; rebuild for unique, key or NOT NULL columns."""
        if field.many_to_many or field.db_parameters(connection=self.connection)["type"] is None:
            super().add_field(model, field)
            return
        if (
            field.primary_key
            or field.unique
            or (field.remote_field and not field.null)
            or (
                not field.null
                and not field.has_db_default()
                and self.effective_default(field) is None
            )
        ):
            self._remake_table(model, create_field=field)
            return
        super().add_field(model, field)

    def remove_field(self, model, field) -> None:
        """DROP COLUMN when SQLite allows it; rebuild for keys, indexes and unique columns."""
        if field.many_to_many or field.db_parameters(connection=self.connection)["type"] is None:
            super().remove_field(model, field)
            return
        if (
            field.primary_key
            or field.unique
            or field.db_index
            or field.remote_field
            or any(field.name in names for names in model._meta.unique_together)
            or any(_names_field(i, field) for i in model._meta.indexes)
            or any(_names_field(c, field) for c in model._meta.constraints)
        ):
            self._remake_table(model, delete_field=field)
            return
        super().remove_field(model, field)

    def add_constraint(self, model, constraint) -> None:
        """CHECK and plain UNIQUE constraints need a rebuild; partial uniques are indexes."""
        if constraint.constraint_sql(model, self) is None:
            self.execute(constraint.create_sql(model, self))
            return
        # The model may come from a state that already has the constraint.
        others = [c for c in model._meta.constraints if c.name != constraint.name]
        self._remake_table(model, constraints=[*others, constraint])

    def remove_constraint(self, model, constraint) -> None:
        if constraint.constraint_sql(model, self) is None:
            self.execute(constraint.remove_sql(model, self))
            return
        remaining = [c for c in model._meta.constraints if c.name != constraint.name]
        self._remake_table(model, constraints=remaining)

    def alter_unique_together(self, model, old_unique_together, new_unique_together) -> None:
        self._remake_table(model, unique_together=[tuple(u) for u in new_unique_together])

    def rename_index(self, model, old_index, new_index) -> None:
        """SQLite cannot rename an index: drop it and create the new one."""
        self.remove_index(model, old_index)
        self.add_index(model, new_index)


def _names_field(item, field) -> bool:
    """Whether an index or constraint lists ``field`` (by name, ``-`` ordering aside)
    among its fields, or as a column of its expressions."""
    names = {name.lstrip("-") for name in getattr(item, "fields", ()) or ()}
    names.update(getattr(item, "include", ()) or ())
    if field.name in names:
        return True
    return any(
        field.name in _referenced_names(expression)
        for expression in getattr(item, "expressions", ()) or ()
    )


def _referenced_names(expression) -> set:
    """The field names an index/constraint expression refers to (F() leaves)."""
    found = set()
    stack = [expression]
    while stack:
        node = stack.pop()
        name = getattr(node, "name", None)
        if isinstance(name, str) and type(node).__name__ == "F":
            found.add(name.split("__", 1)[0])
        get_children = getattr(node, "get_source_expressions", None)
        if callable(get_children):
            stack.extend(child for child in get_children() if child is not None)
    return found
