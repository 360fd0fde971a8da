"""BaseDatabaseSchemaEditor: DDL for tables, columns, indexes and constraints."""

from __future__ import annotations

import hashlib
import logging
from typing import Any

logger = logging.getLogger("framework.db.backends.schema")


class BaseDatabaseSchemaEditor:
    """Write and run DDL; a context manager that wraps the changes in a transaction.

    Statements that must wait until every table exists (foreign keys, indexes)
    are queued in ``deferred_sql`` and run on exit.
    """

    sql_create_table = "CREATE TABLE %(table)s (%(definition)s)"
    sql_rename_table = "ALTER TABLE %(old_table)s RENAME TO %(new_table)s"
    sql_delete_table = "DROP TABLE %(table)s CASCADE"
    sql_create_column = "ALTER TABLE %(table)s ADD COLUMN %(column)s %(definition)s"
    sql_alter_column = "ALTER TABLE %(table)s %(changes)s"
    sql_alter_column_type = "ALTER COLUMN %(column)s TYPE %(type)s"
    sql_alter_column_null = "ALTER COLUMN %(column)s DROP NOT NULL"
    sql_alter_column_not_null = "ALTER COLUMN %(column)s SET NOT NULL"
    sql_alter_column_default = "ALTER COLUMN %(column)s SET DEFAULT %(default)s"
    sql_alter_column_no_default = "ALTER COLUMN %(column)s DROP DEFAULT"
    sql_delete_column = "ALTER TABLE %(table)s DROP COLUMN %(column)s CASCADE"
    sql_rename_column = "ALTER TABLE %(table)s RENAME COLUMN %(old_column)s TO %(new_column)s"
    sql_create_check = "ALTER TABLE %(table)s ADD CONSTRAINT %(name)s CHECK (%(check)s)"
    sql_delete_constraint = "ALTER TABLE %(table)s DROP CONSTRAINT %(name)s"
    sql_create_unique = "ALTER TABLE %(table)s ADD CONSTRAINT %(name)s UNIQUE (%(columns)s)"
    sql_create_fk = (
        "ALTER TABLE %(table)s ADD CONSTRAINT %(name)s FOREIGN KEY (%(column)s) "
        "REFERENCES %(to_table)s (%(to_column)s)%(deferrable)s"
    )
    sql_create_inline_fk: str | None = None
    sql_create_index = "CREATE INDEX %(name)s ON %(table)s (%(columns)s)%(condition)s"
    sql_create_unique_index = "CREATE UNIQUE INDEX %(name)s ON %(table)s (%(columns)s)%(condition)s"
    sql_delete_index = "DROP INDEX IF EXISTS %(name)s"
    sql_rename_index = "ALTER INDEX %(old_name)s RENAME TO %(new_name)s"
    sql_create_pk = "ALTER TABLE %(table)s ADD CONSTRAINT %(name)s PRIMARY KEY (%(columns)s)"
    # ADD COLUMN ... DEFAULT fills existing rows; the default is then dropped again
    # because the model, not the database, supplies it (SQLite cannot drop defaults).
    drop_default_after_add = True

    def __init__(self, connection: Any, collect_sql: bool = False, atomic: bool = True):
        self.connection = connection
        self.collect_sql = collect_sql
        if self.collect_sql:
            self.collected_sql: list[str] = []
        self.atomic_migration = self.connection.features.can_rollback_ddl and atomic
        self.deferred_sql: list[str] = []

    def __enter__(self):
        self.deferred_sql = []
        if self.atomic_migration:
            from framework.db.transaction import atomic

            self.atomic = atomic(self.connection.alias)
            self.atomic.__enter__()
        return self

    def __exit__(self, exc_type, exc_value, traceback):
        if exc_type is None:
            for sql in self.deferred_sql:
                self.execute(sql)
        if self.atomic_migration:
            self.atomic.__exit__(exc_type, exc_value, traceback)

    # -- helpers --

    def execute(self, sql: str, params: Any = ()) -> None:
        """Run (or collect) one DDL statement."""
        if self.collect_sql:
            ending = ";"
            if params:
                self.collected_sql.append((sql % tuple(map(self.quote_value, params))) + ending)
            else:
                self.collected_sql.append(sql + ending)
            return
        logger.debug("%s; (params %r)", sql, params)
        with self.connection.cursor() as cursor:
            cursor.execute(sql, params or None)

    def quote_name(self, name: str) -> str:
        return self.connection.ops.quote_name(name)

    def quote_value(self, value: Any) -> str:
        """Render a literal for DDL, where parameters are not accepted."""
        raise NotImplementedError

    def _create_index_name(self, table: str, columns: list[str], suffix: str = "") -> str:
        digest = hashlib.md5(
            "_".join([table, *columns]).encode(), usedforsecurity=False
        ).hexdigest()[:8]
        name = f"{table}_{'_'.join(columns)}_{digest}{suffix}"
        max_length = self.connection.ops.max_name_length() or 200
        if len(name) > max_length:
            keep = max_length - len(digest) - len(suffix) - 1
            name = f"{table}_{'_'.join(columns)}"[:keep] + f"_{digest}{suffix}"
        if name[0] == "_" or name[0].isdigit():
            name = "D" + name[1:]
        return name

    # -- column definitions --

    def column_sql(self, model, field, include_default: bool = False) -> tuple[str | None, list]:
        """Return the column definition of a field ('integer NOT NULL ...') and its params."""
        db_params = field.db_parameters(connection=self.connection)
        column_type = db_params["type"]
        if column_type is None:
            return None, []
        parts = [column_type]
        params: list = []
        collation = db_params.get("collation")
        if collation:
            parts.append(f"COLLATE {self.quote_name(collation)}")
        if field.db_default is not NOT_PROVIDED_SENTINEL():
            parts.append("DEFAULT " + self.db_default_sql(field))
        elif include_default:
            default = self.effective_default(field)
            if default is not None:
                parts.append("DEFAULT " + self.quote_value(default))
        if not field.null or field.primary_key:
            parts.append("NOT NULL")
        else:
            parts.append("NULL")
        if field.primary_key:
            parts.append("PRIMARY KEY")
        elif field.unique:
            parts.append("UNIQUE")
        suffix = self.connection.data_types_suffix.get(field.get_internal_type())
        if suffix:
            parts.append(suffix)
        check = db_params.get("check")
        if check:
            parts.append(f"CHECK ({check})")
        return " ".join(parts), params

    def db_default_sql(self, field) -> str:
        """The DEFAULT clause value for ``db_default`` (a literal or an expression)."""
        from framework.db.models.sql.compiler import SQLCompiler
        from framework.db.models.sql.query import Query

        value = field.db_default
        if hasattr(value, "resolve_expression"):
            query = Query(field.model)
            compiler = SQLCompiler(query, self.connection, None)
            expr = value.resolve_expression(query)
            sql, params = compiler.compile(expr)
            if params:
                sql = sql % tuple(self.quote_value(p) for p in params)
            return f"({sql})"
        prepared = field.get_db_prep_save(value, self.connection)
        return self.quote_value(prepared)

    def effective_default(self, field) -> Any:
        if field.has_default():
            return field.get_db_prep_save(field.get_default(), self.connection)
        return None

    def _fk_sql(self, model, field) -> str:
        to_table = field.target_field.model._meta.db_table
        to_column = field.target_field.column
        return self.sql_create_fk % {
            "table": self.quote_name(model._meta.db_table),
            "name": self.quote_name(
                self._create_index_name(
                    model._meta.db_table, [field.column], "_fk_" + to_table[:20] + "_" + to_column
                )
            ),
            "column": self.quote_name(field.column),
            "to_table": self.quote_name(to_table),
            "to_column": self.quote_name(to_column),
            "deferrable": self.connection.ops.deferrable_sql(),
        }

    def _field_should_have_fk(self, field) -> bool:
        return bool(
            field.remote_field
            and field.db_constraint
            and not field.many_to_many
            and self.connection.features.supports_foreign_keys
        )

    def _field_index_sql(self, model, field) -> str | None:
        if not field.db_index or field.unique or field.primary_key:
            return None
        return self._index_sql(model, [field.column], suffix="")

    def _index_sql(
        self, model, columns, name=None, suffix="", unique=False, condition="", opclasses=()
    ) -> str:
        table = model._meta.db_table
        template = self.sql_create_unique_index if unique else self.sql_create_index
        cols = []
        for i, col in enumerate(columns):
            text = col if col.startswith("(") else self.quote_name(col.lstrip("-"))
            if not col.startswith("(") and col.startswith("-"):
                text += " DESC"
            if i < len(opclasses):
                text += " " + opclasses[i]
            cols.append(text)
        return template % {
            "name": self.quote_name(name or self._create_index_name(table, columns, suffix)),
            "table": self.quote_name(table),
            "columns": ", ".join(cols),
            "condition": f" WHERE {condition}" if condition else "",
        }

    # -- tables --

    def table_sql(
        self,
        model,
        fields=None,
        db_table=None,
        constraints=None,
        unique_together=None,
        indexes=None,
    ) -> tuple[str, list]:
        """Return the CREATE TABLE statement of a model and queue its FKs and indexes.

        ``fields``/``db_table``/``constraints``/``unique_together``/``indexes`` override
        the model's
        (SQLite rebuilds tables with a changed definition this way).
        """
        definitions = []
        params: list = []
        meta = model._meta
        fields = meta.local_fields if fields is None else fields
        constraints = meta.constraints if constraints is None else constraints
        unique_together = meta.unique_together if unique_together is None else unique_together
        columns_by_name = {f.name: f.column for f in fields}
        for field in fields:
            definition, extra = self.column_sql(model, field)
            if definition is None:
                continue
            params.extend(extra)
            if self._field_should_have_fk(field):
                if self.sql_create_inline_fk:
                    definition += " " + self.sql_create_inline_fk % {
                        "to_table": self.quote_name(field.target_field.model._meta.db_table),
                        "to_column": self.quote_name(field.target_field.column),
                        "deferrable": self.connection.ops.deferrable_sql(),
                    }
                else:
                    self.deferred_sql.append(self._fk_sql(model, field))
            definitions.append(f"{self.quote_name(field.column)} {definition}")
            index_sql = self._field_index_sql(model, field)
            if index_sql:
                self.deferred_sql.append(index_sql)
        for names in unique_together:
            columns = [columns_by_name.get(f) or meta.get_field(f).column for f in names]
            definitions.append("UNIQUE (" + ", ".join(self.quote_name(c) for c in columns) + ")")
        for constraint in constraints:
            sql = constraint.constraint_sql(model, self)
            if sql:
                definitions.append(sql)
            else:
                self.deferred_sql.append(constraint.create_sql(model, self))
        for index in meta.indexes if indexes is None else indexes:
            self.deferred_sql.append(index.create_sql(model, self))
        for names in meta.index_together:
            columns = [meta.get_field(f).column for f in names]
            self.deferred_sql.append(self._index_sql(model, columns, suffix="_idx"))
        sql = self.sql_create_table % {
            "table": self.quote_name(db_table or meta.db_table),
            "definition": ", ".join(definitions),
        }
        return sql, params

    def create_model(self, model) -> None:
        """CREATE TABLE for a model, then its auto-created many-to-many tables."""
        sql, params = self.table_sql(model)
        self.execute(sql, params or None)
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            if through._meta.auto_created:
                self.create_model(through)

    def delete_model(self, model) -> None:
        """DROP TABLE for a model and its auto-created many-to-many tables."""
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            if through._meta.auto_created:
                self.delete_model(through)
        self.execute(self.sql_delete_table % {"table": self.quote_name(model._meta.db_table)})

    def alter_db_table(self, model, old_db_table: str, new_db_table: str) -> None:
        if old_db_table == new_db_table:
            return
        self.execute(
            self.sql_rename_table
            % {
                "old_table": self.quote_name(old_db_table),
                "new_table": self.quote_name(new_db_table),
            }
        )

    # -- columns --

    def add_field(self, model, field) -> None:
        """ALTER TABLE ADD COLUMN (or create the M2M table)."""
        if field.many_to_many:
            if field.remote_field.through._meta.auto_created:
                self.create_model(field.remote_field.through)
            return
        definition, params = self.column_sql(model, field, include_default=True)
        if definition is None:
            return
        if self._field_should_have_fk(field) and self.sql_create_inline_fk:
            definition += " " + self.sql_create_inline_fk % {
                "to_table": self.quote_name(field.target_field.model._meta.db_table),
                "to_column": self.quote_name(field.target_field.column),
                "deferrable": self.connection.ops.deferrable_sql(),
            }
        self.execute(
            self.sql_create_column
            % {
                "table": self.quote_name(model._meta.db_table),
                "column": self.quote_name(field.column),
                "definition": definition,
            },
            params,
        )
        if self._field_should_have_fk(field) and not self.sql_create_inline_fk:
            self.deferred_sql.append(self._fk_sql(model, field))
        index_sql = self._field_index_sql(model, field)
        if index_sql:
            self.deferred_sql.append(index_sql)
        if (
            self.drop_default_after_add
            and not field.null
            and field.has_default()
            and field.db_default is NOT_PROVIDED_SENTINEL()
        ):
            # The DEFAULT only filled existing rows; the model supplies it from now on.
            self.execute(
                self.sql_alter_column
                % {
                    "table": self.quote_name(model._meta.db_table),
                    "changes": self.sql_alter_column_no_default
                    % {"column": self.quote_name(field.column)},
                }
            )

    def remove_field(self, model, field) -> None:
        """ALTER TABLE DROP COLUMN (or drop the M2M table)."""
        if field.many_to_many:
            if field.remote_field.through._meta.auto_created:
                self.delete_model(field.remote_field.through)
            return
        if field.db_parameters(connection=self.connection)["type"] is None:
            return
        self.execute(
            self.sql_delete_column
            % {
                "table": self.quote_name(model._meta.db_table),
                "column": self.quote_name(field.column),
            }
        )

    def _incoming_relations(self, model, old_field, new_field) -> list:
        """The (model, field) pairs of the concrete FK/O2O columns (M2M through tables
        included) pointing at ``new_field``, when its column type changes: they must
        follow it."""
        old_type = old_field.db_parameters(connection=self.connection)["type"]
        new_type = new_field.db_parameters(connection=self.connection)["type"]
        if old_type == new_type or not (old_field.primary_key or old_field.unique):
            return []
        # Migrations pass the old state's model: the new field's model knows the
        # relations as they will point at the new column.
        model = getattr(new_field, "model", None) or model
        found = []
        seen = set()

        def add(rel_model, field):
            key = (rel_model._meta.db_table, field.column)
            if key not in seen:
                seen.add(key)
                found.append((rel_model, field))

        m2m_fields = list(model._meta.local_many_to_many)
        for relation in model._meta.related_objects:
            if relation.many_to_many:
                m2m_fields.append(relation.field)
                continue
            field = relation.field
            if not field.concrete or field.target_field.name != new_field.name:
                continue
            if field.model._meta.proxy or not field.model._meta.managed:
                continue
            add(field.model, field)
        for field in m2m_fields:
            through = field.remote_field.through
            if isinstance(through, str) or not through._meta.auto_created:
                continue
            for through_field in through._meta.local_fields:
                if (
                    through_field.remote_field
                    and through_field.target_field.model._meta.db_table == model._meta.db_table
                    and through_field.target_field.name == new_field.name
                ):
                    add(through, through_field)
        return found

    def alter_field(self, model, old_field, new_field, strict: bool = False) -> None:
        """Change a column's name, type, nullability, default, uniqueness and index.

        A primary key (or unique target) whose type changes takes the FK/O2O columns
        pointing at it along: their constraints are dropped, their types altered and
        the constraints recreated around the change."""
        incoming = self._incoming_relations(model, old_field, new_field)
        for rel_model, rel_field in incoming:
            rel_table = self.quote_name(rel_model._meta.db_table)
            for name in self._constraint_names(rel_model, [rel_field.column], foreign_key=True):
                self.execute(
                    self.sql_delete_constraint % {"table": rel_table, "name": self.quote_name(name)}
                )
        self._alter_field(model, old_field, new_field, strict)
        for rel_model, rel_field in incoming:
            rel_type = rel_field.db_parameters(connection=self.connection)["type"]
            self.execute(
                self.sql_alter_column
                % {
                    "table": self.quote_name(rel_model._meta.db_table),
                    "changes": self.sql_alter_column_type
                    % {"column": self.quote_name(rel_field.column), "type": rel_type},
                }
            )
        for rel_model, rel_field in incoming:
            if self._field_should_have_fk(rel_field):
                self.execute(self._fk_sql(rel_model, rel_field))

    def _alter_field(self, model, old_field, new_field, strict: bool = False) -> None:
        table = self.quote_name(model._meta.db_table)
        fk_changed = self._foreign_key_changed(old_field, new_field)
        if fk_changed and self._field_should_have_fk(old_field):
            for name in self._constraint_names(model, [old_field.column], foreign_key=True):
                self.execute(
                    self.sql_delete_constraint % {"table": table, "name": self.quote_name(name)}
                )
        if old_field.column != new_field.column:
            self.execute(
                self.sql_rename_column
                % {
                    "table": table,
                    "old_column": self.quote_name(old_field.column),
                    "new_column": self.quote_name(new_field.column),
                }
            )
        column = self.quote_name(new_field.column)
        old_type = old_field.db_parameters(connection=self.connection)["type"]
        new_type = new_field.db_parameters(connection=self.connection)["type"]
        changes = []
        if old_type != new_type:
            changes.append(self.sql_alter_column_type % {"column": column, "type": new_type})
        if old_field.null != new_field.null:
            template = (
                self.sql_alter_column_null if new_field.null else (self.sql_alter_column_not_null)
            )
            changes.append(template % {"column": column})
        if old_field.null and not new_field.null:
            default = self.effective_default(new_field)
            if default is not None:
                # Existing NULLs take the default before NOT NULL is enforced.
                self.execute(f"UPDATE {table} SET {column} = %s WHERE {column} IS NULL", [default])
        for change in changes:
            self.execute(self.sql_alter_column % {"table": table, "changes": change})
        if old_field.unique and not new_field.unique:
            for name in self._constraint_names(
                model, [new_field.column], unique=True, primary_key=False
            ):
                self.execute(
                    self.sql_delete_constraint % {"table": table, "name": self.quote_name(name)}
                )
        if new_field.unique and not old_field.unique:
            self.execute(
                self.sql_create_unique
                % {
                    "table": table,
                    "name": self.quote_name(
                        self._create_index_name(model._meta.db_table, [new_field.column], "_uniq")
                    ),
                    "columns": column,
                }
            )
        if old_field.db_index and not new_field.db_index and not old_field.unique:
            for name in self._constraint_names(
                model, [new_field.column], index=True, unique=False, primary_key=False
            ):
                self.execute(self.sql_delete_index % {"name": self.quote_name(name)})
        if new_field.db_index and not old_field.db_index:
            sql = self._field_index_sql(model, new_field)
            if sql:
                self.execute(sql)
        if fk_changed and self._field_should_have_fk(new_field):
            self.execute(self._fk_sql(model, new_field))

    def _foreign_key_changed(self, old_field, new_field) -> bool:
        """True if the FOREIGN KEY constraint must be dropped or (re)created."""
        old_fk = self._field_should_have_fk(old_field)
        new_fk = self._field_should_have_fk(new_field)
        if old_fk != new_fk:
            return True
        if not old_fk:
            return False

        def target(field):
            return (field.target_field.model._meta.db_table, field.target_field.column)

        return target(old_field) != target(new_field) or old_field.column != new_field.column

    def _constraint_names(
        self,
        model,
        column_names=None,
        unique=None,
        primary_key=None,
        index=None,
        foreign_key=None,
        check=None,
    ) -> list[str]:
        with self.connection.cursor() as cursor:
            constraints = self.connection.introspection.get_constraints(
                cursor, model._meta.db_table
            )
        result = []
        for name, info in constraints.items():
            if column_names is not None and list(column_names) != info["columns"]:
                continue
            if unique is not None and info["unique"] != unique:
                continue
            if primary_key is not None and info["primary_key"] != primary_key:
                continue
            if index is not None and info["index"] != index:
                continue
            if check is not None and info["check"] != check:
                continue
            if foreign_key is not None and not info["foreign_key"]:
                continue
            result.append(name)
        return result

    # -- indexes and constraints --

    def add_index(self, model, index) -> None:
        self.execute(index.create_sql(model, self))

    def remove_index(self, model, index) -> None:
        self.execute(index.remove_sql(model, self))

    def add_constraint(self, model, constraint) -> None:
        sql = constraint.create_sql(model, self)
        if sql:
            self.execute(sql)

    def remove_constraint(self, model, constraint) -> None:
        sql = constraint.remove_sql(model, self)
        if sql:
            self.execute(sql)

    def alter_unique_together(self, model, old_unique_together, new_unique_together) -> None:
        olds = {tuple(fields) for fields in old_unique_together}
        news = {tuple(fields) for fields in new_unique_together}
        meta = model._meta
        for fields in olds - news:
            columns = [meta.get_field(f).column for f in fields]
            for name in self._constraint_names(model, columns, unique=True, primary_key=False):
                self.execute(
                    self.sql_delete_constraint
                    % {"table": self.quote_name(meta.db_table), "name": self.quote_name(name)}
                )
        for fields in news - olds:
            columns = [meta.get_field(f).column for f in fields]
            self.execute(
                self.sql_create_unique
                % {
                    "table": self.quote_name(meta.db_table),
                    "name": self.quote_name(
                        self._create_index_name(meta.db_table, columns, "_uniq")
                    ),
                    "columns": ", ".join(self.quote_name(c) for c in columns),
                }
            )

    def rename_index(self, model, old_index, new_index) -> None:
        """Rename an index (ALTER INDEX ... RENAME TO; SQLite drops and recreates it)."""
        self.execute(
            self.sql_rename_index
            % {
                "old_name": self.quote_name(old_index.name),
                "new_name": self.quote_name(new_index.name),
            }
        )

    def alter_index_together(self, model, old_index_together, new_index_together) -> None:
        """Drop and create the multi-column indexes of Meta.index_together."""
        meta = model._meta
        olds = {tuple(fields) for fields in old_index_together}
        news = {tuple(fields) for fields in new_index_together}
        for fields in olds - news:
            columns = [meta.get_field(f).column for f in fields]
            for name in self._constraint_names(
                model, columns, index=True, unique=False, primary_key=False
            ):
                self.execute(self.sql_delete_index % {"name": self.quote_name(name)})
        for fields in news - olds:
            columns = [meta.get_field(f).column for f in fields]
            self.execute(self._index_sql(model, columns, suffix="_idx"))

    def alter_db_table_comment(self, model, old_db_table_comment, new_db_table_comment):
        """Table comments are not emitted yet (no backend option depends on them)."""

    def alter_db_tablespace(self, model, old_db_tablespace, new_db_tablespace):
        """Tablespaces are not supported; a no-op as on backends without them."""


def NOT_PROVIDED_SENTINEL():  # noqa: N802 - reads as the constant it returns
    from framework.db.models.fields.base import NOT_PROVIDED

    return NOT_PROVIDED
