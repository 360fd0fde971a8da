"""Compilers of INSERT, UPDATE, DELETE and aggregate-over-subquery statements."""

from __future__ import annotations

import datetime
import decimal
import functools
import uuid
from itertools import chain
from operator import attrgetter

from framework.core.exceptions import FieldError, FullResultSet
from framework.db.models.sql.compiler import SQLCompiler, SQLContext
from framework.db.models.sql.constants import MULTI, ROW_COUNT
from framework.db.utils import KEEP_CURSOR_MAX_ROWS


class SQLInsertCompiler(SQLCompiler):
    """INSERT with RETURNING where the backend can."""

    returning_fields = None
    returning_params = ()

    def field_as_sql(self, field, val):
        if field is None:
            return "%s", [val]
        if hasattr(val, "as_sql"):
            sql, params = self.compile(val)
            return sql, params
        if hasattr(field, "get_placeholder"):
            return field.get_placeholder(val, self, self.connection), [val]
        return "%s", [val]

    def prepare_value(self, field, value):
        if hasattr(value, "resolve_expression"):
            value = value.resolve_expression(self.query, allow_joins=False, for_save=True)
            if value.contains_column_references:
                raise ValueError(
                    f'Failed to insert expression "{value}" on {field}. F() expressions can '
                    f"only be used to update, not to insert."
                )
            if value.contains_aggregate:
                raise FieldError(
                    f"Aggregate functions are not allowed in this query ({field.name}={value!r})."
                )
            if value.contains_over_clause:
                raise FieldError(
                    f"Window expressions are not allowed in this query ({field.name}={value!r})."
                )
            return value
        return field.get_db_prep_save(value, connection=self.connection)

    def pre_save_val(self, field, obj):
        if self.query.raw:
            return getattr(obj, field.attname)
        return field.pre_save(obj, add=True)

    def as_sql(self):
        """Return a list of (sql, params) statements."""
        qn = self.connection.ops.quote_name
        opts = self.query.get_meta()
        insert_statement = self.connection.ops.insert_statement(on_conflict=self.query.on_conflict)
        fields = self.query.fields
        table = qn(opts.db_table)
        returning_sql = ""
        if self.returning_fields and self.connection.features.can_return_columns_from_insert:
            returning_sql, _ = self.connection.ops.return_insert_columns(self.returning_fields)
        on_conflict_sql = self.connection.ops.on_conflict_suffix_sql(
            fields,
            self.query.on_conflict,
            [f.column for f in self.query.update_fields],
            [f.column for f in self.query.unique_fields],
        )
        if not fields:
            sql = f"{insert_statement} {table} DEFAULT VALUES"
            if on_conflict_sql:
                sql += f" {on_conflict_sql}"
            if returning_sql:
                sql += f" {returning_sql}"
            return [(sql, ()) for _ in self.query.objs]
        lean = self._lean_insert(
            qn, insert_statement, table, fields, on_conflict_sql, returning_sql
        )
        if lean is not None:
            return lean
        value_rows = [
            [self.prepare_value(field, self.pre_save_val(field, obj)) for field in fields]
            for obj in self.query.objs
        ]
        placeholder_rows = []
        param_rows = []
        for row in value_rows:
            ph_row = []
            p_row: list = []
            for field, val in zip(fields, row):
                sql, params = self.field_as_sql(field, val)
                ph_row.append(sql)
                p_row.extend(params)
            placeholder_rows.append(ph_row)
            param_rows.append(p_row)
        columns = ", ".join(qn(f.column) for f in fields)
        can_bulk = (
            not self.returning_fields or self.connection.features.can_return_rows_from_bulk_insert
        )
        if can_bulk:
            values_sql = self.connection.ops.bulk_insert_sql(fields, placeholder_rows)
            sql = f"{insert_statement} {table} ({columns}) {values_sql}"
            if on_conflict_sql:
                sql += f" {on_conflict_sql}"
            if returning_sql:
                sql += f" {returning_sql}"
            return [(sql, [p for row in param_rows for p in row])]
        result = []
        for ph_row, p_row in zip(placeholder_rows, param_rows):
            sql = f"{insert_statement} {table} ({columns}) VALUES ({', '.join(ph_row)})"
            if on_conflict_sql:
                sql += f" {on_conflict_sql}"
            if returning_sql:
                sql += f" {returning_sql}"
            result.append((sql, p_row))
        return result

    def _lean_insert(self, qn, insert_statement, table, fields, on_conflict_sql, returning_sql):
        """The multi-row INSERT when every value is a plain "%s" parameter, else None.

        Values of a type the field passes through unchanged (see _passthrough_types) are
        read with getattr() only; the others take the general prepare_value() path.
        """
        if self.returning_fields and not self.connection.features.can_return_rows_from_bulk_insert:
            return None
        connection = self.connection
        kinds = []
        for field in fields:
            if hasattr(field, "get_placeholder"):
                return None
            kinds.append((field, field.attname, _passthrough_types(field, connection)))
        prepare_value, pre_save_val = self.prepare_value, self.pre_save_val
        objs = self.query.objs
        # Column by column: getattr() and the type check run in C (map) for plain columns.
        columns = []
        for field, attname, plain in kinds:
            if plain is not None:
                column = list(map(attrgetter(attname), objs))
                if plain.issuperset(map(type, column)):
                    columns.append(column)
                    continue
            column = [prepare_value(field, pre_save_val(field, obj)) for obj in objs]
            if not _SAFE_TYPES.issuperset(map(type, column)) and any(
                hasattr(value, "as_sql") for value in column
            ):
                return None
            columns.append(column)
        params = list(chain.from_iterable(zip(*columns)))
        row = ["%s"] * len(fields)
        values_sql = connection.ops.bulk_insert_sql(fields, [row] * len(self.query.objs))
        columns = ", ".join(qn(f.column) for f in fields)
        sql = f"{insert_statement} {table} ({columns}) {values_sql}"
        if on_conflict_sql:
            sql += f" {on_conflict_sql}"
        if returning_sql:
            sql += f" {returning_sql}"
        return [(sql, params)]

    def execute_sql(self, returning_fields=None):
        """Run the INSERT(s); return rows of returning_fields values (converted)."""
        opts = self.query.get_meta()
        self.returning_fields = returning_fields
        rows = []
        connection = self.connection
        cursor = connection.statement_cursor()
        try:
            for sql, params in self.as_sql():
                cursor.execute(sql, params)
                if not self.returning_fields:
                    continue
                if connection.features.can_return_columns_from_insert:
                    rows.extend(cursor.fetchall())
                else:
                    rows.append(
                        (connection.ops.last_insert_id(cursor, opts.db_table, opts.pk.column),)
                    )
        finally:
            # A big RETURNING result isn't kept alive in the reusable cursor.
            if len(rows) > KEEP_CURSOR_MAX_ROWS:
                cursor.close()
            else:
                connection.release_cursor(cursor)
        if not self.returning_fields:
            return []
        cols = [field.get_col(opts.db_table) for field in self.returning_fields]
        converters = self.get_converters(cols)
        if converters:
            rows = list(map(tuple, self.apply_converters(rows, converters)))
        return rows


class SQLDeleteCompiler(SQLCompiler):
    """DELETE FROM table WHERE ... (a pk IN subquery when the filter needs joins)."""

    @property
    def single_alias(self):
        self.query.get_initial_alias()
        return sum(self.query.alias_refcount[t] > 0 for t in self.query.alias_map) == 1

    def as_sql(self):
        qn = self.connection.ops.quote_name
        table = self.query.get_meta().db_table
        if self.single_alias:
            ctx = SQLContext().sql(f"DELETE FROM {qn(table)}")
            try:
                where, params = self.compile(self.query.where)
            except FullResultSet:
                return ctx.query()
            return ctx.add(f"WHERE {where}", params).query()
        from framework.db.models.sql.query import Query

        innerq = self.query.clone()
        innerq.__class__ = Query
        innerq.clear_select_clause()
        pk = self.query.model._meta.pk
        innerq.select = [pk.get_col(self.query.get_initial_alias())]
        outerq = Query(self.query.model)
        outerq.add_filter("pk__in", innerq)
        where, params = self.compile(outerq.where)
        return f"DELETE FROM {qn(table)} WHERE {where}", tuple(params)


class SQLUpdateCompiler(SQLCompiler):
    """UPDATE table SET ... WHERE ... (a pk IN subquery when the filter needs joins)."""

    def as_sql(self):
        self.pre_sql_setup()
        if not self.query.values:
            return "", ()
        qn = self.connection.ops.quote_name
        values, update_params = [], []
        for field, _model, val in self.query.values:
            if hasattr(val, "resolve_expression"):
                val = val.resolve_expression(self.query, allow_joins=False, for_save=True)
                if val.contains_aggregate:
                    raise FieldError(
                        f"Aggregate functions are not allowed in this query ({field.name}={val!r})."
                    )
                if val.contains_over_clause:
                    raise FieldError(
                        f"Window expressions are not allowed in this query ({field.name}={val!r})."
                    )
            elif hasattr(val, "prepare_database_save"):
                if field.remote_field:
                    val = val.prepare_database_save(field)
                else:
                    raise TypeError(
                        f"Tried to update field {field} with a model instance, {val!r}. Use "
                        f"a value compatible with {field.__class__.__name__}."
                    )
            val = field.get_db_prep_save(val, connection=self.connection)
            placeholder = (
                field.get_placeholder(val, self, self.connection)
                if hasattr(field, "get_placeholder")
                else "%s"
            )
            name = field.column
            if hasattr(val, "as_sql"):
                sql, params = self.compile(val)
                values.append(f"{qn(name)} = {placeholder % sql}")
                update_params.extend(params)
            elif val is not None:
                values.append(f"{qn(name)} = {placeholder}")
                update_params.append(val)
            else:
                values.append(f"{qn(name)} = NULL")
        table = self.query.base_table
        ctx = SQLContext().sql(f"UPDATE {qn(table)} SET").add(", ".join(values), update_params)
        try:
            where, params = self.compile(self.query.where)
        except FullResultSet:
            return ctx.query()
        return ctx.add(f"WHERE {where}", params).query()

    def execute_sql(self, result_type):
        row_count = super().execute_sql(ROW_COUNT)
        is_empty = row_count is None
        row_count = row_count or 0
        for query in self.query.get_related_updates():
            aux_rows = query.get_compiler(self.using).execute_sql(result_type)
            if is_empty and aux_rows:
                row_count = aux_rows
                is_empty = False
        return row_count

    def pre_sql_setup(self):
        refcounts_before = self.query.alias_refcount.copy()
        self.query.get_initial_alias()
        count_ = self.query.count_active_tables()
        if not self.query.related_updates and count_ == 1:
            return
        from framework.db.models.sql.query import Query

        query = self.query.chain(klass=Query)
        query.select_related = False
        query.clear_ordering(force=True)
        query.extra = {}
        query.select = []
        meta = query.get_meta()
        fields = [meta.pk.name]
        for related_model in self.query.related_updates:
            if not related_model._meta.pk.model == related_model:
                pass
        query.add_fields(fields)
        self.query.related_ids = None
        if self.query.related_updates:
            idents = []
            related_ids: dict = {}
            for rows in query.get_compiler(self.using).execute_sql(MULTI):
                idents.extend(r[0] for r in rows)
                for parent in self.query.related_updates:
                    related_ids.setdefault(parent, []).extend(r[0] for r in rows)
            self.query.add_filter("pk__in", idents)
            self.query.related_ids = related_ids
        else:
            self.query.add_filter("pk__in", query)
        self.query.reset_refcounts(refcounts_before)


class SQLAggregateCompiler(SQLCompiler):
    """SELECT aggregates FROM (inner) subquery."""

    def as_sql(self):
        sql, params = [], []
        for annotation in self.query.annotation_select.values():
            ann_sql, ann_params = self.compile(annotation)
            ann_sql, ann_params = annotation.select_format(self, ann_sql, ann_params)
            sql.append(ann_sql)
            params.extend(ann_params)
        self.col_count = len(self.query.annotation_select)
        sql = ", ".join(sql)
        params = tuple(params)
        inner_query_sql, inner_query_params = self.query.inner_query.get_compiler(
            self.using, elide_empty=self.elide_empty
        ).as_sql(with_col_aliases=True)
        sql = f"SELECT {sql} FROM ({inner_query_sql}) subquery"
        params += tuple(inner_query_params)
        return sql, params

    def setup_query(self, with_col_aliases=False):
        self.select = [(a, None, alias) for alias, a in self.query.annotation_select.items()]
        self.col_count = len(self.select)

    def select_expressions(self):
        return list(self.query.annotation_select.values())


_NONE = type(None)
# Types that are never expressions (no as_sql()).
_SAFE_TYPES = frozenset(
    {int, str, float, bool, bytes, _NONE, decimal.Decimal, uuid.UUID}
    | {datetime.date, datetime.datetime, datetime.time, datetime.timedelta}
)


@functools.cache
def _field_classes() -> tuple:
    """The field classes _passthrough_types() knows, imported on first use (import cycle)."""
    from framework.db.models.fields.base import Field
    from framework.db.models.fields.numeric import IntegerField
    from framework.db.models.fields.related import ForeignKey
    from framework.db.models.fields.text import CharField, TextField

    return Field, IntegerField, ForeignKey, CharField, TextField


def _passthrough_types(field, connection) -> frozenset | None:
    """Value types that pre_save() + get_db_prep_save() of ``field`` return unchanged.

    Only fields whose methods are the known base implementations qualify (checked on the
    class, so subclasses that override any of them take the general path).
    """
    Field, IntegerField, ForeignKey, CharField, TextField = _field_classes()
    cls = type(field)
    if cls.pre_save is not Field.pre_save:
        return None
    if cls.get_db_prep_save is ForeignKey.get_db_prep_save:
        # None stays None; other values go through the target field.
        return frozenset({_NONE})
    if cls.get_db_prep_save is not Field.get_db_prep_save:
        return None
    prep, db_prep = cls.get_prep_value, cls.get_db_prep_value
    if prep in (CharField.get_prep_value, TextField.get_prep_value):
        plain = frozenset({str, _NONE})
    elif prep is IntegerField.get_prep_value:
        plain = frozenset({int, _NONE})
    else:
        return None
    if db_prep not in (Field.get_db_prep_value, IntegerField.get_db_prep_value):
        return None
    if cls.to_python not in (CharField.to_python, TextField.to_python, IntegerField.to_python):
        return None
    return plain
