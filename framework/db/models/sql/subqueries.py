"""Queries that are not plain SELECTs: INSERT, UPDATE, DELETE and aggregate-over-subquery."""

from __future__ import annotations

from framework.core.exceptions import FieldError
from framework.db.models.sql.query import Query

GET_ITERATOR_CHUNK_SIZE = 100


class DeleteQuery(Query):
    """DELETE FROM table WHERE ..."""

    compiler = "SQLDeleteCompiler"

    def do_query(self, table, where, using):
        self.alias_map = {table: self.alias_map[table]}
        self.where = where
        return self.get_compiler(using).execute_sql("cursor_rowcount")

    def delete_batch(self, pk_list, using) -> int:
        """Delete rows whose pk is in pk_list, in chunks; return the row count."""

        num_deleted = 0
        field = self.get_meta().pk
        for offset in range(0, len(pk_list), GET_ITERATOR_CHUNK_SIZE):
            self.clear_where()
            self.add_filter(
                f"{field.attname}__in", pk_list[offset : offset + GET_ITERATOR_CHUNK_SIZE]
            )
            num_deleted += self.do_query(self.get_meta().db_table, self.where, using=using) or 0
        return num_deleted


class UpdateQuery(Query):
    """UPDATE table SET col = value ... WHERE ..."""

    compiler = "SQLUpdateCompiler"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._setup_query()

    def _setup_query(self):
        self.values: list = []
        self.related_ids = None
        self.related_updates: dict = {}

    def clone(self):
        obj = super().clone()
        obj.related_updates = self.related_updates.copy()
        obj.values = self.values[:]
        return obj

    def update_batch(self, pk_list, values, using):
        self.add_update_values(values)
        for offset in range(0, len(pk_list), GET_ITERATOR_CHUNK_SIZE):
            self.clear_where()
            self.add_filter("pk__in", pk_list[offset : offset + GET_ITERATOR_CHUNK_SIZE])
            self.get_compiler(using).execute_sql("no_results")

    def add_update_values(self, values: dict):
        """Validate field names of ``update(**values)`` and queue them."""
        values_seq = []
        for name, val in values.items():
            field = self.get_meta().get_field(name)
            direct = not (field.auto_created and not field.concrete) or not field.concrete
            model = field.model._meta.concrete_model
            if not direct or (field.is_relation and field.many_to_many):
                raise FieldError(
                    f"Cannot update model field {field!r} (only non-relations and foreign "
                    f"keys permitted)."
                )
            if model is not self.get_meta().concrete_model:
                self.add_related_update(model, field, val)
                continue
            values_seq.append((field, model, val))
        return self.add_update_fields(values_seq)

    def add_update_fields(self, values_seq):
        for field, model, val in values_seq:
            if hasattr(val, "resolve_expression"):
                val = val.resolve_expression(self, allow_joins=False, for_save=True)
            self.values.append((field, model, val))

    def add_related_update(self, model, field, value):
        self.related_updates.setdefault(model, []).append((field, None, value))

    def get_related_updates(self):
        if not self.related_updates:
            return []
        result = []
        for model, values in self.related_updates.items():
            query = UpdateQuery(model)
            query.values = values
            if self.related_ids is not None:
                query.add_filter("pk__in", self.related_ids[model])
            result.append(query)
        return result


class InsertQuery(Query):
    """INSERT INTO table (cols) VALUES (...), (...) [ON CONFLICT ...]."""

    compiler = "SQLInsertCompiler"

    def __init__(self, *args, on_conflict=None, update_fields=None, unique_fields=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields: list = []
        self.objs: list = []
        self.on_conflict = on_conflict
        self.update_fields = update_fields or []
        self.unique_fields = unique_fields or []

    def insert_values(self, fields, objs, raw=False):
        self.fields = fields
        self.objs = objs
        self.raw = raw


class AggregateQuery(Query):
    """SELECT aggregates FROM (inner query) subquery."""

    compiler = "SQLAggregateCompiler"

    def __init__(self, model, inner_query):
        self.inner_query = inner_query
        super().__init__(model)
